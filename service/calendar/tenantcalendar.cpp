#include "tenantcalendar.h"

#include "store/storesession.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace Callbook {

const ServiceInfo *TenantCalendar::service(qint64 id) const {
    for (const ServiceInfo &s : services)
        if (s.id == id)
            return &s;
    return nullptr;
}

CalcomSettings parseCalcomSettings(const QJsonObject &calendar, QStringList *errors) {
    CalcomSettings s;
    auto problem = [&](const QString &text) {
        if (errors)
            errors->append(text);
    };
    const QString base = calendar.value(QStringLiteral("base_url")).toString();
    if (!base.isEmpty()) {
        s.baseUrl = QUrl(base);
        if (!s.baseUrl.isValid() || (s.baseUrl.scheme() != QLatin1String("https") &&
                                     s.baseUrl.scheme() != QLatin1String("http")))
            problem(QStringLiteral("base_url: not an http(s) URL"));
    }
    s.apiKeySecret = calendar.value(QStringLiteral("api_key_secret")).toString();
    if (s.apiKeySecret.isEmpty())
        problem(QStringLiteral("api_key_secret: required for Cal.com"));
    s.username = calendar.value(QStringLiteral("username")).toString();
    const QJsonValue team = calendar.value(QStringLiteral("team_id"));
    if (team.isDouble())
        s.teamId = qint64(team.toDouble());
    s.webhookSecretSecret = calendar.value(QStringLiteral("webhook_secret_secret")).toString();
    s.allowUnsignedWebhooks = calendar.value(QStringLiteral("allow_unsigned_webhooks")).toBool();
    auto positive = [&](const char *key, int fallback) {
        const QJsonValue v = calendar.value(QLatin1String(key));
        if (v.isUndefined() || v.isNull())
            return fallback;
        if (!v.isDouble() || v.toDouble() <= 0) {
            problem(QStringLiteral("%1: must be a positive number").arg(QLatin1String(key)));
            return fallback;
        }
        return int(v.toDouble());
    };
    s.connectTimeoutMs = positive("connect_timeout_ms", s.connectTimeoutMs);
    s.totalTimeoutMs = positive("total_timeout_ms", s.totalTimeoutMs);
    s.prefetchDays = positive("prefetch_days", s.prefetchDays);
    return s;
}

namespace CalendarRepository {

TenantCalendar load(StoreSession &session, qint64 companyId) {
    TenantCalendar t;
    t.companyId = companyId;
    QSqlQuery &c = session.run(
        QStringLiteral("SELECT slug, timezone, locale, calendar_provider, calendar_settings, name, "
                       "transfer_number, settings FROM companies WHERE id = ?"),
        {companyId});
    if (!c.next())
        throw StoreError(QStringLiteral("unknown company %1").arg(companyId));
    t.slug = c.value(0).toString();
    t.rules.zone = QTimeZone(c.value(1).toString().toUtf8());
    t.locale = c.value(2).toString();
    t.provider = c.value(3).toString();
    const QJsonObject settings = QJsonDocument::fromJson(c.value(4).toByteArray()).object();
    t.name = c.value(5).toString();
    t.transferNumber = c.value(6).toString();
    const QJsonObject general = QJsonDocument::fromJson(c.value(7).toByteArray()).object();
    t.verifyFunctionSignatures =
        general.value(QStringLiteral("verify_function_signatures")).toBool(true);
    t.holdMinutes = general.value(QStringLiteral("hold_minutes")).toInt(5);
    c.finish();
    if (t.usesCalcom())
        t.calcom = parseCalcomSettings(settings);

    QSqlQuery &h = session.run(QStringLiteral("SELECT weekday, opens_min, closes_min FROM "
                                              "business_hours WHERE company_id = ?"),
                               {companyId});
    while (h.next())
        t.rules.hours.append(
            OpeningRange{h.value(0).toInt(), h.value(1).toInt(), h.value(2).toInt()});
    QSqlQuery &d =
        session.run(QStringLiteral("SELECT day FROM closures WHERE company_id = ?"), {companyId});
    while (d.next())
        t.rules.closures.insert(QDate::fromString(d.value(0).toString(), Qt::ISODate));
    QSqlQuery &s =
        session.run(QStringLiteral("SELECT id, name, aliases, duration_min, buffer_before_min, "
                                   "buffer_after_min, event_type_id, price_eur FROM services "
                                   "WHERE company_id = ? AND active = 1 ORDER BY id"),
                    {companyId});
    while (s.next()) {
        ServiceInfo info;
        info.id = s.value(0).toLongLong();
        info.name = s.value(1).toString();
        for (const QJsonValue &a : QJsonDocument::fromJson(s.value(2).toByteArray()).array())
            info.aliases.append(a.toString());
        info.durationMin = s.value(3).toInt();
        info.bufferBeforeMin = s.value(4).toInt();
        info.bufferAfterMin = s.value(5).toInt();
        if (!s.value(6).isNull())
            info.eventTypeId = s.value(6).toLongLong();
        if (!s.value(7).isNull())
            info.priceEur = s.value(7).toDouble();
        t.services.append(info);
    }
    return t;
}

} // namespace CalendarRepository
} // namespace Callbook
