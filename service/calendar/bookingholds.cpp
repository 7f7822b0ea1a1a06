#include "bookingholds.h"

#include "localbookings.h"
#include "store/storesession.h"

#include <QUuid>

namespace Callbook::BookingHolds {

static const QString kColumns = QStringLiteral(
    "id, token, company_id, service_id, call_id, starts_at_ms, ends_at_ms, blocked_from_ms, "
    "blocked_until_ms, expires_at_ms, status, appointment_id, customer_name, customer_phone, "
    "customer_email");

static BookingHold read(QSqlQuery &q) {
    BookingHold h;
    h.id = q.value(0).toLongLong();
    h.token = q.value(1).toString();
    h.companyId = q.value(2).toLongLong();
    if (!q.value(3).isNull())
        h.serviceId = q.value(3).toLongLong();
    h.callId = q.value(4).toString();
    h.range = {q.value(5).toLongLong(), q.value(6).toLongLong()};
    h.blocked = {q.value(7).isNull() ? h.range.startMs : q.value(7).toLongLong(),
                 q.value(8).isNull() ? h.range.endMs : q.value(8).toLongLong()};
    h.expiresAtMs = q.value(9).toLongLong();
    h.status = q.value(10).toString();
    if (!q.value(11).isNull())
        h.appointmentId = q.value(11).toLongLong();
    h.customerName = q.value(12).toString();
    h.customerPhone = q.value(13).toString();
    h.customerEmail = q.value(14).toString();
    return h;
}

static QVariant textOrNull(const QString &s) {
    return s.isEmpty() ? QVariant(QMetaType(QMetaType::QString)) : QVariant(s);
}

HoldResult place(StoreSession &s, const OpeningRules &rules, BookingHold wanted, qint64 nowMs) {
    LocalBookings::lockCompany(s, wanted.companyId);
    if (!rules.isOpenFor(wanted.range))
        return {HoldResult::Outcome::OutsideOpeningHours, wanted};
    if (LocalBookings::isTaken(s, wanted.companyId, wanted.blocked, 0, nowMs, wanted.callId))
        return {HoldResult::Outcome::SlotTaken, wanted};
    s.run(QStringLiteral("UPDATE booking_holds SET status = 'released' WHERE company_id = ? AND "
                         "call_id = ? AND status = 'held'"),
          {wanted.companyId, wanted.callId});
    wanted.token = QStringLiteral("hold_") + QUuid::createUuid().toString(QUuid::Id128);
    wanted.status = QStringLiteral("held");
    QSqlQuery &q = s.run(
        QStringLiteral("INSERT INTO booking_holds (company_id, service_id, call_id, token, "
                       "starts_at_ms, ends_at_ms, blocked_from_ms, blocked_until_ms, "
                       "expires_at_ms, status, customer_name, customer_phone, customer_email, "
                       "created_at_ms) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'held', ?, ?, ?, ?) "
                       "RETURNING id"),
        {wanted.companyId,
         wanted.serviceId ? QVariant(*wanted.serviceId) : QVariant(QMetaType(QMetaType::LongLong)),
         wanted.callId, wanted.token, wanted.range.startMs, wanted.range.endMs,
         wanted.blocked.startMs, wanted.blocked.endMs, wanted.expiresAtMs,
         textOrNull(wanted.customerName), textOrNull(wanted.customerPhone),
         textOrNull(wanted.customerEmail), nowMs});
    wanted.id = q.next() ? q.value(0).toLongLong() : 0;
    q.finish();
    return {HoldResult::Outcome::Held, wanted};
}

std::optional<BookingHold> byToken(StoreSession &s, qint64 companyId, const QString &token) {
    QSqlQuery &q = s.run(QStringLiteral("SELECT %1 FROM booking_holds WHERE company_id = ? AND "
                                        "token = ?")
                             .arg(kColumns),
                         {companyId, token});
    std::optional<BookingHold> h;
    if (q.next())
        h = read(q);
    q.finish();
    return h;
}

std::optional<BookingHold> latestForCall(StoreSession &s, qint64 companyId, const QString &callId) {
    QSqlQuery &q = s.run(QStringLiteral("SELECT %1 FROM booking_holds WHERE company_id = ? AND "
                                        "call_id = ? AND status IN ('held', 'confirmed') "
                                        "ORDER BY id DESC LIMIT 1")
                             .arg(kColumns),
                         {companyId, callId});
    std::optional<BookingHold> h;
    if (q.next())
        h = read(q);
    q.finish();
    return h;
}

bool release(StoreSession &s, qint64 companyId, const QString &token) {
    QSqlQuery &q = s.run(QStringLiteral("UPDATE booking_holds SET status = 'released' WHERE "
                                        "company_id = ? AND token = ? AND status = 'held'"),
                         {companyId, token});
    return q.numRowsAffected() == 1;
}

void markConfirmed(StoreSession &s, qint64 companyId, const QString &token, qint64 appointmentId) {
    s.run(QStringLiteral("UPDATE booking_holds SET status = 'confirmed', appointment_id = ? "
                         "WHERE company_id = ? AND token = ?"),
          {appointmentId, companyId, token});
}

} // namespace Callbook::BookingHolds
