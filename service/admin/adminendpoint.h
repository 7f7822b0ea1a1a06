#pragma once

#include <QByteArray>
#include <QHttpServerResponse>
#include <QObject>
#include <optional>

namespace Callbook {

class Calendars;
class HttpFront;
class IncomingRequest;
class TenantDirectory;
class AuditLog;

// `/api/admin/...`: the live state behind `callbook breaker` and `callbook cache clear`.
// Answered only to requests from a loopback address that did not come through a proxy and
// carry `Authorization: Bearer <admin-token>` (the secret, compared in constant time).
// Without a configured token every admin route answers 403 admin_disabled. Lives on the
// service thread; nothing here waits.
class AdminEndpoint final : public QObject {
    Q_OBJECT
public:
    // `token`: the secret admin-token, or nothing when it is not configured.
    AdminEndpoint(Calendars &calendars, const TenantDirectory &directory, AuditLog &audit,
                  std::optional<QByteArray> token, QObject *parent = nullptr);

    void registerRoutes(HttpFront &http);

    static constexpr int kMinimumTokenBytes = 16;

private:
    // An error response when the request may not use the admin routes.
    std::optional<QHttpServerResponse> refusal(const IncomingRequest &request) const;
    QHttpServerResponse breakers() const;
    QHttpServerResponse resetBreaker(const QString &slug, const IncomingRequest &request);
    QHttpServerResponse clearCache(const std::optional<QString> &slug,
                                   const IncomingRequest &request);
    void audit(const IncomingRequest &request, const QString &action, qint64 companyId,
               QJsonObject details);

    Calendars &m_calendars;
    const TenantDirectory &m_directory;
    AuditLog &m_audit;
    std::optional<QByteArray> m_tokenHash; // SHA-256 of the token
};

} // namespace Callbook
