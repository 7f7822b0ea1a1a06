#pragma once

#include <QJsonObject>
#include <QObject>
#include <QUrl>
#include <atomic>
#include <functional>

class QNetworkAccessManager;

namespace Callbook {

struct RetellAnswer {
    int status = 0; // 0: no answer (network error or timeout)
    QJsonObject json;
    qint64 elapsedMs = 0;

    bool answered() const { return status / 100 == 2; }
    // A function's own verdict ("success": true), as the agent would read it.
    bool success() const { return answered() && json.value(QStringLiteral("success")).toBool(); }
    QString errorCode() const {
        return json.value(QStringLiteral("error"))
            .toObject()
            .value(QStringLiteral("code"))
            .toString();
    }
};

// Talks to the service as Retell does: JSON bodies signed with X-Retell-Signature (HMAC-SHA256
// over body‖timestamp in ms), over keep-alive connections. Asynchronous; lives on the thread
// that creates it.
class RetellClient final : public QObject {
    Q_OBJECT
public:
    RetellClient(const QUrl &serviceUrl, const QByteArray &apiKey, QObject *parent = nullptr);

    using Done = std::function<void(const RetellAnswer &)>;
    // `done` runs on this object's thread unless `context` is gone by then.
    void post(const QString &path, const QJsonObject &body, QObject *context, Done done);
    void get(const QString &path, QObject *context, Done done);

    // Any thread.
    qint64 requestsSent() const { return m_sent.load(); }
    qint64 errors() const { return m_errors.load(); } // no answer or not 2xx

private:
    void send(const QString &path, const QByteArray *body, QObject *context, Done done);

    QNetworkAccessManager *m_network;
    QUrl m_serviceUrl;
    QByteArray m_apiKey;
    std::atomic<qint64> m_sent{0};
    std::atomic<qint64> m_errors{0};
};

} // namespace Callbook
