#include "jsonwriter.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QLocale>
#include <charconv>
#include <climits>
#include <cmath>

namespace Callbook {

// Writes into a region reserved for the worst case (6 bytes per UTF-16 unit, as \u00XX),
// then gives back what was not used: one size check per string instead of one per byte.
void appendJsonString(QByteArray &out, QStringView text) {
    static const char hex[] = "0123456789abcdef";
    const qsizetype start = out.size();
    out.resize(start + 6 * text.size() + 2);
    char *p = out.data() + start;
    *p++ = '"';
    const char16_t *c = text.utf16();
    const char16_t *const end = c + text.size();
    for (; c < end; ++c) {
        const char16_t u = *c;
        if (u >= 0x20 && u < 0x80) {
            if (u == '"' || u == '\\')
                *p++ = '\\';
            *p++ = char(u);
        } else if (u < 0x20) {
            *p++ = '\\';
            switch (u) {
            case '\n':
                *p++ = 'n';
                break;
            case '\r':
                *p++ = 'r';
                break;
            case '\t':
                *p++ = 't';
                break;
            case '\b':
                *p++ = 'b';
                break;
            case '\f':
                *p++ = 'f';
                break;
            default:
                *p++ = 'u';
                *p++ = '0';
                *p++ = '0';
                *p++ = hex[u >> 4];
                *p++ = hex[u & 0xF];
            }
        } else if (u < 0x800) {
            *p++ = char(0xC0 | (u >> 6));
            *p++ = char(0x80 | (u & 0x3F));
        } else if (QChar::isHighSurrogate(u) && c + 1 < end && QChar::isLowSurrogate(c[1])) {
            const char32_t cp = QChar::surrogateToUcs4(u, c[1]);
            ++c;
            *p++ = char(0xF0 | (cp >> 18));
            *p++ = char(0x80 | ((cp >> 12) & 0x3F));
            *p++ = char(0x80 | ((cp >> 6) & 0x3F));
            *p++ = char(0x80 | (cp & 0x3F));
        } else if (QChar::isSurrogate(u)) { // a lone half of a pair, escaped as Qt does
            *p++ = '\\';
            *p++ = 'u';
            for (int shift = 12; shift >= 0; shift -= 4)
                *p++ = hex[(u >> shift) & 0xF];
        } else {
            *p++ = char(0xE0 | (u >> 12));
            *p++ = char(0x80 | ((u >> 6) & 0x3F));
            *p++ = char(0x80 | (u & 0x3F));
        }
    }
    *p++ = '"';
    out.truncate(p - out.constData());
}

static void appendNumber(QByteArray &out, const QJsonValue &value) {
    const qint64 whole = value.toInteger(LLONG_MIN);
    if (whole != LLONG_MIN || value.toDouble() == double(LLONG_MIN)) {
        char digits[24];
        const auto written = std::to_chars(digits, digits + sizeof digits, whole);
        out.append(digits, written.ptr - digits);
    } else if (const double d = value.toDouble(); std::isfinite(d))
        out += QByteArray::number(d, 'g', QLocale::FloatingPointShortest);
    else
        out += "null";
}

void appendJson(QByteArray &out, const QJsonValue &value) {
    switch (value.type()) {
    case QJsonValue::Null:
    case QJsonValue::Undefined:
        out += "null";
        break;
    case QJsonValue::Bool:
        out += value.toBool() ? "true" : "false";
        break;
    case QJsonValue::Double:
        appendNumber(out, value);
        break;
    case QJsonValue::String:
        appendJsonString(out, value.toString());
        break;
    case QJsonValue::Array: {
        out += '[';
        const QJsonArray array = value.toArray();
        for (qsizetype i = 0; i < array.size(); ++i) {
            if (i > 0)
                out += ',';
            appendJson(out, array.at(i));
        }
        out += ']';
        break;
    }
    case QJsonValue::Object: {
        out += '{';
        const QJsonObject object = value.toObject();
        bool first = true;
        for (auto it = object.begin(); it != object.end(); ++it) {
            if (!first)
                out += ',';
            first = false;
            appendJsonString(out, it.key());
            out += ':';
            appendJson(out, it.value());
        }
        out += '}';
        break;
    }
    }
}

} // namespace Callbook
