#pragma once

#include <QJsonObject>
#include <QList>
#include <QString>
#include <optional>

namespace Callbook {

class StoreSession;
struct CallFields;

// What the agent functions read and write besides the calendar. Runs inside store tasks
// scoped to the company.
namespace FunctionData {

// A function call for a call we have not seen: create the call from Retell's call object.
void ensureCall(StoreSession &s, qint64 companyId, const QString &callId, const CallFields &call,
                qint64 nowMs);
void markCallBooked(StoreSession &s, qint64 companyId, const QString &callId, qint64 customerId,
                    qint64 nowMs);
// Names, numbers and e-mails (and anything that looks like one in free text) masked.
QJsonObject maskedArgs(const QJsonObject &args);
// The same as compact JSON text (what QJsonDocument writes for maskedArgs), written directly:
// every recorded function call stores it.
QByteArray maskedArgsJson(const QJsonObject &args);

struct FunctionCallRecord {
    QString callId, name, outcome;
    QJsonObject args; // as sent; masked when written
    QJsonObject result;
    qint64 durationUs = 0;
    bool cacheHit = false;
    qint64 upstreamMs = -1;
};
// Many at once, arguments masked (FunctionCallWriter).
void recordFunctionCalls(StoreSession &s, qint64 companyId,
                         const QList<FunctionCallRecord> &records, qint64 nowMs);

} // namespace FunctionData
} // namespace Callbook
