#pragma once

#include "inmemorycalcom.h"

#include <QObject>
#include <QString>
#include <atomic>
#include <functional>
#include <memory>

class QHttpServer;
class QHttpServerRequest;
class QHttpServerResponse;
class QTcpServer;
class QThread;

namespace Callbook {

// The demo's Cal.com: InMemoryCalcom over HTTP on loopback (a QHttpServer bound to its own
// QTcpServer), with an outage switch. Lives on the thread that calls start().
class DemoCalcomServer final : public QObject {
    Q_OBJECT
public:
    explicit DemoCalcomServer(QObject *parent = nullptr);
    ~DemoCalcomServer() override;

    InMemoryCalcom &calcom() { return m_calcom; } // set up before start()
    bool start(QString *error);
    quint16 port() const { return m_port; }

    // While on, every request is answered 503 as by a Cal.com that is down. Any thread.
    void setOutage(bool on) { m_outage.store(on); }
    bool outage() const { return m_outage.load(); }
    qint64 requestsAnswered() const { return m_answered.load(); }

private:
    QHttpServerResponse answer(const QHttpServerRequest &request);

    InMemoryCalcom m_calcom;
    std::unique_ptr<QHttpServer> m_http;
    quint16 m_port = 0;
    std::atomic<bool> m_outage{false};
    std::atomic<qint64> m_answered{0};
};

// DemoCalcomServer on a thread of its own, so the service's Cal.com requests are answered
// whatever the service's and the simulator's threads are doing.
class DemoCalcomThread {
public:
    DemoCalcomThread();
    ~DemoCalcomThread();
    // Sets the server up with `setup` and starts it on its thread; waits for both.
    bool start(const std::function<void(InMemoryCalcom &)> &setup, QString *error);
    QString baseUrl() const;
    DemoCalcomServer *server() const { return m_server; } // setOutage() from any thread

private:
    std::unique_ptr<QThread> m_thread;
    DemoCalcomServer *m_server = nullptr; // lives on m_thread
};

} // namespace Callbook
