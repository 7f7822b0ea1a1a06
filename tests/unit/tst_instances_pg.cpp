// Two `callbook --headless` on one PostgreSQL behave as one: a booking through one instance
// makes the other forget its cached Cal.com availability (LISTEN/NOTIFY), also after the
// listener's connection was cut and came back.

#include "fakecalcom.h"
#include "testsupport.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>
#include <QTimeZone>

using namespace CallbookTest;

namespace {
const QTimeZone kBerlin("Europe/Berlin");

} // namespace

class TestInstances : public QObject {
    Q_OBJECT
    std::unique_ptr<TestDatabase> m_db;
    std::unique_ptr<FakeCalcomThread> m_fake;
    std::unique_ptr<ServiceProcess> m_a, m_b;
    QDate m_monday;

    int slotRequests() {
        int n = 0;
        m_fake->run([&](FakeCalcom &f) { n = f.requestCount(QStringLiteral("/v2/slots")); });
        return n;
    }
    HttpResult ask(ServiceProcess &instance, const QString &callId, const QString &time) {
        return postSigned(
            instance.port(), "/api/webhooks/retell/function",
            functionCallBody(QStringLiteral("check_availability"),
                             {{QStringLiteral("service"), QStringLiteral("Herrenhaarschnitt")},
                              {QStringLiteral("date"), m_monday.toString(Qt::ISODate)},
                              {QStringLiteral("time"), time}},
                             callId));
    }
    // B's cache holds Monday; A books 10:00; B must ask Cal.com again and see it taken.
    void bookThroughAAndAskB(const QString &time, const QString &tag) {
        QVERIFY(ask(*m_b, QStringLiteral("call_b_") + tag, time)
                    .json()
                    .value(QStringLiteral("available"))
                    .toBool());
        const int warm = slotRequests();
        QVERIFY(ask(*m_b, QStringLiteral("call_b_") + tag, time)
                    .json()
                    .value(QStringLiteral("available"))
                    .toBool());
        QCOMPARE(slotRequests(), warm); // from B's cache

        const QString callA = QStringLiteral("call_a_") + tag;
        const HttpResult held = postSigned(
            m_a->port(), "/api/webhooks/retell/function",
            functionCallBody(QStringLiteral("start_booking"),
                             {{QStringLiteral("service"), QStringLiteral("Herrenhaarschnitt")},
                              {QStringLiteral("date"), m_monday.toString(Qt::ISODate)},
                              {QStringLiteral("time"), time},
                              {QStringLiteral("customer_name"), QStringLiteral("Erika Muster")}},
                             callA));
        QVERIFY2(held.json().value(QStringLiteral("success")).toBool(), held.body.constData());
        const HttpResult booked =
            postSigned(m_a->port(), "/api/webhooks/retell/function",
                       functionCallBody(QStringLiteral("confirm_booking"), {}, callA));
        QVERIFY2(booked.json().value(QStringLiteral("success")).toBool(), booked.body.constData());

        // B hears about it and asks Cal.com again: the time is taken now.
        bool taken = false;
        QVERIFY(QTest::qWaitFor(
            [&] {
                taken = !ask(*m_b, QStringLiteral("call_b_") + tag, time)
                             .json()
                             .value(QStringLiteral("available"))
                             .toBool(true);
                return taken;
            },
            10000));
        QVERIFY(slotRequests() > warm + 1);
    }

private Q_SLOTS:
    void initTestCase() {
        qputenv("CALLBOOK_TEST_DATABASE", "postgresql");
        m_monday = mondayInTwoWeeks(kBerlin);
        m_db = std::make_unique<TestDatabase>();
        QString error;
        QVERIFY2(m_db->create(&error), qPrintable(error));
        m_fake = std::make_unique<FakeCalcomThread>();
        m_fake->run([](FakeCalcom &f) {
            f.setApiKey("cal_test_two");
            f.addEventType({101, QStringLiteral("herren"), QStringLiteral("Herren"), 30});
            f.addEventType({102, QStringLiteral("damen"), QStringLiteral("Damen"), 60});
        });
        const QString config = writeSampleConfig(m_db->dir(), {m_fake->baseUrl()});
        for (auto *instance : {&m_a, &m_b}) {
            *instance = std::make_unique<ServiceProcess>();
            (*instance)->setEnvironment(QStringLiteral("CALLBOOK_SECRET_CALCOM_SALON_MIA"),
                                        QStringLiteral("cal_test_two"));
            QVERIFY2((*instance)->start(*m_db, config, {}, &error), qPrintable(error));
        }
    }

    void cleanupTestCase() {
        if (m_a)
            QCOMPARE(m_a->terminate(), 0);
        if (m_b)
            QCOMPARE(m_b->terminate(), 0);
    }

    void bookingOnOneInstanceInvalidatesTheOther() {
        bookThroughAAndAskB(QStringLiteral("10:00"), QStringLiteral("1"));
    }

    // The database server restarts: every connection drops. The listeners come back and
    // listen again (they check every 5 s).
    void listenerReconnects() {
        QVERIFY(m_db->stopServer());
        QTest::qWait(1000);
        QVERIFY(m_db->startServer());
        QTest::qWait(7000);
        bookThroughAAndAskB(QStringLiteral("11:00"), QStringLiteral("2"));
        // Reconnecting let go of its connection cleanly (no query left on it).
        QVERIFY(m_b->output().contains(QStringLiteral("listener connection lost")));
        QVERIFY2(!m_b->output().contains(QStringLiteral("still in use")),
                 qPrintable(m_b->output().right(2000)));
    }
};

QTEST_GUILESS_MAIN(TestInstances)
#include "tst_instances_pg.moc"
