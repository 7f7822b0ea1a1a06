#pragma once

#include "store.h"

#include <QJsonObject>
#include <QList>
#include <QString>

namespace Callbook {

class StoreSession;

// One change made by a person: an admin command (actor: the OS user), the admin endpoint
// ("admin-api"), the console ("console") or the service's own retention ("retention").
// `details` never holds secrets or personal data in clear (mask numbers and names first).
struct AuditEntry {
    qint64 id = 0;
    qint64 atMs = 0;
    QString actor;
    QString action;       // e.g. purge, breaker_reset, cache_clear, export
    qint64 companyId = 0; // 0: every business
    QJsonObject details;
};

// The audit log (table audit_log, append-only for the service role). Written through the
// Store, so recording never blocks the caller.
class AuditLog {
public:
    explicit AuditLog(Store &store)
        : m_store(store) {}

    // Queues the entry; `done` (optional) runs on `context`'s thread once it has committed.
    void record(const QString &actor, const QString &action, qint64 companyId,
                const QJsonObject &details, QObject *context = nullptr, StoreCallback done = {});

    // Inside a store task scoped to `companyId` (or 0).
    static void insert(StoreSession &s, const QString &actor, const QString &action,
                       qint64 companyId, const QJsonObject &details, qint64 nowMs);
    // The newest entries of one business (companyId 0: those for every business), newest
    // first. Inside a store task scoped to the same company.
    static QList<AuditEntry> latest(StoreSession &s, qint64 companyId, int limit);

    // The OS user running a command-line tool ("unknown" if the environment does not say).
    static QString osUser();

private:
    Store &m_store;
};

} // namespace Callbook
