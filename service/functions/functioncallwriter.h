#pragma once

#include "functiondata.h"

namespace Callbook {

class SqliteStatement;
class StoreSession;

// Writes function_calls rows (one per answered function call, arguments masked) inside the
// store task's transaction. Recording runs for every answer, so on SQLite it binds and steps
// one cached native statement per row: Qt Sql's per-value binding cost several times the
// insert itself. On PostgreSQL (or when the SQLite handle cannot be shared, see
// sqliteHandle()) it goes through Qt Sql, 50 rows per INSERT. Both paths store the same values.
class FunctionCallWriter {
public:
    enum class Path {
        Fastest, // native SQLite statement when possible, else Qt Sql
        QtSql,   // always Qt Sql (the PostgreSQL path; a baseline for tests and benchmarks)
    };
    explicit FunctionCallWriter(StoreSession &session, Path path = Path::Fastest);
    Q_DISABLE_COPY_MOVE(FunctionCallWriter)

    bool isNative() const { return m_native != nullptr; }
    void write(qint64 companyId, const QList<FunctionData::FunctionCallRecord> &records,
               qint64 nowMs);

private:
    void writeNative(qint64 companyId, const QList<FunctionData::FunctionCallRecord> &records,
                     qint64 nowMs);
    const QByteArray &resultJson(const QJsonObject &result);
    void writeQtSql(qint64 companyId, const QList<FunctionData::FunctionCallRecord> &records,
                    qint64 nowMs);

    StoreSession &m_session;
    SqliteStatement *m_native = nullptr; // owned by the session
    QJsonObject m_lastResult;            // and its JSON, reused while rows repeat it
    QByteArray m_lastResultJson;
    bool m_lastResultReusable = false;
};

} // namespace Callbook
