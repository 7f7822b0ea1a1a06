#pragma once

#include <QDateTime>
#include <QTimeZone>

namespace Callbook {

// UTC and a time zone's wall clock, converted exactly as QDateTime converts them, but from a
// table of the zone's clock changes: QDateTime asks the zone's backend on every conversion (a
// few thousand instructions each), and toString() goes through a general formatter; a free-time
// answer needs dozens of both. Instants outside the table's years, wall times near a clock
// change and invalid zones are left to QDateTime itself.
namespace ZoneTime {

// QDateTime::fromMSecsSinceEpoch(utcMs, zone).offsetFromUtc(), in seconds.
int offsetFromUtc(qint64 utcMs, const QTimeZone &zone);
// QDateTime::fromMSecsSinceEpoch(utcMs, zone).date() and .time().
QDate localDate(qint64 utcMs, const QTimeZone &zone);
QTime localTime(qint64 utcMs, const QTimeZone &zone);
// QDateTime(date, time, zone), except that a time the clocks skip when they go forward (02:30
// on the spring change in Germany) is moved on by the gap, as the clock on the wall shows it
// (03:30), where QDateTime 6.4 calls it invalid.
QDateTime wallClock(const QDate &date, const QTime &time, const QTimeZone &zone);
// wallClock(date, time, zone).toMSecsSinceEpoch().
qint64 toUtcMs(const QDate &date, const QTime &time, const QTimeZone &zone);
// QDateTime::fromMSecsSinceEpoch(utcMs, zone).toString(Qt::ISODate).
QString isoString(qint64 utcMs, const QTimeZone &zone);
// The same, appended to `out` (ASCII, as UTF-8).
void appendIsoString(QByteArray &out, qint64 utcMs, const QTimeZone &zone);
// dt.toString(Qt::ISODate), quickly when `dt` is in a time zone.
QString isoString(const QDateTime &dt);
// date.toString(Qt::ISODate).
QString isoDate(const QDate &date);

} // namespace ZoneTime
} // namespace Callbook
