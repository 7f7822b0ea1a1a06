#pragma once

#include <QString>

namespace Callbook {

// Personal data never reaches a log line in clear.
QString maskPhone(QStringView number); // +49301234567 → +49*******67
QString maskEmail(QStringView email);  // anna.schmidt@example.de → a***@e***.de
QString maskName(QStringView name);    // Anna Schmidt → A*** S***
// Masks phone numbers, e-mail addresses and the values of name/phone/e-mail JSON keys
// anywhere in a text.
QString maskFreeText(QStringView text);

} // namespace Callbook
