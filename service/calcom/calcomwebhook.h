#pragma once

#include "calcomapi.h"

#include <QByteArray>
#include <QJsonObject>
#include <optional>

namespace Callbook {

class StoreSession;
struct TenantCalendar;

// Cal.com's webhook signature: lowercase hex HMAC-SHA256 of the exact body, keyed with the
// webhook's secret. No timestamp (so no replay window: deliveries are deduplicated instead).
// Without a secret Cal.com sends the literal "no-secret-provided".
namespace CalcomWebhook {

inline const QByteArray kUnsigned = QByteArrayLiteral("no-secret-provided");

QByteArray sign(const QByteArray &body, const QByteArray &secret);
bool verify(const QByteArray &header, const QByteArray &body, const QByteArray &secret);

struct Delivery {
    QString trigger;
    QJsonObject payload;
    QString bookingUid;
    QString dedupeKey;
};
struct ParseResult {
    std::optional<Delivery> delivery;
    QString errorCode;
    QString errorMessage;
};
ParseResult parse(const QByteArray &body);

struct Applied {
    bool duplicate = false;
    bool appointmentsChanged = false;
};
// Stores the delivery and brings the appointments table in line with it, in one transaction.
Applied apply(StoreSession &session, const TenantCalendar &tenant, const Delivery &delivery,
              const QByteArray &body, qint64 nowMs);

} // namespace CalcomWebhook
} // namespace Callbook
