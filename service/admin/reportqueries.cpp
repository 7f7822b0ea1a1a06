#include "reportqueries.h"

#include "core/logmask.h"
#include "store/storesession.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMap>

namespace Callbook::ReportQueries {

static qint64 optionalMs(const QVariant &v) {
    return v.isNull() ? -1 : v.toLongLong();
}

QList<CallSummary> recentCalls(StoreSession &s, const TenantInfo &t, int limit) {
    QSqlQuery &q = s.run(
        QStringLiteral(
            "SELECT c.call_id, c.from_number, c.to_number, c.direction, c.status, "
            "COALESCE(c.started_at_ms, c.created_at_ms), c.duration_ms, c.booked, "
            "(SELECT COUNT(*) FROM function_calls f WHERE f.call_id = c.call_id), "
            "c.created_at_ms FROM calls c WHERE c.company_id = ? ORDER BY c.created_at_ms DESC "
            "LIMIT ?"),
        {t.id, limit});
    QList<CallSummary> out;
    while (q.next()) {
        const bool outbound = q.value(3).toString() == QLatin1String("outbound");
        CallSummary c;
        c.callId = q.value(0).toString();
        c.companyId = t.id;
        c.companyName = t.name;
        c.callerMasked = maskPhone(q.value(outbound ? 2 : 1).toString());
        c.status = q.value(4).toString();
        c.startedMs = q.value(5).toLongLong();
        c.durationMs = optionalMs(q.value(6));
        c.booked = q.value(7).toInt() != 0;
        c.functionCount = q.value(8).toInt();
        c.createdMs = q.value(9).toLongLong();
        out.append(c);
    }
    q.finish();
    return out;
}

CallTimeline timeline(StoreSession &s, qint64 companyId, const QString &callId) {
    CallTimeline out;
    out.callId = callId;
    QSqlQuery &e = s.run(QStringLiteral("SELECT received_at_ms, event FROM call_events WHERE "
                                        "company_id = ? AND call_id = ? ORDER BY received_at_ms"),
                         {companyId, callId});
    while (e.next())
        out.entries.append({e.value(0).toLongLong(),
                            QStringLiteral("event"),
                            e.value(1).toString(),
                            {},
                            -1,
                            {},
                            {}});
    e.finish();
    QSqlQuery &f = s.run(QStringLiteral("SELECT created_at_ms, name, outcome, duration_us, args, "
                                        "result, cache_hit, upstream_ms FROM function_calls "
                                        "WHERE company_id = ? AND call_id = ? ORDER BY id"),
                         {companyId, callId});
    while (f.next())
        out.entries.append(
            {f.value(0).toLongLong(), QStringLiteral("function"), f.value(1).toString(),
             f.value(2).toString(), double(f.value(3).toLongLong()) / 1000.0,
             maskFreeText(f.value(4).toString()), maskFreeText(f.value(5).toString()),
             f.value(6).toInt() != 0, optionalMs(f.value(7))});
    f.finish();
    std::stable_sort(
        out.entries.begin(), out.entries.end(),
        [](const TimelineEntry &a, const TimelineEntry &b) { return a.atMs < b.atMs; });
    QSqlQuery &c =
        s.run(QStringLiteral(
                  "SELECT summary, transcript FROM calls WHERE company_id = ? AND call_id = ?"),
              {companyId, callId});
    if (c.next()) {
        out.summary = maskFreeText(c.value(0).toString());
        out.transcript = maskFreeText(c.value(1).toString());
    } else if (out.entries.isEmpty()) {
        out.error = QStringLiteral("no such call");
    }
    c.finish();
    return out;
}

QList<DailyStats> dailyStats(StoreSession &s, const TenantInfo &t, const QDate &from,
                             const QDate &to) {
    const qint64 sinceMs = QDateTime(from, QTime(0, 0), t.timezone).toMSecsSinceEpoch();
    const qint64 untilMs = QDateTime(to.addDays(1), QTime(0, 0), t.timezone).toMSecsSinceEpoch();
    QMap<QDate, DailyStats> days;
    auto dayOf = [&](const QVariant &ms) -> DailyStats & {
        const QDate d = QDateTime::fromMSecsSinceEpoch(ms.toLongLong(), t.timezone).date();
        DailyStats &stats = days[d];
        stats.day = d;
        return stats;
    };
    QSqlQuery &q = s.run(QStringLiteral("SELECT created_at_ms, booked, duration_ms, "
                                        "total_cost_cents FROM calls WHERE company_id = ? AND "
                                        "created_at_ms >= ? AND created_at_ms < ?"),
                         {t.id, sinceMs, untilMs});
    while (q.next()) {
        DailyStats &d = dayOf(q.value(0));
        ++d.calls;
        d.booked += q.value(1).toInt() != 0;
        if (!q.value(2).isNull()) {
            d.durationSumS += double(q.value(2).toLongLong()) / 1000.0;
            ++d.callsWithDuration;
        }
        d.costCents += q.value(3).toDouble();
    }
    q.finish();
    QSqlQuery &f = s.run(QStringLiteral("SELECT created_at_ms, outcome FROM function_calls WHERE "
                                        "company_id = ? AND created_at_ms >= ? AND "
                                        "created_at_ms < ?"),
                         {t.id, sinceMs, untilMs});
    while (f.next()) {
        DailyStats &d = dayOf(f.value(0));
        ++d.functionCalls;
        d.functionErrors += f.value(1).toString() != QLatin1String("ok");
    }
    f.finish();
    return days.values();
}

void accumulate(QList<DailyStats> &into, const QList<DailyStats> &more) {
    QMap<QDate, DailyStats> byDay;
    for (const DailyStats &d : into)
        byDay.insert(d.day, d);
    for (const DailyStats &d : more) {
        DailyStats &sum = byDay[d.day];
        sum.day = d.day;
        sum.calls += d.calls;
        sum.booked += d.booked;
        sum.durationSumS += d.durationSumS;
        sum.callsWithDuration += d.callsWithDuration;
        sum.functionCalls += d.functionCalls;
        sum.functionErrors += d.functionErrors;
        sum.costCents += d.costCents;
    }
    into = byDay.values();
}

QList<CallbackItem> callbacks(StoreSession &s, const TenantInfo &t, qint64 doneSinceMs) {
    QSqlQuery &q = s.run(
        QStringLiteral("SELECT id, call_id, phone, name, reason, preferred_time, status, note, "
                       "created_at_ms, done_at_ms FROM callback_requests WHERE company_id = ? "
                       "AND (status = 'open' OR done_at_ms >= ?) ORDER BY created_at_ms"),
        {t.id, doneSinceMs});
    QList<CallbackItem> out;
    while (q.next()) {
        CallbackItem c;
        c.id = q.value(0).toLongLong();
        c.companyId = t.id;
        c.companyName = t.name;
        c.callId = q.value(1).toString();
        c.phoneMasked = maskPhone(q.value(2).toString());
        c.nameMasked = maskName(q.value(3).toString());
        c.reason = maskFreeText(q.value(4).toString());
        c.preferredTime = q.value(5).toString();
        c.status = q.value(6).toString();
        c.note = q.value(7).toString();
        c.createdMs = q.value(8).toLongLong();
        c.doneMs = q.value(9).isNull() ? 0 : q.value(9).toLongLong();
        out.append(c);
    }
    q.finish();
    return out;
}

bool markCallbackDone(StoreSession &s, qint64 companyId, qint64 callbackId, const QString &note,
                      qint64 nowMs) {
    QSqlQuery &q = s.run(QStringLiteral("UPDATE callback_requests SET status = 'done', note = ?, "
                                        "done_at_ms = ? WHERE company_id = ? AND id = ? AND "
                                        "status = 'open'"),
                         {note, nowMs, companyId, callbackId});
    return q.numRowsAffected() == 1;
}

static QJsonValue parsedJson(const QString &text) {
    const QJsonDocument doc = QJsonDocument::fromJson(text.toUtf8());
    return doc.isArray() ? QJsonValue(doc.array()) : QJsonValue(doc.object());
}

static QString hhmm(int minutes) {
    return QStringLiteral("%1:%2")
        .arg(minutes / 60, 2, 10, QLatin1Char('0'))
        .arg(minutes % 60, 2, 10, QLatin1Char('0'));
}

QByteArray companyConfigJson(StoreSession &s, qint64 companyId) {
    QJsonObject company;
    QSqlQuery &c = s.run(QStringLiteral("SELECT slug, name, timezone, locale, "
                                        "price_per_minute_eur, calendar_settings, "
                                        "transfer_number, retention_days, settings FROM "
                                        "companies WHERE id = ?"),
                         {companyId});
    if (!c.next())
        throw StoreError(QStringLiteral("no company %1").arg(companyId));
    company.insert(QStringLiteral("slug"), c.value(0).toString());
    company.insert(QStringLiteral("name"), c.value(1).toString());
    company.insert(QStringLiteral("timezone"), c.value(2).toString());
    company.insert(QStringLiteral("locale"), c.value(3).toString());
    company.insert(QStringLiteral("price_per_minute_eur"), c.value(4).toDouble());
    company.insert(QStringLiteral("calendar"), parsedJson(c.value(5).toString()));
    if (!c.value(6).isNull())
        company.insert(QStringLiteral("transfer_number"), c.value(6).toString());
    company.insert(QStringLiteral("retention_days"), c.value(7).toInt());
    const QJsonObject settings = parsedJson(c.value(8).toString()).toObject();
    for (auto it = settings.begin(); it != settings.end(); ++it)
        company.insert(it.key(), it.value());
    c.finish();

    auto column = [&](const QString &sql) {
        QJsonArray out;
        QSqlQuery &q = s.run(sql, {companyId});
        while (q.next())
            out.append(q.value(0).toString());
        q.finish();
        return out;
    };
    company.insert(QStringLiteral("phone_numbers"),
                   column(QStringLiteral(
                       "SELECT e164 FROM phone_numbers WHERE company_id = ? ORDER BY e164")));
    company.insert(QStringLiteral("agent_ids"),
                   column(QStringLiteral(
                       "SELECT agent_id FROM agents WHERE company_id = ? ORDER BY agent_id")));
    company.insert(
        QStringLiteral("closures"),
        column(QStringLiteral("SELECT day FROM closures WHERE company_id = ? ORDER BY day")));

    static const char *const dayKeys[] = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};
    QJsonObject hours;
    QSqlQuery &h = s.run(QStringLiteral("SELECT weekday, opens_min, closes_min FROM "
                                        "business_hours WHERE company_id = ? ORDER BY weekday, "
                                        "opens_min"),
                         {companyId});
    while (h.next()) {
        const QString key = QLatin1String(dayKeys[qBound(1, h.value(0).toInt(), 7) - 1]);
        QJsonArray ranges = hours.value(key).toArray();
        ranges.append(hhmm(h.value(1).toInt()) + QLatin1Char('-') + hhmm(h.value(2).toInt()));
        hours.insert(key, ranges);
    }
    h.finish();
    company.insert(QStringLiteral("business_hours"), hours);

