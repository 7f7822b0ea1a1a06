#include "functionrequest.h"

#include "core/jsonscan.h"

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

constexpr QLatin1StringView kCallFields[] = {
    QLatin1StringView("agent_id"),    QLatin1StringView("call_id"),
    QLatin1StringView("call_type"),   QLatin1StringView("direction"),
    QLatin1StringView("from_number"), QLatin1StringView("to_number"),
};

bool isObjectText(QByteArrayView value) {
    return value.startsWith('{');
}

// The envelope as Qt reads it, with only the members parseFunctionRequest uses: "name", "args"
// and the call fields, whose text is cut out of the body and parsed alone (so their values
// are Qt's own), while the rest is only checked. Nullopt where the scan does not apply: bodies
// it does not take, keys written with escapes, and args-at-root bodies (the root is the args).
std::optional<QJsonObject> scannedEnvelope(const QByteArray &body, bool *callGiven) {
    const auto members = scanJsonObject(body);
    if (!members)
        return std::nullopt;
    QByteArrayView name, args, call; // the last of duplicates, as Qt keeps
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
    QByteArray envelope;
    envelope.reserve(name.size() + args.size() + 256);
    auto add = [&envelope](QByteArrayView key, QByteArrayView value) {
        envelope.append(envelope.size() > 1 ? ",\"" : "\"").append(key).append("\":").append(value);
    };
    envelope.append('{');
    if (!name.isNull())
        add("name", name);
    if (!args.isNull())
        add("args", args);
    if (isObjectText(call)) {
        const auto fields = scanJsonObject(call);
        if (!fields)
            return std::nullopt;
        QByteArrayView values[std::size(kCallFields)];
        for (const JsonMember &m : *fields) {
            if (m.keyHasEscapes)
                return std::nullopt;
            for (size_t i = 0; i < std::size(kCallFields); ++i)
                if (m.key == QByteArrayView(kCallFields[i].data(), kCallFields[i].size()))
                    values[i] = m.value;
        }
        *callGiven = !fields->isEmpty();
        QByteArray fieldsKept = "{";
        for (size_t i = 0; i < std::size(kCallFields); ++i) {
            if (values[i].isNull())
                continue;
            if (fieldsKept.size() > 1)
                fieldsKept.append(',');
            fieldsKept.append('"').append(kCallFields[i].data(), kCallFields[i].size());
            fieldsKept.append("\":").append(values[i]);
        }
        add("call", fieldsKept.append('}'));
    } else if (!call.isNull()) {
        add("call", call);
    }
    envelope.append('}');
    const QJsonDocument doc = QJsonDocument::fromJson(envelope);
    if (!doc.isObject())
        return std::nullopt; // cannot happen for text the scan took; Qt decides then
    return doc.object();
}

QJsonObject callFieldsOf(const QJsonObject &call) {
    // Small call objects often hold nothing else: then they are kept as they are.
    bool onlyCallFields = true;
    for (auto it = call.begin(); it != call.end() && onlyCallFields; ++it)
        onlyCallFields = std::find(std::begin(kCallFields), std::end(kCallFields), it.key()) !=
                         std::end(kCallFields);
    if (onlyCallFields)
        return call;
    QJsonObject out;
    for (const QLatin1StringView field : kCallFields) {
        const QJsonValue v = call.value(field);
        if (!v.isUndefined())
            out.insert(field, v);
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
    std::optional<QJsonObject> scanned;
    if (reading == EnvelopeReading::Scanned ||
        (reading == EnvelopeReading::Fastest && body.size() >= kScanEnvelopeFrom))
        scanned = scannedEnvelope(body, &r.callGiven);
    QJsonObject root;
    if (scanned) {
        root = std::move(*scanned);
    } else {
        QJsonParseError error;
        const QJsonDocument doc = QJsonDocument::fromJson(body, &error);
        if (error.error != QJsonParseError::NoError || !doc.isObject())
            return fail(
                "invalid_json",
                QStringLiteral("The body must be a JSON object: %1").arg(error.errorString()));
        root = doc.object();
    }
    const QJsonValue args = root.value(QLatin1StringView("args"));
    const QJsonValue call = root.value(QLatin1StringView("call"));
    if (args.isObject() || call.isObject()) {
        r.name = root.value(QLatin1StringView("name")).toString();
        if (scanned) {
            r.call = call.toObject();
        } else {
            r.call = callFieldsOf(call.toObject());
            r.callGiven = !call.toObject().isEmpty();
        }
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
