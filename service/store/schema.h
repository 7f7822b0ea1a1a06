#pragma once

#include "databasesettings.h"

#include <QStringList>

namespace Callbook {

// One step of the schema. Statements are written once with a few dialect tokens
// ({{ID}}, {{REAL}}) that Migrator expands per engine.
struct Migration {
    int version;
    QString description;
    QStringList statements;
    QStringList postgresOnly; // e.g. functions; run after `statements`
    QStringList sqliteOnly;   // e.g. a table rebuilt where SQLite cannot alter it
};

// Every table that carries a company_id and so gets a row-level security policy.
QStringList tenantTables();

const QList<Migration> &migrations();

} // namespace Callbook
