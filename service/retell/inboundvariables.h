#pragma once

#include "tenants/tenantdirectory.h"

#include <QDateTime>
#include <QJsonObject>

namespace Callbook {

struct RecordedEvent;

// The dynamic variables handed to the agent when a call comes in: who we are, what day and
// time it is where the business is (so the model never guesses the year), and whether the
// caller is known. Dates and times are written as they are spoken in the tenant's language.
QJsonObject inboundDynamicVariables(const TenantInfo &tenant, const QDateTime &nowUtc,
                                    bool callerKnown, const QString &callerFirstName);

QString spokenDate(const QDate &date, const QString &locale);
QString spokenTime(const QTime &time, const QString &locale);

} // namespace Callbook
