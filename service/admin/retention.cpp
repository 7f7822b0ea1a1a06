#include "retention.h"

#include "core/logging.h"
#include "store/auditlog.h"
#include "store/store.h"
#include "store/storesession.h"

#include <QDateTime>
#include <QTimer>
#include <memory>

namespace Callbook {

qint64 PurgeCounts::total() const {
    return calls + callEvents + functionCalls + webhookBodies + appointments + holds + callbacks +
           customers + unroutedEvents;
}

QStringList PurgeCounts::columns() {
    return {QStringLiteral("calls"),          QStringLiteral("call_events"),
            QStringLiteral("function_calls"), QStringLiteral("webhook_bodies"),
            QStringLiteral("appointments"),   QStringLiteral("holds"),
            QStringLiteral("callbacks"),      QStringLiteral("customers"),
            QStringLiteral("unrouted_events")};
}

QVariantList PurgeCounts::row() const {
    return {calls, callEvents, functionCalls, webhookBodies, appointments,
            holds, callbacks,  customers,     unroutedEvents};
}

QJsonObject PurgeCounts::toJson() const {
    QJsonObject o;
    const QStringList names = columns();
    const QVariantList values = row();
    for (qsizetype i = 0; i < names.size(); ++i)
        o.insert(names[i], double(values[i].toLongLong()));
    return o;
}

namespace Retention {

static qint64 changed(StoreSession &s, const QString &sql, const QVariantList &args) {
    QSqlQuery &q = s.run(sql, args);
    const qint64 n = q.numRowsAffected();
    q.finish();
    return qMax<qint64>(n, 0);
}

PurgeCounts purgeCompany(StoreSession &s, qint64 id, qint64 cutoff) {
    s.setTenant(id);
    PurgeCounts c;
    // The caller's number is `from` on inbound calls and `to` on outbound ones.
    c.calls = changed(
        s,
        QStringLiteral(
            "UPDATE calls SET transcript = NULL, summary = NULL, customer_id = NULL, "
            "from_number = CASE WHEN direction = 'outbound' THEN from_number ELSE NULL END, "
            "to_number = CASE WHEN direction = 'outbound' THEN NULL ELSE to_number END "
            "WHERE company_id = ? AND created_at_ms < ? AND (transcript IS NOT NULL OR summary "
            "IS NOT NULL OR customer_id IS NOT NULL OR (direction = 'outbound' AND to_number IS "
            "NOT NULL) OR (COALESCE(direction, '') <> 'outbound' AND from_number IS NOT NULL))"),
        {id, cutoff});
    c.callEvents = changed(s,
                           QStringLiteral("UPDATE call_events SET payload = '{}' WHERE company_id "
                                          "= ? AND received_at_ms < ? AND payload <> '{}'"),
                           {id, cutoff});
    c.functionCalls =
        changed(s,
                QStringLiteral("UPDATE function_calls SET args = '{}', result = NULL WHERE "
                               "company_id = ? AND created_at_ms < ? AND (args <> '{}' OR result "
                               "IS NOT NULL)"),
                {id, cutoff});
    c.webhookBodies =
        changed(s,
                QStringLiteral("UPDATE calcom_webhook_events SET body = '{}' WHERE company_id = ? "
                               "AND received_at_ms < ? AND body <> '{}'"),
                {id, cutoff});
    c.appointments = changed(
        s,
        QStringLiteral("UPDATE appointments SET attendee_name = NULL, attendee_phone = NULL, "
                       "attendee_email = NULL, notes = NULL, customer_id = NULL WHERE company_id = "
                       "? AND ends_at_ms < ? AND (attendee_name IS NOT NULL OR attendee_phone IS "
                       "NOT NULL OR attendee_email IS NOT NULL OR notes IS NOT NULL OR "
                       "customer_id IS NOT NULL)"),
        {id, cutoff});
    c.holds = changed(s,
                      QStringLiteral("DELETE FROM booking_holds WHERE company_id = ? AND "
                                     "expires_at_ms < ?"),
                      {id, cutoff});
    c.callbacks = changed(s,
                          QStringLiteral("DELETE FROM callback_requests WHERE company_id = ? AND "
                                         "status <> 'open' AND COALESCE(done_at_ms, "
                                         "created_at_ms) < ?"),
                          {id, cutoff});
    c.customers = changed(
        s,
        QStringLiteral(
            "DELETE FROM customers WHERE company_id = ? AND updated_at_ms < ? AND NOT EXISTS "
            "(SELECT 1 FROM calls c WHERE c.customer_id = customers.id AND c.created_at_ms >= ?) "
            "AND NOT EXISTS (SELECT 1 FROM appointments a WHERE a.customer_id = customers.id AND "
            "a.ends_at_ms >= ?) AND NOT EXISTS (SELECT 1 FROM callback_requests r WHERE "
            "r.company_id = customers.company_id AND r.phone = customers.phone_e164 AND r.status "
            "= 'open')"),
        {id, cutoff, cutoff, cutoff});
    return c;
}

qint64 purgeUnrouted(StoreSession &s, qint64 cutoff) {
    return changed(s, QStringLiteral("DELETE FROM unrouted_events WHERE received_at_ms < ?"),
                   {cutoff});
}

int retentionDays(StoreSession &s, qint64 companyId) {
    s.setTenant(companyId);
    QSqlQuery &q =
        s.run(QStringLiteral("SELECT retention_days FROM companies WHERE id = ?"), {companyId});
    const int days = q.next() ? q.value(0).toInt() : 0;
    q.finish();
    return days;
}

} // namespace Retention

RetentionScheduler::RetentionScheduler(Store &store, QList<qint64> companyIds, qint64 intervalMs,
                                       QObject *parent)
    : QObject(parent)
    , m_store(store)
    , m_companyIds(std::move(companyIds))
    , m_intervalMs(intervalMs) {}

void RetentionScheduler::start() {
    auto *timer = new QTimer(this);
    timer->setInterval(int(qMin<qint64>(m_intervalMs, std::numeric_limits<int>::max())));
    connect(timer, &QTimer::timeout, this, &RetentionScheduler::runOnce);
    timer->start();
    QTimer::singleShot(0, this, &RetentionScheduler::runOnce);
}

void RetentionScheduler::runOnce() {
    if (m_running)
        return; // the previous run is still queued behind other work
    m_running = true;
    struct Run {
        int pending = 0;
        int shortestDays = 0; // for the unrouted deliveries: the strictest business decides
        qint64 removed = 0;
    };
    auto run = std::make_shared<Run>();
    run->pending = int(m_companyIds.size());
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    auto finishRun = [this, run, now]() {
        auto done = [this, run](qint64 unrouted) {
            run->removed += unrouted;
            m_running = false;
            if (run->removed > 0)
                qCInfo(lcStore) << "retention: removed or cleared" << run->removed << "rows";
            Q_EMIT finished(run->removed);
        };
        if (run->shortestDays <= 0)
            return done(0);
        const qint64 cutoff = now - run->shortestDays * Retention::kDayMs;
        m_store.submit(
            0,
            [cutoff, now](StoreSession &s) {
                PurgeCounts c;
                c.unroutedEvents = Retention::purgeUnrouted(s, cutoff);
                if (c.unroutedEvents > 0)
                    AuditLog::insert(s, QStringLiteral("retention"), QStringLiteral("purge"), 0,
                                     c.toJson(), now);
                return QVariant(c.unroutedEvents);
            },
            this, [done](const StoreResult &r) { done(r.ok() ? r.value.toLongLong() : 0); });
    };
    if (m_companyIds.isEmpty())
        return finishRun();
    for (qint64 id : std::as_const(m_companyIds)) {
        m_store.submit(
            id,
            [id, now](StoreSession &s) {
                const int days = Retention::retentionDays(s, id);
                if (days <= 0)
                    return QVariant::fromValue(QVariantList{0, 0});
                const PurgeCounts c =
                    Retention::purgeCompany(s, id, now - days * Retention::kDayMs);
                if (c.total() > 0) {
                    QJsonObject details = c.toJson();
                    details.insert(QStringLiteral("retention_days"), days);
                    AuditLog::insert(s, QStringLiteral("retention"), QStringLiteral("purge"), id,
                                     details, now);
                }
                return QVariant::fromValue(QVariantList{days, c.total()});
            },
            this,
            [run, finishRun](const StoreResult &r) {
                if (r.ok()) {
                    const QVariantList v = r.value.toList();
                    const int days = v.value(0).toInt();
                    if (days > 0 && (run->shortestDays == 0 || days < run->shortestDays))
                        run->shortestDays = days;
                    run->removed += v.value(1).toLongLong();
                } else {
                    qCWarning(lcStore).noquote() << "retention run failed:" << r.error;
                }
                if (--run->pending == 0)
                    finishRun();
            });
    }
}

} // namespace Callbook
