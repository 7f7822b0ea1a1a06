#include "appointmentrepository.h"

#include "store/storesession.h"

namespace Callbook::AppointmentRepository {

static const QString kColumns = QStringLiteral(
    "id, company_id, service_id, starts_at_ms, ends_at_ms, status, provider, external_uid, "
    "attendee_name, attendee_phone, call_id");

static Appointment readRow(const QSqlQuery &q) {
    Appointment a;
    a.id = q.value(0).toLongLong();
    a.companyId = q.value(1).toLongLong();
    a.serviceId = q.value(2).toLongLong();
    a.range = {q.value(3).toLongLong(), q.value(4).toLongLong()};
    a.status = q.value(5).toString();
    a.provider = q.value(6).toString();
    a.externalUid = q.value(7).toString();
    a.attendeeName = q.value(8).toString();
    a.attendeePhone = q.value(9).toString();
    a.callId = q.value(10).toString();
    return a;
}

static std::optional<Appointment> one(StoreSession &s, const QString &where,
                                      std::initializer_list<QVariant> values) {
    QSqlQuery &q =
        s.run(QStringLiteral("SELECT %1 FROM appointments WHERE %2").arg(kColumns, where), values);
    std::optional<Appointment> found;
    if (q.next())
        found = readRow(q);
    q.finish();
    return found;
}

std::optional<Appointment> byId(StoreSession &s, qint64 companyId, qint64 id) {
    return one(s, QStringLiteral("company_id = ? AND id = ?"), {companyId, id});
}

std::optional<Appointment> byIdempotencyKey(StoreSession &s, qint64 companyId, const QString &key) {
    return one(s, QStringLiteral("company_id = ? AND idempotency_key = ?"), {companyId, key});
}

std::optional<Appointment> byExternalUid(StoreSession &s, qint64 companyId, const QString &uid) {
    return one(s, QStringLiteral("company_id = ? AND provider = 'calcom' AND external_uid = ?"),
               {companyId, uid});
}

qint64 upsertExternal(StoreSession &s, qint64 companyId, const ExternalBooking &b, qint64 nowMs) {
    std::optional<Appointment> existing = byExternalUid(s, companyId, b.uid);
    if (!existing && !b.idempotencyKey.isEmpty())
        existing = byIdempotencyKey(s, companyId, b.idempotencyKey);
    if (existing) {
        s.run(QStringLiteral(
                  "UPDATE appointments SET external_uid = ?, starts_at_ms = ?, ends_at_ms = ?, "
                  "blocked_from_ms = ?, blocked_until_ms = ?, status = ?, updated_at_ms = ? "
                  "WHERE id = ? AND company_id = ?"),
              {b.uid, b.range.startMs, b.range.endMs, b.blocked.startMs, b.blocked.endMs, b.status,
               nowMs, existing->id, companyId});
        return existing->id;
    }
    QSqlQuery &q = s.run(
        QStringLiteral(
            "INSERT INTO appointments (company_id, service_id, call_id, starts_at_ms, ends_at_ms, "
            "blocked_from_ms, blocked_until_ms, status, provider, external_uid, idempotency_key, "
            "attendee_name, attendee_phone, attendee_email, created_at_ms, updated_at_ms) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'calcom', ?, ?, ?, ?, ?, ?, ?) RETURNING id"),
        {companyId, b.serviceId ? QVariant(*b.serviceId) : nullInt(), nullIfEmpty(b.callId),
         b.range.startMs, b.range.endMs, b.blocked.startMs, b.blocked.endMs, b.status, b.uid,
         nullIfEmpty(b.idempotencyKey), nullIfEmpty(b.attendeeName), nullIfEmpty(b.attendeePhone),
         nullIfEmpty(b.attendeeEmail), nowMs, nowMs});
    const qint64 id = q.next() ? q.value(0).toLongLong() : 0;
    q.finish();
    return id;
}

bool setStatus(StoreSession &s, qint64 companyId, qint64 id, const QString &status, qint64 nowMs) {
    QSqlQuery &q = s.run(QStringLiteral("UPDATE appointments SET status = ?, updated_at_ms = ? "
                                        "WHERE id = ? AND company_id = ? AND status <> ?"),
                         {status, nowMs, id, companyId, status});
    return q.numRowsAffected() == 1;
}

void moveExternal(StoreSession &s, qint64 companyId, qint64 id, const QString &newUid,
                  const TimeRange &range, const TimeRange &blocked, qint64 nowMs) {
    s.run(
        QStringLiteral("UPDATE appointments SET external_uid = ?, starts_at_ms = ?, "
                       "ends_at_ms = ?, blocked_from_ms = ?, blocked_until_ms = ?, "
                       "status = 'booked', updated_at_ms = ? WHERE id = ? AND company_id = ?"),
        {newUid, range.startMs, range.endMs, blocked.startMs, blocked.endMs, nowMs, id, companyId});
}

QList<Appointment> upcomingForPhone(StoreSession &s, qint64 companyId, const QString &phone,
                                    qint64 nowMs) {
    QSqlQuery &q = s.run(QStringLiteral("SELECT %1 FROM appointments WHERE company_id = ? AND "
                                        "attendee_phone = ? AND status IN ('booked', 'pending') "
                                        "AND ends_at_ms > ? ORDER BY starts_at_ms")
                             .arg(kColumns),
                         {companyId, phone, nowMs});
    QList<Appointment> out;
    while (q.next())
        out.append(readRow(q));
    return out;
}

qint64 requestCallback(StoreSession &s, qint64 companyId, const QString &callId,
                       const QString &phone, const QString &name, const QString &reason,
                       const QString &preferredTime, qint64 nowMs) {
    if (!callId.isEmpty()) {
        QSqlQuery &q = s.run(QStringLiteral("SELECT id FROM callback_requests WHERE company_id = ? "
                                            "AND call_id = ? AND reason = ? AND status = 'open'"),
                             {companyId, callId, reason});
        if (q.next()) {
            const qint64 id = q.value(0).toLongLong();
            q.finish();
            return id;
        }
        q.finish();
    }
    QSqlQuery &q =
        s.run(QStringLiteral(
                  "INSERT INTO callback_requests (company_id, call_id, phone, name, reason, "
                  "preferred_time, status, created_at_ms) VALUES (?, ?, ?, ?, ?, ?, 'open', ?) "
                  "RETURNING id"),
              {companyId, nullIfEmpty(callId), nullIfEmpty(phone), nullIfEmpty(name), reason,
               nullIfEmpty(preferredTime), nowMs});
    const qint64 id = q.next() ? q.value(0).toLongLong() : 0;
    q.finish();
    return id;
}

} // namespace Callbook::AppointmentRepository
