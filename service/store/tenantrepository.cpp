#include "tenantrepository.h"

#include "storesession.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace Callbook::TenantRepository {

static QString compactJson(const QJsonObject &o) {
    return QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact));
}
static QString compactJson(const QStringList &l) {
    return QString::fromUtf8(
        QJsonDocument(QJsonArray::fromStringList(l)).toJson(QJsonDocument::Compact));
}

static qint64 upsertCompany(StoreSession &s, const CompanyConfig &c, qint64 nowMs) {
    QSqlQuery &q = s.run(
        QStringLiteral(
            "INSERT INTO companies (slug, name, timezone, locale, price_per_minute_eur, "
            "calendar_provider, "
            "calendar_settings, transfer_number, retention_days, settings, created_at_ms, "
            "updated_at_ms) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
            "ON CONFLICT (slug) DO UPDATE SET name = excluded.name, timezone = excluded.timezone, "
            "locale = excluded.locale, price_per_minute_eur = excluded.price_per_minute_eur, "
            "calendar_provider = excluded.calendar_provider, calendar_settings = "
            "excluded.calendar_settings, "
            "transfer_number = excluded.transfer_number, retention_days = excluded.retention_days, "
            "settings = excluded.settings, updated_at_ms = excluded.updated_at_ms RETURNING id"),
        {c.slug, c.name, c.timezone, c.locale, c.pricePerMinuteEur, c.calendarProvider,
         compactJson(c.calendar),
         c.transferNumber.isEmpty() ? nullText() : QVariant(c.transferNumber), c.retentionDays,
         compactJson(
             QJsonObject{{QStringLiteral("verify_function_signatures"), c.verifyFunctionSignatures},
                         {QStringLiteral("hold_minutes"), c.holdMinutes}}),
         nowMs, nowMs});
    if (!q.next())
        throw StoreError(QStringLiteral("company upsert returned no id"));
    return q.value(0).toLongLong();
}

static void replaceRouting(StoreSession &s, qint64 companyId, const CompanyConfig &c) {
    s.run(QStringLiteral("DELETE FROM phone_numbers WHERE company_id = ?"), {companyId});
    for (const QString &n : c.phoneNumbers)
        s.run(QStringLiteral("INSERT INTO phone_numbers (e164, company_id) VALUES (?, ?) "
                             "ON CONFLICT (e164) DO UPDATE SET company_id = excluded.company_id"),
              {n, companyId});
    s.run(QStringLiteral("DELETE FROM agents WHERE company_id = ?"), {companyId});
    for (const QString &a : c.agentIds)
        s.run(
            QStringLiteral("INSERT INTO agents (agent_id, company_id) VALUES (?, ?) "
                           "ON CONFLICT (agent_id) DO UPDATE SET company_id = excluded.company_id"),
            {a, companyId});
}

static void replaceCalendar(StoreSession &s, qint64 companyId, const CompanyConfig &c) {
    s.run(QStringLiteral("DELETE FROM business_hours WHERE company_id = ?"), {companyId});
    for (const OpeningRange &r : c.hours)
        s.run(QStringLiteral(
                  "INSERT INTO business_hours (company_id, weekday, opens_min, closes_min) "
                  "VALUES (?, ?, ?, ?)"),
              {companyId, r.weekday, r.opensMin, r.closesMin});
    s.run(QStringLiteral("DELETE FROM closures WHERE company_id = ?"), {companyId});
    for (const QString &day : c.closures)
        s.run(QStringLiteral("INSERT INTO closures (company_id, day) VALUES (?, ?)"),
              {companyId, day});
}

static void upsertServices(StoreSession &s, qint64 companyId, const CompanyConfig &c) {
    s.run(QStringLiteral("UPDATE services SET active = 0 WHERE company_id = ?"), {companyId});
    for (const ServiceConfig &svc : c.services) {
        s.run(QStringLiteral(
                  "INSERT INTO services (company_id, name, aliases, duration_min, price_eur, "
                  "event_type_id, "
                  "buffer_before_min, buffer_after_min, active) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 1) "
                  "ON CONFLICT (company_id, name) DO UPDATE SET aliases = excluded.aliases, "
                  "duration_min = excluded.duration_min, price_eur = excluded.price_eur, "
                  "event_type_id = excluded.event_type_id, buffer_before_min = "
                  "excluded.buffer_before_min, "
                  "buffer_after_min = excluded.buffer_after_min, active = 1"),
              {companyId, svc.name, compactJson(svc.aliases), svc.durationMin,
               svc.priceEur ? QVariant(*svc.priceEur) : nullReal(),
               svc.eventTypeId ? QVariant(*svc.eventTypeId) : nullInt(), svc.bufferBeforeMin,
               svc.bufferAfterMin});
    }
}

void upsert(StoreSession &session, const QList<CompanyConfig> &companies, qint64 nowMs) {
    for (const CompanyConfig &c : companies) {
        const qint64 id = upsertCompany(session, c, nowMs);
        replaceRouting(session, id, c);
        replaceCalendar(session, id, c);
        upsertServices(session, id, c);
    }
}

Routing loadRouting(StoreSession &session) {
    const QString sql =
        session.isPostgres()
            ? QStringLiteral("SELECT company_id, slug, name, timezone, locale, "
                             "price_per_minute_eur, kind, address FROM callbook_routing()")
            : QStringLiteral(
                  "SELECT id, slug, name, timezone, locale, price_per_minute_eur, 'company', NULL "
                  "FROM companies UNION ALL "
                  "SELECT company_id, NULL, NULL, NULL, NULL, NULL, 'number', e164 FROM "
                  "phone_numbers "
                  "UNION ALL "
                  "SELECT company_id, NULL, NULL, NULL, NULL, NULL, 'agent', agent_id FROM agents");
    QSqlQuery &q = session.run(sql);
    Routing r;
    while (q.next()) {
        const qint64 id = q.value(0).toLongLong();
        const QString kind = q.value(6).toString();
        if (kind == QLatin1String("company")) {
            TenantInfo t;
            t.id = id;
            t.slug = q.value(1).toString();
            t.name = q.value(2).toString();
            t.timezone = QTimeZone(q.value(3).toString().toUtf8());
            t.locale = q.value(4).toString();
            t.pricePerMinuteEur = q.value(5).toDouble();
            r.companies.insert(id, t);
        } else if (kind == QLatin1String("number")) {
            r.numbers.insert(q.value(7).toString(), id);
        } else {
            r.agents.insert(q.value(7).toString(), id);
        }
    }
    return r;
}

} // namespace Callbook::TenantRepository
