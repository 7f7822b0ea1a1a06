#pragma once

#include "localavailability.h"

#include <QString>
#include <optional>

namespace Callbook {

class StoreSession;

// A slot held for a caller between start_booking and confirm_booking, so that no other caller
// can take it meanwhile. Confirmed holds remember their appointment (a repeated confirmation
// returns it).
struct BookingHold {
    qint64 id = 0;
    QString token;
    qint64 companyId = 0;
    std::optional<qint64> serviceId;
    QString callId;
    TimeRange range;
    TimeRange blocked;
    qint64 expiresAtMs = 0;
    QString status = QStringLiteral("held"); // held, confirmed, released
    std::optional<qint64> appointmentId;
    QString customerName, customerPhone, customerEmail;

    bool expired(qint64 nowMs) const {
        return status == QLatin1String("held") && expiresAtMs <= nowMs;
    }
};

struct HoldResult {
    enum class Outcome { Held, SlotTaken, OutsideOpeningHours };
    Outcome outcome = Outcome::SlotTaken;
    BookingHold hold;
};

// Runs inside store tasks scoped to the company.
namespace BookingHolds {

// Holds `wanted` (its token is made here) unless an appointment or another caller's hold is
// in the way; the caller's earlier holds are released (one slot per caller at a time).
// Serialised with every booking of the business.
HoldResult place(StoreSession &s, const OpeningRules &rules, BookingHold wanted, qint64 nowMs);
std::optional<BookingHold> byToken(StoreSession &s, qint64 companyId, const QString &token);
// The call's most recent hold that is held or confirmed.
std::optional<BookingHold> latestForCall(StoreSession &s, qint64 companyId, const QString &callId);
bool release(StoreSession &s, qint64 companyId, const QString &token);
void markConfirmed(StoreSession &s, qint64 companyId, const QString &token, qint64 appointmentId);

} // namespace BookingHolds
} // namespace Callbook
