#pragma once

#include <QStringList>

namespace Callbook {

// The console's Settings page saves a listen address and a database for the next start; they
// apply when the command line does not name its own (--listen, --database win).
QStringList withSavedConsoleSettings(const QStringList &arguments);

} // namespace Callbook
