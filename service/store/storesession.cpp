#include "storesession.h"

#include "sqlitestatement.h"

#include <QSqlError>

namespace Callbook {

bool StoreError::isUniqueViolation() const {
    // 23505 is PostgreSQL's SQLSTATE; SQLite reports extended code 2067 (or 1555 for a PK).
    return m_sqlState == QLatin1String("23505") || m_sqlState == QLatin1String("2067") ||
           m_sqlState == QLatin1String("1555");
}

bool StoreError::isTransient() const {
    if (m_sqlState.isEmpty())
        return true; // no code at all: the driver lost the connection
    bool numeric = false;
    const int code = m_sqlState.toInt(&numeric);
    if (numeric) // SQLite (extended) result code: BUSY or LOCKED
        return (code & 0xff) == 5 || (code & 0xff) == 6;
    return m_sqlState.startsWith(QLatin1String("08")) ||
           m_sqlState.startsWith(QLatin1String("57P")) ||
           m_sqlState.startsWith(QLatin1String("53")) || m_sqlState == QLatin1String("40001") ||
           m_sqlState == QLatin1String("40P01");
}

StoreSession::StoreSession(QSqlDatabase db, DatabaseEngine engine)
    : m_db(std::move(db))
    , m_engine(engine) {}

StoreSession::~StoreSession() = default;

void StoreSession::clearPrepared() {
    m_prepared.clear();
    m_sqlite.clear();
}

SqliteStatement *StoreSession::sqliteStatement(const char *sql) {
    if (m_native == Native::Unknown) {
        m_handle = m_engine == DatabaseEngine::SQLite ? sqliteHandle(m_db) : nullptr;
        m_native = m_handle ? Native::Usable : Native::Unusable;
    }
    if (m_native == Native::Unusable)
        return nullptr;
    std::unique_ptr<SqliteStatement> &statement = m_sqlite[sql];
    if (!statement)
        statement = std::make_unique<SqliteStatement>(m_handle, sql);
    return statement.get();
}

static StoreError errorFrom(const QSqlError &e, const QString &sql) {
    return StoreError(e.text() + QStringLiteral(" [") + sql.simplified().left(120) +
                          QLatin1Char(']'),
                      e.nativeErrorCode());
}

QSqlQuery &StoreSession::run(const QString &sql, std::initializer_list<QVariant> values) {
    return run(sql, QVariantList(values));
}

QSqlQuery &StoreSession::run(const QString &sql, const QVariantList &values) {
    auto it = m_prepared.find(sql);
    if (it == m_prepared.end()) {
        QSqlQuery q(m_db);
        q.setForwardOnly(true);
        if (!q.prepare(sql))
            throw errorFrom(q.lastError(), sql);
        it = m_prepared.insert(sql, std::move(q));
    }
    QSqlQuery &q = it.value();
    q.finish();
    for (int i = 0; i < values.size(); ++i)
        q.bindValue(i, values.at(i));
    if (!q.exec())
        throw errorFrom(q.lastError(), sql);
    return q;
}

void StoreSession::finishAll() {
    for (QSqlQuery &q : m_prepared)
        q.finish();
}

void StoreSession::execute(const QString &sql) {
    QSqlQuery q(m_db);
    if (!q.exec(sql))
        throw errorFrom(q.lastError(), sql);
}

void StoreSession::setTenant(qint64 companyId) {
    if (m_engine != DatabaseEngine::PostgreSQL || companyId == m_tenant)
        return;
    run(QStringLiteral("SELECT set_config('callbook.company_id', ?, true)"),
        {QString::number(companyId)});
    m_tenant = companyId;
}

QString nullIfEmpty(const QString &s) {
    return s.isEmpty() ? QString() : s;
}

} // namespace Callbook
