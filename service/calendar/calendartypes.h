#pragma once

#include "localavailability.h"

#include <QDate>
#include <QList>
#include <QString>
#include <optional>

namespace Callbook {

// Why a calendar operation did not succeed. The agent functions turn these into sentences.
enum class CalendarFailure {
    None,
    SlotTaken,           // someone else has that time
    OutsideOpeningHours, // closed then (hours, closure, or in the past)
    NotFound,            // no such appointment or service
    Unavailable,         // the calendar cannot be reached now (breaker open, timeouts, 5xx)
    RateLimited,         // our Cal.com request budget is used up for the moment
    Rejected,            // Cal.com refused the request (4xx other than a taken slot)
    Invalid,             // the request itself is wrong (e.g. no contact for the attendee)
};
QString toString(CalendarFailure failure);

struct CalendarError {
    CalendarFailure failure = CalendarFailure::None;
    QString detail; // for logs and the console, never spoken verbatim
};

struct AvailabilityQuery {
    qint64 companyId = 0;
    qint64 serviceId = 0;
    QDate firstDay; // local days in the business's time zone, inclusive
    QDate lastDay;
};

struct Availability {
    QList<TimeRange> openSlots;
    bool fromCache = false; // answered without an upstream request
    bool stale = false;     // older than the cache TTL: served because Cal.com failed
    qint64 upstreamMs = -1; // time spent waiting for Cal.com, -1 if none
};

struct Attendee {
    QString name;
    QString phone; // E.164
    QString email;
    QString timeZone;
    QString language = QStringLiteral("de");
};

struct BookingDraft {
    qint64 companyId = 0;
    qint64 serviceId = 0;
    qint64 startMs = 0; // the end follows from the service's duration
    Attendee attendee;
    QString callId;
    QString idempotencyKey; // the same key books at most once; a repeat returns that booking
};

struct Appointment {
    qint64 id = 0;
    qint64 companyId = 0;
    qint64 serviceId = 0;
    TimeRange range;
    QString status; // booked, pending, cancelled
    QString provider;
    QString externalUid;
    QString attendeeName;
    QString attendeePhone;
    QString callId;
    bool replayed = false; // a repeat of an earlier identical request
};

struct EventTypeInfo {
    qint64 id = 0;
    QString slug;
    QString title;
    int lengthMin = 0;
};

// Either a value or the reason there is none.
template<typename T> struct CalendarReply {
    std::optional<T> value;
    CalendarError error;
    bool ok() const { return value.has_value(); }
    static CalendarReply success(T v) { return {std::move(v), {}}; }
    static CalendarReply failure(CalendarFailure f, QString detail) {
        return {std::nullopt, {f, std::move(detail)}};
    }
};

} // namespace Callbook
