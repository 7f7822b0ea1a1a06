#pragma once

#include "tenants/companyconfig.h"

#include <QDate>
#include <QList>
#include <QSet>
#include <QTimeZone>

namespace Callbook {

// A half-open interval [startMs, endMs) in UTC milliseconds.
struct TimeRange {
    qint64 startMs = 0;
    qint64 endMs = 0;
    bool overlaps(const TimeRange &o) const { return startMs < o.endMs && o.startMs < endMs; }
    bool operator==(const TimeRange &o) const { return startMs == o.startMs && endMs == o.endMs; }
};

// When a business is open, in its own time zone.
struct OpeningRules {
    QTimeZone zone;
    QList<OpeningRange> hours;
    QSet<QDate> closures;

    // The opening intervals of one local day, in UTC (DST-correct: a day with a clock change
    // is an hour shorter or longer in real time).
    QList<TimeRange> openIntervals(const QDate &localDay) const;
    bool isOpenFor(const TimeRange &range) const;
};

struct SlotQuery {
    QDate firstDay; // local dates, inclusive
    QDate lastDay;
    int durationMin = 30;
    int bufferBeforeMin = 0;
    int bufferAfterMin = 0;
    int stepMin = 15;
    qint64 notBeforeMs = 0; // e.g. now: no slots in the past
    int maxSlots = 500;
};

// Free slots for a service: inside opening hours, not on closures, and (with the service's
// buffers around them) not overlapping anything busy (appointments, holds).
QList<TimeRange> freeSlots(const OpeningRules &rules, const SlotQuery &query,
                           const QList<TimeRange> &busy);

} // namespace Callbook
