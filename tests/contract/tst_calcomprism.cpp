// Every request the Cal.com provider sends, checked by Stoplight Prism serving Cal.com's official
// OpenAPI file (../shared/calcom/openapi-v2.prism.json). Prism answers 422 to a request that
// violates the spec; the test fails on any such answer and on any request violation in its log.

#include "calcom/calcomapi.h"
#include "calcom/calcomconnection.h"
#include "calendar/calendars.h"
#include "store/store.h"
#include "store/storesession.h"
#include "testsupport.h"

#include <QCryptographicHash>
#include <QFile>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QProcess>
#include <QSqlError>
#include <QSqlQuery>
#include <QTcpServer>
#include <QTest>
#include <algorithm>

using namespace Callbook;
using namespace CallbookTest;

namespace {

// The patched copy described in ../shared/docs/calcom-contract.md §5.2.
const QByteArray kSpecSha256 = "9796a148356b59e7d08eaa3223cb7d905cae6d301a217acc4fabb2faf5302908";
const QTimeZone kBerlin("Europe/Berlin");

QString specPath() {
    const QByteArray fromEnv = qgetenv("CALLBOOK_CALCOM_SPEC");
    if (!fromEnv.isEmpty())
        return QString::fromLocal8Bit(fromEnv);
    return QStringLiteral(CALLBOOK_SOURCE_DIR "/../shared/calcom/openapi-v2.prism.json");
}

quint16 freePort() {
    QTcpServer probe;
    probe.listen(QHostAddress::LocalHost, 0);
    return probe.serverPort();
}

} // namespace

class TestCalcomPrism : public QObject {
    Q_OBJECT
    QProcess m_prism;
    QString m_prismLog;
    QString m_baseUrl;
    std::unique_ptr<TestDatabase> m_db;
    std::unique_ptr<Store> m_store;
    std::unique_ptr<Calendars> m_calendars;
    QNetworkAccessManager m_network;
    std::unique_ptr<CalcomConnection> m_connection;
    TenantCalendar m_mia;
    QDate m_monday;

