// FunctionCallWriter: rows written by the native SQLite statement are exactly those the Qt Sql
// path writes (every column, its storage class on SQLite, NULL upstream_ms, masked arguments),
// errors are reported the same way and leave the connection usable. SQLite and PostgreSQL (where
// both paths are Qt Sql).

#include "functions/functioncallwriter.h"
#include "store/store.h"
#include "store/storesession.h"
#include "testsupport.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QTest>

using namespace Callbook;
using namespace CallbookTest;
using FunctionData::FunctionCallRecord;

namespace {

using Path = FunctionCallWriter::Path;
constexpr qint64 kNowMs = 1764590400123;

FunctionCallRecord record(const QString &callId, const QString &name, const QJsonObject &args,
                          const QString &code, int httpStatus, qint64 durationUs, bool cacheHit,
                          qint64 upstreamMs) {
    FunctionCallRecord r;
    r.callId = callId;
    r.name = name;
    r.outcome = code.isEmpty() ? QStringLiteral("ok") : code;
    r.args = args;
    r.result = QJsonObject{{QStringLiteral("success"), code.isEmpty()},
                           {QStringLiteral("code"), code},
                           {QStringLiteral("http_status"), httpStatus}};
    r.durationUs = durationUs;
    r.cacheHit = cacheHit;
    r.upstreamMs = upstreamMs;
    return r;
}

// What the agent sends, personal data included, plus text that needs escaping.
QList<FunctionCallRecord> sampleRecords() {
    QList<FunctionCallRecord> out;
    out << record(QStringLiteral("call_1"), QStringLiteral("get_available_services"), {}, {}, 200,
                  812, false, -1)
        << record(QStringLiteral("call_1"), QStringLiteral("check_availability"),
                  {{QStringLiteral("service"), QStringLiteral("Herrenhaarschnitt")},
                   {QStringLiteral("date"), QStringLiteral("2026-12-14")},
                   {QStringLiteral("time"), QStringLiteral("10:00")}},
                  {}, 200, 1530, true, 0)
        << record(QStringLiteral("call_2"), QStringLiteral("start_booking"),
                  {{QStringLiteral("customer_name"), QStringLiteral("Anna Schmidt")},
                   {QStringLiteral("customer_phone"), QStringLiteral("+49 151 1234 5678")},
                   {QStringLiteral("customer_email"), QStringLiteral("anna.schmidt@example.de")},
                   {QStringLiteral("party_size"), 2},
                   {QStringLiteral("confirmed"), true},
                   {QStringLiteral("extras"), QJsonArray{QStringLiteral("Bart"), 3.5}},
                   {QStringLiteral("note"),
                    QStringLiteral("Rückruf an 0151 98765432, \"bitte\" \\ früh\n\tdanke ✓")}},
                  QStringLiteral("slot_taken"), 409, 250000, false, 187)
        << record(QStringLiteral("call_ä\"'"), QStringLiteral("request_callback"),
                  {{QStringLiteral("reason"), QString()}}, QStringLiteral("calendar_unavailable"),
                  503, 0, false, 2500);
    return out;
}

// `n` rows of the sample, with distinct call ids.
QList<FunctionCallRecord> manyRecords(int n) {
    const QList<FunctionCallRecord> sample = sampleRecords();
    QList<FunctionCallRecord> out;
    for (int i = 0; i < n; ++i) {
        FunctionCallRecord r = sample[i % sample.size()];
        r.callId += QString::number(i);
        r.durationUs += i;
        out << r;
    }
    return out;
}

} // namespace

class TestFunctionCallWriter : public QObject {
    Q_OBJECT
    std::unique_ptr<TestDatabase> m_db;
    std::unique_ptr<Store> m_store;
    qint64 m_mia = 0;

