#include "callrepository.h"

#include "core/sha256.h"
#include "customerrepository.h"
#include "storesession.h"

namespace Callbook::CallRepository {

QString dedupeKey(const CallEvent &event, const QByteArray &rawBody) {
    if (event.happensOncePerCall())
        return event.event;
    const QByteArray hash = Sha256::hash(rawBody).toHex().left(24);
    return event.event + QLatin1Char(':') + QString::fromLatin1(hash);
}

// call_inbound usually carries no call id yet: key it by its body so retries collapse.
static QString effectiveCallId(const CallEvent &event, const QByteArray &rawBody) {
    if (!event.callId.isEmpty())
        return event.callId;
    return QStringLiteral("inbound-") + QString::fromLatin1(Sha256::hash(rawBody).toHex().left(24));
}

static QString statusFor(const CallEvent &e) {
    if (!e.callStatus.isEmpty())
        return e.callStatus;
    switch (e.lifecycleRank()) {
    case 0:
        return QStringLiteral("registered");
    case 1:
        return QStringLiteral("ongoing");
    default:
        return QStringLiteral("ended");
    }
}

static QVariant text(const QString &s) {
    return s.isEmpty() ? nullText() : QVariant(s);
}
static QVariant number(const std::optional<qint64> &v) {
    return v ? QVariant(*v) : nullInt();
}
static QVariant real(const std::optional<double> &v) {
    return v ? QVariant(*v) : nullReal();
}

static const char *const kCallColumns =
    "call_id, company_id, agent_id, call_type, direction, from_number, to_number, status, "
    "status_rank, "
    "started_at_ms, ended_at_ms, duration_ms, disconnection_reason, retell_cost_cents, "
    "price_cents, "
    "total_cost_cents, summary, sentiment, successful, transcript, created_at_ms, updated_at_ms";

// PostgreSQL cannot infer parameter types in INSERT … SELECT, so the combined statement casts.
static const char *const kCallValueTypes[] = {"TEXT",
                                              "BIGINT",
                                              "TEXT",
                                              "TEXT",
                                              "TEXT",
                                              "TEXT",
                                              "TEXT",
                                              "TEXT",
                                              "INTEGER",
                                              "BIGINT",
                                              "BIGINT",
                                              "BIGINT",
                                              "TEXT",
                                              "DOUBLE PRECISION",
                                              "DOUBLE PRECISION",
                                              "DOUBLE PRECISION",
                                              "TEXT",
                                              "TEXT",
                                              "INTEGER",
                                              "TEXT",
                                              "BIGINT",
                                              "BIGINT"};

// Later facts fill in, earlier ones are kept; the lifecycle status only moves forward.
static const char *const kCallMerge =
    "ON CONFLICT (call_id) DO UPDATE SET "
    "agent_id = COALESCE(excluded.agent_id, calls.agent_id), "
    "call_type = COALESCE(excluded.call_type, calls.call_type), "
    "direction = COALESCE(excluded.direction, calls.direction), "
    "from_number = COALESCE(excluded.from_number, calls.from_number), "
    "to_number = COALESCE(excluded.to_number, calls.to_number), "
    "status = CASE WHEN excluded.status_rank >= calls.status_rank THEN excluded.status ELSE "
    "calls.status END, "
    "status_rank = CASE WHEN excluded.status_rank > calls.status_rank THEN excluded.status_rank "
    "ELSE calls.status_rank END, "
    "started_at_ms = COALESCE(excluded.started_at_ms, calls.started_at_ms), "
    "ended_at_ms = COALESCE(excluded.ended_at_ms, calls.ended_at_ms), "
    "duration_ms = COALESCE(excluded.duration_ms, calls.duration_ms), "
    "disconnection_reason = COALESCE(excluded.disconnection_reason, calls.disconnection_reason), "
    "retell_cost_cents = COALESCE(excluded.retell_cost_cents, calls.retell_cost_cents), "
    "price_cents = COALESCE(excluded.price_cents, calls.price_cents), "
    "total_cost_cents = COALESCE(excluded.total_cost_cents, calls.total_cost_cents), "
    "summary = COALESCE(excluded.summary, calls.summary), "
    "sentiment = COALESCE(excluded.sentiment, calls.sentiment), "
    "successful = COALESCE(excluded.successful, calls.successful), "
    "transcript = COALESCE(excluded.transcript, calls.transcript), "
    "updated_at_ms = excluded.updated_at_ms "
    "WHERE calls.company_id = excluded.company_id";

static const char *const kInsertEvent =
    "INSERT INTO call_events (company_id, call_id, event, dedupe_key, received_at_ms, payload) "
    "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (company_id, call_id, dedupe_key) DO NOTHING RETURNING "
    "id";

static QVariantList callValues(const TenantInfo &tenant, const CallEvent &e, qint64 nowMs) {
    std::optional<double> priceCents, totalCents;
    if (e.durationMs) {
        priceCents = double(*e.durationMs) / 60000.0 * tenant.pricePerMinuteEur * 100.0;
        totalCents = *priceCents + e.combinedCostCents.value_or(0);
    }
    std::optional<qint64> successful;
    if (e.successful)
        successful = *e.successful ? 1 : 0;
    return {e.callId,
            tenant.id,
            text(e.agentId),
            text(e.callType),
            text(e.direction),
            text(e.fromNumber),
            text(e.toNumber),
            statusFor(e),
            e.lifecycleRank(),
            number(e.startMs),
            number(e.endMs),
            number(e.durationMs),
            text(e.disconnectionReason),
            real(e.combinedCostCents),
            real(priceCents),
            real(totalCents),
            text(e.summary),
            text(e.sentiment),
            number(successful),
            text(e.transcript),
            nowMs,
            nowMs};
}

// False when the call id belongs to another business (the merge's WHERE keeps its row).
static bool upsertCall(StoreSession &s, const TenantInfo &tenant, const CallEvent &e,
                       qint64 nowMs) {
    static const QString sql = QStringLiteral("INSERT INTO calls (%1) VALUES (%2) %3")
                                   .arg(QLatin1String(kCallColumns),
                                        QStringList(std::size(kCallValueTypes), QStringLiteral("?"))
                                            .join(QStringLiteral(", ")),
                                        QLatin1String(kCallMerge));
    return s.run(sql, callValues(tenant, e, nowMs)).numRowsAffected() > 0;
}

// PostgreSQL: the delivery and its effect on the call in one round trip; the call is only
// touched when the delivery is new.
static void recordAndUpsertInOneStatement(StoreSession &s, const TenantInfo &tenant,
                                          const CallEvent &e, const QVariantList &eventValues,
                                          qint64 nowMs, RecordedEvent &out) {
    static const QString sql = [] {
        QStringList casts;
        for (const char *type : kCallValueTypes)
            casts << QStringLiteral("CAST(? AS %1)").arg(QLatin1String(type));
        return QStringLiteral(
                   "WITH ev AS (%1), up AS (INSERT INTO calls (%2) SELECT %3 WHERE EXISTS "
                   "(SELECT 1 FROM ev) %4 RETURNING 1) "
                   "SELECT (SELECT COUNT(*) FROM ev), (SELECT COUNT(*) FROM up)")
            .arg(QLatin1String(kInsertEvent), QLatin1String(kCallColumns),
                 casts.join(QStringLiteral(", ")), QLatin1String(kCallMerge));
    }();
    QSqlQuery &q = s.run(sql, eventValues + callValues(tenant, e, nowMs));
    if (q.next()) {
        out.isNew = q.value(0).toInt() > 0;
        out.callOfAnotherBusiness = out.isNew && q.value(1).toInt() == 0;
    }
    q.finish();
}

static QString callerNumber(const CallEvent &e) {
    return e.direction == QLatin1String("outbound") ? e.toNumber : e.fromNumber;
}

static void linkCustomer(StoreSession &s, const TenantInfo &tenant, const CallEvent &e,
                         qint64 nowMs) {
    const QString phone = callerNumber(e);
    if (phone.isEmpty())
        return;
    const qint64 customerId = CustomerRepository::upsert(s, tenant.id, phone, e.callerFirstName,
                                                         e.callerLastName, QString(), nowMs);
    s.run(QStringLiteral("UPDATE calls SET customer_id = ? WHERE call_id = ? AND company_id = ?"),
          {customerId, e.callId, tenant.id});
}

static void lookUpCaller(StoreSession &s, const TenantInfo &tenant, const CallEvent &e,
                         RecordedEvent &out) {
    if (const auto customer = CustomerRepository::byPhone(s, tenant.id, callerNumber(e))) {
        out.callerKnown = true;
        out.callerFirstName = customer->firstName;
    }
}

RecordedEvent recordEvent(StoreSession &s, const TenantInfo &tenant, const CallEvent &e,
                          const QByteArray &rawBody, qint64 nowMs) {
    RecordedEvent out;
    const QVariantList eventValues = {tenant.id, effectiveCallId(e, rawBody),
                                      e.event,   dedupeKey(e, rawBody),
                                      nowMs,     QString::fromUtf8(rawBody)};
    if (s.isPostgres() && !e.isInbound()) {
        recordAndUpsertInOneStatement(s, tenant, e, eventValues, nowMs, out);
    } else {
        QSqlQuery &inserted = s.run(QLatin1String(kInsertEvent), eventValues);
        out.isNew = inserted.next();
        inserted.finish();
        if (out.isNew && !e.isInbound())
            out.callOfAnotherBusiness = !upsertCall(s, tenant, e, nowMs);
    }
    if (e.isInbound())
        lookUpCaller(s, tenant, e, out);
    else if (out.isNew && !out.callOfAnotherBusiness && e.event == QLatin1String("call_analyzed"))
        linkCustomer(s, tenant, e, nowMs);
    return out;
}

bool recordUnrouted(StoreSession &s, const CallEvent &e, const QByteArray &rawBody, qint64 nowMs) {
    const QString callId = effectiveCallId(e, rawBody);
    QSqlQuery &q =
        s.run(QStringLiteral("INSERT INTO unrouted_events (call_id, event, to_number, agent_id, "
                             "received_at_ms, dedupe_key, payload) VALUES (?, ?, ?, ?, ?, ?, ?) "
                             "ON CONFLICT (dedupe_key) DO NOTHING RETURNING id"),
              {callId, e.event, text(e.businessNumber()), text(e.agentId), nowMs,
               callId + QLatin1Char(':') + dedupeKey(e, rawBody), QString::fromUtf8(rawBody)});
    const bool isNew = q.next();
    q.finish();
    return isNew;
}

} // namespace Callbook::CallRepository
