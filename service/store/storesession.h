#pragma once

#include "databasesettings.h"

#include <QHash>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QVariant>
#include <initializer_list>
#include <memory>
#include <stdexcept>
#include <unordered_map>

struct sqlite3;

namespace Callbook {

// Thrown by StoreSession when a statement fails; the Store turns it into a result.
class StoreError : public std::runtime_error {
public:
    StoreError(const QString &message, const QString &sqlState = {})
        : std::runtime_error(message.toStdString())
        , m_sqlState(sqlState) {}
    QString sqlState() const { return m_sqlState; }
    bool isUniqueViolation() const;
    // The database could not do it now (busy, locked, connection trouble, shutting down),
    // as opposed to a statement that will never succeed.
    bool isTransient() const;

private:
    QString m_sqlState;
};

class SqliteStatement;

// One open connection as seen by a store task: cached prepared statements, and the tenant
// of the current transaction (PostgreSQL row-level security reads it).
class StoreSession {
public:
    StoreSession(QSqlDatabase db, DatabaseEngine engine);
    ~StoreSession();
    Q_DISABLE_COPY_MOVE(StoreSession)

    DatabaseEngine engine() const { return m_engine; }
    bool isPostgres() const { return m_engine == DatabaseEngine::PostgreSQL; }
    QSqlDatabase &database() { return m_db; }

    // Runs a cached prepared statement with positional values; returns it positioned
    // before the first row.
    QSqlQuery &run(const QString &sql, std::initializer_list<QVariant> values = {});
    QSqlQuery &run(const QString &sql, const QVariantList &values);
    // Runs ad-hoc SQL (DDL, transaction control).
    void execute(const QString &sql);

    // SQLite only: a cached statement on the connection's native handle, for hot writes
    // (see SqliteStatement). nullptr on PostgreSQL or when the handle cannot be used; the
    // caller then goes through run(). `sql` must be a string literal (it is the cache key).
    SqliteStatement *sqliteStatement(const char *sql);

    // Scopes every following statement of the current transaction to one company.
    void setTenant(qint64 companyId);
    void transactionStarted() { m_tenant = -1; }
    void clearPrepared();
    // Releases every cached statement's result (SQLite will not commit while one is active).
    void finishAll();

private:
    QSqlDatabase m_db;
    DatabaseEngine m_engine;
    QHash<QString, QSqlQuery> m_prepared;
    // Declared after m_db: finalized before the session lets go of the connection.
    std::unordered_map<const char *, std::unique_ptr<SqliteStatement>> m_sqlite;
    enum class Native { Unknown, Usable, Unusable } m_native = Native::Unknown;
    sqlite3 *m_handle = nullptr;
    qint64 m_tenant = -1;
};

QString nullIfEmpty(const QString &s);
inline QVariant nullInt() {
    return QVariant(QMetaType::fromType<qint64>());
}
inline QVariant nullText() {
    return QVariant(QMetaType::fromType<QString>());
}
inline QVariant nullReal() {
    return QVariant(QMetaType::fromType<double>());
}

} // namespace Callbook
