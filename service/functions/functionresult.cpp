#include "functionresult.h"

#include "http/jsonwriter.h"

#include <QJsonDocument>

namespace Callbook {

void FunctionResult::addRawMember(QLatin1StringView key, QByteArrayView json) {
    addKey(key);
    rawMembers += json;
}

void FunctionResult::addMember(QLatin1StringView key, const QString &text) {
    addKey(key);
    appendJsonString(rawMembers, text);
}

void FunctionResult::addKey(QLatin1StringView key) {
    if (!rawMembers.isEmpty())
        rawMembers += ',';
    // Keys are our own ASCII names: nothing to escape.
    rawMembers += '"';
    rawMembers += QByteArrayView(key.data(), key.size());
    rawMembers += "\":";
}

// The raw members parsed back into an object.
static QJsonObject parsedMembers(const QByteArray &rawMembers) {
    return QJsonDocument::fromJson('{' + rawMembers + '}').object();
}

QJsonObject FunctionResult::fields() const {
    if (rawMembers.isEmpty())
        return data;
    QJsonObject out = data;
    const QJsonObject raw = parsedMembers(rawMembers);
    for (auto it = raw.begin(); it != raw.end(); ++it)
        out.insert(it.key(), it.value());
    return out;
}

QByteArray FunctionResult::toJsonBytes() const {
#ifndef QT_NO_DEBUG
    // A key in both would be written twice. Checked in debug builds (the sanitizer suite runs
    // every function through this), where the cost of parsing the raw members does not count.
    if (!rawMembers.isEmpty()) {
        const QJsonObject raw = parsedMembers(rawMembers);
        Q_ASSERT_X(!raw.isEmpty(), "FunctionResult", "raw members are not valid JSON members");
        for (auto it = raw.begin(); it != raw.end(); ++it)
            Q_ASSERT_X(!data.contains(it.key()) && it.key() != QLatin1String("success") &&
                           it.key() != QLatin1String("message") &&
                           it.key() != QLatin1String("error"),
                       "FunctionResult", "a raw member's key is also written elsewhere");
    }
#endif
    QByteArray out;
    out.reserve(256);
    out += '{';
    for (auto it = data.begin(); it != data.end(); ++it) {
        const QString key = it.key();
        // toJson() puts these over whatever the data held.
        if (key == QLatin1String("success") || key == QLatin1String("message") ||
            (!success && key == QLatin1String("error")))
            continue;
        appendJsonString(out, key);
        out += ':';
        appendJson(out, it.value());
        out += ',';
    }
    if (!rawMembers.isEmpty()) {
        out += rawMembers;
        out += ',';
    }
    out += success ? "\"success\":true,\"message\":" : "\"success\":false,\"message\":";
    appendJsonString(out, message);
    if (!success) {
        out += ",\"error\":{\"code\":";
        appendJsonString(out, code);
        out += ",\"message\":";
        appendJsonString(out, message);
        out += '}';
    }
    out += '}';
    return out;
}

} // namespace Callbook
