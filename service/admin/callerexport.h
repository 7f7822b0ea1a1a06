#pragma once

#include <QJsonArray>
#include <QJsonObject>
#include <QString>

namespace Callbook {

class StoreSession;

// A GDPR access request: everything stored about one caller number, unmasked (it is the
// person's own data), as JSON. Runs inside store tasks.
namespace CallerExport {

// One business (the session scoped to it): customers with that number, their calls (from or
// to the number, or linked to the customer), those calls' events and function calls, and the
// appointments, holds, callback requests and Cal.com webhook deliveries that name the number
// or belong to those calls. Empty object when the business has nothing.
QJsonObject forCompany(StoreSession &s, qint64 companyId, const QString &phone);
// Deliveries no business could be found for that mention the number.
QJsonArray unroutedEvents(StoreSession &s, const QString &phone);

} // namespace CallerExport
} // namespace Callbook
