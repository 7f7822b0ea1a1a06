#include "store.h"

#include "connection.h"
#include "core/logging.h"
#include "storesession.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QSemaphore>
#include <QSqlQuery>
#include <QTimer>
#include <memory>

namespace Callbook {

// Lives on the store thread and owns the connection there (Qt Sql connections are per thread).
class StoreWorker final : public QObject {
    Q_OBJECT
public:
    StoreWorker(Store *store, DatabaseSettings settings)
        : m_store(store)
        , m_settings(std::move(settings))
        , m_name(QStringLiteral("callbook-store-%1").arg(quintptr(this), 0, 16)) {}

    bool open(QString *error) {
        m_healthTimer = new QTimer(this);
        m_healthTimer->setInterval(1000);
        connect(m_healthTimer, &QTimer::timeout, this, &StoreWorker::checkHealth);
        m_healthTimer->start();
        return connectNow(error);
    }

    void drain() {
        for (;;) {
            std::deque<Store::Job> batch = m_store->takeBatch(this, kMaxBatch);
            if (batch.empty())
                return;
            process(batch);
        }
    }

    void close() {
        drain();
        m_closed = true;
        if (m_healthTimer)
            m_healthTimer->stop();
        dropConnection();
    }

private:
    static constexpr int kMaxBatch = 500;
    static constexpr qint64 kReconnectIntervalMs = 250;

    bool connectNow(QString *error) {
        QSqlDatabase db = openConnection(m_settings, m_name, error);
        if (!db.isValid()) {
            m_sinceFailedAttempt.start();
            setConnected(false);
            return false;
        }
        m_sinceFailedAttempt.invalidate(); // a connection lost later is replaced at once
        m_session = std::make_unique<StoreSession>(db, m_settings.engine);
        setConnected(true);
        return true;
    }

    bool ensureConnected() {
        if (m_session && m_session->database().isOpen())
            return true;
        // A monotonic clock: a wall clock set back would hold reconnecting off for as long.
        if (m_sinceFailedAttempt.isValid() &&
            !m_sinceFailedAttempt.hasExpired(kReconnectIntervalMs))
            return false;
        dropConnection();
        QString error;
        if (!connectNow(&error)) {
            qCWarning(lcStore) << "database still unavailable:" << error;
            return false;
        }
        qCInfo(lcStore) << "database connection re-established";
        return true;
    }

    void dropConnection() {
        if (!m_session)
            return;
        m_session.reset();
        closeConnection(m_name);
        setConnected(false);
    }

    void setConnected(bool connected) {
        if (m_connected == connected)
            return;
        m_connected = connected;
        m_store->connectionChanged(connected);
    }

    bool connectionAlive() {
        if (!m_session || !m_session->database().isOpen())
            return false;
        QSqlQuery q(m_session->database());
        return q.exec(QStringLiteral("SELECT 1"));
    }

    void checkHealth() {
        if (m_closed)
            return;
        if (!m_session) {
            ensureConnected();
            return;
        }
        if (!connectionAlive()) {
            qCWarning(lcStore) << "database connection lost";
            dropConnection();
        }
    }

    void process(std::deque<Store::Job> &batch) {
        if (m_closed || !ensureConnected()) {
            for (Store::Job &job : batch)
                deliver(job, unavailable(QStringLiteral("database unavailable")));
            return;
        }
        std::vector<QVariant> values(batch.size());
        QString failure;
        if (runInTransaction(batch, values, &failure)) {
            for (size_t i = 0; i < batch.size(); ++i)
                deliver(batch[i], StoreResult{StoreResult::Status::Ok, {}, {}, values[i]});
            return;
        }
        if (m_lastFailureTransient || !connectionAlive()) {
            qCWarning(lcStore) << "database unavailable:" << failure;
            if (!connectionAlive())
                dropConnection();
            for (Store::Job &job : batch)
                deliver(job, unavailable(failure));
            return;
        }
        // One task failed: run each alone so only that one reports the failure.
        for (Store::Job &job : batch) {
            if (!m_session) { // the connection was lost on an earlier one
                deliver(job, unavailable(failure));
                continue;
            }
            std::deque<Store::Job> single;
            single.push_back(std::move(job));
            std::vector<QVariant> value(1);
            StoreResult result;
            if (runInTransaction(single, value, &failure, &result)) {
                result = StoreResult{StoreResult::Status::Ok, {}, {}, value[0]};
            } else if (m_lastFailureTransient || !connectionAlive()) {
                if (!connectionAlive())
                    dropConnection();
                result = unavailable(failure);
            }
            deliver(single.front(), result);
        }
    }

    // Returns true when committed. On failure *failure (and *detail) describe why.
    bool runInTransaction(std::deque<Store::Job> &jobs, std::vector<QVariant> &values,
                          QString *failure, StoreResult *detail = nullptr) {
        QSqlDatabase &db = m_session->database();
        m_lastFailureTransient = true; // until a task says otherwise
        if (!db.transaction()) {
            *failure = QStringLiteral("cannot begin a transaction");
            if (detail)
                *detail = unavailable(*failure);
            return false;
        }
        m_session->transactionStarted();
        try {
            for (size_t i = 0; i < jobs.size(); ++i) {
                m_session->setTenant(jobs[i].companyId);
                values[i] = jobs[i].task(*m_session);
            }
        } catch (const StoreError &e) {
            m_lastFailureTransient = e.isTransient();
            *failure = QString::fromStdString(e.what());
            if (detail)
                *detail = StoreResult{StoreResult::Status::Failed, *failure, e.sqlState(), {}};
            m_session->finishAll();
            db.rollback();
            return false;
        } catch (const std::exception &e) {
            m_lastFailureTransient = false;
            *failure = QString::fromStdString(e.what());
            if (detail)
                *detail = StoreResult{StoreResult::Status::Failed, *failure, {}, {}};
            m_session->finishAll();
            db.rollback();
            return false;
        }
        m_session->finishAll();
        if (!db.commit()) {
            *failure = QStringLiteral("commit failed");
            if (detail)
                *detail = unavailable(*failure);
            db.rollback();
            return false;
        }
        return true;
    }

