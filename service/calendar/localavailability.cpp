#include "localavailability.h"

#include "zonetime.h"

#include <QDateTime>
#include <algorithm>

namespace Callbook {

static qint64 localMinuteToUtcMs(const QDate &day, int minute, const QTimeZone &zone) {
    // 24:00 is the next day's midnight.
    const QDate date = day.addDays(minute / (24 * 60));
    const int m = minute % (24 * 60);
    return ZoneTime::toUtcMs(date, QTime(m / 60, m % 60), zone);
}

QList<TimeRange> OpeningRules::openIntervals(const QDate &localDay) const {
    QList<TimeRange> out;
    if (closures.contains(localDay))
        return out;
    for (const OpeningRange &r : hours) {
        if (r.weekday != localDay.dayOfWeek())
            continue;
        const TimeRange range{localMinuteToUtcMs(localDay, r.opensMin, zone),
                              localMinuteToUtcMs(localDay, r.closesMin, zone)};
        if (range.startMs < range.endMs)
            out.append(range);
    }
    std::sort(out.begin(), out.end(),
              [](const TimeRange &a, const TimeRange &b) { return a.startMs < b.startMs; });
    return out;
}

bool OpeningRules::isOpenFor(const TimeRange &range) const {
    const QDate day = ZoneTime::localDate(range.startMs, zone);
    for (const TimeRange &open : openIntervals(day)) {
        if (open.startMs <= range.startMs && range.endMs <= open.endMs)
            return true;
    }
    return false;
}

QList<TimeRange> freeSlots(const OpeningRules &rules, const SlotQuery &q,
                           const QList<TimeRange> &busy) {
    QList<TimeRange> out;
    const qint64 duration = qint64(q.durationMin) * 60000;
    const qint64 step = qint64(qMax(5, q.stepMin)) * 60000;
    const qint64 before = qint64(q.bufferBeforeMin) * 60000;
    const qint64 after = qint64(q.bufferAfterMin) * 60000;
    for (QDate day = q.firstDay; day <= q.lastDay && out.size() < q.maxSlots;
         day = day.addDays(1)) {
        for (const TimeRange &open : rules.openIntervals(day)) {
            // Step in real time from the opening: on a clock-change day the slots stay evenly
            // spaced and never fall into the hour that does not exist.
            for (qint64 start = open.startMs; start + duration <= open.endMs; start += step) {
                if (start < q.notBeforeMs)
                    continue;
                const TimeRange blocked{start - before, start + duration + after};
                const bool taken = std::any_of(busy.begin(), busy.end(), [&](const TimeRange &b) {
                    return b.overlaps(blocked);
                });
                if (!taken)
                    out.append(TimeRange{start, start + duration});
                if (out.size() >= q.maxSlots)
                    break;
            }
        }
    }
    return out;
}

} // namespace Callbook
