#pragma once

#include "core/clock.h"

#include <deque>
#include <optional>

namespace Callbook {

// Keeps one Cal.com API key inside its request limit (120 per minute). Counts our own
// requests in a sliding window and also believes what Cal.com reports in its
// X-RateLimit-*-Default headers; after a 429 it sends nothing until the reported reset.
// Lower-priority work gets only part of the budget so that a caller's booking is never the
// request that has to wait.
struct RateBudgetSettings {
    int limit = 120;
    qint64 windowMs = 60000;
};

class RateBudget {
public:
    enum class Priority { Prefetch, Read, Write };
    using Settings = RateBudgetSettings;

    explicit RateBudget(Settings settings = {}, Clock clock = steadyClock());

    // Takes one request from the budget, or says no (the caller fails fast or serves stale).
    bool canAcquire(Priority priority) const;
    bool tryAcquire(Priority priority);
    // What an answer told us: its status and the rate headers, when present.
    void observe(int httpStatus, std::optional<int> remaining, std::optional<int> resetSeconds);

    int limit() const { return m_settings.limit; }
    int remaining() const;
    qint64 blockedForMs() const;
    int refusals() const { return m_refusals; }

private:
    int usedInWindow() const;
    int allowance(Priority priority) const;

    Settings m_settings;
    Clock m_clock;
    mutable std::deque<qint64> m_sent;
    std::optional<int> m_reportedRemaining;
    qint64 m_reportedAtMs = 0;
    qint64 m_reportedUntilMs = 0;
    qint64 m_blockedUntilMs = 0;
    mutable int m_refusals = 0;
};

} // namespace Callbook
