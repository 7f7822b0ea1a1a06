#pragma once

#include <QJsonObject>
#include <QString>
#include <optional>

namespace Callbook {

// The fields of Retell's call object the service reads; the rest, the transcript above all, is
// not kept. As text: a field that is not a string reads as empty (QJsonValue::toString()).
struct CallFields {
    QString agentId, callId, callType, direction, fromNumber, toNumber;

    bool operator==(const CallFields &) const = default;
};

// One custom-function call from Retell, whichever way it was sent: `{name, call, args}`, or
// the args at the root with the function name from the path and the call id from a header or
// query parameter.
struct FunctionRequest {
    QString name;
    QString callId; // canonical: never a placeholder
    CallFields call;
    bool callGiven = false; // the body carried a call object with any fields at all
    QJsonObject args;
};

struct FunctionRequestParse {
    std::optional<FunctionRequest> request;
    QString errorCode; // invalid_json, missing_function_name, missing_call_id
    QString errorMessage;
};

// How the body is read. Scanned: the envelope is scanned and only what is kept is built (a
// body the scan does not take is read by Qt); QtOnly: all of it by QJsonDocument. Both give
// the same answer; Scanned is the faster at every size (bench_envelope).
enum class EnvelopeReading { Scanned, QtOnly };

// `pathName`: from /api/webhooks/retell/function/{name}; `headerCallId`: X-Retell-Call-Id;
// `queryCallId`: ?call_id=.
FunctionRequestParse parseFunctionRequest(const QByteArray &body, const QString &pathName,
                                          const QString &headerCallId, const QString &queryCallId,
                                          EnvelopeReading reading = EnvelopeReading::Scanned);

// Models and conversation flows fill call ids with placeholders ("None", "{{call_id}}", …).
bool isPlaceholderCallId(const QString &callId);

} // namespace Callbook