    QString prismLog() const {
        QFile f(m_prismLog);
        return f.open(QIODevice::ReadOnly) ? QString::fromUtf8(f.readAll()) : QString();
    }
    CalcomResponse send(const CalcomRequest &request) {
        std::optional<CalcomResponse> response;
        m_connection->send(request, [&](const CalcomResponse &r) { response = r; });
        (void)QTest::qWaitFor([&] { return response.has_value(); }, 20000);
        if (!response) {
            response.emplace();
            response->outcome = CalcomResponse::Outcome::Timeout;
        }
        return *response;
    }
    static QByteArray explain(const CalcomResponse &r) {
        return QByteArray::number(r.httpStatus) + ' ' +
               QJsonDocument(r.json).toJson(QJsonDocument::Compact);
    }
    BookingDraft draft(qint64 startMs, bool withEmail) const {
        BookingDraft d;
        d.companyId = m_mia.companyId;
        d.serviceId = m_mia.services[0].id;
        d.startMs = startMs;
        d.attendee = {QStringLiteral("Erika Mustermann"), QStringLiteral("+4915112345678"),
                      withEmail ? QStringLiteral("erika@example.org") : QString(),
                      QStringLiteral("Europe/Berlin"), QStringLiteral("de")};
        d.callId = QStringLiteral("call_prism");
        d.idempotencyKey = QStringLiteral("prism|%1|%2").arg(startMs).arg(withEmail);
        return d;
    }
    // Prism's example booking is always "cancelled"; make ours active so follow-ups go out.
    bool markBooked(qint64 id) {
        QSqlQuery q(m_db->ownerConnection());
        return q.exec(
            QStringLiteral("UPDATE appointments SET status = 'booked' WHERE id = %1").arg(id));
    }
    qint64 at(int dayOffset, int hour) const {
        return QDateTime(m_monday.addDays(dayOffset), QTime(hour, 0), kBerlin).toMSecsSinceEpoch();
    }

private Q_SLOTS:
    void initTestCase() {
        QFile spec(specPath());
        QVERIFY2(spec.open(QIODevice::ReadOnly),
                 qPrintable(QStringLiteral("Cal.com's OpenAPI file not found at %1 (set "
                                           "CALLBOOK_CALCOM_SPEC)")
                                .arg(specPath())));
        QCOMPARE(QCryptographicHash::hash(spec.readAll(), QCryptographicHash::Sha256).toHex(),
                 kSpecSha256);
        QVERIFY2(QFile::exists(QStringLiteral(CALLBOOK_PRISM)),
                 "Prism is not installed (the prism_install fixture does it)");

        const quint16 port = freePort();
        m_baseUrl = QStringLiteral("http://127.0.0.1:%1").arg(port);
        m_db = std::make_unique<TestDatabase>();
        QString error;
        QVERIFY2(m_db->create(&error), qPrintable(error));
        m_prismLog = m_db->dir() + QStringLiteral("/prism.log");
        m_prism.setStandardOutputFile(m_prismLog);
        m_prism.setProcessChannelMode(QProcess::MergedChannels);
        m_prism.start(QStringLiteral(CALLBOOK_PRISM),
                      {QStringLiteral("mock"), QStringLiteral("-h"), QStringLiteral("127.0.0.1"),
                       QStringLiteral("-p"), QString::number(port), specPath()});
        QVERIFY2(QTest::qWaitFor(
                     [&] {
                         return prismLog().contains(QLatin1String("Prism is listening")) ||
                                m_prism.state() == QProcess::NotRunning;
                     },
                     90000),
                 "Prism did not start");
        QVERIFY2(m_prism.state() == QProcess::Running, qPrintable(prismLog().right(2000)));

        QVERIFY2(migrateWithSampleConfig(*m_db, &error, {m_baseUrl, 5000, 20000}),
                 qPrintable(error));
        const auto settings = DatabaseSettings::fromUrl(m_db->serviceUrl(), &error);
        QVERIFY(settings);
        m_store = std::make_unique<Store>(*settings);
        QVERIFY2(m_store->start(&error), qPrintable(error));
        m_mia = loadCalendar(*m_db, *m_store, QStringLiteral("salon-mia"));
        QVERIFY(m_mia.usesCalcom());
        m_calendars = std::make_unique<Calendars>(*m_store);
        m_calendars->setTenant(m_mia, "cal_test_prism", "whsec_prism");
        m_connection = std::make_unique<CalcomConnection>(
            &m_network, QUrl(m_baseUrl), "cal_test_prism", CalcomConnection::Timeouts{5000, 20000});
        m_monday = mondayInTwoWeeks(kBerlin);
    }

    void cleanupTestCase() {
        m_calendars.reset();
        if (m_store)
            m_store->stop();
        m_prism.terminate();
        if (!m_prism.waitForFinished(5000))
            m_prism.kill();
        m_prism.waitForFinished(5000);
    }

    // Each request builder on its own: Prism accepts it with the documented success status.
    void requestsFollowTheSpec() {
        const ServiceInfo &haircut = m_mia.services[0];
        const CalcomResponse slotsAnswer =
            send(CalcomApi::slotsRequest(101, kBerlin, m_monday, m_monday.addDays(6)));
        QVERIFY2(slotsAnswer.httpStatus == 200, explain(slotsAnswer));
        // Prism's example is the real {status, data} shape, which the spec's schema gets wrong.
        QString error;
        QVERIFY2(CalcomApi::parseSlots(slotsAnswer.json, 30, &error), qPrintable(error));

        for (bool withEmail : {false, true}) {
            const CalcomResponse created =
                send(CalcomApi::createBooking(m_mia, haircut, draft(at(0, 10), withEmail)));
            QVERIFY2(created.httpStatus == 201, explain(created));
        }
        const QString uid = QStringLiteral("booking_uid_123");
        const CalcomResponse got = send(CalcomApi::getBooking(uid));
        QVERIFY2(got.httpStatus == 200, explain(got));
        QVERIFY(CalcomApi::parseBooking(got.json.value(QStringLiteral("data")).toObject()));
        const CalcomResponse listed = send(CalcomApi::listBookings(at(0, 9), at(0, 18)));
        QVERIFY2(listed.httpStatus == 200, explain(listed));
        const CalcomResponse moved =
            send(CalcomApi::rescheduleBooking(uid, at(1, 11), QStringLiteral("Caller asked")));
        QVERIFY2(moved.httpStatus == 201, explain(moved));
        const CalcomResponse cancelled =
            send(CalcomApi::cancelBooking(uid, QStringLiteral("Caller cancelled")));
        QVERIFY2(cancelled.httpStatus == 200, explain(cancelled));
        const CalcomResponse types = send(CalcomApi::eventTypes(QStringLiteral("mia")));
        QVERIFY2(types.httpStatus == 200, explain(types));
    }

