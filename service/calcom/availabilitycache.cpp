#include "availabilitycache.h"

namespace Callbook {

size_t qHash(const AvailabilityKey &key, size_t seed) {
    return qHashMulti(seed, key.companyId, key.teamId, key.eventTypeId, key.timeZone);
}

AvailabilityCache::AvailabilityCache(Settings settings, Clock clock)
    : m_settings(settings)
    , m_clock(std::move(clock)) {}

AvailabilityCache::Lookup AvailabilityCache::lookup(const AvailabilityKey &key, const QDate &first,
                                                    const QDate &last) const {
    Lookup result;
    result.complete = true;
    result.fresh = true;
    const auto days = m_entries.constFind(key);
    const qint64 now = m_clock();
    for (QDate day = first; day <= last; day = day.addDays(1)) {
        const Entry *entry = nullptr;
        if (days != m_entries.constEnd()) {
            const auto it = days->constFind(day);
            if (it != days->constEnd())
                entry = &it.value();
        }
        const bool fresh =
            entry && !entry->invalidated && now - entry->fetchedAtMs < m_settings.ttlMs;
        if (!entry)
            result.complete = false;
        else
            result.openSlots += entry->openSlots;
        if (!fresh) {
            result.fresh = false;
            if (!result.firstMissing.isValid())
                result.firstMissing = day;
            result.lastMissing = day;
        }
    }
    return result;
}

void AvailabilityCache::store(const AvailabilityKey &key, const QDate &first, const QDate &last,
                              const QMap<QDate, QList<TimeRange>> &perDay, const Ticket &ticket) {
    auto &days = m_entries[key];
    const qint64 fetchedAtMs = ticket.sentAtMs;
    const bool predatesInvalidation = ticket.generation != m_generation.value(key.companyId);
    for (QDate day = first; day <= last; day = day.addDays(1)) {
        Entry &entry = days[day];
        if (entry.fetchedAtMs > fetchedAtMs)
            continue; // a newer answer is already here
        entry.openSlots = perDay.value(day);
        entry.fetchedAtMs = fetchedAtMs;
        entry.invalidated = predatesInvalidation;
    }
    evictOld();
}

void AvailabilityCache::invalidateCompany(qint64 companyId) {
    ++m_stats[companyId].invalidations;
    ++m_generation[companyId];
    for (auto it = m_entries.begin(); it != m_entries.end(); ++it) {
        if (it.key().companyId != companyId)
            continue;
        for (Entry &entry : it.value())
            entry.invalidated = true;
    }
}

void AvailabilityCache::clear(std::optional<qint64> companyId) {
    if (!companyId) {
        m_entries.clear();
        return;
    }
    m_entries.removeIf([&](const auto &it) { return it.key().companyId == *companyId; });
}

int AvailabilityCache::entryCount() const {
    int n = 0;
    for (const auto &days : m_entries)
        n += int(days.size());
    return n;
}

void AvailabilityCache::evictOld() {
    const qint64 horizon = m_clock() - m_settings.keepStaleMs;
    for (auto &days : m_entries)
        days.removeIf([&](const auto &it) { return it.value().fetchedAtMs < horizon; });
    m_entries.removeIf([](const auto &it) { return it.value().isEmpty(); });
}

} // namespace Callbook
