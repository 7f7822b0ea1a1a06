// The service side of the console, in process with a real database (both engines, row-level
// security on PostgreSQL) and real HTTP: what the console asks (ConsoleRequests) is answered
// on ServiceEvents from what the service stored, masked, and changes land in the audit log.

#include "callbookservice.h"
#include "serviceevents.h"
#include "testsupport.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSignalSpy>
#include <QTest>
#include <QThread>

using namespace Callbook;
using namespace CallbookTest;

class TestConsoleBridge : public QObject {
    Q_OBJECT

    TestDatabase m_db;
    QThread m_thread;
    CallbookService *m_service = nullptr;
    const QString m_mia = QStringLiteral("+493012345678");

    static QList<QVariant> awaitOne(QSignalSpy &spy) {
        if (spy.isEmpty())
            spy.wait(10000);
        return spy.isEmpty() ? QList<QVariant>() : spy.takeFirst();
    }

    QList<TenantEntry> tenants() {
        QSignalSpy spy(m_service->events(), &ServiceEvents::tenantsReady);
        Q_EMIT m_service->requests()->tenants();
        return awaitOne(spy).value(0).value<QList<TenantEntry>>();
    }

    qint64 companyId(const QString &slug) {
        for (const TenantEntry &t : tenants())
            if (t.slug == slug)
                return t.companyId;
        return 0;
    }

private Q_SLOTS:
    void initTestCase() {
        QString error;
        QVERIFY2(m_db.create(&error), qPrintable(error));
        qputenv("CALLBOOK_SECRET_RETELL_API_KEY", kRetellKey);
        ServiceOptions options;
        options.databaseUrl = m_db.serviceUrl();
        options.adminDatabaseUrl = m_db.adminUrl();
        options.configFile = writeSampleConfig(m_db.dir());
        options.port = 0;
        m_service = new CallbookService();
        m_service->enableConsole();
        m_service->moveToThread(&m_thread);
        m_thread.start();
        bool started = false;
        QMetaObject::invokeMethod(
            m_service, [&] { started = m_service->start(options, &error); },
            Qt::BlockingQueuedConnection);
        QVERIFY2(started, qPrintable(error));
        QCOMPARE(postSigned(m_service->port(), "/api/webhooks/retell",
                            callEventBody(QStringLiteral("call_started"),
                                          QStringLiteral("call_console1"), m_mia))
                     .status,
                 200);
    }

    void cleanupTestCase() {
        if (m_service)
            QMetaObject::invokeMethod(
                m_service,
                [this] {
                    m_service->shutdown([this] {
                        delete m_service;
                        m_thread.quit();
                    });
                },
                Qt::QueuedConnection);
        m_thread.wait(20000);
    }

    void functionCallsArePushedMasked() {
        QSignalSpy pushed(m_service->events(), &ServiceEvents::functionCallFinished);
        const QByteArray body = functionCallBody(
            QStringLiteral("request_callback"),
            {{QStringLiteral("reason"), QStringLiteral("Frage zur Rechnung")},
             {QStringLiteral("name"), QStringLiteral("Anna Schmidt")},
             {QStringLiteral("preferred_time"), QStringLiteral("morgen Vormittag")}},
            QStringLiteral("call_console1"), m_mia);
        QCOMPARE(postSigned(m_service->port(), "/api/webhooks/retell/function", body).status, 200);
        const auto a = awaitOne(pushed).value(0).value<FunctionActivity>();
        QCOMPARE(a.name, QStringLiteral("request_callback"));
        QCOMPARE(a.outcome, QStringLiteral("ok"));
        QCOMPARE(a.callId, QStringLiteral("call_console1"));
        QCOMPARE(a.companyName, QStringLiteral("Salon Mia"));
        QVERIFY(a.durationUs > 0);
        QVERIFY2(!a.argsMasked.contains(QStringLiteral("Schmidt")), qPrintable(a.argsMasked));
        QVERIFY(!a.message.isEmpty());
    }

    void recentCallsAndTimeline() {
        QSignalSpy calls(m_service->events(), &ServiceEvents::recentCallsReady);
        Q_EMIT m_service->requests()->recentCalls(10);
        const auto list = awaitOne(calls).value(0).value<QList<CallSummary>>();
        QCOMPARE(list.size(), 1);
        QCOMPARE(list[0].callId, QStringLiteral("call_console1"));
        QVERIFY2(list[0].callerMasked.contains(QLatin1Char('*')), qPrintable(list[0].callerMasked));
        QVERIFY(list[0].companyId > 0);

        // The function call is written in a batch shortly after its answer.
        CallTimeline t;
        for (int i = 0; i < 50 && t.entries.size() < 2; ++i) {
            QSignalSpy timeline(m_service->events(), &ServiceEvents::timelineReady);
            Q_EMIT m_service->requests()->timeline(list[0].companyId, list[0].callId);
            t = awaitOne(timeline).value(0).value<CallTimeline>();
            if (t.entries.size() < 2)
                QTest::qWait(100);
        }
        QVERIFY2(t.error.isEmpty(), qPrintable(t.error));
        QCOMPARE(t.entries.size(), 2);
        QCOMPARE(t.entries[0].kind, QStringLiteral("event"));
        QCOMPARE(t.entries[0].name, QStringLiteral("call_started"));
        QCOMPARE(t.entries[1].name, QStringLiteral("request_callback"));
        QVERIFY(t.entries[1].durationMs > 0);
        QVERIFY2(!t.entries[1].args.contains(QStringLiteral("Anna Schmidt")),
                 qPrintable(t.entries[1].args));

        // Another business's id never shows this call.
        QSignalSpy foreign(m_service->events(), &ServiceEvents::timelineReady);
        Q_EMIT m_service->requests()->timeline(companyId(QStringLiteral("garage-north")),
                                               list[0].callId);
        QVERIFY(awaitOne(foreign).value(0).value<CallTimeline>().entries.isEmpty());
    }

