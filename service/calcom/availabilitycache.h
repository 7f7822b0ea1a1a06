#pragma once

#include "calendar/localavailability.h"
#include "core/clock.h"

#include <QDate>
#include <QHash>
#include <QMap>

namespace Callbook {

// Whose availability: the key keeps tenants, teams, event types and time zones apart.
struct AvailabilityKey {
    qint64 companyId = 0;
    qint64 teamId = 0;
    qint64 eventTypeId = 0;
    QString timeZone;
    bool operator==(const AvailabilityKey &o) const = default;
};
size_t qHash(const AvailabilityKey &key, size_t seed = 0);

// Cal.com's free slots, one entry per local day, filled from ranged requests. Fresh for
// `ttlMs` (5 minutes); older entries are kept to be served, marked stale, when Cal.com is
// down. Invalidation (our own writes, Cal.com webhooks) makes entries stale at once.
struct AvailabilityCacheSettings {
    qint64 ttlMs = 5 * 60 * 1000;
    qint64 keepStaleMs = 24 * 60 * 60 * 1000;
};

class AvailabilityCache {
public:
    using Settings = AvailabilityCacheSettings;
    struct Lookup {
        bool complete = false; // every day has an entry (fresh or stale)
        bool fresh = false;    // every day has a fresh entry
        QList<TimeRange> openSlots;
        QDate firstMissing, lastMissing; // the span of days that are not fresh
    };
    struct Stats {
        qint64 hits = 0, misses = 0, staleServed = 0, invalidations = 0;
    };

    explicit AvailabilityCache(Settings settings = {}, Clock clock = steadyClock());

    Lookup lookup(const AvailabilityKey &key, const QDate &first, const QDate &last) const;
    // Taken when a request is sent; an answer whose ticket predates the company's last
    // invalidation may miss the change that caused it, so it is stored only as stale.
    struct Ticket {
        qint64 sentAtMs = 0;
        quint64 generation = 0;
    };
    Ticket ticket(qint64 companyId) const { return {m_clock(), m_generation.value(companyId)}; }
    // Days of [first, last] missing from `perDay` had no free slots.
    void store(const AvailabilityKey &key, const QDate &first, const QDate &last,
               const QMap<QDate, QList<TimeRange>> &perDay, const Ticket &ticket);
    void invalidateCompany(qint64 companyId);
    void clear(std::optional<qint64> companyId = std::nullopt);
    int entryCount() const;

    // Counted by the caller, which knows whether a question was answered from here.
    Stats &stats(qint64 companyId) { return m_stats[companyId]; }
    Stats statsFor(qint64 companyId) const { return m_stats.value(companyId); }

private:
    struct Entry {
        QList<TimeRange> openSlots;
        qint64 fetchedAtMs = 0;
        bool invalidated = false;
    };
    void evictOld();

    Settings m_settings;
    Clock m_clock;
    QHash<AvailabilityKey, QMap<QDate, Entry>> m_entries;
    QHash<qint64, Stats> m_stats;
    QHash<qint64, quint64> m_generation; // bumped by every invalidation
};

} // namespace Callbook
