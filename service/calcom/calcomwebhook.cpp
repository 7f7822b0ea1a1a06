#include "calcomwebhook.h"

#include "calendar/appointmentrepository.h"
#include "calendar/tenantcalendar.h"
#include "core/constanttime.h"
#include "core/sha256.h"
#include "store/storesession.h"

#include <QJsonDocument>

namespace Callbook::CalcomWebhook {

QByteArray sign(const QByteArray &body, const QByteArray &secret) {
    return HmacSha256::hash(body, secret).toHex();
}

bool verify(const QByteArray &header, const QByteArray &body, const QByteArray &secret) {
    if (secret.isEmpty() || header.isEmpty())
        return false;
    return constantTimeEquals(sign(body, secret), header.trimmed().toLower());
}

// Triggers that describe one booking's life: one delivery per trigger and booking.
static bool isBookingLifecycle(const QString &trigger) {
    static const QStringList triggers{
        QStringLiteral("BOOKING_CREATED"),           QStringLiteral("BOOKING_REQUESTED"),
        QStringLiteral("BOOKING_CANCELLED"),         QStringLiteral("BOOKING_REJECTED"),
        QStringLiteral("BOOKING_RESCHEDULED"),       QStringLiteral("BOOKING_PAID"),
        QStringLiteral("BOOKING_PAYMENT_INITIATED"), QStringLiteral("BOOKING_CONFIRMED")};
    return triggers.contains(trigger);
}

ParseResult parse(const QByteArray &body) {
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(body, &error);
    if (error.error != QJsonParseError::NoError || !doc.isObject())
        return {std::nullopt, QStringLiteral("invalid_json"),
                QStringLiteral("The body is not a JSON object: %1").arg(error.errorString())};
    const QJsonObject root = doc.object();
    Delivery d;
    d.trigger = root.value(QStringLiteral("triggerEvent")).toString();
    if (d.trigger.isEmpty())
        return {std::nullopt, QStringLiteral("invalid_payload"),
                QStringLiteral("triggerEvent is missing.")};
    d.payload = root.value(QStringLiteral("payload")).toObject();
    d.bookingUid = d.payload.value(QStringLiteral("uid")).toString();
    if (d.bookingUid.isEmpty())
        d.bookingUid = d.payload.value(QStringLiteral("bookingUid")).toString();
    if (isBookingLifecycle(d.trigger) && !d.bookingUid.isEmpty())
        d.dedupeKey = d.trigger + QLatin1Char(':') + d.bookingUid;
    else
        d.dedupeKey =
            d.trigger + QLatin1Char(':') + QString::fromLatin1(Sha256::hash(body).toHex());
    return {d, {}, {}};
}

static std::optional<qint64> serviceFor(const TenantCalendar &tenant, qint64 eventTypeId) {
    for (const ServiceInfo &s : tenant.services)
        if (s.eventTypeId && *s.eventTypeId == eventTypeId)
            return s.id;
    return std::nullopt;
}

static void mirrorBooking(StoreSession &s, const TenantCalendar &tenant,
                          const CalcomApi::Booking &b, const QString &status, qint64 nowMs) {
    AppointmentRepository::ExternalBooking row;
    row.uid = b.uid;
    row.range = b.range;
    row.blocked = b.range;
    row.serviceId = serviceFor(tenant, b.eventTypeId);
    if (row.serviceId)
        if (const ServiceInfo *service = tenant.service(*row.serviceId))
            row.blocked = {b.range.startMs - qint64(service->bufferBeforeMin) * 60000,
                           b.range.endMs + qint64(service->bufferAfterMin) * 60000};
    row.status = status;
    row.callId = b.metadata.value(CalcomApi::kMetaCallId).toString();
    row.idempotencyKey = b.metadata.value(CalcomApi::kMetaKey).toString();
    row.attendeeName = b.attendeeName;
    row.attendeePhone = b.attendeePhone;
    row.attendeeEmail = b.attendeeEmail;
    AppointmentRepository::upsertExternal(s, tenant.companyId, row, nowMs);
}

static bool cancelByUid(StoreSession &s, qint64 companyId, const QString &uid, qint64 nowMs) {
    const auto existing = AppointmentRepository::byExternalUid(s, companyId, uid);
    return existing && AppointmentRepository::setStatus(s, companyId, existing->id,
                                                        QStringLiteral("cancelled"), nowMs);
}

Applied apply(StoreSession &s, const TenantCalendar &tenant, const Delivery &d,
              const QByteArray &body, qint64 nowMs) {
    Applied applied;
    QSqlQuery &insert = s.run(
        QStringLiteral("INSERT INTO calcom_webhook_events (company_id, trigger_event, booking_uid, "
                       "dedupe_key, body, received_at_ms) VALUES (?, ?, ?, ?, ?, ?) "
                       "ON CONFLICT (company_id, dedupe_key) DO NOTHING"),
        {tenant.companyId, d.trigger, nullIfEmpty(d.bookingUid), d.dedupeKey,
         QString::fromUtf8(body), nowMs});
    if (insert.numRowsAffected() == 0) {
        applied.duplicate = true;
        return applied;
    }
    const auto booking = CalcomApi::parseBooking(d.payload);
    const QString &t = d.trigger;
    if (t == QLatin1String("BOOKING_CANCELLED") || t == QLatin1String("BOOKING_REJECTED")) {
        applied.appointmentsChanged = cancelByUid(s, tenant.companyId, d.bookingUid, nowMs);
    } else if (t == QLatin1String("BOOKING_RESCHEDULED") && booking) {
        // `uid` is the new booking, `rescheduleUid` the one it replaces.
        const QString oldUid = d.payload.value(QStringLiteral("rescheduleUid")).toString();
        if (!oldUid.isEmpty() && oldUid != booking->uid)
            cancelByUid(s, tenant.companyId, oldUid, nowMs);
        mirrorBooking(s, tenant, *booking, QStringLiteral("booked"), nowMs);
        applied.appointmentsChanged = true;
    } else if (booking &&
               (t == QLatin1String("BOOKING_CREATED") || t == QLatin1String("BOOKING_REQUESTED") ||
                t == QLatin1String("BOOKING_PAID") || t == QLatin1String("BOOKING_CONFIRMED"))) {
        const QString status =
            t == QLatin1String("BOOKING_REQUESTED") ? QStringLiteral("pending") : booking->status;
        mirrorBooking(s, tenant, *booking, status, nowMs);
        applied.appointmentsChanged = true;
    }
    return applied;
}

} // namespace Callbook::CalcomWebhook
