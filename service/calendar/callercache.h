#pragma once

#include "calendartypes.h"
#include "core/clock.h"
#include "store/customerrepository.h"

#include <QHash>
#include <functional>
#include <memory>

namespace Callbook {

// Who calls from a number and their coming appointments (both calendar providers).
struct CallerRecord {
    std::optional<Customer> customer;
    QList<Appointment> upcoming; // booked or pending, not yet ended, by start
};

struct CallerCacheSettings {
    qint64 maxAgeMs = 10000; // as BusyTimesCache: the bound for a change nobody announced
    int maxCallers = 10000;
};

// CallerRecords per business and number, kept on the service thread so that greeting a caller
// and "do I have an appointment?" need no database round trip. Filled from the database on a
// miss; every change to a business's customers or appointments, here or in another instance,
// must call forget().
class CallerCache {
public:
    using Settings = CallerCacheSettings;
    using Reply = std::function<void(CalendarReply<CallerRecord>, bool fromMemory)>;
    using FetchDone = std::function<void(std::optional<CallerRecord>, CalendarError)>;
    // Reads the record from the database (appointments ending after `nowMs`); answers later, on
    // the service thread.
    using Fetch =
        std::function<void(qint64 companyId, const QString &phone, qint64 nowMs, FetchDone)>;

    explicit CallerCache(Fetch fetch, Settings settings = {}, Clock clock = steadyClock());

    // The record for `phone` as of `nowMs`; an empty number is nobody, answered at once.
    void caller(qint64 companyId, const QString &phone, qint64 nowMs, Reply reply);
    void forget(qint64 companyId);
    void forgetAll();

    int size() const { return int(m_entries.size()); }

private:
    struct Key {
        qint64 companyId;
        QString phone;
        bool operator==(const Key &o) const { return companyId == o.companyId && phone == o.phone; }
    };
    friend size_t qHash(const Key &k, size_t seed) {
        return qHashMulti(seed, k.companyId, k.phone);
    }
    struct Entry {
        CallerRecord record;
        qint64 filledAtMs;
    };
    struct Pending {
        Key key;
        quint64 generation;
        qint64 startedAtMs;
        QList<std::pair<qint64, Reply>> waiters; // their nowMs and reply
    };

    static CallerRecord asOf(CallerRecord record, qint64 nowMs);
    // Changes with every forget() of the business and every forgetAll(): a read begun before
    // one is not kept.
    quint64 generationOf(qint64 companyId) const {
        return m_generations.value(companyId) + m_forgetAlls;
    }
    void evictOldest();

    Fetch m_fetch;
    Settings m_settings;
    Clock m_clock;
    QHash<Key, Entry> m_entries;
    QHash<qint64, quint64> m_generations; // forget()s per business
    quint64 m_forgetAlls = 0;
    QHash<Key, std::shared_ptr<Pending>> m_pending;
};

} // namespace Callbook
