#include "functionrequest.h"

#include <QJsonDocument>

namespace Callbook {

bool isPlaceholderCallId(const QString &callId) {
    const QStringView id = QStringView(callId).trimmed();
    // Retell call ids are printable tokens without spaces ("{{call_id}}", "", "None" are not).
    if (id.size() < 6 || id.size() > 128)
        return true;
    for (const QChar c : id) {
        const char16_t u = c.unicode();
        const bool token = (u >= 'a' && u <= 'z') || (u >= 'A' && u <= 'Z') ||
                           (u >= '0' && u <= '9') || u == '_' || u == '-' || u == ':' || u == '.';
        if (!token)
            return true;
    }
    static constexpr QLatin1StringView words[] = {
        QLatin1StringView("undefined"),    QLatin1StringView("current"),
        QLatin1StringView("current_call"), QLatin1StringView("dummy_call_id"),
        QLatin1StringView("call_id"),      QLatin1StringView("unknown"),
    };
    for (const QLatin1StringView word : words)
        if (id.compare(word, Qt::CaseInsensitive) == 0)
            return true;
    return false;
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
    const QJsonValue args = root.value(QLatin1StringView("args"));
    const QJsonValue call = root.value(QLatin1StringView("call"));
    if (args.isObject() || call.isObject()) {
        r.name = root.value(QLatin1StringView("name")).toString();
        r.call = call.toObject();
        r.args = args.toObject();
        if (!args.isUndefined() && !args.isObject())
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
    const QString sources[] = {r.call.value(QLatin1StringView("call_id")).toString(),
                               r.args.value(QLatin1StringView("call_id")).toString(), headerCallId,
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
