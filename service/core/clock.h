#pragma once

#include <QtGlobal>
#include <chrono>
#include <functional>

namespace Callbook {

// Milliseconds on a monotonic clock. Injected where behaviour depends on elapsed time
// (cache TTL, breaker cool-down, rate windows) so tests can move time forward.
using Clock = std::function<qint64()>;

inline qint64 steadyNowMs() {
    using namespace std::chrono;
    return duration_cast<milliseconds>(steady_clock::now().time_since_epoch()).count();
}

inline Clock steadyClock() {
    return &steadyNowMs;
}

} // namespace Callbook
