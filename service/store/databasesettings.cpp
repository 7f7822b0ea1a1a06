#include "databasesettings.h"

#include <QUrl>

namespace Callbook {

QString DatabaseSettings::qtDriver() const {
    return engine == DatabaseEngine::SQLite ? QStringLiteral("QSQLITE") : QStringLiteral("QPSQL");
}

QString DatabaseSettings::describe() const {
    if (engine == DatabaseEngine::SQLite)
        return QStringLiteral("sqlite://") + path;
    return QStringLiteral("postgresql://%1@%2:%3/%4").arg(user, host).arg(port).arg(databaseName);
}

std::optional<DatabaseSettings> DatabaseSettings::fromUrl(const QString &text, QString *error) {
    DatabaseSettings s;
    if (text.startsWith(QLatin1String("sqlite://"))) {
        s.engine = DatabaseEngine::SQLite;
        s.path = text.mid(int(qstrlen("sqlite://")));
        if (s.path.isEmpty() || !s.path.startsWith(QLatin1Char('/'))) {
            *error = QStringLiteral("SQLite URL needs an absolute path: sqlite:///path/file.db");
            return std::nullopt;
        }
        return s;
    }
    const QUrl url(text, QUrl::StrictMode);
    const QString scheme = url.scheme();
    if (!url.isValid() ||
        (scheme != QLatin1String("postgresql") && scheme != QLatin1String("postgres"))) {
        *error = QStringLiteral("unsupported database URL; use sqlite:///path/file.db or "
                                "postgresql://user@host:port/db");
        return std::nullopt;
    }
    if (!url.password().isEmpty()) {
        *error = QStringLiteral("do not put the password in the database URL; "
                                "set PGPASSWORD or the secret 'database-password'");
        return std::nullopt;
    }
    s.engine = DatabaseEngine::PostgreSQL;
    s.host = url.host().isEmpty() ? QStringLiteral("127.0.0.1") : url.host();
    s.port = url.port(5432);
    s.user = url.userName();
    s.databaseName = url.path().mid(1);
    if (s.user.isEmpty() || s.databaseName.isEmpty()) {
        *error = QStringLiteral("PostgreSQL URL needs a user and a database name");
        return std::nullopt;
    }
    s.password = qEnvironmentVariable("PGPASSWORD");
    return s;
}

} // namespace Callbook
