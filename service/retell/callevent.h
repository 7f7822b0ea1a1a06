#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QString>
#include <optional>

namespace Callbook {

// A Retell call-event webhook (or the inbound-call webhook), validated at the edge.
struct CallEvent {
    QString event;
    QString callId; // empty only for call_inbound without call_id
    QString agentId;
    QString callType;
    QString direction;
    QString fromNumber;
    QString toNumber;
    QString callStatus;
    std::optional<qint64> startMs;
    std::optional<qint64> endMs;
    std::optional<qint64> durationMs;
    QString disconnectionReason;
    std::optional<double> combinedCostCents;
    QString transcript;
    QString summary;
    QString sentiment;
    std::optional<bool> successful;
    QString callerFirstName; // from custom analysis data, when the agent collected it
    QString callerLastName;

    bool isInbound() const { return event == QLatin1String("call_inbound"); }
    // The number that identifies the business: the dialled one for inbound calls, the
    // calling line for outbound calls.
    QString businessNumber() const;
    // Events that happen once per call are deduplicated by name alone.
    bool happensOncePerCall() const;
    // Order of the call lifecycle; a later event never moves a call back.
    int lifecycleRank() const;
};

struct CallEventParseResult {
    std::optional<CallEvent> event;
    QString errorCode;
    QString errorMessage;
};

CallEventParseResult parseCallEvent(const QByteArray &body);

} // namespace Callbook
