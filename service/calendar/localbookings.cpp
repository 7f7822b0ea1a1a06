#include "localbookings.h"

#include "store/storesession.h"

#include <algorithm>

namespace Callbook::LocalBookings {

// A no-op write on the company row: PostgreSQL row lock, SQLite write lock, both held until commit.
void lockCompany(StoreSession &s, qint64 companyId) {
    QSqlQuery &q =
        s.run(QStringLiteral("UPDATE companies SET updated_at_ms = updated_at_ms WHERE id = ?"),
              {companyId});
    if (q.numRowsAffected() != 1)
        throw StoreError(QStringLiteral("unknown company %1").arg(companyId));
}

static bool countPositive(QSqlQuery &q) {
    const bool positive = q.next() && q.value(0).toLongLong() > 0;
    q.finish();
    return positive;
}

// Whether `blocked` (an appointment with its buffers) collides with another appointment's
// blocked time or with a slot another caller is holding.
bool isTaken(StoreSession &s, qint64 companyId, const TimeRange &blocked, qint64 exceptId,
             qint64 nowMs, const QString &callId) {
    QSqlQuery &booked =
        s.run(QStringLiteral("SELECT COUNT(*) FROM appointments WHERE company_id = ? AND status = "
                             "'booked' AND COALESCE(blocked_from_ms, starts_at_ms) < ? AND "
                             "COALESCE(blocked_until_ms, ends_at_ms) > ? AND id <> ?"),
              {companyId, blocked.endMs, blocked.startMs, exceptId});
    if (countPositive(booked))
        return true;
    QSqlQuery &held =
        s.run(QStringLiteral("SELECT COUNT(*) FROM booking_holds WHERE company_id = ? AND status = "
                             "'held' AND expires_at_ms > ? AND starts_at_ms < ? AND ends_at_ms > ? "
                             "AND call_id <> COALESCE(?, '')"),
              {companyId, nowMs, blocked.endMs, blocked.startMs, callId});
    return countPositive(held);
}

BookingResult book(StoreSession &s, const OpeningRules &rules, const BookingRequest &request,
                   qint64 nowMs) {
    lockCompany(s, request.companyId);
    if (!request.idempotencyKey.isEmpty()) {
        QSqlQuery &q =
            s.run(QStringLiteral(
                      "SELECT id FROM appointments WHERE idempotency_key = ? AND company_id = ?"),
                  {request.idempotencyKey, request.companyId});
        if (q.next()) {
            const qint64 id = q.value(0).toLongLong();
            q.finish();
            return {BookingResult::Outcome::AlreadyBooked, id};
        }
        q.finish();
    }
    if (!rules.isOpenFor(request.range))
        return {BookingResult::Outcome::OutsideOpeningHours, 0};
    const TimeRange blocked = request.blocked();
    if (isTaken(s, request.companyId, blocked, 0, nowMs, request.callId))
        return {BookingResult::Outcome::SlotTaken, 0};
    QSqlQuery &q = s.run(
        QStringLiteral(
            "INSERT INTO appointments (company_id, service_id, call_id, starts_at_ms, "
            "ends_at_ms, blocked_from_ms, blocked_until_ms, status, "
            "provider, idempotency_key, attendee_name, attendee_phone, created_at_ms, "
            "updated_at_ms) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, 'booked', 'local', ?, ?, ?, ?, ?) RETURNING id"),
        {request.companyId, request.serviceId ? QVariant(*request.serviceId) : nullInt(),
         nullIfEmpty(request.callId), request.range.startMs, request.range.endMs, blocked.startMs,
         blocked.endMs, nullIfEmpty(request.idempotencyKey), nullIfEmpty(request.attendeeName),
         nullIfEmpty(request.attendeePhone), nowMs, nowMs});
    const qint64 id = q.next() ? q.value(0).toLongLong() : 0;
    q.finish();
    return {BookingResult::Outcome::Booked, id};
}

BookingResult reschedule(StoreSession &s, const OpeningRules &rules, qint64 companyId,
                         qint64 appointmentId, const TimeRange &to, qint64 nowMs,
                         std::optional<TimeRange> blocked) {
    const TimeRange block = blocked.value_or(to);
    lockCompany(s, companyId);
    QSqlQuery &found = s.run(QStringLiteral("SELECT COUNT(*) FROM appointments WHERE id = ? AND "
                                            "company_id = ? AND status = 'booked'"),
                             {appointmentId, companyId});
    const bool exists = found.next() && found.value(0).toLongLong() == 1;
    found.finish();
    if (!exists)
        return {BookingResult::Outcome::NotFound, 0};
    if (!rules.isOpenFor(to))
        return {BookingResult::Outcome::OutsideOpeningHours, 0};
    if (isTaken(s, companyId, block, appointmentId, nowMs, QString()))
        return {BookingResult::Outcome::SlotTaken, 0};
    s.run(QStringLiteral("UPDATE appointments SET starts_at_ms = ?, ends_at_ms = ?, "
                         "blocked_from_ms = ?, blocked_until_ms = ?, updated_at_ms = ? "
                         "WHERE id = ? AND company_id = ?"),
          {to.startMs, to.endMs, block.startMs, block.endMs, nowMs, appointmentId, companyId});
    return {BookingResult::Outcome::Booked, appointmentId};
}

bool cancel(StoreSession &s, qint64 companyId, qint64 appointmentId, qint64 nowMs) {
    lockCompany(s, companyId);
    QSqlQuery &q =
        s.run(QStringLiteral("UPDATE appointments SET status = 'cancelled', updated_at_ms = ? "
                             "WHERE id = ? AND company_id = ? AND status = 'booked'"),
              {nowMs, appointmentId, companyId});
    return q.numRowsAffected() == 1;
}

QList<BusyTime> busyTimesWithExpiry(StoreSession &s, qint64 companyId, const TimeRange &within,
                                    qint64 nowMs, const QString &exceptCallId) {
    QList<BusyTime> out;
    QSqlQuery &booked =
        s.run(QStringLiteral("SELECT COALESCE(blocked_from_ms, starts_at_ms), "
                             "COALESCE(blocked_until_ms, ends_at_ms) FROM appointments "
                             "WHERE company_id = ? AND status = 'booked' "
                             "AND COALESCE(blocked_from_ms, starts_at_ms) < ? "
                             "AND COALESCE(blocked_until_ms, ends_at_ms) > ?"),
              {companyId, within.endMs, within.startMs});
    while (booked.next())
        out.append(BusyTime{{booked.value(0).toLongLong(), booked.value(1).toLongLong()}});
    QSqlQuery &held = s.run(
        QStringLiteral("SELECT starts_at_ms, ends_at_ms, expires_at_ms FROM booking_holds WHERE "
                       "company_id = ? AND status = 'held' AND expires_at_ms > ? AND "
                       "starts_at_ms < ? AND ends_at_ms > ? AND call_id <> COALESCE(?, '')"),
        {companyId, nowMs, within.endMs, within.startMs, exceptCallId});
    while (held.next())
        out.append(BusyTime{{held.value(0).toLongLong(), held.value(1).toLongLong()},
                            held.value(2).toLongLong()});
    return out;
}

QList<TimeRange> busyTimes(StoreSession &s, qint64 companyId, const TimeRange &within, qint64 nowMs,
                           const QString &exceptCallId) {
    QList<TimeRange> out;
    for (const BusyTime &b : busyTimesWithExpiry(s, companyId, within, nowMs, exceptCallId))
        out.append(b.range);
    std::sort(out.begin(), out.end(),
              [](const TimeRange &a, const TimeRange &b) { return a.startMs < b.startMs; });
    return out;
}

} // namespace Callbook::LocalBookings
