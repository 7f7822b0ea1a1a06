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
// Many functions take no arguments; "{}" is what QJsonDocument writes for them.
QByteArray storedArgs(const FunctionCallRecord &r) {
    if (r.args.isEmpty())
        return QByteArrayLiteral("{}");
    return FunctionData::maskedArgsJson(r.args);
}
QByteArray storedResult(const QJsonObject &result) {
    return QJsonDocument(result).toJson(QJsonDocument::Compact);
}

// Whether every object equal to `o` (QJsonObject::operator==) has the same JSON text: flat, and
// numbers below 2^53, where Qt keeps integral values as integers and equal doubles print alike.
// (An integer above 2^53 equals a double that prints differently.)
bool equalMeansSameJson(const QJsonObject &o) {
    for (auto it = o.begin(); it != o.end(); ++it) {
        const QJsonValue v = it.value();
        if (v.isArray() || v.isObject() || (v.isDouble() && !(qAbs(v.toDouble()) < 0x1p53)))
            return false;
    }
    return true;
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

const QByteArray &FunctionCallWriter::resultJson(const QJsonObject &result) {
    // Results take few distinct values (success, code, HTTP status): comparing with the
    // previous row's is cheaper than writing the JSON again.
    if (!m_lastResultReusable || result != m_lastResult) {
        m_lastResult = result;
        m_lastResultJson = storedResult(result);
        m_lastResultReusable = equalMeansSameJson(result);
    }
    return m_lastResultJson;
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
        const QByteArray &result = resultJson(r.result);
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
                   << r.outcome << QString::fromUtf8(storedResult(r.result)) << r.durationUs
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
