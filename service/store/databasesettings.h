#pragma once

#include <QString>
#include <optional>

namespace Callbook {

enum class DatabaseEngine { SQLite, PostgreSQL };

// Where the database is, parsed from `sqlite:///path/file.db` or
// `postgresql://user@host:port/db`. The password never appears in a URL we accept:
// it comes from PGPASSWORD or the secret store.
struct DatabaseSettings {
    DatabaseEngine engine = DatabaseEngine::SQLite;
    QString path; // SQLite
    QString host; // PostgreSQL
    int port = 5432;
    QString databaseName;
    QString user;
    QString password;

    QString qtDriver() const;
    QString describe() const; // for logs: no password
    bool isPostgres() const { return engine == DatabaseEngine::PostgreSQL; }

    static std::optional<DatabaseSettings> fromUrl(const QString &url, QString *error);
};

} // namespace Callbook
