#pragma once

#include "httplimits.h"
#include "requestmetrics.h"

#include <QSslConfiguration>
#include <QTcpServer>
#include <optional>

namespace Callbook {

// The listener in front of QHttpServer 6.4.2, which has no limits of its own: it sees every
// byte before QHttpServer's parser does (its readyRead slot is connected first) and answers
// 400/408/413/431 itself, closes idle connections, and honours `Connection: close`.
class GuardedTcpServer final : public QTcpServer {
    Q_OBJECT
public:
    explicit GuardedTcpServer(QObject *parent = nullptr);
    void setLimits(const HttpLimits &limits) { m_limits = limits; }
    const HttpLimits &limits() const { return m_limits; }
    // Counts every answer by route and status, with its time (nullptr: none).
    void setRequestMetrics(HttpRequestMetrics *metrics) { m_metrics = metrics; }
    HttpRequestMetrics *requestMetrics() const { return m_metrics; }
    // HTTPS: every connection is a QSslSocket that starts the server handshake at once (the
    // guard then sees the decrypted bytes).
    void setTlsConfiguration(const QSslConfiguration &tls) { m_tls = tls; }
    bool usesTls() const { return m_tls.has_value(); }

Q_SIGNALS:
    void requestRejected(int status, const QString &code);

protected:
    void incomingConnection(qintptr socketDescriptor) override;

private:
    HttpLimits m_limits;
    HttpRequestMetrics *m_metrics = nullptr;
    std::optional<QSslConfiguration> m_tls;
};

} // namespace Callbook
