#pragma once

#include <QMutex>
#include <QObject>
#include <QThread>
#include <functional>

namespace Callbook {

// The network thread's end of answers given elsewhere: sockets and QHttpServerResponder
// belong to the thread that reads them, so an answer written on the service thread is posted
// here. After close() (the network thread shutting down) nothing is posted any more.
class ResponderHome {
public:
    explicit ResponderHome(QObject *context)
        : m_context(context)
        , m_thread(context->thread()) {}

    bool isCurrentThread() const { return QThread::currentThread() == m_thread; }

    // Runs `task` on the network thread; false (and `task` not run) once closed.
    bool post(std::function<void()> task) {
        QMutexLocker lock(&m_mutex);
        if (!m_context)
            return false;
        QMetaObject::invokeMethod(m_context, std::move(task), Qt::QueuedConnection);
        return true;
    }

    // On the network thread, before its objects go away.
    void close() {
        QMutexLocker lock(&m_mutex);
        m_context = nullptr;
    }

private:
    QMutex m_mutex;
    QObject *m_context;
    QThread *const m_thread;
};

} // namespace Callbook
