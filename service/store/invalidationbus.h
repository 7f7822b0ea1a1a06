#pragma once

#include "databasesettings.h"

#include <QObject>
#include <QThread>

namespace Callbook {

class Store;
class ListenerWorker;

// changedElsewhere() with this: the listener was disconnected, so any business may have changed
// without us hearing it (company ids start at 1).
inline constexpr qint64 kAnyCompanyChanged = 0;

// Tells the other service instances on the same PostgreSQL that a business's calendar changed
// (NOTIFY), and hears them (LISTEN on a connection of its own, on its own thread, reconnecting
// and subscribing again when the connection drops). SQLite has one instance: nothing to do.
class InvalidationBus final : public QObject {
    Q_OBJECT
public:
    explicit InvalidationBus(QObject *parent = nullptr);
    ~InvalidationBus() override;

    // Starts listening (PostgreSQL only). Never blocks on the database: the listener connects
    // in the background.
    void start(const DatabaseSettings &settings);
    void stop();
    // Queued on `store` like any write; others hear it once it commits.
    void publish(Store &store, qint64 companyId);

Q_SIGNALS:
    // Another instance changed this business's calendar.
    void changedElsewhere(qint64 companyId);
    void listening(bool connected);

private:
    QString m_instanceId;
    bool m_enabled = false;
    QThread m_thread;
    ListenerWorker *m_worker = nullptr;
};

} // namespace Callbook
