#pragma once

#include <QByteArray>
#include <QSqlDatabase>
#include <QString>

struct sqlite3;
struct sqlite3_stmt;

namespace Callbook {

class StoreError;

// The sqlite3 handle under a QSQLITE connection, for statements driven through SQLite's C API.
// nullptr when `db` is not an open QSQLITE connection, or when Qt's driver runs another SQLite
// library than the one Callbook links (a handle must never cross two copies of SQLite).
sqlite3 *sqliteHandle(const QSqlDatabase &db);

// One prepared statement on a connection's native handle, reused for every row: bind, step,
// reset. Qt Sql's binding costs more than SQLite's insert itself (QSqlResult formats a ":N"
// name and inserts into a QHash per value), so hot writes on SQLite use this instead. Runs
// inside whatever transaction Qt opened on the same handle. Errors throw StoreError with
// SQLite's extended result code, as Qt's driver reports them.
class SqliteStatement {
public:
    SqliteStatement(sqlite3 *db, const char *sql);
    ~SqliteStatement();
    Q_DISABLE_COPY_MOVE(SqliteStatement)

    // Indexes start at 1. Text is not copied: it must stay alive until execute() returns.
    void bind(int index, qint64 value);
    void bindNull(int index);
    void bindText(int index, const QString &text);    // as Qt's driver binds a QString
    void bindUtf8(int index, const QByteArray &utf8); // valid UTF-8, e.g. QJsonDocument output
    // Runs a statement that returns no rows, then resets it for the next bind.
    void execute();

private:
    StoreError lastError(const char *what) const;

    sqlite3 *m_db;
    sqlite3_stmt *m_stmt = nullptr;
};

} // namespace Callbook
