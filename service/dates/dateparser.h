#pragma once

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QTimeZone>
#include <optional>

namespace Callbook {

// What a caller (or the model) said about a date or time, resolved in the business's time zone.
struct ParsedDate {
    enum class Granularity { Day, Time, Range };

    bool ok = false;
    QDateTime start;
    std::optional<QDateTime> end; // for days and ranges: the first instant after it
    Granularity granularity = Granularity::Day;
    QList<QDateTime> candidates; // more than one reading: the agent should ask
    bool corrected = false;      // a past date was moved to its next occurrence
    QString errorCode;           // unparseable_date, empty_date
    QString errorMessage;

    bool ambiguous() const { return candidates.size() > 1; }
    QJsonObject toJson() const;
    // toJson()'s members as JSON text without the braces, for a result that is ok: answers
    // write it as it is.
    QByteArray toJsonMembers() const;
};
QString toString(ParsedDate::Granularity granularity);

// Understands German and English phrases as callers say them ("morgen", "nächsten Dienstag",
// "Dienstag in einer Woche", "übernächste Woche", "am 5. Januar", "5.1.", "Anfang nächster
// Woche", "vormittags", "14 Uhr", "halb drei", "Viertel nach zehn", "kurz nach 9",
// "tomorrow", "next Tuesday", "the 5th", "Jan 5", "3pm", "noon", "in two weeks",
// "this afternoon") and ISO 8601 from the model. DST-safe: days start at the zone's start of
// day, times are wall-clock times in the zone.
//
// Conventions, chosen for appointment booking:
// - a date without a year that has passed means next year; a day of the month that has passed
//   means next month; an ISO date from the model in a past year is moved to the next occurrence
//   of its month and day (`corrected`);
// - a bare hour from 1 to 6 without am/pm or part of day is in the afternoon (13–18 h): nobody
//   books a haircut at 3 in the night;
// - a bare weekday is its next occurrence after today; "nächsten Dienstag" / "next Tuesday"
//   said in the same week as the coming Tuesday is ambiguous (this week's or next week's);
// - a time without a date is today, or tomorrow once it has passed today.
class DateParser {
public:
    DateParser(const QDateTime &now, QTimeZone zone, QString locale);
    DateParser(qint64 nowUtcMs, QTimeZone zone, QString locale);
    ParsedDate parse(const QString &text) const;

private:
    QDateTime m_now; // on m_zone's wall clock (only its date and instant are used)
    QTimeZone m_zone;
    QString m_locale;
};

} // namespace Callbook
