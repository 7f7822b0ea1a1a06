#pragma once

#include <QList>
#include <QtGlobal>

namespace Callbook {

// Percentiles over the most recent upstream round trips (a fixed ring of samples).
class LatencyStats {
public:
    explicit LatencyStats(int capacity = 512);
    void add(qint64 ms);
    qint64 percentile(double p) const; // -1 with no samples
    qint64 count() const { return m_total; }

private:
    QList<qint64> m_samples;
    int m_next = 0;
    qint64 m_total = 0;
};

} // namespace Callbook
