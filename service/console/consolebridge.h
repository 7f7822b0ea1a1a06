#pragma once

#include "serviceevents.h"

#include <QObject>
#include <QTimer>
#include <functional>

namespace Callbook {

class Store;
class Calendars;
class SecretStore;
class AuditLog;
class TenantDirectory;
class StoreSession;
struct TenantInfo;

// Answers the console's requests (ConsoleRequests) on the service thread, asynchronously:
// reads go to the read connection, writes to the store; nothing here waits. Also publishes
// the Cal.com health of every business once a second.
class ConsoleBridge final : public QObject {
    Q_OBJECT
public:
    struct Parts {
        Store &writes;
        Store &reads;
        Store &owner; // configuration changes (the table owner on PostgreSQL)
        Calendars &calendars;
        TenantDirectory &directory;
        SecretStore &secrets;
        AuditLog &audit; // what a person changed in the console
        ServiceEvents &events;
        ConsoleRequests &requests;
    };
    explicit ConsoleBridge(Parts parts, QObject *parent = nullptr);

    QList<CalcomHealthRow> healthRows() const;

private:
    void recentCalls(int limit);
    void timeline(qint64 companyId, const QString &callId);
    void stats(qint64 companyId, const QDate &from, const QDate &to);
    void callbacks();
    void markCallbackDone(qint64 companyId, qint64 callbackId, const QString &note);
    void resetBreaker(qint64 companyId);
    void tenants();
    void saveTenant(const QByteArray &companyJson);
    void reloadRouting(const QString &slug);

    // Runs `perCompany` for each business (company 0: all) on the read connection; `done`
    // gets the results in business order once all have answered, or the first error.
    using PerCompany = std::function<QVariant(StoreSession &, const TenantInfo &)>;
    void acrossCompanies(qint64 companyId, PerCompany perCompany,
                         std::function<void(QList<QVariant> results, QString error)> done);

    Parts m_p;
    QTimer m_healthTick;
};

} // namespace Callbook
