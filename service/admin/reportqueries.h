#pragma once

#include "serviceevents.h"
#include "tenants/tenantdirectory.h"

namespace Callbook {

class StoreSession;

// What the console and the `callbook calls|session|stats|callbacks` reports read from the
// database, one business at a time (row-level security applies). Runs inside store tasks;
// personal data is masked before it is returned.
namespace ReportQueries {

QList<CallSummary> recentCalls(StoreSession &s, const TenantInfo &t, int limit);
CallTimeline timeline(StoreSession &s, qint64 companyId, const QString &callId);
// Per local day of the business, from `from` to `to` inclusive.
QList<DailyStats> dailyStats(StoreSession &s, const TenantInfo &t, const QDate &from,
                             const QDate &to);
// The open ones, and those done since `doneSinceMs` (std::numeric_limits<qint64>::max(): none),
// oldest first.
QList<CallbackItem> callbacks(StoreSession &s, const TenantInfo &t, qint64 doneSinceMs);
// False when there is no such open callback request.
bool markCallbackDone(StoreSession &s, qint64 companyId, qint64 callbackId, const QString &note,
                      qint64 nowMs);
// One business in the --config format, read back from its rows.
QByteArray companyConfigJson(StoreSession &s, qint64 companyId);

// Adds one day's figures to another (for "every business").
void accumulate(QList<DailyStats> &into, const QList<DailyStats> &more);

} // namespace ReportQueries
} // namespace Callbook
