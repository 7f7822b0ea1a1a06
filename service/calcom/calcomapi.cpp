#include "calcomapi.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QJsonArray>

namespace Callbook::CalcomApi {

QString utcIso(qint64 ms) {
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(Qt::ISODateWithMs);
}

QString metadataKey(const QString &idempotencyKey) {
    if (idempotencyKey.size() <= 500)
        return idempotencyKey;
    return QString::fromLatin1(
        QCryptographicHash::hash(idempotencyKey.toUtf8(), QCryptographicHash::Sha256).toHex());
}

std::optional<qint64> parseIso(const QString &text) {
    QDateTime t = QDateTime::fromString(text, Qt::ISODateWithMs);
    if (!t.isValid())
        t = QDateTime::fromString(text, Qt::ISODate);
    if (!t.isValid())
        return std::nullopt;
    return t.toMSecsSinceEpoch();
}

CalcomRequest slotsRequest(qint64 eventTypeId, const QTimeZone &zone, const QDate &first,
                           const QDate &last) {
    CalcomRequest r;
    r.path = QStringLiteral("/v2/slots");
    r.apiVersion = kSlotsVersion;
    // Local midnight to local midnight, sent in UTC; the answer's days are the business's.
    const qint64 from = QDateTime(first, QTime(0, 0), zone).toMSecsSinceEpoch();
    const qint64 to = QDateTime(last.addDays(1), QTime(0, 0), zone).toMSecsSinceEpoch() - 1000;
    r.query.addQueryItem(QStringLiteral("eventTypeId"), QString::number(eventTypeId));
    r.query.addQueryItem(QStringLiteral("start"), utcIso(from));
    r.query.addQueryItem(QStringLiteral("end"), utcIso(to));
    r.query.addQueryItem(QStringLiteral("timeZone"), QString::fromUtf8(zone.id()));
    return r;
}

std::optional<QMap<QDate, QList<TimeRange>>> parseSlots(const QJsonObject &body, int durationMin,
                                                        QString *error) {
    const QJsonValue data = body.value(QStringLiteral("data"));
    if (!data.isObject()) {
        *error = QStringLiteral("slots answer without a data object");
        return std::nullopt;
    }
    QMap<QDate, QList<TimeRange>> out;
    const QJsonObject days = data.toObject();
    for (auto it = days.begin(); it != days.end(); ++it) {
        const QDate day = QDate::fromString(it.key(), Qt::ISODate);
        if (!day.isValid() || !it.value().isArray()) {
            *error = QStringLiteral("unexpected day entry %1").arg(it.key());
            return std::nullopt;
        }
        QList<TimeRange> &list = out[day];
        for (const QJsonValue &slot : it.value().toArray()) {
            // {start} objects in the real API, bare strings in the spec's schema.
            const QString startText =
                slot.isString() ? slot.toString()
                                : slot.toObject().value(QStringLiteral("start")).toString();
            const auto start = parseIso(startText);
            if (!start) {
                *error = QStringLiteral("unreadable slot time %1").arg(startText);
                return std::nullopt;
            }
            qint64 end = *start + qint64(durationMin) * 60000;
            if (const auto given =
                    parseIso(slot.toObject().value(QStringLiteral("end")).toString()))
                end = *given;
            list.append(TimeRange{*start, end});
        }
    }
    return out;
}

CalcomRequest createBooking(const TenantCalendar &tenant, const ServiceInfo &service,
                            const BookingDraft &draft) {
    CalcomRequest r;
    r.method = "POST";
    r.path = QStringLiteral("/v2/bookings");
    r.apiVersion = kBookingsVersion;
    r.priority = RateBudget::Priority::Write;
    QJsonObject attendee{
        {QStringLiteral("name"), draft.attendee.name},
        {QStringLiteral("timeZone"), draft.attendee.timeZone.isEmpty()
                                         ? QString::fromUtf8(tenant.rules.zone.id())
                                         : draft.attendee.timeZone},
        {QStringLiteral("language"),
         draft.attendee.language.isEmpty() ? tenant.locale : draft.attendee.language},
    };
    if (!draft.attendee.email.isEmpty())
        attendee.insert(QStringLiteral("email"), draft.attendee.email);
    if (!draft.attendee.phone.isEmpty())
        attendee.insert(QStringLiteral("phoneNumber"), draft.attendee.phone);
    QJsonObject metadata{{kMetaCompany, tenant.slug},
                         {kMetaKey, metadataKey(draft.idempotencyKey)}};
    if (!draft.callId.isEmpty())
        metadata.insert(kMetaCallId, draft.callId.left(500));
    r.body = QJsonObject{
        {QStringLiteral("start"), utcIso(draft.startMs)},
        {QStringLiteral("eventTypeId"), double(service.eventTypeId.value_or(0))},
        {QStringLiteral("attendee"), attendee},
        {QStringLiteral("metadata"), metadata},
    };
    return r;
}

CalcomRequest cancelBooking(const QString &uid, const QString &reason) {
    CalcomRequest r;
    r.method = "POST";
    r.path = QStringLiteral("/v2/bookings/%1/cancel")
                 .arg(QString::fromLatin1(QUrl::toPercentEncoding(uid)));
    r.apiVersion = kBookingsVersion;
    r.priority = RateBudget::Priority::Write;
    // Cal.com insists on a reason when the key belongs to the host.
    r.body = QJsonObject{
        {QStringLiteral("cancellationReason"),
         reason.isEmpty() ? QStringLiteral("Cancelled by the caller by phone") : reason}};
    return r;
}

CalcomRequest rescheduleBooking(const QString &uid, qint64 startMs, const QString &reason) {
    CalcomRequest r;
    r.method = "POST";
    r.path = QStringLiteral("/v2/bookings/%1/reschedule")
                 .arg(QString::fromLatin1(QUrl::toPercentEncoding(uid)));
    r.apiVersion = kBookingsVersion;
    r.priority = RateBudget::Priority::Write;
    r.body =
        QJsonObject{{QStringLiteral("start"), utcIso(startMs)},
                    {QStringLiteral("reschedulingReason"),
                     reason.isEmpty() ? QStringLiteral("Moved by the caller by phone") : reason}};
    return r;
}

CalcomRequest getBooking(const QString &uid) {
    CalcomRequest r;
    r.path =
        QStringLiteral("/v2/bookings/%1").arg(QString::fromLatin1(QUrl::toPercentEncoding(uid)));
    r.apiVersion = kBookingsVersion;
    return r;
}

CalcomRequest listBookings(qint64 afterStartMs, qint64 beforeEndMs) {
    CalcomRequest r;
    r.path = QStringLiteral("/v2/bookings");
    r.apiVersion = kBookingsVersion;
    r.priority = RateBudget::Priority::Write; // part of finishing a write
    r.query.addQueryItem(QStringLiteral("afterStart"), utcIso(afterStartMs));
    r.query.addQueryItem(QStringLiteral("beforeEnd"), utcIso(beforeEndMs));
    r.query.addQueryItem(QStringLiteral("take"), QStringLiteral("100"));
    return r;
}

CalcomRequest eventTypes(const QString &username) {
    CalcomRequest r;
    r.path = QStringLiteral("/v2/event-types");
    r.apiVersion = kEventTypesVersion;
    if (!username.isEmpty())
        r.query.addQueryItem(QStringLiteral("username"), username);
    return r;
}

static QString ourStatus(const QString &calcomStatus) {
    const QString s = calcomStatus.toLower();
    if (s == QLatin1String("cancelled") || s == QLatin1String("rejected"))
        return QStringLiteral("cancelled");
    if (s == QLatin1String("pending"))
        return QStringLiteral("pending");
    return QStringLiteral("booked");
}

std::optional<Booking> parseBooking(const QJsonObject &o) {
    Booking b;
    b.uid = o.value(QStringLiteral("uid")).toString();
    if (b.uid.isEmpty())
        return std::nullopt;
    b.id = qint64(
        o.value(QStringLiteral("id")).toDouble(o.value(QStringLiteral("bookingId")).toDouble()));
    b.status = ourStatus(o.value(QStringLiteral("status")).toString());
    // REST: start/end; webhooks: startTime/endTime.
    auto time = [&](const char *rest, const char *hook) {
        QString text = o.value(QLatin1String(rest)).toString();
        if (text.isEmpty())
            text = o.value(QLatin1String(hook)).toString();
        return parseIso(text);
    };
    const auto start = time("start", "startTime");
    const auto end = time("end", "endTime");
    if (!start || !end)
        return std::nullopt;
    b.range = {*start, *end};
    b.eventTypeId = qint64(o.value(QStringLiteral("eventTypeId")).toDouble());
    if (!b.eventTypeId)
        b.eventTypeId = qint64(
            o.value(QStringLiteral("eventType")).toObject().value(QStringLiteral("id")).toDouble());
    b.metadata = o.value(QStringLiteral("metadata")).toObject();
    const QJsonArray attendees = o.value(QStringLiteral("attendees")).toArray();
    if (!attendees.isEmpty()) {
        const QJsonObject a = attendees.first().toObject();
        b.attendeeName = a.value(QStringLiteral("name")).toString();
        b.attendeeEmail = a.value(QStringLiteral("email")).toString();
        b.attendeePhone = a.value(QStringLiteral("phoneNumber")).toString();
    }
    return b;
}

QList<Booking> parseBookingList(const QJsonObject &body) {
    QList<Booking> out;
    for (const QJsonValue &v : body.value(QStringLiteral("data")).toArray())
        if (auto b = parseBooking(v.toObject()))
            out.append(*b);
    return out;
}

QList<EventTypeInfo> parseEventTypes(const QJsonObject &body) {
    QList<EventTypeInfo> out;
    for (const QJsonValue &v : body.value(QStringLiteral("data")).toArray()) {
        const QJsonObject o = v.toObject();
        out.append(EventTypeInfo{qint64(o.value(QStringLiteral("id")).toDouble()),
                                 o.value(QStringLiteral("slug")).toString(),
                                 o.value(QStringLiteral("title")).toString(),
                                 o.value(QStringLiteral("lengthInMinutes")).toInt()});
    }
    return out;
}

bool isSlotTaken(const CalcomResponse &r) {
    return r.httpStatus == 400 &&
           r.errorMessage.contains(QLatin1String("already has booking at this time"));
}

bool isOutsideBookingWindow(const CalcomResponse &r) {
    return r.httpStatus == 400 &&
           (r.errorMessage.contains(QLatin1String("minimum booking notice")) ||
            r.errorMessage.contains(QLatin1String("too far in the future")) ||
            r.errorMessage.contains(QLatin1String("in the past")));
}

bool isAlreadyCancelled(const CalcomResponse &r) {
    return r.httpStatus == 400 && r.errorMessage.contains(QLatin1String("already been cancelled"));
}

} // namespace Callbook::CalcomApi
