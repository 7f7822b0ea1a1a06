#pragma once

#include <QString>

class QCoreApplication;

namespace Callbook {

// Installs the console's translation: `language` ("de", "en") or, when empty, the system's.
// Returns the language used ("en" when there is no translation for the system's).
QString installConsoleTranslation(QCoreApplication &app, const QString &language = {});

} // namespace Callbook
