#include "eventlooplag.h"

#include <algorithm>

namespace Callbook {

EventLoopLag::EventLoopLag(int intervalMs, QObject *parent)
    : QObject(parent)
    , m_intervalMs(intervalMs) {
    m_timer.setTimerType(Qt::PreciseTimer);
    m_timer.setInterval(intervalMs);
    connect(&m_timer, &QTimer::timeout, this, &EventLoopLag::tick);
    m_clock.start();
    m_timer.start();
}

void EventLoopLag::reset() {
    m_lagUs.clear();
    m_lastUs = -1;
}

void EventLoopLag::tick() {
    const qint64 now = m_clock.nsecsElapsed() / 1000;
    if (m_lastUs >= 0)
        m_lagUs.push_back(std::max<qint64>(0, now - m_lastUs - qint64(m_intervalMs) * 1000));
    m_lastUs = now;
}

double EventLoopLag::percentileMs(double p) const {
    if (m_lagUs.empty())
        return 0;
    std::vector<qint64> sorted = m_lagUs;
    std::sort(sorted.begin(), sorted.end());
    const size_t i = std::min(sorted.size() - 1, size_t(p / 100.0 * double(sorted.size())));
    return double(sorted[i]) / 1000.0;
}

double EventLoopLag::maxMs() const {
    return m_lagUs.empty() ? 0 : double(*std::max_element(m_lagUs.begin(), m_lagUs.end())) / 1000.0;
}

} // namespace Callbook
