#include "functioncallwriter.h"

#include "store/sqlitestatement.h"
#include "store/storesession.h"

#include <QJsonDocument>

namespace Callbook {

using FunctionData::FunctionCallRecord;

namespace {

constexpr const char *kInsertOne =
    "INSERT INTO function_calls (company_id, call_id, name, args, outcome, result, duration_us, "
    "cache_hit, upstream_ms, created_at_ms) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

// What both paths store in the two JSON columns: valid UTF-8 (Qt escapes lone surrogates).
QByteArray storedArgs(const FunctionCallRecord &r) {
    return QJsonDocument(FunctionData::maskedArgs(r.args)).toJson(QJsonDocument::Compact);
}
QByteArray storedResult(const FunctionCallRecord &r) {
    return QJsonDocument(r.result).toJson(QJsonDocument::Compact);
}

} // namespace

FunctionCallWriter::FunctionCallWriter(StoreSession &session, Path path)
    : m_session(session)
    , m_native(path == Path::Fastest ? session.sqliteStatement(kInsertOne) : nullptr) {}

void FunctionCallWriter::write(qint64 companyId, const QList<FunctionCallRecord> &records,
                               qint64 nowMs) {
    if (m_native)
        writeNative(companyId, records, nowMs);
    else
        writeQtSql(companyId, records, nowMs);
}

void FunctionCallWriter::writeNative(qint64 companyId, const QList<FunctionCallRecord> &records,
                                     qint64 nowMs) {
    SqliteStatement &insert = *m_native;
    // A null QString is NULL, as Qt's driver binds it (the NOT NULL columns then refuse it).
    auto text = [&insert](int index, const QString &s) {
        if (s.isNull())
            insert.bindNull(index);
        else
            insert.bindText(index, s);
    };
    for (const FunctionCallRecord &r : records) {
        const QByteArray args = storedArgs(r);
        const QByteArray result = storedResult(r);
        insert.bind(1, companyId);
        text(2, r.callId);
        text(3, r.name);
        insert.bindUtf8(4, args);
        text(5, r.outcome);
        insert.bindUtf8(6, result);
        insert.bind(7, r.durationUs);
        insert.bind(8, r.cacheHit ? 1 : 0);
        if (r.upstreamMs >= 0)
            insert.bind(9, r.upstreamMs);
        else
            insert.bindNull(9);
        insert.bind(10, nowMs);
        insert.execute(); // bound text must live until here
    }
}

void FunctionCallWriter::writeQtSql(qint64 companyId, const QList<FunctionCallRecord> &records,
                                    qint64 nowMs) {
    // StoreSession::run prepares each distinct statement once per connection; a full batch
    // always has the same text.
    constexpr qsizetype kRowsPerStatement = 50;
    for (qsizetype from = 0; from < records.size(); from += kRowsPerStatement) {
        const qsizetype rows = qMin(kRowsPerStatement, records.size() - from);
        QStringList placeholders;
        QVariantList values;
        values.reserve(rows * 10);
        for (qsizetype i = from; i < from + rows; ++i) {
            const FunctionCallRecord &r = records[i];
            placeholders << QStringLiteral("(?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
            values << companyId << r.callId << r.name << QString::fromUtf8(storedArgs(r))
                   << r.outcome << QString::fromUtf8(storedResult(r)) << r.durationUs
                   << (r.cacheHit ? 1 : 0)
                   << (r.upstreamMs >= 0 ? QVariant(r.upstreamMs) : nullInt()) << nowMs;
        }
        m_session.run(QStringLiteral("INSERT INTO function_calls (company_id, call_id, name, args, "
                                     "outcome, result, duration_us, cache_hit, upstream_ms, "
                                     "created_at_ms) VALUES ") +
                          placeholders.join(QStringLiteral(", ")),
                      values);
    }
}

} // namespace Callbook
