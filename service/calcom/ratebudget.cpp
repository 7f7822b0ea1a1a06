#include "ratebudget.h"

#include <QtGlobal>
#include <algorithm>

namespace Callbook {

RateBudget::RateBudget(Settings settings, Clock clock)
    : m_settings(settings)
    , m_clock(std::move(clock)) {}

int RateBudget::usedInWindow() const {
    const qint64 horizon = m_clock() - m_settings.windowMs;
    while (!m_sent.empty() && m_sent.front() <= horizon)
        m_sent.pop_front();
    return int(m_sent.size());
}

int RateBudget::remaining() const {
    int left = m_settings.limit - usedInWindow();
    // Cal.com counts per key across every process using it: its own count wins when lower.
    if (m_reportedRemaining && m_clock() < m_reportedUntilMs) {
        const int sentSince = int(std::count_if(m_sent.begin(), m_sent.end(),
                                                [this](qint64 t) { return t > m_reportedAtMs; }));
        left = qMin(left, *m_reportedRemaining - sentSince);
    }
    return qMax(0, left);
}

qint64 RateBudget::blockedForMs() const {
    return qMax<qint64>(0, m_blockedUntilMs - m_clock());
}

int RateBudget::allowance(Priority priority) const {
    switch (priority) {
    case Priority::Prefetch: // warming the cache is worth it only while the budget is ample
        return m_settings.limit * 6 / 10;
    case Priority::Read:
        return m_settings.limit * 9 / 10;
    case Priority::Write:
        return m_settings.limit;
    }
    return 0;
}

bool RateBudget::canAcquire(Priority priority) const {
    const int used = m_settings.limit - remaining();
    if (blockedForMs() > 0 || used >= allowance(priority)) {
        ++m_refusals;
        return false;
    }
    return true;
}

bool RateBudget::tryAcquire(Priority priority) {
    if (!canAcquire(priority))
        return false;
    m_sent.push_back(m_clock());
    return true;
}

void RateBudget::observe(int httpStatus, std::optional<int> remainingHeader,
                         std::optional<int> resetSeconds) {
    const qint64 now = m_clock();
    if (remainingHeader) {
        // Cal.com's count holds until its window resets.
        m_reportedRemaining = *remainingHeader;
        m_reportedAtMs = now;
        m_reportedUntilMs =
            now + (resetSeconds ? qint64(*resetSeconds) * 1000 : m_settings.windowMs);
    }
    const bool exhausted = httpStatus == 429 || (remainingHeader && *remainingHeader <= 0);
    if (exhausted) {
        // Cal.com sends no Retry-After; its Reset header is the seconds left in the window.
        const qint64 waitMs =
            resetSeconds ? qint64(qMax(1, *resetSeconds)) * 1000 : m_settings.windowMs;
        m_blockedUntilMs = qMax(m_blockedUntilMs, now + waitMs);
    }
}

} // namespace Callbook