    QJsonArray services;
    QSqlQuery &v = s.run(QStringLiteral("SELECT name, aliases, duration_min, price_eur, "
                                        "event_type_id, buffer_before_min, buffer_after_min "
                                        "FROM services WHERE company_id = ? AND active = 1 "
                                        "ORDER BY id"),
                         {companyId});
    while (v.next()) {
        QJsonObject svc{{QStringLiteral("name"), v.value(0).toString()},
                        {QStringLiteral("aliases"), parsedJson(v.value(1).toString())},
                        {QStringLiteral("duration_min"), v.value(2).toInt()}};
        if (!v.value(3).isNull())
            svc.insert(QStringLiteral("price_eur"), v.value(3).toDouble());
        if (!v.value(4).isNull())
            svc.insert(QStringLiteral("event_type_id"), v.value(4).toLongLong());
        if (v.value(5).toInt())
            svc.insert(QStringLiteral("buffer_before_min"), v.value(5).toInt());
        if (v.value(6).toInt())
            svc.insert(QStringLiteral("buffer_after_min"), v.value(6).toInt());
        services.append(svc);
    }
    v.finish();
    company.insert(QStringLiteral("services"), services);
    return QJsonDocument(company).toJson(QJsonDocument::Indented);
}

} // namespace Callbook::ReportQueries
