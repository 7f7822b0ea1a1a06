#include "callevent.h"

#include <QJsonDocument>

namespace Callbook {

QString CallEvent::businessNumber() const {
    return direction == QLatin1String("outbound") ? fromNumber : toNumber;
}

bool CallEvent::happensOncePerCall() const {
    static const QStringList once = {
        QStringLiteral("call_inbound"),       QStringLiteral("call_started"),
        QStringLiteral("call_ended"),         QStringLiteral("call_analyzed"),
        QStringLiteral("transfer_started"),   QStringLiteral("transfer_bridged"),
        QStringLiteral("transfer_cancelled"), QStringLiteral("transfer_ended")};
    return once.contains(event);
}

int CallEvent::lifecycleRank() const {
    if (event == QLatin1String("call_analyzed"))
        return 3;
    if (event == QLatin1String("call_ended"))
        return 2;
    if (event == QLatin1String("call_started") || event.startsWith(QLatin1String("transfer_")) ||
        event == QLatin1String("transcript_updated"))
        return 1;
    return 0;
}

static std::optional<qint64> optionalMs(const QJsonObject &o, const char *key) {
    const QJsonValue v = o.value(QLatin1String(key));
    if (!v.isDouble())
        return std::nullopt;
    return qint64(v.toDouble());
}

static CallEventParseResult fail(const char *code, const QString &message) {
    return CallEventParseResult{std::nullopt, QString::fromLatin1(code), message};
}

CallEventParseResult parseCallEvent(const QByteArray &body) {
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(body, &error);
    if (error.error != QJsonParseError::NoError)
        return fail("malformed_json", QStringLiteral("The body is not valid JSON (offset %1: %2).")
                                          .arg(error.offset)
                                          .arg(error.errorString()));
    if (!doc.isObject())
        return fail("invalid_event", QStringLiteral("The body must be a JSON object."));
    const QJsonObject root = doc.object();
    CallEvent e;
    e.event = root.value(QStringLiteral("event")).toString();
    if (e.event.isEmpty() || e.event.size() > 64)
        return fail("invalid_event",
                    QStringLiteral("The field \"event\" is missing or not a name."));

    if (e.isInbound()) {
        const QJsonObject inbound = root.value(QStringLiteral("call_inbound")).toObject();
        e.fromNumber = inbound.value(QStringLiteral("from_number")).toString();
        e.toNumber = inbound.value(QStringLiteral("to_number")).toString();
        e.agentId = inbound.value(QStringLiteral("agent_id")).toString();
        e.callId = inbound.value(QStringLiteral("call_id")).toString();
        e.direction = QStringLiteral("inbound");
        if (e.toNumber.isEmpty())
            return fail("invalid_event",
                        QStringLiteral("call_inbound needs call_inbound.to_number."));
        return CallEventParseResult{e, {}, {}};
    }

    const QJsonValue callValue = root.value(QStringLiteral("call"));
    if (!callValue.isObject())
        return fail("invalid_event", QStringLiteral("The field \"call\" must be an object."));
    const QJsonObject call = callValue.toObject();
    e.callId = call.value(QStringLiteral("call_id")).toString();
    if (e.callId.isEmpty() || e.callId.size() > 128)
        return fail("invalid_event", QStringLiteral("The field \"call.call_id\" is missing."));
    e.agentId = call.value(QStringLiteral("agent_id")).toString();
    e.callType = call.value(QStringLiteral("call_type")).toString();
    e.direction = call.value(QStringLiteral("direction")).toString();
    e.fromNumber = call.value(QStringLiteral("from_number")).toString();
    e.toNumber = call.value(QStringLiteral("to_number")).toString();
    e.callStatus = call.value(QStringLiteral("call_status")).toString();
    e.startMs = optionalMs(call, "start_timestamp");
    e.endMs = optionalMs(call, "end_timestamp");
    e.durationMs = optionalMs(call, "duration_ms");
    if (!e.durationMs && e.startMs && e.endMs)
        e.durationMs = *e.endMs - *e.startMs;
    e.disconnectionReason = call.value(QStringLiteral("disconnection_reason")).toString();
    const QJsonValue cost =
        call.value(QStringLiteral("call_cost")).toObject().value(QStringLiteral("combined_cost"));
    if (cost.isDouble())
        e.combinedCostCents = cost.toDouble();
    e.transcript = call.value(QStringLiteral("transcript")).toString();
    const QJsonObject analysis = call.value(QStringLiteral("call_analysis")).toObject();
    e.summary = analysis.value(QStringLiteral("call_summary")).toString();
    e.sentiment = analysis.value(QStringLiteral("user_sentiment")).toString();
    if (analysis.value(QStringLiteral("call_successful")).isBool())
        e.successful = analysis.value(QStringLiteral("call_successful")).toBool();
    const QJsonObject custom = analysis.value(QStringLiteral("custom_analysis_data")).toObject();
    e.callerFirstName = custom.value(QStringLiteral("first_name")).toString().trimmed();
    e.callerLastName = custom.value(QStringLiteral("last_name")).toString().trimmed();
    return CallEventParseResult{e, {}, {}};
}

} // namespace Callbook
