#pragma once

#include "calendartypes.h"
#include "core/clock.h"
#include "localbookings.h"

#include <QHash>
#include <functional>
#include <memory>
#include <vector>

namespace Callbook {

struct BusyTimesCacheSettings {
    // A change nobody told us about (a missed notification, a hand edit) is seen after
    // this at the latest.
    qint64 maxAgeMs = 10000;
    int maxBuckets = 20000; // days over all businesses, about 3 MB
};

// The built-in calendar's busy times (appointments with their buffers, and holds) per business
// and 24-hour bucket, kept on the service thread so that free-time questions need no database
// round trip. Filled from the database on a miss; every change to a business's appointments or
// holds, here or in another instance, must call forget(). Never decides a booking: holds and
// bookings check the database themselves.
class BusyTimesCache {
public:
    using Settings = BusyTimesCacheSettings;
    using Reply = std::function<void(CalendarReply<QList<TimeRange>>, bool fromMemory)>;
    using FetchDone = std::function<void(std::optional<QList<BusyTime>>, CalendarError)>;
    // Reads the busy times overlapping `span` (still busy at `nowMs`) from the database; answers
    // later, on the service thread.
    using Fetch =
        std::function<void(qint64 companyId, const TimeRange &span, qint64 nowMs, FetchDone)>;

    explicit BusyTimesCache(Fetch fetch, Settings settings = {}, Clock clock = steadyClock());

    // What is busy within `within` at `nowMs`, sorted by start: at once when every day of it is
    // in memory, else after one database read (shared by identical concurrent misses).
    void busyTimes(qint64 companyId, const TimeRange &within, qint64 nowMs, Reply reply);
    // Something changed: drop the business's days; a read already under way is not kept.
    void forget(qint64 companyId);
    void forgetAll();

    int bucketCount() const { return m_bucketCount; }
    static constexpr qint64 kBucketMs = 24 * 3600 * 1000;

private:
    struct Bucket {
        QList<BusyTime> busy;
        qint64 filledAtMs = 0;
    };
    struct Company {
        quint64 generation = 0; // counts forget()s: a read begun before one is discarded
        QHash<qint64, Bucket> buckets;
    };
    struct Waiter {
        TimeRange within;
        qint64 nowMs;
        Reply reply;
    };
    struct Pending {
        qint64 companyId;
        qint64 firstBucket, lastBucket;
        quint64 generation;
        qint64 startedAtMs;
        QList<Waiter> waiters;
    };

    std::optional<QList<TimeRange>> fromMemory(qint64 companyId, const TimeRange &within,
                                               qint64 nowMs) const;
    void keep(const Pending &read, const QList<BusyTime> &busy);
    void evictOldest();

    Fetch m_fetch;
    Settings m_settings;
    Clock m_clock;
    QHash<qint64, Company> m_companies;
    int m_bucketCount = 0;
    std::vector<std::shared_ptr<Pending>> m_pending;
};

} // namespace Callbook
