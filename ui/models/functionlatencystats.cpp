#include "functionlatencystats.h"

#include <QtMath>
#include <algorithm>

namespace Callbook {

static constexpr double kFirstUpperUs = 10.0;
static constexpr double kGrowth = 1.25;

double FunctionLatencyStats::bucketUpperMs(int bucket) {
    return kFirstUpperUs * std::pow(kGrowth, bucket) / 1000.0;
}

int FunctionLatencyStats::bucketOf(qint64 durationUs) {
    if (durationUs <= kFirstUpperUs)
        return 0;
    const int b = int(std::ceil(std::log(double(durationUs) / kFirstUpperUs) / std::log(kGrowth)));
    return std::clamp(b, 0, kBuckets - 1);
}

void FunctionLatencyStats::add(const QString &function, qint64 durationUs, qint64 atMs) {
    const qint64 minute = atMs / 60000;
    PerFunction &f = m_functions[function];
    auto it = f.minutes.find(minute);
    if (it == f.minutes.end())
        it = f.minutes.insert(minute, Histogram{});
    ++(*it)[bucketOf(durationUs)];
    double &slowest = f.maxUs[minute];
    slowest = std::max(slowest, double(durationUs));
    if (minute - m_lastPrunedMinute > 10)
        prune(minute);
}

void FunctionLatencyStats::prune(qint64 nowMinute) {
    m_lastPrunedMinute = nowMinute;
    const qint64 oldest = nowMinute - 24 * 60;
    for (PerFunction &f : m_functions) {
        while (!f.minutes.isEmpty() && f.minutes.firstKey() < oldest)
            f.minutes.erase(f.minutes.begin());
        while (!f.maxUs.isEmpty() && f.maxUs.firstKey() < oldest)
            f.maxUs.erase(f.maxUs.begin());
    }
}

double FunctionLatencyStats::percentileMs(const Histogram &h, double p) {
    qint64 total = 0;
    for (quint32 n : h)
        total += n;
    if (total == 0)
        return 0;
    const double rank = p / 100.0 * double(total);
    qint64 seen = 0;
    for (int b = 0; b < kBuckets; ++b) {
        if (h[b] == 0)
            continue;
        if (double(seen + h[b]) >= rank) {
            // Geometric interpolation inside the bucket.
            const double lower = b == 0 ? 0.0 : bucketUpperMs(b - 1);
            const double upper = bucketUpperMs(b);
            const double within = (rank - double(seen)) / double(h[b]);
            return b == 0 ? upper * within : lower * std::pow(upper / lower, within);
        }
        seen += h[b];
    }
    return bucketUpperMs(kBuckets - 1);
}

FunctionLatencyStats::Histogram FunctionLatencyStats::histogram(qint64 nowMs, qint64 windowMs,
                                                                const QString &function) const {
    Histogram out{};
    const qint64 first = (nowMs - windowMs) / 60000, last = nowMs / 60000;
    for (auto f = m_functions.cbegin(); f != m_functions.cend(); ++f) {
        if (!function.isEmpty() && f.key() != function)
            continue;
        for (auto m = f->minutes.lowerBound(first); m != f->minutes.cend() && m.key() <= last; ++m)
            for (int b = 0; b < kBuckets; ++b)
                out[b] += (*m)[b];
    }
    return out;
}

QList<FunctionLatencyStats::Summary> FunctionLatencyStats::summaries(qint64 nowMs, qint64 windowMs,
                                                                     double thresholdMs) const {
    QList<Summary> out;
    const qint64 first = (nowMs - windowMs) / 60000, last = nowMs / 60000;
    for (auto f = m_functions.cbegin(); f != m_functions.cend(); ++f) {
        const Histogram h = histogram(nowMs, windowMs, f.key());
        Summary s;
        s.function = f.key();
        for (int b = 0; b < kBuckets; ++b) {
            s.count += h[b];
            if (b > 0 && bucketUpperMs(b - 1) >= thresholdMs) // the whole bucket is slower
                s.overThreshold += h[b];
        }
        if (s.count == 0)
            continue;
        s.p50Ms = percentileMs(h, 50);
        s.p95Ms = percentileMs(h, 95);
        for (auto m = f->maxUs.lowerBound(first); m != f->maxUs.cend() && m.key() <= last; ++m)
            s.maxMs = std::max(s.maxMs, *m / 1000.0);
        out.append(s);
    }
    std::sort(out.begin(), out.end(),
              [](const Summary &a, const Summary &b) { return a.function < b.function; });
    return out;
}

} // namespace Callbook
