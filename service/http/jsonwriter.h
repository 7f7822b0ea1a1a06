#pragma once

#include <QByteArray>
#include <QJsonValue>
#include <QStringView>

namespace Callbook {

// Compact JSON written straight into a buffer, for answers on the hot path (QJsonDocument
// first copies an object into a document and converts each string separately). Strings are
// UTF-8 with the escapes JSON requires; numbers as QJsonDocument writes them (whole numbers
// without a fraction, others shortest round-trip; non-finite as null).
void appendJsonString(QByteArray &out, QStringView text);
void appendJson(QByteArray &out, const QJsonValue &value);

} // namespace Callbook