    static StoreResult unavailable(const QString &why) {
        return StoreResult{StoreResult::Status::Unavailable, why, {}, {}};
    }

    static void deliver(Store::Job &job, StoreResult result) {
        if (!job.done)
            return;
        if (!job.hasContext) {
            job.done(result);
            return;
        }
        if (!job.context)
            return; // the requester is gone (e.g. the HTTP connection closed)
        QMetaObject::invokeMethod(
            job.context.data(),
            [done = std::move(job.done), result = std::move(result)] { done(result); },
            Qt::QueuedConnection);
    }

    Store *m_store;
    DatabaseSettings m_settings;
    QString m_name;
    std::unique_ptr<StoreSession> m_session;
    QTimer *m_healthTimer = nullptr;
    // Since the last failed attempt to connect (invalid: the last one succeeded). While the
    // database is down, attempts are spaced by kReconnectIntervalMs.
    QElapsedTimer m_sinceFailedAttempt;
    bool m_lastFailureTransient = false;
    bool m_closed = false;
    bool m_connected = false; // as counted by Store::connectionChanged
};

Store::Store(DatabaseSettings settings, int connections, QObject *parent)
    : QObject(parent)
    , m_settings(std::move(settings))
    , m_connections(qMax(1, connections)) {}

Store::~Store() {
    stop();
}

bool Store::start(QString *error) {
    for (int i = 0; i < m_connections; ++i) {
        auto thread = std::make_unique<QThread>();
        thread->setObjectName(QStringLiteral("callbook-store-%1").arg(i));
        auto *worker = new StoreWorker(this, m_settings);
        worker->moveToThread(thread.get());
        thread->start();
        m_threads.push_back(std::move(thread));
        m_workers.push_back(worker);
        bool opened = false;
        QMetaObject::invokeMethod(
            worker, [&] { opened = worker->open(error); }, Qt::BlockingQueuedConnection);
        if (!opened) {
            stop();
            return false;
        }
    }
    QMutexLocker lock(&m_mutex);
    m_idle = m_workers;
    m_running = true;
    return true;
}

void Store::stop() {
    if (m_workers.empty())
        return;
    for (StoreWorker *worker : m_workers) // each commits what is still queued
        QMetaObject::invokeMethod(
            worker, [worker] { worker->close(); }, Qt::BlockingQueuedConnection);
    {
        QMutexLocker lock(&m_mutex);
        m_running = false; // from here on submit() answers "unavailable" at once
        m_idle.clear();
    }
    for (auto &thread : m_threads) {
        thread->quit();
        thread->wait();
    }
    for (StoreWorker *worker : m_workers)
        delete worker;
    m_workers.clear();
    m_threads.clear();
    // Anything submitted after the final drain is answered as unavailable.
    std::deque<Job> rest;
    {
        QMutexLocker lock(&m_mutex);
        rest.swap(m_queue);
    }
    for (Job &job : rest)
        rejectStopped(std::move(job));
}

void Store::rejectStopped(Job job) {
    if (!job.done)
        return;
    StoreResult result{StoreResult::Status::Unavailable, QStringLiteral("store stopped"), {}, {}};
    if (!job.hasContext)
        job.done(result);
    else if (job.context)
        QMetaObject::invokeMethod(
            job.context.data(), [done = std::move(job.done), result] { done(result); },
            Qt::QueuedConnection);
}

void Store::submit(qint64 companyId, StoreTask task, QObject *context, StoreCallback done) {
    StoreWorker *wake = nullptr;
    {
        QMutexLocker lock(&m_mutex);
        if (!m_running) {
            lock.unlock();
            rejectStopped(Job{
                companyId, {}, QPointer<QObject>(context), std::move(done), context != nullptr});
            return;
        }
        m_queue.push_back(Job{companyId, std::move(task), QPointer<QObject>(context),
                              std::move(done), context != nullptr});
        if (!m_idle.empty()) {
            wake = m_idle.back();
            m_idle.pop_back();
        }
    }
    if (wake)
        QMetaObject::invokeMethod(
            wake, [wake] { wake->drain(); }, Qt::QueuedConnection);
}

StoreResult Store::runAndWait(qint64 companyId, StoreTask task) {
    QSemaphore finished;
    StoreResult result;
    submit(companyId, std::move(task), nullptr, [&](const StoreResult &r) {
        result = r;
        finished.release();
    });
    finished.acquire();
    return result;
}

int Store::pendingTasks() const {
    QMutexLocker lock(&m_mutex);
    return int(m_queue.size());
}

std::deque<Store::Job> Store::takeBatch(StoreWorker *worker, int max) {
    QMutexLocker lock(&m_mutex);
    std::deque<Job> batch;
    if (m_queue.empty()) {
        if (m_running && std::find(m_idle.begin(), m_idle.end(), worker) == m_idle.end())
            m_idle.push_back(worker);
        return batch;
    }
    while (!m_queue.empty() && int(batch.size()) < max) {
        batch.push_back(std::move(m_queue.front()));
        m_queue.pop_front();
    }
    return batch;
}

void Store::connectionChanged(bool connected) {
    QMutexLocker lock(&m_availabilityMutex); // keeps the signals in the order of the counts
    const int open = connected ? ++m_connected : --m_connected;
    if (open == (connected ? 1 : 0))
        Q_EMIT availabilityChanged(connected);
}

} // namespace Callbook

#include "store.moc"
