#include "calendartypes.h"

namespace Callbook {

QString toString(CalendarFailure failure) {
    switch (failure) {
    case CalendarFailure::None:
        return QStringLiteral("none");
    case CalendarFailure::SlotTaken:
        return QStringLiteral("slot_taken");
    case CalendarFailure::OutsideOpeningHours:
        return QStringLiteral("outside_opening_hours");
    case CalendarFailure::NotFound:
        return QStringLiteral("not_found");
    case CalendarFailure::Unavailable:
        return QStringLiteral("calendar_unavailable");
    case CalendarFailure::RateLimited:
        return QStringLiteral("rate_limited");
    case CalendarFailure::Rejected:
        return QStringLiteral("rejected");
    case CalendarFailure::Invalid:
        return QStringLiteral("invalid");
    }
    return {};
}

} // namespace Callbook
