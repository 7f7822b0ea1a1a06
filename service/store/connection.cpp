#include "connection.h"

#include <QDir>
#include <QFileInfo>
#include <QSqlError>
#include <QSqlQuery>

namespace Callbook {

QSqlDatabase openConnection(const DatabaseSettings &s, const QString &name, QString *error) {
    QSqlDatabase db = QSqlDatabase::addDatabase(s.qtDriver(), name);
    if (s.engine == DatabaseEngine::SQLite) {
        QDir().mkpath(QFileInfo(s.path).absolutePath());
        db.setDatabaseName(s.path);
        db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=5000"));
    } else {
        db.setHostName(s.host);
        db.setPort(s.port);
        db.setDatabaseName(s.databaseName);
        db.setUserName(s.user);
        db.setPassword(s.password);
        db.setConnectOptions(QStringLiteral("connect_timeout=3;application_name=callbook"));
    }
    if (!db.open()) {
        *error = db.lastError().text();
        db = QSqlDatabase();
        QSqlDatabase::removeDatabase(name);
        return {};
    }
    QSqlQuery q(db);
    const QStringList setup =
        s.engine == DatabaseEngine::SQLite
            ? QStringList{QStringLiteral("PRAGMA journal_mode=WAL"),
                          QStringLiteral("PRAGMA synchronous=FULL"),
                          QStringLiteral("PRAGMA foreign_keys=ON")}
            : QStringList{QStringLiteral("SET TIME ZONE 'UTC'"),
                          QStringLiteral("SET client_min_messages TO WARNING")};
    for (const QString &sql : setup) {
        if (!q.exec(sql)) {
            *error = q.lastError().text();
            q = QSqlQuery();
            db.close();
            db = QSqlDatabase();
            QSqlDatabase::removeDatabase(name);
            return {};
        }
    }
    return db;
}

void closeConnection(const QString &name) {
    {
        QSqlDatabase db = QSqlDatabase::database(name, false);
        if (db.isValid())
            db.close();
    }
    QSqlDatabase::removeDatabase(name);
}

} // namespace Callbook
