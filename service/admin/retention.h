#pragma once

#include <QJsonObject>
#include <QList>
#include <QObject>

namespace Callbook {

class StoreSession;
class Store;

// What a purge removed from one business (or, for `unroutedEvents`, from the deliveries no
// business could be found for).
struct PurgeCounts {
    qint64 calls = 0;          // transcript, summary, caller's number and customer link cleared
    qint64 callEvents = 0;     // raw Retell bodies emptied
    qint64 functionCalls = 0;  // masked arguments and results emptied
    qint64 webhookBodies = 0;  // raw Cal.com bodies emptied
    qint64 appointments = 0;   // attendee name, phone, e-mail, notes cleared (past ones only)
    qint64 holds = 0;          // expired booking holds deleted
    qint64 callbacks = 0;      // handled callback requests deleted
    qint64 customers = 0;      // customers not seen since deleted
    qint64 unroutedEvents = 0; // unrouted deliveries deleted

    qint64 total() const;
    QJsonObject toJson() const;
    static QStringList columns(); // the names toJson() uses, in table order
    QVariantList row() const;
};

// Retention: transcripts and personal data older than a cut-off are removed, the figures
// (status, durations, costs, outcomes, booked or not) stay for the statistics. Runs inside
// store tasks; `cutoffMs` is an epoch time.
namespace Retention {

// Scoped to `companyId`. Open callback requests, upcoming appointments and customers who
// called, booked or wait for a callback since the cut-off are kept.
PurgeCounts purgeCompany(StoreSession &s, qint64 companyId, qint64 cutoffMs);
// Deliveries no business could be found for (not scoped to a business).
qint64 purgeUnrouted(StoreSession &s, qint64 cutoffMs);
// The business's `retention_days` (0: keep everything).
int retentionDays(StoreSession &s, qint64 companyId);

constexpr qint64 kDayMs = 24LL * 60 * 60 * 1000;

} // namespace Retention

// Applies every business's `retention_days` in the running service: at start and then every
// `intervalMs`, one store task per business (never on the HTTP thread); each purge that removed
// something is in the audit log (actor "retention").
class RetentionScheduler final : public QObject {
    Q_OBJECT
public:
    RetentionScheduler(Store &store, QList<qint64> companyIds, qint64 intervalMs = 3600 * 1000,
                       QObject *parent = nullptr);
    void start();
    void runOnce();

Q_SIGNALS:
    void finished(qint64 removed); // after each run, the rows changed in total

private:
    Store &m_store;
    QList<qint64> m_companyIds;
    qint64 m_intervalMs;
    bool m_running = false;
};

} // namespace Callbook