    void statisticsPerDay() {
        QSignalSpy stats(m_service->events(), &ServiceEvents::statsReady);
        const QDate today = QDate::currentDate();
        Q_EMIT m_service->requests()->stats(0, today.addDays(-2), today.addDays(2));
        const auto days = awaitOne(stats).value(0).value<QList<DailyStats>>();
        qint64 calls = 0, functions = 0;
        for (const DailyStats &d : days) {
            calls += d.calls;
            functions += d.functionCalls;
        }
        QCOMPARE(calls, 1);
        QCOMPARE(functions, 1);
        QSignalSpy none(m_service->events(), &ServiceEvents::statsReady);
        Q_EMIT m_service->requests()->stats(companyId(QStringLiteral("garage-north")),
                                            today.addDays(-2), today.addDays(2));
        QVERIFY(awaitOne(none).value(0).value<QList<DailyStats>>().isEmpty());
    }

    void callbackQueueMarkDoneIsAudited() {
        QSignalSpy answers(m_service->events(), &ServiceEvents::callbacksReady);
        Q_EMIT m_service->requests()->callbacks();
        auto items = awaitOne(answers).value(0).value<QList<CallbackItem>>();
        QCOMPARE(items.size(), 1);
        QCOMPARE(items[0].status, QStringLiteral("open"));
        QCOMPARE(items[0].reason, QStringLiteral("Frage zur Rechnung"));
        QVERIFY(!items[0].phoneMasked.contains(QStringLiteral("12345678")));
        QVERIFY(!items[0].nameMasked.contains(QStringLiteral("Schmidt")));
        Q_EMIT m_service->requests()->markCallbackDone(items[0].companyId, items[0].id,
                                                       QStringLiteral("zurückgerufen"));
        items = awaitOne(answers).value(0).value<QList<CallbackItem>>();
        QCOMPARE(items.size(), 1);
        QCOMPARE(items[0].status, QStringLiteral("done"));
        QCOMPARE(items[0].note, QStringLiteral("zurückgerufen"));
        QTRY_COMPARE(m_db.count(QStringLiteral("SELECT COUNT(*) FROM audit_log WHERE actor = "
                                               "'console' AND action = 'callback_done'")),
                     1);
        // Done once: a second click changes nothing.
        Q_EMIT m_service->requests()->markCallbackDone(items[0].companyId, items[0].id,
                                                       QStringLiteral("again"));
        items = awaitOne(answers).value(0).value<QList<CallbackItem>>();
        QCOMPARE(items[0].note, QStringLiteral("zurückgerufen"));
    }

    void businessesRoundTripAndServeAtOnce() {
        const QList<TenantEntry> list = tenants();
        QCOMPARE(list.size(), 2);
        QByteArray mia;
        for (const TenantEntry &t : list)
            if (t.slug == QLatin1String("salon-mia"))
                mia = t.configJson;
        QJsonObject config = QJsonDocument::fromJson(mia).object();
        QCOMPARE(config.value(QStringLiteral("name")).toString(), QStringLiteral("Salon Mia"));
        QVERIFY(!config.value(QStringLiteral("services")).toArray().isEmpty());
        QVERIFY(!config.value(QStringLiteral("business_hours")).toObject().isEmpty());

        QSignalSpy saved(m_service->events(), &ServiceEvents::tenantSaved);
        QJsonObject broken = config;
        broken.insert(QStringLiteral("phone_numbers"), QJsonArray{QStringLiteral("0301234")});
        Q_EMIT m_service->requests()->saveTenant(QJsonDocument(broken).toJson());
        auto answer = awaitOne(saved);
        QCOMPARE(answer.value(0).toBool(), false);
        QVERIFY2(answer.value(1).toString().contains(QStringLiteral("phone_numbers[0]")),
                 qPrintable(answer.value(1).toString()));
        Q_EMIT m_service->requests()->saveTenant("{not json");
        QCOMPARE(awaitOne(saved).value(0).toBool(), false);

        const QString added = QStringLiteral("+493099988877");
        QJsonArray numbers = config.value(QStringLiteral("phone_numbers")).toArray();
        numbers.append(added);
        config.insert(QStringLiteral("phone_numbers"), numbers);
        Q_EMIT m_service->requests()->saveTenant(QJsonDocument(config).toJson());
        answer = awaitOne(saved);
        QVERIFY2(answer.value(0).toBool(), qPrintable(answer.value(1).toString()));
        // The new number is served without a restart.
        QCOMPARE(postSigned(m_service->port(), "/api/webhooks/retell",
                            callEventBody(QStringLiteral("call_started"),
                                          QStringLiteral("call_console2"), added))
                     .status,
                 200);
        QCOMPARE(m_db.count(QStringLiteral("SELECT COUNT(*) FROM calls WHERE call_id = "
                                           "'call_console2'")),
                 1);
        QCOMPARE(m_db.count(QStringLiteral("SELECT COUNT(*) FROM unrouted_events")), 0);
        QCOMPARE(m_db.count(QStringLiteral("SELECT COUNT(*) FROM audit_log WHERE action = "
                                           "'business_saved'")),
                 1);
    }

    void breakerResetNeedsCalcom() {
        QSignalSpy reset(m_service->events(), &ServiceEvents::breakerReset);
        Q_EMIT m_service->requests()->resetBreaker(companyId(QStringLiteral("salon-mia")));
        QCOMPARE(awaitOne(reset).value(1).toBool(), false);
    }
};

QTEST_GUILESS_MAIN(TestConsoleBridge)
#include "tst_consolebridge.moc"
