#include "localavailability.h"

#include "dates/zonetime.h"

#include <QDateTime>
#include <QHash>
#include <algorithm>
#include <utility>
#include <vector>

namespace Callbook {

static qint64 localMinuteToUtcMs(const QDate &day, int minute, const QTimeZone &zone) {
    // 24:00 is the next day's midnight.
    const QDate date = day.addDays(minute / (24 * 60));
    const int m = minute % (24 * 60);
    return ZoneTime::toUtcMs(date, QTime(m / 60, m % 60), zone);
}

static void computeOpenIntervals(const OpeningRules &rules, const QDate &localDay,
                                 QList<TimeRange> &out) {
    if (rules.closures.contains(localDay))
        return;
    const int weekday = localDay.dayOfWeek();
    for (const OpeningRange &r : rules.hours) {
        if (r.weekday != weekday)
            continue;
        const TimeRange range{localMinuteToUtcMs(localDay, r.opensMin, rules.zone),
                              localMinuteToUtcMs(localDay, r.closesMin, rules.zone)};
        if (range.startMs < range.endMs)
            out.append(range);
    }
    std::sort(out.begin(), out.end(),
              [](const TimeRange &a, const TimeRange &b) { return a.startMs < b.startMs; });
}

namespace {

// Open intervals by day, for the rules they follow from: free-time questions ask about the same
// days again and again, and each day costs two time-zone conversions per opening. Kept per
// thread for up to 64 sets of rules, each keyed by the rules themselves (an edit makes a new one).
struct DaysOfRules {
    QTimeZone zone;
    QList<OpeningRange> hours;
    QSet<QDate> closures;
    QHash<QDate, QList<TimeRange>> days;
};

bool sameRules(const DaysOfRules &d, const OpeningRules &r) {
    return d.zone == r.zone && d.hours.size() == r.hours.size() &&
           std::equal(d.hours.begin(), d.hours.end(), r.hours.begin(),
                      [](const OpeningRange &a, const OpeningRange &b) {
                          return a.weekday == b.weekday && a.opensMin == b.opensMin &&
                                 a.closesMin == b.closesMin;
                      }) &&
           d.closures == r.closures;
}

// Valid until the next call on this thread.
QHash<QDate, QList<TimeRange>> &daysOf(const OpeningRules &rules) {
    thread_local std::vector<DaysOfRules> known;
    for (DaysOfRules &d : known)
        if (sameRules(d, rules))
            return d.days;
    if (known.size() >= 64) // an agency's businesses differ in hours or closures
        known.erase(known.begin());
    known.push_back({rules.zone, rules.hours, rules.closures, {}});
    return known.back().days;
}

QList<TimeRange> intervalsOf(QHash<QDate, QList<TimeRange>> &days, const OpeningRules &rules,
                             const QDate &localDay) {
    const auto it = days.constFind(localDay);
    if (it != days.constEnd())
        return *it;
    if (days.size() >= 1000)
        days.clear();
    QList<TimeRange> out;
    computeOpenIntervals(rules, localDay, out);
    days.insert(localDay, out);
    return out;
}

} // namespace

QList<TimeRange> OpeningRules::openIntervals(const QDate &localDay) const {
    return intervalsOf(daysOf(*this), *this, localDay);
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
    // The busy times by start, with the latest end among each one and those before it: whether
    // anything busy overlaps a range is then one binary search, however full the days are.
    std::vector<TimeRange> byStart(busy.begin(), busy.end());
    const auto startsEarlier = [](const TimeRange &a, const TimeRange &b) {
        return a.startMs < b.startMs;
    };
    if (!std::is_sorted(byStart.begin(), byStart.end(), startsEarlier))
        std::sort(byStart.begin(), byStart.end(), startsEarlier);
    std::vector<qint64> latestEnd(byStart.size());
    for (size_t i = 0; i < byStart.size(); ++i)
        latestEnd[i] = i ? std::max(latestEnd[i - 1], byStart[i].endMs) : byStart[i].endMs;
    // Overlapping [start, end) means starting before `end` and ending after `start`.
    const auto taken = [&](const TimeRange &blocked) {
        const size_t before =
            size_t(std::lower_bound(byStart.begin(), byStart.end(), blocked.endMs,
                                    [](const TimeRange &b, qint64 t) { return b.startMs < t; }) -
                   byStart.begin());
        return before > 0 && latestEnd[before - 1] > blocked.startMs;
    };

    const qint64 duration = qint64(q.durationMin) * 60000;
    const qint64 step = qint64(qMax(5, q.stepMin)) * 60000;
    const qint64 before = qint64(q.bufferBeforeMin) * 60000;
    const qint64 after = qint64(q.bufferAfterMin) * 60000;
    QList<TimeRange> open;                             // of all the days, in order
    std::vector<std::pair<qsizetype, qsizetype>> days; // each day's part of `open`
    auto &known = daysOf(rules);
    for (QDate day = q.firstDay; day <= q.lastDay; day = day.addDays(1)) {
        const qsizetype from = open.size();
        open.append(intervalsOf(known, rules, day));
        days.emplace_back(from, open.size());
    }
    qsizetype most = 0; // slots if nothing were busy: room for them at once
    for (const TimeRange &interval : std::as_const(open))
        if (interval.endMs - interval.startMs >= duration)
            most += (interval.endMs - interval.startMs - duration) / step + 1;
    QList<TimeRange> out;
    out.reserve(qMin(most, qsizetype(qMax(q.maxSlots, 0))));
    for (const auto &[from, to] : days) {
        if (out.size() >= q.maxSlots)
            break;
        for (qsizetype i = from; i < to; ++i) {
            const TimeRange &interval = open[i];
            // Step in real time from the opening: on a clock-change day the slots stay evenly
            // spaced and never fall into the hour that does not exist.
            for (qint64 start = interval.startMs; start + duration <= interval.endMs;
                 start += step) {
                if (start < q.notBeforeMs)
                    continue;
                if (!taken(TimeRange{start - before, start + duration + after}))
                    out.append(TimeRange{start, start + duration});
                if (out.size() >= q.maxSlots)
                    break;
            }
        }
    }
    return out;
}

} // namespace Callbook
