// The loopback admin endpoint of the real binary and the commands that use it
// (`callbook breaker [--reset TENANT]`, `callbook cache clear [TENANT]`), against the fake
// Cal.com, on SQLite and PostgreSQL: who may ask (loopback, no proxy, the right token), what the
// answers say, that a reset and a clear really happen, and that each is in the audit log.

#include "fakecalcom.h"
#include "testsupport.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkInterface>
#include <QProcess>
#include <QTcpSocket>
#include <QTest>

using namespace CallbookTest;

namespace {
const QString kToken = QStringLiteral("admin-token-for-tests-0123456789");
const QString kMiaNumber = QStringLiteral("+493012345678");
const QTimeZone kBerlin("Europe/Berlin");

QList<QPair<QByteArray, QByteArray>> bearer(const QString &token) {
    return {{"Authorization", "Bearer " + token.toUtf8()}};
}
} // namespace

class TestAdminEndpoint : public QObject {
    Q_OBJECT
    std::unique_ptr<TestDatabase> m_db;
    std::unique_ptr<FakeCalcomThread> m_fake;
    std::unique_ptr<ServiceProcess> m_service;
    int m_serial = 0;

    using Run = CommandRun;
    Run cli(const QStringList &args, const QString &token = kToken) {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("CALLBOOK_NO_KEYCHAIN"), QStringLiteral("1"));
        env.remove(QStringLiteral("CALLBOOK_SECRET_ADMIN_TOKEN"));
        if (!token.isEmpty())
            env.insert(QStringLiteral("CALLBOOK_SECRET_ADMIN_TOKEN"), token);
        env.insert(QStringLiteral("USER"), QStringLiteral("operator-anna"));
        QStringList all = args;
        if (!args.contains(QStringLiteral("--service")))
            all << QStringLiteral("--service")
                << QStringLiteral("http://127.0.0.1:%1").arg(m_service->port());
        return runCallbook(all, env);
    }
    HttpResult availability(int dayOffset) {
        const QDate day = mondayInTwoWeeks(kBerlin).addDays(dayOffset);
        return postSigned(
            m_service->port(), "/api/webhooks/retell/function",
            functionCallBody(QStringLiteral("check_availability"),
                             {{QStringLiteral("service"), QStringLiteral("Herrenhaarschnitt")},
                              {QStringLiteral("date"), day.toString(Qt::ISODate)}},
                             QStringLiteral("call_admin_%1").arg(++m_serial)));
    }
    int slotRequests() {
        int n = 0;
        m_fake->run([&](FakeCalcom &f) { n = f.requestCount(QStringLiteral("/v2/slots")); });
        return n;
    }
    QString breakerState(const QString &slug) {
        const HttpResult r =
            httpRequest(m_service->port(), "GET", "/api/admin/breaker", {}, bearer(kToken));
        for (const QJsonValue &v : r.json().value(QStringLiteral("breakers")).toArray())
            if (v.toObject().value(QStringLiteral("company")).toString() == slug)
                return v.toObject().value(QStringLiteral("state")).toString();
        return QStringLiteral("(missing)");
    }
    void startService(const QString &token) {
        m_service = std::make_unique<ServiceProcess>();
        m_service->setEnvironment(QStringLiteral("CALLBOOK_SECRET_CALCOM_SALON_MIA"),
                                  QStringLiteral("cal_test_admin"));
        m_service->setEnvironment(QStringLiteral("CALLBOOK_SECRET_CALCOM_WEBHOOK_SALON_MIA"),
                                  QStringLiteral("whsec"));
        if (!token.isEmpty())
            m_service->setEnvironment(QStringLiteral("CALLBOOK_SECRET_ADMIN_TOKEN"), token);
        SampleConfig config;
        config.calcomBaseUrl = m_fake->baseUrl();
        QString error;
        QVERIFY2(m_service->start(*m_db, writeSampleConfig(m_db->dir(), config),
                                  {QStringLiteral("--listen"), QStringLiteral("0.0.0.0:0")},
                                  &error),
                 qPrintable(error));
    }

