#include "adminendpoint.h"

#include "calcom/calcomconnection.h"
#include "calendar/calendars.h"
#include "core/constanttime.h"
#include "http/httpfront.h"
#include "http/jsonreply.h"
#include "store/auditlog.h"
#include "tenants/tenantdirectory.h"

#include <QCryptographicHash>
#include <QJsonArray>
#include <QRegularExpression>

namespace Callbook {

using Status = QHttpServerResponse::StatusCode;

namespace {

QByteArray sha256(const QByteArray &data) {
    return QCryptographicHash::hash(data, QCryptographicHash::Sha256);
}

bool isLoopback(const QHostAddress &address) {
    bool mapped = false;
    const quint32 v4 = address.toIPv4Address(&mapped); // also ::ffff:127.0.0.1
    return mapped ? QHostAddress(v4).isLoopback() : address.isLoopback();
}

std::optional<TenantInfo> bySlug(const TenantDirectory &directory, const QString &slug) {
    for (const TenantInfo &t : directory.all())
        if (t.slug == slug)
            return t;
    return std::nullopt;
}

} // namespace

AdminEndpoint::AdminEndpoint(Calendars &calendars, const TenantDirectory &directory,
                             AuditLog &audit, std::optional<QByteArray> token, QObject *parent)
    : QObject(parent)
    , m_calendars(calendars)
    , m_directory(directory)
    , m_audit(audit) {
    if (token && token->size() >= kMinimumTokenBytes)
        m_tokenHash = sha256(*token);
}

std::optional<QHttpServerResponse> AdminEndpoint::refusal(const IncomingRequest &request) const {
    // A reverse proxy on this machine makes every request look local: proxied ones are
    // refused as remote.
    const bool proxied = !request.value(QByteArrayLiteral("x-forwarded-for")).isEmpty() ||
                         !request.value(QByteArrayLiteral("forwarded")).isEmpty() ||
                         !request.value(QByteArrayLiteral("x-real-ip")).isEmpty();
    if (!isLoopback(request.remoteAddress()) || proxied)
        return errorResponse(Status::Forbidden, QStringLiteral("loopback_only"),
                             QStringLiteral("The admin endpoint answers only on this machine "
                                            "(a loopback address, not through a proxy)."));
    if (!m_tokenHash)
        return errorResponse(
            Status::Forbidden, QStringLiteral("admin_disabled"),
            QStringLiteral("No admin token is configured: set the secret admin-token (keychain, "
                           "CALLBOOK_SECRET_ADMIN_TOKEN or $CREDENTIALS_DIRECTORY/admin-token, "
                           "at least %1 characters) and restart the service.")
                .arg(kMinimumTokenBytes));
    const QByteArray header = request.value(QByteArrayLiteral("authorization"));
    static const QByteArray scheme = QByteArrayLiteral("bearer ");
    const bool bearer =
        header.size() > scheme.size() && header.left(scheme.size()).toLower() == scheme;
    // Hashing first makes the comparison independent of the given token's length too.
    if (!bearer || !constantTimeEquals(sha256(header.mid(scheme.size()).trimmed()), *m_tokenHash)) {
        QHttpServerResponse r = errorResponse(
            Status::Unauthorized, QStringLiteral("unauthorized"),
            QStringLiteral("Missing or wrong admin token (Authorization: Bearer <admin-token>)."));
#if QT_VERSION < QT_VERSION_CHECK(6, 8, 0)
        r.setHeader(QByteArrayLiteral("WWW-Authenticate"), QByteArrayLiteral("Bearer"));
#else
        QHttpHeaders headers = r.headers();
        headers.append(QHttpHeaders::WellKnownHeader::WWWAuthenticate, "Bearer");
        r.setHeaders(std::move(headers));
#endif
        return r;
    }
    return std::nullopt;
}

void AdminEndpoint::registerRoutes(HttpFront &http) {
    using Method = HttpFront::Method;
    // Refused requests get their answer; the others the action's.
    auto guarded = [this](auto action) {
        return [this, action](const IncomingRequest &request, DeferredResponder reply) {
            if (auto refused = refusal(request))
                return reply.sendResponse(std::move(*refused));
            reply.sendResponse(action(request));
        };
    };
    auto guardedWithSlug = [this](auto action) {
        return [this, action](const QString &slug, const IncomingRequest &request,
                              DeferredResponder reply) {
            if (auto refused = refusal(request))
                return reply.sendResponse(std::move(*refused));
            reply.sendResponse(action(slug, request));
        };
    };
    // The longer paths first: a route also takes the paths below it.
    http.route(QStringLiteral("/api/admin/breaker/reset/<arg>"), Method::Post,
               HttpFront::ArgHandler(
                   guardedWithSlug([this](const QString &slug, const IncomingRequest &request) {
                       return resetBreaker(slug, request);
                   })));
    http.route(QStringLiteral("/api/admin/breaker"), Method::Get,
               HttpFront::Handler(guarded([this](const IncomingRequest &) { return breakers(); })));
    http.route(QStringLiteral("/api/admin/cache/clear/<arg>"), Method::Post,
               HttpFront::ArgHandler(
                   guardedWithSlug([this](const QString &slug, const IncomingRequest &request) {
                       return clearCache(slug, request);
                   })));
    http.route(QStringLiteral("/api/admin/cache/clear"), Method::Post,
               HttpFront::Handler(guarded([this](const IncomingRequest &request) {
                   return clearCache(std::nullopt, request);
               })));
}

QHttpServerResponse AdminEndpoint::breakers() const {
    QJsonArray out;
    for (const QJsonValue &v : m_calendars.calcomHealth()) {
        const QJsonObject t = v.toObject();
        QJsonObject entry{{QStringLiteral("company"), t.value(QStringLiteral("company"))},
                          {QStringLiteral("base_url"), t.value(QStringLiteral("base_url"))},
                          {QStringLiteral("configured"), t.value(QStringLiteral("configured"))}};
        const QJsonObject breaker = t.value(QStringLiteral("breaker")).toObject();
        for (auto it = breaker.begin(); it != breaker.end(); ++it)
            entry.insert(it.key(), it.value());
        if (!breaker.contains(QStringLiteral("state")))
            entry.insert(QStringLiteral("state"), QStringLiteral("no_connection"));
        out.append(entry);
    }
    return jsonResponse(QJsonObject{{QStringLiteral("breakers"), out}});
}

QHttpServerResponse AdminEndpoint::resetBreaker(const QString &slug,
                                                const IncomingRequest &request) {
    const auto tenant = bySlug(m_directory, slug);
    if (!tenant)
        return errorResponse(Status::NotFound, QStringLiteral("unknown_company"),
                             QStringLiteral("No business with the slug \"%1\".").arg(slug));
    const TenantCalendar *calendar = m_calendars.tenant(tenant->id);
    if (!calendar || !calendar->usesCalcom())
        return errorResponse(Status::Conflict, QStringLiteral("not_calcom"),
                             QStringLiteral("%1 uses the built-in calendar: it has no Cal.com "
                                            "breaker.")
                                 .arg(slug));
    const CalcomConnection *connection = m_calendars.connectionFor(tenant->id);
    if (!connection)
        return errorResponse(Status::Conflict, QStringLiteral("no_connection"),
                             QStringLiteral("%1 has no Cal.com connection (its API key was not "
                                            "found at start).")
                                 .arg(slug));
    const QString before = toString(connection->breaker().state());
    m_calendars.resetBreaker(tenant->id);
    const QString after = toString(connection->breaker().state());
    audit(request, QStringLiteral("breaker_reset"), tenant->id,
          {{QStringLiteral("company"), slug}, {QStringLiteral("previous_state"), before}});
    return jsonResponse(QJsonObject{{QStringLiteral("company"), slug},
                                    {QStringLiteral("previous_state"), before},
                                    {QStringLiteral("state"), after}});
}

QHttpServerResponse AdminEndpoint::clearCache(const std::optional<QString> &slug,
                                              const IncomingRequest &request) {
    std::optional<qint64> companyId;
    QJsonArray cleared;
    if (slug) {
        const auto tenant = bySlug(m_directory, *slug);
        if (!tenant)
            return errorResponse(Status::NotFound, QStringLiteral("unknown_company"),
                                 QStringLiteral("No business with the slug \"%1\".").arg(*slug));
        companyId = tenant->id;
        cleared.append(*slug);
    } else {
        QStringList slugs;
        for (const TenantInfo &t : m_directory.all())
            slugs << t.slug;
        slugs.sort();
        for (const QString &s : slugs)
            cleared.append(s);
    }
    const int removed = m_calendars.clearCache(companyId);
    audit(request, QStringLiteral("cache_clear"), companyId.value_or(0),
          {{QStringLiteral("companies"), cleared}, {QStringLiteral("entries_removed"), removed}});
    return jsonResponse(QJsonObject{{QStringLiteral("cleared"), cleared},
                                    {QStringLiteral("entries_removed"), removed}});
}

void AdminEndpoint::audit(const IncomingRequest &request, const QString &action, qint64 companyId,
                          QJsonObject details) {
    // Who asked, as the command line says (a user name, nothing else is kept).
    static const QRegularExpression safe(QStringLiteral("^[A-Za-z0-9._@-]{1,64}$"));
    const QString user = QString::fromUtf8(request.value(QByteArrayLiteral("x-callbook-user")));
    if (safe.match(user).hasMatch())
        details.insert(QStringLiteral("os_user"), user);
    m_audit.record(QStringLiteral("admin-api"), action, companyId, details);
}

} // namespace Callbook
