#pragma once

#include <QHash>
#include <QList>
#include <QMap>
#include <QString>
#include <array>

namespace Callbook {

// Function latencies per function and minute in log-spaced buckets (10 µs … 10 s, 25 % wide),
// so p50/p95 over the last 15 minutes, hour or day cost the same whatever the call rate.
// Keeps one day.
class FunctionLatencyStats {
public:
    static constexpr int kBuckets = 64;
    using Histogram = std::array<quint32, kBuckets>;

    struct Summary {
        QString function;
        qint64 count = 0;
        double p50Ms = 0;
        double p95Ms = 0;
        double maxMs = 0;
        qint64 overThreshold = 0; // calls slower than the threshold given to summaries()
    };

    void add(const QString &function, qint64 durationUs, qint64 atMs);
    // Every function with calls in the window ending at `nowMs`, sorted by name.
    QList<Summary> summaries(qint64 nowMs, qint64 windowMs, double thresholdMs) const;
    // All functions merged (or one), for the histogram chart.
    Histogram histogram(qint64 nowMs, qint64 windowMs, const QString &function = {}) const;

    static double bucketUpperMs(int bucket);
    static int bucketOf(qint64 durationUs);
    static double percentileMs(const Histogram &h, double p);

private:
    void prune(qint64 nowMinute);
    struct PerFunction {
        QMap<qint64, Histogram> minutes; // minute since epoch → histogram
        QMap<qint64, double> maxUs;      // minute → slowest
    };
    QHash<QString, PerFunction> m_functions;
    qint64 m_lastPrunedMinute = 0;
};

} // namespace Callbook
