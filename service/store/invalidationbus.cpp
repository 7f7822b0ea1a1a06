#include "invalidationbus.h"

#include "listenerworker.h"

#include "connection.h"
#include "core/logging.h"
#include "store.h"
#include "storesession.h"

#include <QSqlDriver>
#include <QSqlQuery>
#include <QTimer>
#include <QUuid>

namespace Callbook {

InvalidationBus::InvalidationBus(QObject *parent)
    : QObject(parent)
    , m_instanceId(QUuid::createUuid().toString(QUuid::Id128)) {}

InvalidationBus::~InvalidationBus() {
    stop();
}

void InvalidationBus::start(const DatabaseSettings &settings) {
    if (!settings.isPostgres() || m_worker)
        return;
    m_enabled = true;
    m_worker = new ListenerWorker(settings, m_instanceId);
    m_worker->moveToThread(&m_thread);
    connect(m_worker, &ListenerWorker::changedElsewhere, this, &InvalidationBus::changedElsewhere);
    connect(m_worker, &ListenerWorker::listening, this, &InvalidationBus::listening);
    m_thread.setObjectName(QStringLiteral("callbook-listen"));
    m_thread.start();
    QMetaObject::invokeMethod(m_worker, &ListenerWorker::begin);
}

void InvalidationBus::stop() {
    if (!m_worker)
        return;
    QMetaObject::invokeMethod(m_worker, &ListenerWorker::end, Qt::BlockingQueuedConnection);
    m_thread.quit();
    m_thread.wait();
    delete m_worker;
    m_worker = nullptr;
}

void InvalidationBus::publish(Store &store, qint64 companyId) {
    if (!m_enabled)
        return;
    const QString payload = QString::number(companyId) + QLatin1Char(':') + m_instanceId;
    store.submit(
        companyId,
        [payload](StoreSession &s) {
            s.run(QStringLiteral("SELECT pg_notify('%1', ?)").arg(kListenChannel), {payload});
            return QVariant();
        },
        this,
        [](const StoreResult &r) {
            if (!r.ok())
                qCWarning(lcStore) << "could not tell other instances:" << r.error;
        });
}

} // namespace Callbook
