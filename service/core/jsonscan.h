#pragma once

#include <QByteArrayView>
#include <QList>
#include <optional>

namespace Callbook {

// One member of a JSON object as it is written: the key between its quotes and the value's
// whole text (a string with its quotes).
struct JsonMember {
    QByteArrayView key;
    QByteArrayView value;
    bool keyHasEscapes = false; // then `key` is not the key's text
};

// Lists the members of the JSON object `text` without building it, checking the whole text on
// the way: for reading a few fields of a large document (each of Retell's function calls carries
// the call with its transcript). It accepts only documents QJsonDocument::fromJson also accepts
// and reads alike: RFC 8259 JSON in UTF-8, without Qt's leniencies (a byte order mark, control
// characters in strings, unknown escapes, "1." and ".5"), numbers without exponent and of at
// most 300 digits (Qt refuses what does not fit a double), nesting up to 512 levels. For
// anything else it gives nullopt: parse with Qt then, which gives the answer and the error.
// Members appear in document order; Qt keeps the last of duplicate keys.
std::optional<QList<JsonMember>> scanJsonObject(QByteArrayView text);

} // namespace Callbook