    // The provider's own flows: whatever it sends on the way passes the spec.
    void providerFlowsSendOnlyValidRequests() {
        const qsizetype logStart = prismLog().size();
        std::optional<CalendarReply<Availability>> week;
        m_calendars->availability(
            {m_mia.companyId, m_mia.services[1].id, m_monday, m_monday.addDays(6)}, false,
            [&](auto r) { week = r; });
        QVERIFY(QTest::qWaitFor([&] { return week.has_value(); }, 20000));
        m_calendars->prefetch(m_mia.companyId);

        std::optional<CalendarReply<Appointment>> booked;
        m_calendars->book(draft(at(2, 14), false), [&](auto r) { booked = r; });
        QVERIFY(QTest::qWaitFor([&] { return booked.has_value(); }, 20000));
        QVERIFY2(booked->ok(), qPrintable(booked->error.detail));
        const qint64 id = booked->value->id;
        QVERIFY(markBooked(id));
        for (int step = 0; step < 3; ++step) {
            std::optional<CalendarReply<Appointment>> reply;
            auto done = [&](auto r) { reply = r; };
            if (step == 0)
                m_calendars->lookUp(m_mia.companyId, id, done);
            else if (step == 1)
                m_calendars->reschedule(m_mia.companyId, id, at(3, 10), done);
            else
                m_calendars->cancel(m_mia.companyId, id, {}, done);
            QVERIFY(QTest::qWaitFor([&] { return reply.has_value(); }, 20000));
            if (step == 1) // the row now holds Prism's (cancelled) example booking again
                QVERIFY(markBooked(id));
        }
        std::optional<CalendarReply<QList<EventTypeInfo>>> types;
        m_calendars->eventTypes(m_mia.companyId, [&](auto r) { types = r; });
        QVERIFY(QTest::qWaitFor([&] { return types.has_value(); }, 20000));
        // Prism logs after it answers: wait until every request shows, then a little more.
        const QList<QLatin1String> expected = {
            QLatin1String("get /v2/slots"),     QLatin1String("post /v2/bookings"),
            QLatin1String("get /v2/bookings/"), QLatin1String("/reschedule"),
            QLatin1String("/cancel"),           QLatin1String("get /v2/event-types")};
        auto seen = [&] {
            const QString log = prismLog().mid(logStart);
            return std::all_of(expected.begin(), expected.end(),
                               [&](QLatin1String e) { return log.contains(e); });
        };
        (void)QTest::qWaitFor(seen, 10000);
        QTest::qWait(500);
        const QString log = prismLog().mid(logStart);
        for (QLatin1String e : expected)
            QVERIFY2(log.contains(e),
                     qPrintable(QStringLiteral("Prism never saw %1:\n%2").arg(e, log.right(3000))));
        for (const QString &line : log.split(QLatin1Char('\n'))) {
            QVERIFY2(!line.contains(QLatin1String("UNPROCESSABLE_ENTITY")) &&
                         !line.contains(QLatin1String("Violation: request")),
                     qPrintable(line));
        }
    }

    // The check itself can fail: a create without `start` is refused.
    void prismRejectsAnInvalidRequest() {
        CalcomRequest bad =
            CalcomApi::createBooking(m_mia, m_mia.services[0], draft(at(4, 10), false));
        bad.body.remove(QStringLiteral("start"));
        const CalcomResponse r = send(bad);
        QCOMPARE(r.httpStatus, 422);
        QVERIFY(QTest::qWaitFor(
            [&] { return prismLog().contains(QLatin1String("UNPROCESSABLE_ENTITY")); }, 10000));
    }
};

QTEST_GUILESS_MAIN(TestCalcomPrism)
#include "tst_calcomprism.moc"
