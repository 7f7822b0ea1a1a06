#include "functionrequest.h"

#include "core/jsonscan.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <algorithm>

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

namespace {

// The call object's fields the service reads, and where each goes.
constexpr QLatin1StringView kCallFieldNames[] = {
    QLatin1StringView("agent_id"),    QLatin1StringView("call_id"),
    QLatin1StringView("call_type"),   QLatin1StringView("direction"),
    QLatin1StringView("from_number"), QLatin1StringView("to_number"),
};
constexpr QString CallFields::*kCallFieldMembers[] = {
    &CallFields::agentId,   &CallFields::callId,     &CallFields::callType,
    &CallFields::direction, &CallFields::fromNumber, &CallFields::toNumber,
};

CallFields callFieldsOf(const QJsonObject &call) {
    CallFields out;
    for (size_t i = 0; i < std::size(kCallFieldNames); ++i)
        out.*kCallFieldMembers[i] = call.value(kCallFieldNames[i]).toString();
    return out;
}

bool isObjectText(QByteArrayView value) {
    return value.startsWith('{');
}

// A value's text as QJsonValue::toString() reads it: a string's text, empty for anything else.
// `value` comes from the scan, so it is valid JSON.
QString textOf(QByteArrayView value) {
    if (!value.startsWith('"'))
        return {};
    const QByteArrayView inner = value.sliced(1, value.size() - 2);
    if (!inner.contains('\\'))
        return QString::fromUtf8(inner);
    // Escapes are rare in these fields: Qt decodes them.
    return QJsonDocument::fromJson('[' + value.toByteArray() + ']').array().at(0).toString();
}

// What the scan reads of an envelope `{name, call, args}`: the function's name and the call's
// fields as text, and the args' text, which Qt parses alone (so its values are Qt's own). The
// rest, however large, is only checked.
struct ScannedEnvelope {
    QString name;
    CallFields call;
    bool callGiven = false;
    QByteArrayView args; // null: there were none
};

// Nullopt where the scan does not apply: bodies it does not take, keys written with escapes, and
// args-at-root bodies (the root is the args). The last of duplicate keys counts, as in Qt.
std::optional<ScannedEnvelope> scannedEnvelope(const QByteArray &body) {
    const auto members = scanJsonObject(body);
    if (!members)
        return std::nullopt;
    QByteArrayView name, args, call;
    for (const JsonMember &m : *members) {
        if (m.keyHasEscapes)
            return std::nullopt;
        if (m.key == "name")
            name = m.value;
        else if (m.key == "args")
            args = m.value;
        else if (m.key == "call")
            call = m.value;
    }
    if (!isObjectText(args) && !isObjectText(call))
        return std::nullopt;
    ScannedEnvelope out;
    out.name = textOf(name);
    out.args = args;
    if (isObjectText(call)) {
        const auto fields = scanJsonObject(call);
        if (!fields)
            return std::nullopt;
        QByteArrayView values[std::size(kCallFieldNames)];
        for (const JsonMember &m : *fields) {
            if (m.keyHasEscapes)
                return std::nullopt;
            for (size_t i = 0; i < std::size(kCallFieldNames); ++i)
                if (m.key == QByteArrayView(kCallFieldNames[i].data(), kCallFieldNames[i].size()))
                    values[i] = m.value;
        }
        for (size_t i = 0; i < std::size(kCallFieldNames); ++i)
            out.call.*kCallFieldMembers[i] = textOf(values[i]);
        out.callGiven = !fields->isEmpty();
    }
    return out;
}

} // namespace

FunctionRequestParse parseFunctionRequest(const QByteArray &body, const QString &pathName,
                                          const QString &headerCallId, const QString &queryCallId,
                                          EnvelopeReading reading) {
    FunctionRequestParse out;
    auto fail = [&](const char *code, const QString &message) {
        out.errorCode = QString::fromLatin1(code);
        out.errorMessage = message;
        return out;
    };
    FunctionRequest r;
    const std::optional<ScannedEnvelope> scanned =
        reading == EnvelopeReading::Scanned ? scannedEnvelope(body) : std::nullopt;
    if (scanned) {
        r.name = scanned->name;
        r.call = scanned->call;
        r.callGiven = scanned->callGiven;
        if (isObjectText(scanned->args))
            r.args = QJsonDocument::fromJson(scanned->args.toByteArray()).object();
        else if (!scanned->args.isNull())
            return fail("invalid_args", QStringLiteral("\"args\" must be a JSON object."));
    } else {
        QJsonParseError error;
        const QJsonDocument doc = QJsonDocument::fromJson(body, &error);
        if (error.error != QJsonParseError::NoError || !doc.isObject())
            return fail(
                "invalid_json",
                QStringLiteral("The body must be a JSON object: %1").arg(error.errorString()));
        const QJsonObject root = doc.object();
        const QJsonValue args = root.value(QLatin1StringView("args"));
        const QJsonValue call = root.value(QLatin1StringView("call"));
        if (args.isObject() || call.isObject()) {
            r.name = root.value(QLatin1StringView("name")).toString();
            r.call = callFieldsOf(call.toObject());
            r.callGiven = !call.toObject().isEmpty();
            r.args = args.toObject();
            if (!args.isUndefined() && !args.isObject())
                return fail("invalid_args", QStringLiteral("\"args\" must be a JSON object."));
        } else {
            r.args = root; // args_at_root
        }
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
    const QString sources[] = {r.call.callId, r.args.value(QLatin1StringView("call_id")).toString(),
                               headerCallId, queryCallId};
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
    out.request = std::move(r);
    return out;
}

} // namespace Callbook
