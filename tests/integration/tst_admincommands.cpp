// The troubleshooting commands of the real binary (`callbook calls|session|stats|callbacks`)
// against a database the running service filled, on SQLite and PostgreSQL.

#include "testsupport.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>
#include <QTest>

using namespace CallbookTest;

namespace {
const QString kMiaNumber = QStringLiteral("+493012345678");

} // namespace

class TestAdminCommands : public QObject {
    Q_OBJECT
    std::unique_ptr<TestDatabase> m_db;

    using Run = CommandRun;
    Run run(const QStringList &args) {
        return runCallbook(args + QStringList{QStringLiteral("--database"), m_db->serviceUrl()});
    }

private Q_SLOTS:
    void initTestCase() {
        m_db = std::make_unique<TestDatabase>();
        QString error;
        QVERIFY2(m_db->create(&error), qPrintable(error));
        ServiceProcess service;
        QVERIFY2(service.start(*m_db, writeSampleConfig(m_db->dir()), {}, &error),
                 qPrintable(error));
        const QString id = QStringLiteral("call_admin_1");
        QCOMPARE(postSigned(service.port(), "/api/webhooks/retell",
                            callEventBody(QStringLiteral("call_started"), id, kMiaNumber))
                     .status,
                 200);
        QCOMPARE(
            postSigned(service.port(), "/api/webhooks/retell/function",
                       functionCallBody(
                           QStringLiteral("get_service_info"),
                           {{QStringLiteral("service"), QStringLiteral("Herrenhaarschnitt")}}, id))
                .status,
            200);
        QCOMPARE(
            postSigned(service.port(), "/api/webhooks/retell/function",
                       functionCallBody(QStringLiteral("request_callback"),
                                        {{QStringLiteral("reason"), QStringLiteral("Preise")},
                                         {QStringLiteral("name"), QStringLiteral("Erika Muster")}},
                                        id))
                .status,
            200);
        QCOMPARE(service.terminate(), 0); // the function timings are written on the way out
        QCOMPARE(m_db->count(QStringLiteral("SELECT COUNT(*) FROM function_calls")), 2);
    }

    void latestCalls() {
        const Run r = run({QStringLiteral("calls"), QStringLiteral("--latest"), QStringLiteral("5"),
                           QStringLiteral("--json")});
        QCOMPARE(r.exitCode, 0);
        const QJsonArray calls = r.json().value(QStringLiteral("calls")).toArray();
        QCOMPARE(calls.size(), 1);
        const QJsonObject c = calls.first().toObject();
        QCOMPARE(c.value(QStringLiteral("call_id")).toString(), QStringLiteral("call_admin_1"));
        QCOMPARE(c.value(QStringLiteral("company")).toString(), QStringLiteral("salon-mia"));
        QCOMPARE(c.value(QStringLiteral("functions")).toInt(), 2);
        QVERIFY(!c.value(QStringLiteral("caller")).toString().contains(QStringLiteral("12345678")));
        // The table for people has a header and a line.
        const Run text = run({QStringLiteral("calls")});
        QCOMPARE(text.exitCode, 0);
        QVERIFY(text.out.startsWith("created"));
        QVERIFY(text.out.contains("call_admin_1"));
    }

    void sessionTimeline() {
        const Run r = run(
            {QStringLiteral("session"), QStringLiteral("call_admin_1"), QStringLiteral("--json")});
        QCOMPARE(r.exitCode, 0);
        const QJsonArray rows = r.json().value(QStringLiteral("timeline")).toArray();
        QCOMPARE(rows.size(), 3);
        QCOMPARE(rows[0].toObject().value(QStringLiteral("kind")).toString(),
                 QStringLiteral("event"));
        QCOMPARE(rows[1].toObject().value(QStringLiteral("name")).toString(),
                 QStringLiteral("get_service_info"));
        QVERIFY(rows[1].toObject().value(QStringLiteral("duration_ms")).toDouble() > 0);
        QCOMPARE(rows[2].toObject().value(QStringLiteral("outcome")).toString(),
                 QStringLiteral("ok"));
        const Run unknown = run({QStringLiteral("session"), QStringLiteral("call_nobody")});
        QCOMPARE(unknown.exitCode, 1);
        QVERIFY(unknown.err.contains("no call"));
        QCOMPARE(run({QStringLiteral("session")}).exitCode, 2);
    }

    void statsAndCallbacks() {
        const Run stats = run({QStringLiteral("stats"), QStringLiteral("--days"),
                               QStringLiteral("7"), QStringLiteral("--json")});
        QCOMPARE(stats.exitCode, 0);
        const QJsonArray days = stats.json().value(QStringLiteral("days")).toArray();
        QCOMPARE(days.size(), 1);
        QCOMPARE(days.first().toObject().value(QStringLiteral("calls")).toInt(), 1);
        QCOMPARE(stats.json().value(QStringLiteral("functions")).toArray().size(), 2);
        const Run callbacks =
            run({QStringLiteral("callbacks"), QStringLiteral("--open"), QStringLiteral("--json")});
        QCOMPARE(callbacks.exitCode, 0);
        const QJsonArray open = callbacks.json().value(QStringLiteral("callbacks")).toArray();
        QCOMPARE(open.size(), 1);
        const QJsonObject cb = open.first().toObject();
        QCOMPARE(cb.value(QStringLiteral("reason")).toString(), QStringLiteral("Preise"));
        QVERIFY(!cb.value(QStringLiteral("name")).toString().contains(QStringLiteral("Muster")));
        QVERIFY(!cb.value(QStringLiteral("phone")).toString().contains(QStringLiteral("12345678")));
    }
};

QTEST_GUILESS_MAIN(TestAdminCommands)
#include "tst_admincommands.moc"
