#pragma once

#include <QObject>
#include <memory>

namespace Callbook {

// Counts requests that have been accepted but not answered yet, so a graceful shutdown
// can wait for them. A Token ends its request when the last copy goes away.
class InFlightTracker final : public QObject {
    Q_OBJECT
public:
    using Token = std::shared_ptr<void>;
    using QObject::QObject;

    Token begin() {
        ++m_count;
        return Token(nullptr, [this](void *) {
            if (--m_count == 0)
                Q_EMIT drained();
        });
    }
    int count() const { return m_count; }

Q_SIGNALS:
    void drained();

private:
    int m_count = 0;
};

} // namespace Callbook
