#pragma once

#include "localavailability.h"

#include <limits>
#include <optional>

namespace Callbook {

class StoreSession;

struct BookingRequest {
    qint64 companyId = 0;
    std::optional<qint64> serviceId;
    TimeRange range;
    QString idempotencyKey; // e.g. call id + slot: a retried booking returns the first one
    QString callId;
    QString attendeeName;
    QString attendeePhone;
    int bufferBeforeMin = 0; // the service's preparation and clean-up time, blocked too
    int bufferAfterMin = 0;
    TimeRange blocked() const {
        return {range.startMs - bufferBeforeMin * 60000LL, range.endMs + bufferAfterMin * 60000LL};
    }
};

// Something that makes a time not free, and until when it does: a hold stops at its expiry, an
// appointment only when it is cancelled or moved.
struct BusyTime {
    TimeRange range;
    qint64 untilMs = std::numeric_limits<qint64>::max();
};

struct BookingResult {
    enum class Outcome { Booked, AlreadyBooked, SlotTaken, OutsideOpeningHours, NotFound };
    Outcome outcome = Outcome::NotFound;
    qint64 appointmentId = 0;
    bool ok() const { return outcome == Outcome::Booked || outcome == Outcome::AlreadyBooked; }
};

// Callbook's own calendar. Every change first locks the company row, so bookings of one business
// are serialised across connections and service instances: two callers can never get
// overlapping appointments. Runs inside store tasks.
namespace LocalBookings {

// Serialises every change to one business's calendar (all engines, all service instances).
void lockCompany(StoreSession &s, qint64 companyId);
// Is `blocked` taken by a booked appointment (other than `exceptId`) or by an active hold of
// another call than `callId`?
bool isTaken(StoreSession &s, qint64 companyId, const TimeRange &blocked, qint64 exceptId,
             qint64 nowMs, const QString &callId);

BookingResult book(StoreSession &s, const OpeningRules &rules, const BookingRequest &request,
                   qint64 nowMs);
// Moves an appointment; `to` is the new appointment time, `blocked` the same with buffers.
BookingResult reschedule(StoreSession &s, const OpeningRules &rules, qint64 companyId,
                         qint64 appointmentId, const TimeRange &to, qint64 nowMs,
                         std::optional<TimeRange> blocked = std::nullopt);
bool cancel(StoreSession &s, qint64 companyId, qint64 appointmentId, qint64 nowMs);
// What is not free: appointments (with their buffers) and slots held by callers who are
// booking right now (except the holds of `exceptCallId`).
QList<TimeRange> busyTimes(StoreSession &s, qint64 companyId, const TimeRange &within,
                           qint64 nowMs = 0, const QString &exceptCallId = {});
// The same, unsorted, each with the moment it stops being busy (for the busy-times cache).
QList<BusyTime> busyTimesWithExpiry(StoreSession &s, qint64 companyId, const TimeRange &within,
                                    qint64 nowMs = 0, const QString &exceptCallId = {});

} // namespace LocalBookings
} // namespace Callbook