    StoreResult write(Path path, const QList<FunctionCallRecord> &records, bool *native = nullptr) {
        return m_store->runAndWait(m_mia, [&](StoreSession &s) {
            FunctionCallWriter writer(s, path);
            if (native)
                *native = writer.isNative();
            writer.write(m_mia, records, kNowMs);
            return QVariant();
        });
    }

    // Every column but the id, in insertion order; on SQLite with each value's storage class.
    QList<QStringList> storedRows() {
        const QString columns =
            QStringLiteral("company_id, call_id, name, args, outcome, result, duration_us, "
                           "cache_hit, upstream_ms, created_at_ms");
        QString select = columns;
        if (!m_db->isPostgres()) {
            for (const QString &c : columns.split(QStringLiteral(", ")))
                select += QStringLiteral(", typeof(%1)").arg(c);
        }
        QSqlQuery q(m_db->ownerConnection());
        if (!q.exec(QStringLiteral("SELECT %1 FROM function_calls ORDER BY id").arg(select)))
            return {};
        QList<QStringList> rows;
        while (q.next()) {
            QStringList row;
            for (int i = 0; i < q.record().count(); ++i)
                row << (q.value(i).isNull() ? QStringLiteral("<NULL>") : q.value(i).toString());
            rows << row;
        }
        return rows;
    }

    void clear() {
        QSqlQuery q(m_db->ownerConnection());
        QVERIFY(q.exec(QStringLiteral("DELETE FROM function_calls")));
    }

    // The rows each path writes for `records`, the table emptied before and after.
    void writeBothWays(const QList<FunctionCallRecord> &records, QList<QStringList> *viaQtSql,
                       QList<QStringList> *viaFastest) {
        clear();
        QVERIFY(write(Path::QtSql, records).ok());
        *viaQtSql = storedRows();
        clear();
        bool native = false;
        QVERIFY(write(Path::Fastest, records, &native).ok());
        QCOMPARE(native, !m_db->isPostgres()); // SQLite goes native on Debian's Qt
        *viaFastest = storedRows();
        clear();
    }

private Q_SLOTS:
    void init() {
        m_db = std::make_unique<TestDatabase>();
        QString error;
        QVERIFY2(m_db->create(&error), qPrintable(error));
        QVERIFY2(migrateWithSampleConfig(*m_db, &error), qPrintable(error));
        m_mia = m_db->count(QStringLiteral("SELECT id FROM companies WHERE slug = 'salon-mia'"));
        QVERIFY(m_mia > 0);
        const auto settings = DatabaseSettings::fromUrl(m_db->serviceUrl(), &error);
        QVERIFY2(settings, qPrintable(error));
        m_store = std::make_unique<Store>(*settings);
        QVERIFY2(m_store->start(&error), qPrintable(error));
    }
    void cleanup() {
        m_store.reset();
        m_db.reset();
    }

    void sameRowsBothWays() {
        QList<QStringList> viaQtSql, viaFastest;
        writeBothWays(sampleRecords(), &viaQtSql, &viaFastest);
        QCOMPARE(viaQtSql.size(), 4);
        QCOMPARE(viaFastest, viaQtSql);

        // And what they are: NULL upstream_ms, masked arguments, the compact result.
        const QStringList first = viaFastest[0];
        QCOMPARE(first[1], QStringLiteral("call_1"));
        QCOMPARE(first[3], QStringLiteral("{}"));
        QCOMPARE(first[5], QStringLiteral(R"({"code":"","http_status":200,"success":true})"));
        QCOMPARE(first[7], QStringLiteral("0"));
        QCOMPARE(first[8], QStringLiteral("<NULL>"));
        QCOMPARE(first[9], QString::number(kNowMs));
        QCOMPARE(viaFastest[1][8], QStringLiteral("0"));
        const QStringList booking = viaFastest[2];
        QCOMPARE(booking[3],
                 QString::fromUtf8(QJsonDocument(FunctionData::maskedArgs(sampleRecords()[2].args))
                                       .toJson(QJsonDocument::Compact)));
        for (const char *clear : {"Schmidt", "1234 5678", "anna.schmidt", "98765432"})
            QVERIFY2(!booking[3].contains(QLatin1String(clear)), clear);
        QCOMPARE(viaFastest[3][1], QStringLiteral("call_ä\"'"));
        if (!m_db->isPostgres()) {
            QCOMPARE(first.mid(10), (QStringList{"integer", "text", "text", "text", "text", "text",
                                                 "integer", "integer", "null", "integer"}));
        }
    }

