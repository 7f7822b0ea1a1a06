#pragma once

#include "databasesettings.h"

#include <QMutex>
#include <QObject>
#include <QPointer>
#include <QThread>
#include <QVariant>
#include <atomic>
#include <deque>
#include <functional>
#include <memory>
#include <vector>

namespace Callbook {

class StoreSession;
class StoreWorker;

struct StoreResult {
    enum class Status { Ok, Unavailable, Failed };
    Status status = Status::Ok;
    QString error;
    QString sqlState;
    QVariant value;
    bool ok() const { return status == Status::Ok; }
};

// A unit of database work. Runs on the store thread inside a transaction scoped to one
// company (0 = no tenant: routing and admin reads). Throws StoreError to fail.
using StoreTask = std::function<QVariant(StoreSession &)>;
using StoreCallback = std::function<void(const StoreResult &)>;

// The database, on its own thread. Callers never wait: they submit tasks and get a
// callback on their own thread (through `context`) after the task's transaction has
// committed. Tasks that arrive together share one transaction (group commit); a failing
// task is retried alone so it cannot take the others down with it.
class Store final : public QObject {
    Q_OBJECT
public:
    // `connections` > 1 lets one connection work on a batch while another waits for its
    // commit to reach the disk (PostgreSQL; SQLite has one writer anyway).
    explicit Store(DatabaseSettings settings, int connections = 1, QObject *parent = nullptr);
    ~Store() override;

    // Starts the thread and opens the connection. Blocks the caller until connected;
    // call it at start-up only, never while serving.
    bool start(QString *error);
    // Finishes every submitted task, closes the connection, joins the thread.
    void stop();

    void submit(qint64 companyId, StoreTask task, QObject *context, StoreCallback done);
    // Blocking convenience for start-up and command-line tools (not for serving threads).
    StoreResult runAndWait(qint64 companyId, StoreTask task);

    DatabaseEngine engine() const { return m_settings.engine; }
    // True while at least one of its connections is open (one whose connection broke
    // reconnects on its next task or health check).
    bool isAvailable() const { return m_connected.load() > 0; }
    int pendingTasks() const;

Q_SIGNALS:
    void availabilityChanged(bool available);

private:
    friend class StoreWorker;
    struct Job {
        qint64 companyId;
        StoreTask task;
        QPointer<QObject> context;
        StoreCallback done;
        bool hasContext;
    };
    std::deque<Job> takeBatch(StoreWorker *worker, int max);
    void connectionChanged(bool connected); // from a worker's thread
    static void rejectStopped(Job job);

    DatabaseSettings m_settings;
    int m_connections;
    std::vector<std::unique_ptr<QThread>> m_threads;
    std::vector<StoreWorker *> m_workers;
    mutable QMutex m_mutex;
    std::deque<Job> m_queue;
    std::vector<StoreWorker *> m_idle; // workers waiting for work
    bool m_running = false;
    QMutex m_availabilityMutex;
    std::atomic<int> m_connected{0}; // open connections
};

} // namespace Callbook