private Q_SLOTS:
    void initTestCase() {
        m_db = std::make_unique<TestDatabase>();
        QString error;
        QVERIFY2(m_db->create(&error), qPrintable(error));
        m_fake = std::make_unique<FakeCalcomThread>();
        m_fake->run([](FakeCalcom &f) {
            f.setApiKey("cal_test_admin");
            f.addEventType({101, QStringLiteral("herren"), QStringLiteral("Herren"), 30});
            f.addEventType({102, QStringLiteral("damen"), QStringLiteral("Damen"), 60});
            f.setWorkingHours(kBerlin, QTime(9, 0), QTime(18, 0));
        });
    }

    void withoutATokenTheAdminRoutesAreOff() {
        startService(QString());
        const HttpResult r =
            httpRequest(m_service->port(), "GET", "/api/admin/breaker", {}, bearer(kToken));
        QCOMPARE(r.status, 403);
        QCOMPARE(r.errorCode(), QStringLiteral("admin_disabled"));
        QVERIFY(r.json()
                    .value(QStringLiteral("error"))
                    .toObject()
                    .value(QStringLiteral("message"))
                    .toString()
                    .contains(QStringLiteral("admin-token")));
        QCOMPARE(httpRequest(m_service->port(), "POST", "/api/admin/cache/clear").errorCode(),
                 QStringLiteral("admin_disabled"));
        const Run run = cli({QStringLiteral("breaker")});
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.err.contains("admin_disabled"), run.err.constData());
        // No token on the command line's side either: said before anything is sent.
        const Run none = cli({QStringLiteral("breaker")}, QString());
        QCOMPARE(none.exitCode, 1);
        QVERIFY2(none.err.contains("no admin token"), none.err.constData());
        QCOMPARE(m_service->terminate(), 0);
    }

    void onlyLoopbackWithTheRightToken() {
        startService(kToken);
        const quint16 port = m_service->port();
        const HttpResult missing = httpRequest(port, "GET", "/api/admin/breaker");
        QCOMPARE(missing.status, 401);
        QCOMPARE(missing.errorCode(), QStringLiteral("unauthorized"));
        QCOMPARE(
            httpRequest(port, "GET", "/api/admin/breaker", {}, bearer(kToken + QStringLiteral("x")))
                .status,
            401);
        QCOMPARE(
            httpRequest(port, "GET", "/api/admin/breaker", {}, {{"Authorization", "Basic abc"}})
                .status,
            401);
        QCOMPARE(httpRequest(port, "GET", "/api/admin/breaker", {}, bearer(kToken)).status, 200);
        // Through a proxy on this machine, a request only looks local.
        QList<QPair<QByteArray, QByteArray>> proxied = bearer(kToken);
        proxied.append(qMakePair(QByteArray("X-Forwarded-For"), QByteArray("203.0.113.7")));
        const HttpResult viaProxy = httpRequest(port, "GET", "/api/admin/breaker", {}, proxied);
        QCOMPARE(viaProxy.status, 403);
        QCOMPARE(viaProxy.errorCode(), QStringLiteral("loopback_only"));
        // From this machine's own non-loopback address (the service listens on 0.0.0.0).
        QHostAddress external;
        for (const QHostAddress &a : QNetworkInterface::allAddresses())
            if (a.protocol() == QAbstractSocket::IPv4Protocol && !a.isLoopback())
                external = a;
        if (external.isNull())
            QSKIP("no non-loopback IPv4 address on this machine");
        QTcpSocket socket;
        socket.connectToHost(external, port);
        QVERIFY(socket.waitForConnected(5000));
        socket.write("GET /api/admin/breaker HTTP/1.1\r\nHost: x\r\nConnection: close\r\n"
                     "Authorization: Bearer " +
                     kToken.toUtf8() + "\r\n\r\n");
        QByteArray answer;
        while (socket.waitForReadyRead(5000))
            answer += socket.readAll();
        QVERIFY2(answer.startsWith("HTTP/1.1 403"), answer.constData());
        QVERIFY(answer.contains("loopback_only"));
    }

    void breakerOpensAndTheCommandResetsIt() {
        QVERIFY(m_service);
        const Run closed = cli({QStringLiteral("breaker")});
        QCOMPARE(closed.exitCode, 0);
        QVERIFY2(closed.out.startsWith("company"), closed.out.constData());
        QVERIFY(closed.out.contains("salon-mia"));
        QVERIFY(closed.out.contains("closed"));
        QVERIFY(closed.out.contains("garage-north")); // Cal.com, but its key is missing
        QCOMPARE(breakerState(QStringLiteral("garage-north")), QStringLiteral("no_connection"));

        m_fake->run([](FakeCalcom &f) { f.failNext(5, 503); }); // the breaker's threshold
        for (int i = 0; i < 8 && breakerState(QStringLiteral("salon-mia")) != "open"; ++i)
            QCOMPARE(availability(i).status, 200); // a spoken fallback, still 200
        QCOMPARE(breakerState(QStringLiteral("salon-mia")), QStringLiteral("open"));

        const Run json = cli({QStringLiteral("breaker"), QStringLiteral("--json")});
        QCOMPARE(json.exitCode, 0);
        bool sawOpen = false;
        for (const QJsonValue &v : json.json().value(QStringLiteral("breakers")).toArray())
            if (v.toObject().value(QStringLiteral("company")).toString() == "salon-mia") {
                sawOpen = v.toObject().value(QStringLiteral("state")).toString() == "open";
                QVERIFY(v.toObject().value(QStringLiteral("consecutive_failures")).toInt() >= 5);
            }
        QVERIFY(sawOpen);

        const Run reset = cli(
            {QStringLiteral("breaker"), QStringLiteral("--reset"), QStringLiteral("salon-mia")});
        QCOMPARE(reset.exitCode, 0);
        QVERIFY2(reset.out.contains("salon-mia: open -> closed"), reset.out.constData());
        QCOMPARE(breakerState(QStringLiteral("salon-mia")), QStringLiteral("closed"));

        // Bad input: a clear error, no crash.
        const Run unknown =
            cli({QStringLiteral("breaker"), QStringLiteral("--reset"), QStringLiteral("nobody")});
        QCOMPARE(unknown.exitCode, 1);
        QVERIFY2(unknown.err.contains("unknown_company"), unknown.err.constData());
        const Run missingArg = cli({QStringLiteral("breaker"), QStringLiteral("--reset")});
        QCOMPARE(missingArg.exitCode, 2);
        QVERIFY(missingArg.err.contains("--reset needs"));
        const Run remote = cli({QStringLiteral("breaker"), QStringLiteral("--service"),
                                QStringLiteral("http://203.0.113.7:8787")});
        QCOMPARE(remote.exitCode, 2);
        QVERIFY(remote.err.contains("loopback"));
        const Run wrongToken = cli({QStringLiteral("breaker")}, QStringLiteral("not-the-token-xx"));
        QCOMPARE(wrongToken.exitCode, 1);
        QVERIFY(wrongToken.err.contains("unauthorized"));

        // The reset is in the audit log, with who asked.
        QTRY_COMPARE_WITH_TIMEOUT(
            m_db->count(QStringLiteral("SELECT COUNT(*) FROM audit_log WHERE action = "
                                       "'breaker_reset' AND actor = 'admin-api' AND details "
                                       "LIKE '%operator-anna%' AND details LIKE '%open%'")),
            1, 5000);
    }

    void cacheClearForgetsWhatWasCached() {
        QVERIFY(m_service);
        QCOMPARE(availability(20).status, 200);
        const int before = slotRequests();
        QCOMPARE(availability(20).status, 200);
        QCOMPARE(slotRequests(), before); // from the cache

        const Run one = cli({QStringLiteral("cache"), QStringLiteral("clear"),
                             QStringLiteral("salon-mia"), QStringLiteral("--json")});
        QCOMPARE(one.exitCode, 0);
        QCOMPARE(one.json().value(QStringLiteral("cleared")).toArray(),
                 QJsonArray{QStringLiteral("salon-mia")});
        QVERIFY2(one.json().value(QStringLiteral("entries_removed")).toInt() >= 1,
                 one.out.constData());
        QCOMPARE(availability(20).status, 200);
        QCOMPARE(slotRequests(), before + 1); // asked Cal.com again

        const Run all = cli({QStringLiteral("cache"), QStringLiteral("clear")});
        QCOMPARE(all.exitCode, 0);
        QVERIFY2(all.out.contains("cache cleared for garage-north, salon-mia"),
                 all.out.constData());
        const Run unknown =
            cli({QStringLiteral("cache"), QStringLiteral("clear"), QStringLiteral("nobody")});
        QCOMPARE(unknown.exitCode, 1);
        QVERIFY(unknown.err.contains("No business with the slug"));
        QCOMPARE(cli({QStringLiteral("cache")}).exitCode, 2);
        QTRY_COMPARE_WITH_TIMEOUT(
            m_db->count(QStringLiteral("SELECT COUNT(*) FROM audit_log WHERE action = "
                                       "'cache_clear'")),
            2, 5000);
        QCOMPARE(m_db->count(QStringLiteral("SELECT COUNT(*) FROM audit_log WHERE action = "
                                            "'cache_clear' AND company_id IS NULL")),
                 1);
        QCOMPARE(m_service->terminate(), 0);
    }
};

QTEST_GUILESS_MAIN(TestAdminEndpoint)
#include "tst_adminendpoint.moc"