    // More rows than one Qt Sql statement takes (50), as the recorder's batches of 500 do.
    void sameRowsInLargeBatches() {
        QList<QStringList> viaQtSql, viaFastest;
        writeBothWays(manyRecords(501), &viaQtSql, &viaFastest);
        QCOMPARE(viaQtSql.size(), 501);
        QCOMPARE(viaFastest, viaQtSql);
    }

    // The native path reuses the previous row's result JSON when the results are equal; never
    // when equal objects could print differently (an integer above 2^53 and a double: unequal
    // on Qt 6.4, but compared numerically by some versions).
    void equalResultsThatPrintDifferently() {
        QList<FunctionCallRecord> records = sampleRecords().mid(0, 1);
        records[0].result = {};
        const qint64 big = qint64(1) << 60;
        for (const QJsonValue &v : {QJsonValue(big), QJsonValue(double(big)), QJsonValue(big),
                                    QJsonValue(200), QJsonValue(200.0), QJsonValue(0.5)}) {
            FunctionCallRecord r = records[0];
            r.result = {{QStringLiteral("n"), v}};
            records << r << r;
        }
        QList<QStringList> viaQtSql, viaFastest;
        writeBothWays(records, &viaQtSql, &viaFastest);
        QCOMPARE(viaQtSql.size(), records.size());
        QCOMPARE(viaFastest, viaQtSql);
        QCOMPARE(viaFastest[0][5], QStringLiteral("{}"));
        QVERIFY(viaFastest[1][5] != viaFastest[3][5]);
    }

    // A row the table refuses fails the task on both paths with the same SQL state; the
    // batch rolls back and the cached statement is usable for the next task.
    void refusedRowFailsTheTaskOnly() {
        QList<FunctionCallRecord> records = sampleRecords();
        records[1].name = QString(); // NULL: name is NOT NULL
        const StoreResult qtSql = write(Path::QtSql, records);
        const StoreResult fastest = write(Path::Fastest, records);
        QCOMPARE(qtSql.status, StoreResult::Status::Failed);
        QCOMPARE(fastest.status, StoreResult::Status::Failed);
        QCOMPARE(fastest.sqlState, qtSql.sqlState);
        QVERIFY(!fastest.sqlState.isEmpty());
        QCOMPARE(m_db->count(QStringLiteral("SELECT COUNT(*) FROM function_calls")), 0);

        QVERIFY(write(Path::Fastest, sampleRecords()).ok());
        QVERIFY(write(Path::Fastest, sampleRecords()).ok());
        QCOMPARE(m_db->count(QStringLiteral("SELECT COUNT(*) FROM function_calls")), 8);
    }

    // The recorder's entry point takes the fastest path.
    void recordFunctionCallsWritesRows() {
        const StoreResult r = m_store->runAndWait(m_mia, [&](StoreSession &s) {
            FunctionData::recordFunctionCalls(s, m_mia, sampleRecords(), kNowMs);
            return QVariant();
        });
        QVERIFY2(r.ok(), qPrintable(r.error));
        QCOMPARE(m_db->count(QStringLiteral("SELECT COUNT(*) FROM function_calls WHERE "
                                            "upstream_ms IS NULL")),
                 1);
        QCOMPARE(m_db->count(QStringLiteral("SELECT COUNT(*) FROM function_calls")), 4);
    }
};

QTEST_GUILESS_MAIN(TestFunctionCallWriter)
#include "tst_functioncallwriter.moc"
