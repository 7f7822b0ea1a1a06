#pragma once

#include "core/clock.h"

#include <QString>
#include <optional>

namespace Callbook {

// Stops calling an upstream that keeps failing. Closed: requests pass and consecutive failures
// are counted. Open (after `failureThreshold` in a row): every request is refused at once for
// `openMs`. Half-open: then exactly one probe may go; its success closes the breaker, its
// failure opens it for another `openMs`.
struct CircuitBreakerSettings {
    int failureThreshold = 5;
    qint64 openMs = 60000;
};

class CircuitBreaker {
public:
    enum class State { Closed, Open, HalfOpen };
    using Settings = CircuitBreakerSettings;
    // Permission for one request; tells whether it is the half-open probe.
    struct Permit {
        bool probe = false;
    };

    explicit CircuitBreaker(Settings settings = {}, Clock clock = steadyClock());

    std::optional<Permit> tryPass();
    void recordSuccess(const Permit &permit);
    void recordFailure(const Permit &permit, const QString &reason);
    void reset(); // manual reset from the console or admin command

    State state() const;
    int consecutiveFailures() const { return m_failures; }
    qint64 retryInMs() const; // 0 unless open
    std::optional<qint64> lastSuccessAgoMs() const;
    std::optional<qint64> lastFailureAgoMs() const;
    QString lastError() const { return m_lastError; }
    int timesOpened() const { return m_timesOpened; }

private:
    void open();

    Settings m_settings;
    Clock m_clock;
    State m_state = State::Closed;
    int m_failures = 0;
    qint64 m_openedAtMs = 0;
    bool m_probeInFlight = false;
    std::optional<qint64> m_lastSuccessMs;
    std::optional<qint64> m_lastFailureMs;
    QString m_lastError;
    int m_timesOpened = 0;
};

QString toString(CircuitBreaker::State state);

} // namespace Callbook
