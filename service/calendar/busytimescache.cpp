#include "busytimescache.h"

#include <algorithm>

namespace Callbook {

BusyTimesCache::BusyTimesCache(Fetch fetch, Settings settings, Clock clock)
    : m_fetch(std::move(fetch))
    , m_settings(settings)
    , m_clock(std::move(clock)) {}

static qint64 firstBucketOf(const TimeRange &r) {
    return r.startMs / BusyTimesCache::kBucketMs;
}
static qint64 lastBucketOf(const TimeRange &r) {
    return (r.endMs - 1) / BusyTimesCache::kBucketMs;
}

// The entries the database read would have returned for `within` at `nowMs`.
static QList<TimeRange> select(const QList<BusyTime> &all, const TimeRange &within, qint64 nowMs) {
    QList<TimeRange> out;
    for (const BusyTime &b : all)
        if (b.untilMs > nowMs && b.range.overlaps(within))
            out.append(b.range);
    std::sort(out.begin(), out.end(), [](const TimeRange &a, const TimeRange &b) {
        return a.startMs != b.startMs ? a.startMs < b.startMs : a.endMs < b.endMs;
    });
    // An entry spanning several days sits in each of them.
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
}

std::optional<QList<TimeRange>>
BusyTimesCache::fromMemory(qint64 companyId, const TimeRange &within, qint64 nowMs) const {
    const auto company = m_companies.constFind(companyId);
    if (company == m_companies.constEnd())
        return std::nullopt;
    const qint64 now = m_clock();
    QList<BusyTime> found;
    for (qint64 b = firstBucketOf(within); b <= lastBucketOf(within); ++b) {
        const auto it = company->buckets.constFind(b);
        if (it == company->buckets.constEnd() || now - it->filledAtMs >= m_settings.maxAgeMs)
            return std::nullopt;
        found += it->busy;
    }
    return select(found, within, nowMs);
}

void BusyTimesCache::busyTimes(qint64 companyId, const TimeRange &within, qint64 nowMs,
                               Reply reply) {
    if (auto hit = fromMemory(companyId, within, nowMs))
        return reply(CalendarReply<QList<TimeRange>>::success(std::move(*hit)), true);
    const qint64 first = firstBucketOf(within), last = lastBucketOf(within);
    const quint64 generation = m_companies[companyId].generation;
    for (const auto &p : m_pending)
        if (p->companyId == companyId && p->generation == generation && p->firstBucket <= first &&
            p->lastBucket >= last) {
            p->waiters.append({within, nowMs, std::move(reply)});
            return;
        }
    auto read = std::make_shared<Pending>(Pending{
        companyId, first, last, generation, m_clock(), {{within, nowMs, std::move(reply)}}});
    m_pending.push_back(read);
    const TimeRange span{first * kBucketMs, (last + 1) * kBucketMs};
    m_fetch(companyId, span, nowMs,
            [this, read](std::optional<QList<BusyTime>> busy, CalendarError error) {
                std::erase(m_pending, read);
                if (busy && read->generation == m_companies[read->companyId].generation)
                    keep(*read, *busy);
                for (Waiter &w : read->waiters)
                    w.reply(busy ? CalendarReply<QList<TimeRange>>::success(
                                       select(*busy, w.within, w.nowMs))
                                 : CalendarReply<QList<TimeRange>>::failure(error.failure,
                                                                            error.detail),
                            false);
            });
}

void BusyTimesCache::keep(const Pending &read, const QList<BusyTime> &busy) {
    Company &company = m_companies[read.companyId];
    for (qint64 b = read.firstBucket; b <= read.lastBucket; ++b) {
        if (!company.buckets.contains(b))
            ++m_bucketCount;
        // Its age counts from the read's start: what it holds may be that old.
        company.buckets.insert(b, Bucket{{}, read.startedAtMs});
    }
    for (const BusyTime &t : busy) {
        const qint64 from = std::max(read.firstBucket, firstBucketOf(t.range));
        const qint64 to = std::min(read.lastBucket, lastBucketOf(t.range));
        for (qint64 b = from; b <= to; ++b)
            company.buckets[b].busy.append(t);
    }
    if (m_bucketCount > m_settings.maxBuckets)
        evictOldest();
}

// Down to three quarters of the bound, oldest first, so that eviction is rare.
void BusyTimesCache::evictOldest() {
    std::vector<qint64> ages;
    ages.reserve(size_t(m_bucketCount));
    for (const Company &c : std::as_const(m_companies))
        for (const Bucket &b : c.buckets)
            ages.push_back(b.filledAtMs);
    const size_t drop = ages.size() - size_t(m_settings.maxBuckets) * 3 / 4;
    std::nth_element(ages.begin(), ages.begin() + qsizetype(drop - 1), ages.end());
    const qint64 cutoff = ages[drop - 1];
    size_t dropped = 0;
    for (Company &c : m_companies)
        for (auto it = c.buckets.begin(); it != c.buckets.end();) {
            if (it->filledAtMs <= cutoff && dropped < drop) {
                it = c.buckets.erase(it);
                ++dropped;
            } else {
                ++it;
            }
        }
    m_bucketCount -= int(dropped);
}

void BusyTimesCache::forget(qint64 companyId) {
    Company &company = m_companies[companyId];
    ++company.generation;
    m_bucketCount -= int(company.buckets.size());
    company.buckets.clear();
}

void BusyTimesCache::forgetAll() {
    for (auto it = m_companies.begin(); it != m_companies.end(); ++it) {
        ++it->generation;
        it->buckets.clear();
    }
    m_bucketCount = 0;
}

} // namespace Callbook
