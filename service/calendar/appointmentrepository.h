#pragma once

#include "calendartypes.h"

namespace Callbook {

class StoreSession;

// Appointments and callback requests in the database, for both calendar providers (Cal.com
// bookings are mirrored here). Runs inside store tasks scoped to the company.
namespace AppointmentRepository {

std::optional<Appointment> byId(StoreSession &s, qint64 companyId, qint64 id);
std::optional<Appointment> byIdempotencyKey(StoreSession &s, qint64 companyId, const QString &key);
std::optional<Appointment> byExternalUid(StoreSession &s, qint64 companyId, const QString &uid);

// A booking Cal.com has made (through us or its own pages). Inserts it or, when the
// external uid or the idempotency key is already known, updates that row. Returns its id.
struct ExternalBooking {
    QString uid;
    TimeRange range;
    TimeRange blocked;
    QString status; // booked, pending, cancelled
    std::optional<qint64> serviceId;
    QString callId;
    QString idempotencyKey;
    QString attendeeName;
    QString attendeePhone;
    QString attendeeEmail;
};
qint64 upsertExternal(StoreSession &s, qint64 companyId, const ExternalBooking &booking,
                      qint64 nowMs);

bool setStatus(StoreSession &s, qint64 companyId, qint64 id, const QString &status, qint64 nowMs);
void moveExternal(StoreSession &s, qint64 companyId, qint64 id, const QString &newUid,
                  const TimeRange &range, const TimeRange &blocked, qint64 nowMs);

// The caller's coming appointments, found by the number they call from.
QList<Appointment> upcomingForPhone(StoreSession &s, qint64 companyId, const QString &phone,
                                    qint64 nowMs);

// A person should call back. One open request per call and reason is enough: retries of the
// same failed booking add nothing.
qint64 requestCallback(StoreSession &s, qint64 companyId, const QString &callId,
                       const QString &phone, const QString &name, const QString &reason,
                       const QString &preferredTime, qint64 nowMs);

} // namespace AppointmentRepository
} // namespace Callbook
