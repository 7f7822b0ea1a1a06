#pragma once

#include "databasesettings.h"

#include <QSqlDatabase>

namespace Callbook {

// Opens a named Qt Sql connection owned by the calling thread, with Callbook's settings
// (SQLite: WAL, full sync, foreign keys, busy timeout; PostgreSQL: connect timeout, UTC).
// Returns an invalid handle and sets *error on failure.
QSqlDatabase openConnection(const DatabaseSettings &settings, const QString &name, QString *error);

// Closes and forgets a connection opened by openConnection. All QSqlQuery objects and
// QSqlDatabase copies of it must be gone.
void closeConnection(const QString &name);

} // namespace Callbook
