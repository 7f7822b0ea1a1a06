#include "functionresult.h"

#include "http/jsonwriter.h"

namespace Callbook {

QByteArray FunctionResult::toJsonBytes() const {
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
