#include "functiondata.h"

#include "core/logmask.h"
#include "functioncallwriter.h"
#include "functionrequest.h"
#include "http/jsonwriter.h"
#include "store/storesession.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace Callbook::FunctionData {

static QVariant textOrNull(const QString &s) {
    return s.isEmpty() ? QVariant(QMetaType(QMetaType::QString)) : QVariant(s);
}

void ensureCall(StoreSession &s, qint64 companyId, const QString &callId, const CallFields &call,
                qint64 nowMs) {
    // Rank 0: any event that arrives later moves the call on.
    s.run(QStringLiteral("INSERT INTO calls (call_id, company_id, agent_id, call_type, direction, "
                         "from_number, to_number, status, status_rank, created_at_ms, "
                         "updated_at_ms) VALUES (?, ?, ?, ?, ?, ?, ?, 'ongoing', 0, ?, ?) "
                         "ON CONFLICT (call_id) DO NOTHING"),
          {callId, companyId, textOrNull(call.agentId), textOrNull(call.callType),
           textOrNull(call.direction), textOrNull(call.fromNumber), textOrNull(call.toNumber),
           nowMs, nowMs});
}

void markCallBooked(StoreSession &s, qint64 companyId, const QString &callId, qint64 customerId,
                    qint64 nowMs) {
    s.run(QStringLiteral("UPDATE calls SET booked = 1, customer_id = COALESCE(?, customer_id), "
                         "updated_at_ms = ? WHERE call_id = ? AND company_id = ?"),
          {customerId > 0 ? QVariant(customerId) : QVariant(QMetaType(QMetaType::LongLong)), nowMs,
           callId, companyId});
}

// Names, numbers and e-mails in args are masked before they are stored with the timing.
// One argument's value as text, masked by what its key says it holds. Values that are not
// strings are masked as their JSON text (inside an array, as they have always been stored).
static QString maskedValue(const QString &key, const QJsonValue &v) {
    const QString value =
        v.isString()
            ? v.toString()
            : QString::fromUtf8(QJsonDocument(QJsonArray{v}).toJson(QJsonDocument::Compact));
    if (key.contains(QLatin1String("phone")))
        return maskPhone(value);
    if (key.contains(QLatin1String("email")))
        return maskEmail(value);
    if (key.contains(QLatin1String("name")))
        return maskName(value);
    return maskFreeText(value);
}

QJsonObject maskedArgs(const QJsonObject &args) {
    QJsonObject out;
    for (auto it = args.begin(); it != args.end(); ++it)
        out.insert(it.key(), maskedValue(it.key(), it.value()));
    return out;
}

QByteArray maskedArgsJson(const QJsonObject &args) {
    // Keys in QJsonObject's order, as QJsonDocument writes them.
    QByteArray out;
    out.reserve(16 + 32 * args.size());
    out.append('{');
    for (auto it = args.begin(); it != args.end(); ++it) {
        if (out.size() > 1)
            out.append(',');
        const QString key = it.key();
        appendJsonString(out, key);
        out.append(':');
        appendJsonString(out, maskedValue(key, it.value()));
    }
    out.append('}');
    return out;
}

void recordFunctionCalls(StoreSession &s, qint64 companyId,
                         const QList<FunctionCallRecord> &records, qint64 nowMs) {
    FunctionCallWriter(s).write(companyId, records, nowMs);
}

} // namespace Callbook::FunctionData
