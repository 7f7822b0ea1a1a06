#include "latencystats.h"

#include <algorithm>
#include <cmath>

namespace Callbook {

LatencyStats::LatencyStats(int capacity) {
    m_samples.reserve(capacity);
}

void LatencyStats::add(qint64 ms) {
    ++m_total;
    if (m_samples.size() < m_samples.capacity()) {
        m_samples.append(ms);
        return;
    }
    m_samples[m_next] = ms;
    m_next = (m_next + 1) % int(m_samples.size());
}

qint64 LatencyStats::percentile(double p) const {
    if (m_samples.isEmpty())
        return -1;
    QList<qint64> sorted = m_samples;
    std::sort(sorted.begin(), sorted.end());
    const int rank =
        qBound(0, int(std::ceil(p / 100.0 * sorted.size())) - 1, int(sorted.size()) - 1);
    return sorted[rank];
}

} // namespace Callbook
