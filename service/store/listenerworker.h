#pragma once

#include "connection.h"
#include "core/logging.h"
#include "databasesettings.h"
#include "invalidationbus.h"

#include <QObject>
#include <QSqlDriver>
#include <QSqlQuery>
#include <QTimer>

namespace Callbook {

inline const QString kListenChannel = QStringLiteral("callbook_calendar");

// Lives on the InvalidationBus's thread: one connection that only listens, checked every 5 s
// and opened again (and subscribed again) when it has dropped; each (re)subscription says
// "any business may have changed".
class ListenerWorker final : public QObject {
    Q_OBJECT
public:
    ListenerWorker(DatabaseSettings settings, QString instanceId)
        : m_settings(std::move(settings))
        , m_instanceId(std::move(instanceId))
        , m_name(QStringLiteral("callbook-listen-") + m_instanceId) {}

    void begin() {
        m_check = new QTimer(this);
        m_check->setInterval(5000);
        connect(m_check, &QTimer::timeout, this, &ListenerWorker::ensureConnected);
        m_check->start();
        ensureConnected();
    }
    void end() {
        if (m_check)
            m_check->stop();
        disconnectDatabase();
    }

Q_SIGNALS:
    void changedElsewhere(qint64 companyId);
    void listening(bool connected);

private:
    void ensureConnected() {
        if (m_connected) {
            if (isAlive())
                return;
            qCWarning(lcStore) << "listener connection lost; reconnecting";
            disconnectDatabase();
        }
        QString error;
        QSqlDatabase db = openConnection(m_settings, m_name, &error);
        if (!db.isValid() || !db.isOpen() ||
            !db.driver()->subscribeToNotification(kListenChannel)) {
            if (db.isValid())
                closeConnection(m_name);
            Q_EMIT listening(false);
            return;
        }
        connect(db.driver(),
                qOverload<const QString &, QSqlDriver::NotificationSource, const QVariant &>(
                    &QSqlDriver::notification),
                this,
                [this](const QString &, QSqlDriver::NotificationSource, const QVariant &payload) {
                    const QStringList parts = payload.toString().split(QLatin1Char(':'));
                    if (parts.size() == 2 && parts[1] != m_instanceId)
                        Q_EMIT changedElsewhere(parts[0].toLongLong());
                });
        m_connected = true;
        // Whatever was announced while we were not listening is lost: caches start over.
        Q_EMIT changedElsewhere(kAnyCompanyChanged);
        Q_EMIT listening(true);
    }
    // A cheap round trip tells a dropped connection from a quiet one. Its handles are gone
    // when it returns, so the connection can then be removed without Qt's "still in use".
    bool isAlive() const {
        QSqlQuery ping(QSqlDatabase::database(m_name, false));
        return ping.exec(QStringLiteral("SELECT 1"));
    }
    void disconnectDatabase() {
        if (!m_connected)
            return;
        m_connected = false;
        {
            QSqlDatabase db = QSqlDatabase::database(m_name, false);
            if (db.isValid() && db.driver())
                db.driver()->unsubscribeFromNotification(kListenChannel);
        }
        closeConnection(m_name);
    }

    DatabaseSettings m_settings;
    QString m_instanceId;
    QString m_name;
    QTimer *m_check = nullptr;
    bool m_connected = false;
};

} // namespace Callbook
