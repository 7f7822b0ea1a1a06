#include "callercache.h"

#include <algorithm>
#include <vector>

namespace Callbook {

CallerCache::CallerCache(Fetch fetch, Settings settings, Clock clock)
    : m_fetch(std::move(fetch))
    , m_settings(settings)
    , m_clock(std::move(clock)) {}

// What the database read would have returned at `nowMs`.
CallerRecord CallerCache::asOf(CallerRecord record, qint64 nowMs) {
    record.upcoming.removeIf([nowMs](const Appointment &a) { return a.range.endMs <= nowMs; });
    return record;
}

void CallerCache::caller(qint64 companyId, const QString &phone, qint64 nowMs, Reply reply) {
    if (phone.isEmpty())
        return reply(CalendarReply<CallerRecord>::success({}), true);
    const Key key{companyId, phone};
    const auto hit = m_entries.constFind(key);
    if (hit != m_entries.constEnd() && m_clock() - hit->filledAtMs < m_settings.maxAgeMs)
        return reply(CalendarReply<CallerRecord>::success(asOf(hit->record, nowMs)), true);
    const quint64 generation = generationOf(companyId);
    if (const auto pending = m_pending.value(key); pending && pending->generation == generation) {
        pending->waiters.append({nowMs, std::move(reply)});
        return;
    }
    auto read =
        std::make_shared<Pending>(Pending{key, generation, m_clock(), {{nowMs, std::move(reply)}}});
    m_pending.insert(key, read);
    m_fetch(companyId, phone, nowMs,
            [this, read](std::optional<CallerRecord> record, CalendarError error) {
                if (m_pending.value(read->key) == read)
                    m_pending.remove(read->key);
                if (record && read->generation == generationOf(read->key.companyId)) {
                    // Its age counts from the read's start: what it holds may be that old.
                    m_entries.insert(read->key, Entry{*record, read->startedAtMs});
                    if (m_entries.size() > m_settings.maxCallers)
                        evictOldest();
                }
                for (auto &[nowMs, reply] : read->waiters)
                    reply(record
                              ? CalendarReply<CallerRecord>::success(asOf(*record, nowMs))
                              : CalendarReply<CallerRecord>::failure(error.failure, error.detail),
                          false);
            });
}

// Down to three quarters of the bound, oldest first, so that eviction is rare.
void CallerCache::evictOldest() {
    std::vector<qint64> ages;
    ages.reserve(size_t(m_entries.size()));
    for (const Entry &e : std::as_const(m_entries))
        ages.push_back(e.filledAtMs);
    const size_t drop = ages.size() - size_t(m_settings.maxCallers) * 3 / 4;
    std::nth_element(ages.begin(), ages.begin() + qsizetype(drop - 1), ages.end());
    const qint64 cutoff = ages[drop - 1];
    size_t dropped = 0;
    for (auto it = m_entries.begin(); it != m_entries.end();) {
        if (it->filledAtMs <= cutoff && dropped < drop) {
            it = m_entries.erase(it);
            ++dropped;
        } else {
            ++it;
        }
    }
}

void CallerCache::forget(qint64 companyId) {
    ++m_generations[companyId];
    m_entries.removeIf(
        [companyId](QHash<Key, Entry>::iterator it) { return it.key().companyId == companyId; });
}

void CallerCache::forgetAll() {
    ++m_forgetAlls;
    m_entries.clear();
}

} // namespace Callbook
