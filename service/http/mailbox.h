#pragma once

#include <QMutex>
#include <QObject>
#include <QThread>
#include <deque>
#include <functional>
#include <memory>

namespace Callbook {

// Tasks posted from any thread and run, in order, on the thread of a context object. Under
// load many tasks share one wake-up of that thread: a queued call is posted only when the
// queue was empty, and it then runs everything that has arrived. After close() nothing is
// accepted and what was still queued is dropped.
class Mailbox final : public std::enable_shared_from_this<Mailbox> {
public:
    // `context` lives on the thread the tasks run on and outlives the last post().
    explicit Mailbox(QObject *context)
        : m_context(context)
        , m_thread(context->thread()) {}

    bool isCurrentThread() const { return QThread::currentThread() == m_thread; }

    // False (and `task` dropped, on the caller's thread) once closed.
    bool post(std::function<void()> task) {
        QMutexLocker lock(&m_mutex);
        if (m_closed)
            return false;
        m_tasks.push_back(std::move(task));
        if (!m_scheduled) {
            m_scheduled = true;
            QMetaObject::invokeMethod(
                m_context,
                [weak = weak_from_this()] {
                    if (const auto self = weak.lock())
                        self->drain();
                },
                Qt::QueuedConnection);
        }
        return true;
    }

    // On the context's thread, before it goes away: queued tasks are destroyed there.
    void close() {
        std::deque<std::function<void()>> dropped;
        QMutexLocker lock(&m_mutex);
        m_closed = true;
        dropped.swap(m_tasks);
        lock.unlock();
    }

private:
    void drain() {
        std::deque<std::function<void()>> batch;
        {
            QMutexLocker lock(&m_mutex);
            batch.swap(m_tasks);
            m_scheduled = false; // what arrives from now on schedules the next round
        }
        for (auto &task : batch)
            task();
    }

    QMutex m_mutex;
    QObject *const m_context;
    QThread *const m_thread;
    std::deque<std::function<void()>> m_tasks;
    bool m_scheduled = false;
    bool m_closed = false;
};

} // namespace Callbook
