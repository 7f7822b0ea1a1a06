#include "functionrequest.h"

#include <QJsonDocument>
#include <QRegularExpression>

namespace Callbook {

bool isPlaceholderCallId(const QString &callId) {
    const QString id = callId.trimmed().toLower();
    static const QStringList placeholders = {
        QString(),
        QStringLiteral("none"),
        QStringLiteral("null"),
        QStringLiteral("nil"),
        QStringLiteral("undefined"),
        QStringLiteral("current"),
        QStringLiteral("current_call"),
        QStringLiteral("dummy_call_id"),
        QStringLiteral("call_id"),
        QStringLiteral("unknown"),
    };
    if (placeholders.contains(id) || id.contains(QLatin1String("{{")) ||
        id.contains(QLatin1String("}}")))
        return true;
    // Retell call ids are printable tokens without spaces.
    static const QRegularExpression token(QStringLiteral("^[A-Za-z0-9_\\-:.]{6,128}$"));
    return !token.match(callId.trimmed()).hasMatch();
}

FunctionRequestParse parseFunctionRequest(const QByteArray &body, const QString &pathName,
                                          const QString &headerCallId, const QString &queryCallId) {
    FunctionRequestParse out;
    auto fail = [&](const char *code, const QString &message) {
        out.errorCode = QString::fromLatin1(code);
        out.errorMessage = message;
        return out;
    };
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(body, &error);
    if (error.error != QJsonParseError::NoError || !doc.isObject())
        return fail("invalid_json",
                    QStringLiteral("The body must be a JSON object: %1").arg(error.errorString()));
    const QJsonObject root = doc.object();
    FunctionRequest r;
    const bool envelope = root.value(QStringLiteral("args")).isObject() ||
                          root.value(QStringLiteral("call")).isObject();
    if (envelope) {
        r.name = root.value(QStringLiteral("name")).toString();
        r.call = root.value(QStringLiteral("call")).toObject();
        r.args = root.value(QStringLiteral("args")).toObject();
        if (root.contains(QStringLiteral("args")) && !root.value(QStringLiteral("args")).isObject())
            return fail("invalid_args", QStringLiteral("\"args\" must be a JSON object."));
    } else {
        r.args = root; // args_at_root
    }
    if (!pathName.isEmpty()) {
        if (!r.name.isEmpty() && r.name != pathName)
            return fail("function_name_mismatch",
                        QStringLiteral("The body names \"%1\" but the URL names \"%2\".")
                            .arg(r.name, pathName));
        r.name = pathName;
    }
    if (r.name.isEmpty())
        return fail("missing_function_name",
                    QStringLiteral("Name the function in the body (\"name\") or the URL "
                                   "(/api/webhooks/retell/function/NAME)."));
    // The call id, most trustworthy first; placeholders are skipped.
    const QStringList sources = {r.call.value(QStringLiteral("call_id")).toString(),
                                 r.args.value(QStringLiteral("call_id")).toString(), headerCallId,
                                 queryCallId};
    for (const QString &candidate : sources) {
        if (!isPlaceholderCallId(candidate)) {
            r.callId = candidate.trimmed();
            break;
        }
    }
    if (r.callId.isEmpty())
        return fail("missing_call_id",
                    QStringLiteral("No usable call id: send Retell's call object (keep "
                                   "args_at_root off) or an X-Retell-Call-Id header."));
    out.request = r;
    return out;
}

} // namespace Callbook
