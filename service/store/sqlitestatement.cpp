#include "sqlitestatement.h"

#include "storesession.h"

#include <QSqlDriver>
#include <QSqlQuery>
#include <sqlite3.h>

namespace Callbook {

sqlite3 *sqliteHandle(const QSqlDatabase &db) {
    if (!db.isOpen() || db.driverName() != QLatin1String("QSQLITE"))
        return nullptr;
    // The documented way to reach the handle: Qt's plugin wraps it as "sqlite3*".
    const QVariant v = db.driver()->handle();
    if (!v.isValid() || qstrcmp(v.typeName(), "sqlite3*") != 0)
        return nullptr;
    sqlite3 *handle = *static_cast<sqlite3 *const *>(v.constData());
    if (!handle)
        return nullptr;
    // Debian's plugin links the system libsqlite3.so.0, as Callbook does. A Qt build with its
    // own bundled SQLite (another version) must not see our calls on its handle.
    QSqlQuery q(db);
    if (!q.exec(QStringLiteral("SELECT sqlite_source_id()")) || !q.next() ||
        q.value(0).toString().toUtf8() != QByteArray(sqlite3_sourceid()))
        return nullptr;
    return handle;
}

SqliteStatement::SqliteStatement(sqlite3 *db, const char *sql)
    : m_db(db) {
    // PERSISTENT: the statement lives as long as the connection's session.
    const int rc = sqlite3_prepare_v3(db, sql, -1, SQLITE_PREPARE_PERSISTENT, &m_stmt, nullptr);
    if (rc != SQLITE_OK)
        throw lastError(sql);
}

SqliteStatement::~SqliteStatement() {
    sqlite3_finalize(m_stmt);
}

StoreError SqliteStatement::lastError(const char *what) const {
    // The extended code, as Qt's driver reports it in nativeErrorCode(), so StoreError can
    // classify it (busy, locked, unique violation).
    return StoreError(QString::fromUtf8(sqlite3_errmsg(m_db)) + QStringLiteral(" [") +
                          QString::fromUtf8(what).simplified().left(120) + QLatin1Char(']'),
                      QString::number(sqlite3_extended_errcode(m_db)));
}

void SqliteStatement::bind(int index, qint64 value) {
    if (const int rc = sqlite3_bind_int64(m_stmt, index, value); rc != SQLITE_OK)
        throw lastError(sqlite3_sql(m_stmt));
}

void SqliteStatement::bindNull(int index) {
    if (const int rc = sqlite3_bind_null(m_stmt, index); rc != SQLITE_OK)
        throw lastError(sqlite3_sql(m_stmt));
}

void SqliteStatement::bindText(int index, const QString &text) {
    // UTF-16 as is, like QSQLITE: SQLite converts it to the database's encoding.
    const int rc =
        sqlite3_bind_text16(m_stmt, index, text.utf16(), int(text.size() * 2), SQLITE_STATIC);
    if (rc != SQLITE_OK)
        throw lastError(sqlite3_sql(m_stmt));
}

void SqliteStatement::bindUtf8(int index, const QByteArray &utf8) {
    const int rc =
        sqlite3_bind_text(m_stmt, index, utf8.constData(), int(utf8.size()), SQLITE_STATIC);
    if (rc != SQLITE_OK)
        throw lastError(sqlite3_sql(m_stmt));
}

void SqliteStatement::execute() {
    const int rc = sqlite3_step(m_stmt);
    // Reset either way, so the statement is no longer active and the transaction can commit
    // or roll back; reset() leaves the step's error on the connection for lastError().
    sqlite3_reset(m_stmt);
    if (rc != SQLITE_DONE && rc != SQLITE_ROW)
        throw lastError(sqlite3_sql(m_stmt));
}

} // namespace Callbook
