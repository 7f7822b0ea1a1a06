#pragma once

#include <QJsonObject>
#include <QString>
#include <optional>

namespace Callbook {

// One custom-function call from Retell, whichever way it was sent: `{name, call, args}`, or
// the args at the root with the function name from the path and the call id from a header or
// query parameter.
struct FunctionRequest {
    QString name;
    QString callId;   // canonical: never a placeholder
    QJsonObject call; // Retell's call object; empty for args-at-root bodies
    QJsonObject args;
};

struct FunctionRequestParse {
    std::optional<FunctionRequest> request;
    QString errorCode; // invalid_json, missing_function_name, missing_call_id
    QString errorMessage;
};

// `pathName`: from /api/webhooks/retell/function/{name}; `headerCallId`: X-Retell-Call-Id;
// `queryCallId`: ?call_id=.
FunctionRequestParse parseFunctionRequest(const QByteArray &body, const QString &pathName,
                                          const QString &headerCallId, const QString &queryCallId);

// Models and conversation flows fill call ids with placeholders ("None", "{{call_id}}", …).
bool isPlaceholderCallId(const QString &callId);

} // namespace Callbook
