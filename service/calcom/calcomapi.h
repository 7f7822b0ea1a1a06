#pragma once

#include "calcomconnection.h"
#include "calendar/calendartypes.h"
#include "calendar/tenantcalendar.h"

#include <QMap>
#include <QTimeZone>

namespace Callbook {

// The subset of Cal.com API v2 that Callbook uses: requests built to the official contract
// (per-resource cal-api-version, UTC times) and answers read in their real shapes.
namespace CalcomApi {

inline constexpr char kSlotsVersion[] = "2024-09-04";
inline constexpr char kBookingsVersion[] = "2024-08-13";
inline constexpr char kEventTypesVersion[] = "2024-06-14";

// Metadata keys on every booking we create; Cal.com echoes them in its webhooks.
inline const QString kMetaCompany = QStringLiteral("callbook_company");
inline const QString kMetaCallId = QStringLiteral("callbook_call_id");
inline const QString kMetaKey = QStringLiteral("callbook_key");

QString utcIso(qint64 ms);
// The idempotency key as stored in booking metadata (values hold at most 500 characters).
QString metadataKey(const QString &idempotencyKey);
std::optional<qint64> parseIso(const QString &text);

CalcomRequest slotsRequest(qint64 eventTypeId, const QTimeZone &zone, const QDate &first,
                           const QDate &last);
// Per local day (keyed by the date Cal.com gives in `zone`), each slot `durationMin` long.
std::optional<QMap<QDate, QList<TimeRange>>> parseSlots(const QJsonObject &body, int durationMin,
                                                        QString *error);

CalcomRequest createBooking(const TenantCalendar &tenant, const ServiceInfo &service,
                            const BookingDraft &draft);
CalcomRequest cancelBooking(const QString &uid, const QString &reason);
CalcomRequest rescheduleBooking(const QString &uid, qint64 startMs, const QString &reason);
CalcomRequest getBooking(const QString &uid);
CalcomRequest listBookings(qint64 afterStartMs, qint64 beforeEndMs);
CalcomRequest eventTypes(const QString &username);

struct Booking {
    QString uid;
    qint64 id = 0;
    QString status; // booked, pending or cancelled (Callbook's words)
    TimeRange range;
    qint64 eventTypeId = 0;
    QJsonObject metadata;
    QString attendeeName, attendeePhone, attendeeEmail;
};
// Reads a REST booking (`data` of a booking answer) or a webhook payload.
std::optional<Booking> parseBooking(const QJsonObject &object);
QList<Booking> parseBookingList(const QJsonObject &body);
QList<EventTypeInfo> parseEventTypes(const QJsonObject &body);

// "User either already has booking at this time or is not available" and its team variant.
bool isSlotTaken(const CalcomResponse &response);
// Minimum notice, booking window, or the past.
bool isOutsideBookingWindow(const CalcomResponse &response);
bool isAlreadyCancelled(const CalcomResponse &response);

} // namespace CalcomApi
} // namespace Callbook
