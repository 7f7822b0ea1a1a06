#pragma once

#include <QObject>
#include <atomic>
#include <memory>

namespace Callbook {

// Counts requests that have been accepted but not answered yet, so a graceful shutdown
// can wait for them. A Token ends its request when the last copy goes away, on whichever
// thread that happens (a dropped store callback dies on the store thread).
class InFlightTracker final : public QObject {
    Q_OBJECT
public:
    using Token = std::shared_ptr<void>;
    using QObject::QObject;

    Token begin() {
        ++m_count;
        return Token(nullptr, [this](void *) {
            // Only a shutdown waits for this: a queued signal per request would cost a
            // wake-up of this thread each.
            if (--m_count == 0 && m_watched.load())
                QMetaObject::invokeMethod(this, &InFlightTracker::drained, Qt::QueuedConnection);
        });
    }
    int count() const { return m_count.load(); }
    // From now on drained() is emitted each time the count reaches 0. Check count() after
    // this call: it may be 0 already.
    void watch() { m_watched = true; }

Q_SIGNALS:
    void drained();

private:
    std::atomic<int> m_count{0};
    std::atomic<bool> m_watched{false};
};

} // namespace Callbook
