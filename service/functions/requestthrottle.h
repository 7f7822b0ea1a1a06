#pragma once

#include "core/clock.h"

#include <QHash>
#include <QString>
#include <deque>

namespace Callbook {

// At most `limit` requests per key (a call, a source address) in any `windowMs`. Keys that
// have been quiet for a window are forgotten, so memory stays bounded by recent traffic.
class RequestThrottle {
public:
    RequestThrottle(int limit, qint64 windowMs, Clock clock = steadyClock())
        : m_limit(limit)
        , m_windowMs(windowMs)
        , m_clock(std::move(clock)) {}

    // Counts the request; false when it is over the limit (it is then not counted).
    bool admit(const QString &key) {
        const qint64 now = m_clock();
        if (now - m_lastSweepMs > m_windowMs)
            sweep(now);
        std::deque<qint64> &times = m_times[key];
        while (!times.empty() && times.front() <= now - m_windowMs)
            times.pop_front();
        if (int(times.size()) >= m_limit)
            return false;
        times.push_back(now);
        return true;
    }

private:
    void sweep(qint64 now) {
        m_lastSweepMs = now;
        m_times.removeIf([&](const auto &it) {
            return it.value().empty() || it.value().back() <= now - m_windowMs;
        });
    }

    int m_limit;
    qint64 m_windowMs;
    Clock m_clock;
    qint64 m_lastSweepMs = 0;
    QHash<QString, std::deque<qint64>> m_times;
};

} // namespace Callbook
