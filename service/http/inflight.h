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
            if (--m_count == 0)
                QMetaObject::invokeMethod(this, &InFlightTracker::drained, Qt::QueuedConnection);
        });
    }
    int count() const { return m_count.load(); }

Q_SIGNALS:
    void drained();

private:
    std::atomic<int> m_count{0};
};

} // namespace Callbook
