#include "zonetime.h"

#include <QHash>
#include <algorithm>
#include <cstring>
#include <memory>
#include <vector>

namespace Callbook::ZoneTime {

namespace {

constexpr qint64 kDayMs = 24 * 3600 * 1000;
constexpr qint64 kUnixEpochJulianDay = 2440588;

// One zone's offsets over a span of years: offsets[i] holds from changes[i - 1] (or fromMs)
// until changes[i] (or untilMs). Each offset is QDateTime's own at the start of its stretch.
struct Table {
    qint64 fromMs = 0, untilMs = 0;
    std::vector<qint64> changes;
    std::vector<int> offsets;

    bool covers(qint64 ms) const { return ms >= fromMs && ms < untilMs; }
    int offsetAt(qint64 ms) const {
        return offsets[size_t(std::upper_bound(changes.begin(), changes.end(), ms) -
                              changes.begin())];
    }
    // No clock change in [ms - margin, ms + margin], all of it inside the table.
    bool steadyAround(qint64 ms, qint64 margin) const {
        if (!covers(ms - margin) || !covers(ms + margin))
            return false;
        const auto next = std::lower_bound(changes.begin(), changes.end(), ms - margin);
        return next == changes.end() || *next > ms + margin;
    }
};

// None when the zone's backend cannot list its clock changes but has some: QDateTime decides.
std::shared_ptr<const Table> build(const QTimeZone &zone) {
    if (!zone.hasTransitions() && zone.hasDaylightTime())
        return nullptr;
    auto t = std::make_shared<Table>();
    const int year = QDate::currentDate().year();
    const QDateTime from(QDate(year - 3, 1, 1), QTime(0, 0), Qt::UTC);
    const QDateTime until(QDate(year + 10, 1, 1), QTime(0, 0), Qt::UTC);
    t->fromMs = from.toMSecsSinceEpoch();
    t->untilMs = until.toMSecsSinceEpoch();
    t->offsets.push_back(QDateTime::fromMSecsSinceEpoch(t->fromMs, zone).offsetFromUtc());
    for (const QTimeZone::OffsetData &d : zone.transitions(from, until)) {
        const qint64 at = d.atUtc.toMSecsSinceEpoch();
        if (at <= t->fromMs || at >= t->untilMs)
            continue;
        const int offset = QDateTime::fromMSecsSinceEpoch(at, zone).offsetFromUtc();
        if (offset == t->offsets.back()) // only the zone's name changed
            continue;
        t->changes.push_back(at);
        t->offsets.push_back(offset);
    }
    return t;
}

// Zones do not change while the process runs (QTimeZone keeps what it read, too). One table per
// zone and thread: the store threads check opening hours as well.
const Table *tableFor(const QTimeZone &zone) {
    if (!zone.isValid())
        return nullptr;
    thread_local QHash<QByteArray, std::shared_ptr<const Table>> tables;
    thread_local QTimeZone lastZone; // most calls ask about the zone asked about before
    thread_local const Table *last = nullptr;
    if (last && zone == lastZone)
        return last;
    const QByteArray id = zone.id();
    auto it = tables.constFind(id);
    if (it == tables.constEnd())
        it = tables.insert(id, build(zone));
    lastZone = zone;
    last = it->get();
    return last;
}

qint64 floorDiv(qint64 a, qint64 b) {
    return a / b - (a % b < 0 ? 1 : 0);
}

void put2(char *at, int v) {
    at[0] = char('0' + v / 10);
    at[1] = char('0' + v % 10);
}

} // namespace

int offsetFromUtc(qint64 utcMs, const QTimeZone &zone) {
    const Table *t = tableFor(zone);
    if (!t || !t->covers(utcMs))
        return QDateTime::fromMSecsSinceEpoch(utcMs, zone).offsetFromUtc();
    return t->offsetAt(utcMs);
}

QDate localDate(qint64 utcMs, const QTimeZone &zone) {
    const Table *t = tableFor(zone);
    if (!t || !t->covers(utcMs))
        return QDateTime::fromMSecsSinceEpoch(utcMs, zone).date();
    const qint64 local = utcMs + qint64(t->offsetAt(utcMs)) * 1000;
    return QDate::fromJulianDay(kUnixEpochJulianDay + floorDiv(local, kDayMs));
}

QTime localTime(qint64 utcMs, const QTimeZone &zone) {
    const Table *t = tableFor(zone);
    if (!t || !t->covers(utcMs))
        return QDateTime::fromMSecsSinceEpoch(utcMs, zone).time();
    const qint64 local = utcMs + qint64(t->offsetAt(utcMs)) * 1000;
    return QTime::fromMSecsSinceStartOfDay(int(local - floorDiv(local, kDayMs) * kDayMs));
}

qint64 toUtcMs(const QDate &date, const QTime &time, const QTimeZone &zone) {
    const Table *t = tableFor(zone);
    if (t && date.isValid() && time.isValid()) {
        const qint64 local =
            (date.toJulianDay() - kUnixEpochJulianDay) * kDayMs + time.msecsSinceStartOfDay();
        // Far from a clock change the wall time has exactly one instant, with the offset of
        // the day; near one (a gap or a repeated hour) wallClock() decides.
        if (t->covers(local)) {
            const qint64 utc = local - qint64(t->offsetAt(local)) * 1000;
            if (t->steadyAround(utc, 2 * kDayMs))
                return local - qint64(t->offsetAt(utc)) * 1000;
        }
    }
    return wallClock(date, time, zone).toMSecsSinceEpoch();
}

QDateTime wallClock(const QDate &date, const QTime &time, const QTimeZone &zone) {
    const QDateTime dt(date, time, zone);
    if (dt.isValid() || !date.isValid() || !time.isValid() || !zone.isValid())
        return dt;
    // In a gap: the wall time with the offset from before the change.
    const QDateTime asUtc(date, time, QTimeZone::utc());
    const int offsetBefore = zone.offsetFromUtc(asUtc.addDays(-1));
    return QDateTime::fromMSecsSinceEpoch(asUtc.toMSecsSinceEpoch() - qint64(offsetBefore) * 1000,
                                          zone);
}

namespace {

// yyyy-MM-ddTHH:mm:ss+hh:mm into `buf` (25 characters), false where QDateTime must write it.
bool writeIso(char *buf, qint64 utcMs, const QTimeZone &zone) {
    const Table *t = tableFor(zone);
    if (!t || !t->covers(utcMs))
        return false;
    const int offset = t->offsetAt(utcMs);
    const qint64 local = utcMs + qint64(offset) * 1000;
    const qint64 day = floorDiv(local, kDayMs);
    const int secs = int((local - day * kDayMs) / 1000);
    int y = 0, m = 0, d = 0;
    QDate::fromJulianDay(kUnixEpochJulianDay + day).getDate(&y, &m, &d);
    if (y < 1000 || y > 9999)
        return false;
    std::memcpy(buf, "0000-00-00T00:00:00+00:00", 25);
    put2(buf, y / 100);
    put2(buf + 2, y % 100);
    put2(buf + 5, m);
    put2(buf + 8, d);
    put2(buf + 11, secs / 3600);
    put2(buf + 14, secs / 60 % 60);
    put2(buf + 17, secs % 60);
    buf[19] = offset < 0 ? '-' : '+';
    const int abs = offset < 0 ? -offset : offset;
    put2(buf + 20, abs / 3600);
    put2(buf + 23, abs / 60 % 60);
    return true;
}

} // namespace

QString isoString(qint64 utcMs, const QTimeZone &zone) {
    char buf[25];
    if (!writeIso(buf, utcMs, zone))
        return QDateTime::fromMSecsSinceEpoch(utcMs, zone).toString(Qt::ISODate);
    return QString::fromLatin1(buf, 25);
}

void appendIsoString(QByteArray &out, qint64 utcMs, const QTimeZone &zone) {
    char buf[25];
    if (writeIso(buf, utcMs, zone))
        out.append(buf, 25);
    else
        out += QDateTime::fromMSecsSinceEpoch(utcMs, zone).toString(Qt::ISODate).toLatin1();
}

QString isoDate(const QDate &date) {
    int y = 0, m = 0, d = 0;
    date.getDate(&y, &m, &d);
    if (!date.isValid() || y < 1000 || y > 9999)
        return date.toString(Qt::ISODate);
    char buf[11] = "0000-00-00";
    put2(buf, y / 100);
    put2(buf + 2, y % 100);
    put2(buf + 5, m);
    put2(buf + 8, d);
    return QString::fromLatin1(buf, 10);
}

QString isoString(const QDateTime &dt) {
    if (dt.timeSpec() != Qt::TimeZone || !dt.isValid())
        return dt.toString(Qt::ISODate);
    return isoString(dt.toMSecsSinceEpoch(), dt.timeZone());
}

} // namespace Callbook::ZoneTime
