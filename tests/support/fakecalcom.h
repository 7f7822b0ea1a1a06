#pragma once

// A scripted Cal.com API v2 server for tests and benchmarks: Cal.com itself is
// Callbook::InMemoryCalcom (service/demo/, shared with the demo's Cal.com server), this adds the
// transport and faults injected per test: latency, failures with any status, hangs, and creates
// that are stored but never answered (unknown outcome).
//
// Raw HTTP/1.1 with keep-alive on a loopback QTcpServer, on the thread that creates it.

#include "demo/inmemorycalcom.h"

#include <QHash>
#include <QObject>
#include <functional>

class QTcpServer;
class QThread;
class QTcpSocket;

namespace CallbookTest {

class FakeCalcom final : public QObject {
    Q_OBJECT
public:
    using EventType = Callbook::InMemoryCalcom::EventType;
    using Booking = Callbook::InMemoryCalcom::Booking;
    using Request = Callbook::InMemoryCalcom::Request;

    explicit FakeCalcom(QObject *parent = nullptr);
    ~FakeCalcom() override;

    bool start(quint16 port = 0); // loopback; 0 = ephemeral
    quint16 port() const;
    QString baseUrl() const;

    // The valid API keys; requests with any other Bearer token get 401. Each key has its own
    // rate window.
    void setApiKey(const QByteArray &key) { m_calcom.setApiKey(key); }
    void addApiKey(const QByteArray &key) { m_calcom.addApiKey(key); }
    void addEventType(const EventType &type) { m_calcom.addEventType(type); }
    // Working hours of the host, in `zone`, every day of the week (default 09:00–17:00).
    void setWorkingHours(const QTimeZone &zone, QTime open, QTime close) {
        m_calcom.setWorkingHours(zone, open, close);
    }
    // A booking somebody else made (e.g. on Cal.com's own booking page).
    Booking addForeignBooking(qint64 eventTypeId, qint64 startMs, const QString &name,
                              const QJsonObject &metadata = {}) {
        return m_calcom.addForeignBooking(eventTypeId, startMs, name, metadata);
    }

    // Faults, applied to the next requests in arrival order.
    void setLatencyMs(int ms) { m_latencyMs = ms; }
    // A 429 comes with the rate headers of a key used up by other clients (reset in 30 s).
    void failNext(int count, int status) { m_failures.append({count, status}); }
    void hangNext(int count) { m_hangs += count; }
    // The next `count` creates are stored but never answered: the client cannot tell.
    void swallowNextCreates(int count) { m_swallowCreates += count; }
    void setRateLimit(int perWindow, int windowMs) { m_calcom.setRateLimit(perWindow, windowMs); }

    const QList<Request> &requests() const { return m_requests; }
    int requestCount(const QString &pathPrefix, const QByteArray &method = {}) const;
    void clearRequests() { m_requests.clear(); }
    QList<Booking> bookings() const { return m_calcom.bookings(); }
    std::optional<Booking> booking(const QString &uid) const { return m_calcom.booking(uid); }

    // A webhook body exactly as Cal.com sends it for `booking`, and its signature.
    QByteArray webhookBody(const QString &trigger, const Booking &booking) const {
        return m_calcom.webhookBody(trigger, booking);
    }
    static QByteArray sign(const QByteArray &body, const QByteArray &secret) {
        return Callbook::InMemoryCalcom::sign(body, secret);
    }

    // The REST representation of a booking (BookingOutput_2024_08_13).
    QJsonObject bookingJson(const Booking &booking) const { return m_calcom.bookingJson(booking); }

private:
    using Reply = Callbook::InMemoryCalcom::Reply;
    void onNewConnection();
    void onReadyRead(QTcpSocket *socket);
    void handle(QTcpSocket *socket, Request request);
    void send(QTcpSocket *socket, const Reply &reply);

    QTcpServer *m_server;
    QHash<QTcpSocket *, QByteArray> m_buffers;
    Callbook::InMemoryCalcom m_calcom;
    int m_latencyMs = 0;
    QList<QPair<int, int>> m_failures; // count, status
    int m_hangs = 0;
    int m_swallowCreates = 0;
    QList<Request> m_requests;
};

// The fake on a thread of its own, for tests that block their own thread (synchronous HTTP to
// the real binary, which then calls the fake) and for benchmarks.
class FakeCalcomThread {
public:
    FakeCalcomThread();
    ~FakeCalcomThread();
    // Runs `f` with the fake on its thread and waits for it.
    void run(const std::function<void(FakeCalcom &)> &f);
    QString baseUrl();

private:
    QThread *m_thread;
    QObject *m_anchor;
    FakeCalcom *m_fake = nullptr;
};

} // namespace CallbookTest
