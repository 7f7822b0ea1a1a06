#include "circuitbreaker.h"

namespace Callbook {

CircuitBreaker::CircuitBreaker(Settings settings, Clock clock)
    : m_settings(settings)
    , m_clock(std::move(clock)) {}

std::optional<CircuitBreaker::Permit> CircuitBreaker::tryPass() {
    if (m_state == State::Closed)
        return Permit{false};
    if (m_state == State::Open) {
        if (m_clock() - m_openedAtMs < m_settings.openMs)
            return std::nullopt;
        m_state = State::HalfOpen;
        m_probeInFlight = false;
    }
    if (m_probeInFlight)
        return std::nullopt;
    m_probeInFlight = true;
    return Permit{true};
}

void CircuitBreaker::recordSuccess(const Permit &permit) {
    m_lastSuccessMs = m_clock();
    // A slow answer to a request sent before the breaker opened proves little; only the
    // probe decides whether an open breaker closes.
    if (m_state == State::Closed || permit.probe) {
        m_state = State::Closed;
        m_failures = 0;
        m_probeInFlight = false;
    }
}

void CircuitBreaker::recordFailure(const Permit &permit, const QString &reason) {
    m_lastFailureMs = m_clock();
    m_lastError = reason;
    if (permit.probe) {
        m_probeInFlight = false;
        ++m_failures;
        open();
        return;
    }
    if (m_state != State::Closed)
        return;
    if (++m_failures >= m_settings.failureThreshold)
        open();
}

void CircuitBreaker::open() {
    if (m_state != State::Open)
        ++m_timesOpened;
    m_state = State::Open;
    m_openedAtMs = m_clock();
}

void CircuitBreaker::reset() {
    m_state = State::Closed;
    m_failures = 0;
    m_probeInFlight = false;
}

CircuitBreaker::State CircuitBreaker::state() const {
    if (m_state == State::Open && m_clock() - m_openedAtMs >= m_settings.openMs)
        return State::HalfOpen; // the next request will be the probe
    return m_state;
}

qint64 CircuitBreaker::retryInMs() const {
    if (m_state != State::Open)
        return 0;
    return qMax<qint64>(0, m_settings.openMs - (m_clock() - m_openedAtMs));
}

std::optional<qint64> CircuitBreaker::lastSuccessAgoMs() const {
    if (!m_lastSuccessMs)
        return std::nullopt;
    return m_clock() - *m_lastSuccessMs;
}

std::optional<qint64> CircuitBreaker::lastFailureAgoMs() const {
    if (!m_lastFailureMs)
        return std::nullopt;
    return m_clock() - *m_lastFailureMs;
}

QString toString(CircuitBreaker::State state) {
    switch (state) {
    case CircuitBreaker::State::Closed:
        return QStringLiteral("closed");
    case CircuitBreaker::State::Open:
        return QStringLiteral("open");
    case CircuitBreaker::State::HalfOpen:
        return QStringLiteral("half_open");
    }
    return {};
}

} // namespace Callbook
