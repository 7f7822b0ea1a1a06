// The agent's functions through the real binary with signed HTTP over loopback, on SQLite and
// PostgreSQL: a whole call against the local calendar and against the fake Cal.com, 20 callers
// racing for one slot, retried confirmations, Cal.com down, throttling, and bad input for every
// function.

#include "fakecalcom.h"
#include "retell/retellsignature.h"
#include "testsupport.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>
#include <QTimeZone>
#include <atomic>
#include <thread>

using namespace CallbookTest;

namespace {

const QString kMiaNumber = QStringLiteral("+493012345678");
const QString kGarageNumber = QStringLiteral("+442071234567");
const QString kCaller = QStringLiteral("+4915112345678");
const QByteArray kFunctionPath = "/api/webhooks/retell/function";
const QTimeZone kBerlin("Europe/Berlin");

} // namespace

class TestFunctions : public QObject {
    Q_OBJECT
    std::unique_ptr<TestDatabase> m_db;
    std::unique_ptr<ServiceProcess> m_service;
    std::unique_ptr<FakeCalcomThread> m_fake;
    QDate m_monday;
    int m_serial = 0;

    quint16 port() const { return m_service->port(); }
    HttpResult call(const QString &name, const QJsonObject &args, const QString &callId,
                    const QString &to = kMiaNumber, const QString &from = kCaller) {
        return postSigned(port(), kFunctionPath, functionCallBody(name, args, callId, to, from));
    }
    QString newCall() { return QStringLiteral("call_fn_%1").arg(m_serial++); }
    // The function calls of `id` are recorded after their answers: wait until `n` are stored.
    bool waitForFunctionCalls(const QString &id, int n) {
        return QTest::qWaitFor(
            [&] {
                return m_db->count(QStringLiteral("SELECT COUNT(*) FROM function_calls WHERE "
                                                  "call_id = '%1'")
                                       .arg(id)) == n;
            },
            5000);
    }
    // Retell's call_inbound webhook for kCaller dialling the salon.
    static QByteArray inboundBody(const QString &id) {
        return QJsonDocument(QJsonObject{{QStringLiteral("event"), QStringLiteral("call_inbound")},
                                         {QStringLiteral("call_inbound"),
                                          QJsonObject{{QStringLiteral("agent_id"),
                                                       QStringLiteral("agent_mia")},
                                                      {QStringLiteral("from_number"), kCaller},
                                                      {QStringLiteral("to_number"), kMiaNumber},
                                                      {QStringLiteral("call_id"), id}}}})
            .toJson(QJsonDocument::Compact);
    }
    QString day(int offset = 0) const { return m_monday.addDays(offset).toString(Qt::ISODate); }

    // Is a Herrenhaarschnitt at `time` on day `offset` free, asked by somebody else? (A new call
    // each time, so that polling is never throttled.)
    bool freeFor(quint16 onPort, int offset, const QString &time) {
        const HttpResult r = postSigned(
            onPort, kFunctionPath,
            functionCallBody(QStringLiteral("check_availability"),
                             {{QStringLiteral("service"), QStringLiteral("Herrenhaarschnitt")},
                              {QStringLiteral("date"), day(offset)},
                              {QStringLiteral("time"), time}},
                             newCall(), kMiaNumber, QStringLiteral("+4915199999999")));
        [&] { QCOMPARE(r.status, 200); }();
        return r.json().value(QStringLiteral("available")).toBool();
    }
    // What query_appointment finds under kCaller's number.
    QJsonArray upcomingFor(quint16 onPort) {
        const HttpResult r =
            postSigned(onPort, kFunctionPath,
                       functionCallBody(QStringLiteral("query_appointment"), {}, newCall()));
        [&] { QCOMPARE(r.status, 200); }();
        return r.json().value(QStringLiteral("appointments")).toArray();
    }
    // start_booking + confirm_booking for kCaller; the appointment's id (0 on failure).
    qint64 book(const QString &callId, int offset, const QString &time) {
        const HttpResult held =
            call(QStringLiteral("start_booking"),
                 {{QStringLiteral("service"), QStringLiteral("Herrenhaarschnitt")},
                  {QStringLiteral("date"), day(offset)},
                  {QStringLiteral("time"), time},
                  {QStringLiteral("customer_name"), QStringLiteral("Erika Mustermann")}},
                 callId);
        if (held.json().value(QStringLiteral("hold_id")).toString().isEmpty())
            return 0;
        return qint64(call(QStringLiteral("confirm_booking"), {}, callId)
                          .json()
                          .value(QStringLiteral("appointment_id"))
                          .toDouble());
    }

    void startService(bool calcom) {
        m_db = std::make_unique<TestDatabase>();
        QString error;
        QVERIFY2(m_db->create(&error), qPrintable(error));
        SampleConfig config;
        m_service = std::make_unique<ServiceProcess>();
        if (calcom) {
            m_fake = std::make_unique<FakeCalcomThread>();
            config.calcomBaseUrl = m_fake->baseUrl();
            m_fake->run([](FakeCalcom &f) {
                f.setApiKey("cal_test_fn");
                f.addEventType({101, QStringLiteral("herren"), QStringLiteral("Herren"), 30});
                f.addEventType({102, QStringLiteral("damen"), QStringLiteral("Damen"), 60});
                f.setWorkingHours(kBerlin, QTime(9, 0), QTime(18, 0));
            });
            m_service->setEnvironment(QStringLiteral("CALLBOOK_SECRET_CALCOM_SALON_MIA"),
                                      QStringLiteral("cal_test_fn"));
            m_service->setEnvironment(QStringLiteral("CALLBOOK_SECRET_CALCOM_WEBHOOK_SALON_MIA"),
                                      QStringLiteral("whsec"));
        }
        QVERIFY2(m_service->start(*m_db, writeSampleConfig(m_db->dir(), config), {}, &error),
                 qPrintable(error));
    }

    // One whole call, as Retell drives it.
    void wholeCall(const QString &provider) {
        const QString id = newCall();
        const QByteArray inbound = inboundBody(id);
        QCOMPARE(postSigned(port(), "/api/webhooks/retell", inbound).status, 200);
        QCOMPARE(postSigned(port(), "/api/webhooks/retell",
                            callEventBody(QStringLiteral("call_started"), id, kMiaNumber))
                     .status,
                 200);
        const HttpResult init = call(QStringLiteral("initialize_call"), {}, id);
        QCOMPARE(init.status, 200);
        QVERIFY(init.json()
                    .value(QStringLiteral("greeting"))
                    .toString()
                    .contains(QStringLiteral("Salon Mia")));
        QVERIFY(!init.json().value(QStringLiteral("message")).toString().isEmpty());
        // The business's facts and the next free times come with the greeting.
        const QJsonObject facts = init.json();
        QCOMPARE(facts.value(QStringLiteral("company")).toString(), QStringLiteral("Salon Mia"));
        QCOMPARE(facts.value(QStringLiteral("timezone")).toString(),
                 QStringLiteral("Europe/Berlin"));
        QVERIFY2(facts.value(QStringLiteral("services"))
                     .toArray()
                     .contains(QStringLiteral("Herrenhaarschnitt")),
                 init.body.constData());
        QCOMPARE(facts.value(QStringLiteral("caller_known")).toBool(), false);
        QCOMPARE(facts.value(QStringLiteral("today")).toString().size(), 10);
        const QJsonArray nextFree = facts.value(QStringLiteral("next_free_slots")).toArray();
        QCOMPARE(nextFree.size(), 3);
        for (const QJsonValue &t : nextFree)
            QVERIFY2(QDateTime::fromString(t.toString(), Qt::ISODate).isValid(),
                     init.body.constData());
        const HttpResult customer = call(QStringLiteral("check_customer"), {}, id);
        QCOMPARE(customer.status, 200);
        QCOMPARE(customer.json().value(QStringLiteral("found")).toBool(), false);

        const QJsonObject slot{{QStringLiteral("service"), QStringLiteral("Herrenhaarschnitt")},
                               {QStringLiteral("date"), day(0)},
                               {QStringLiteral("time"), QStringLiteral("10:00")}};
        const HttpResult free = call(QStringLiteral("check_availability"), slot, id);
        QCOMPARE(free.status, 200);
        QVERIFY2(free.json().value(QStringLiteral("available")).toBool(), free.body.constData());

        QJsonObject booking = slot;
        booking.insert(QStringLiteral("customer_name"), QStringLiteral("Erika Mustermann"));
        const HttpResult held = call(QStringLiteral("start_booking"), booking, id);
        QCOMPARE(held.status, 200);
        const QString hold = held.json().value(QStringLiteral("hold_id")).toString();
        QVERIFY2(!hold.isEmpty(), held.body.constData());

        const HttpResult confirmed =
            call(QStringLiteral("confirm_booking"), {{QStringLiteral("hold_id"), hold}}, id);
        QCOMPARE(confirmed.status, 200);
        QVERIFY2(confirmed.json().value(QStringLiteral("success")).toBool(),
                 confirmed.body.constData());
        const qint64 appointment =
            qint64(confirmed.json().value(QStringLiteral("appointment_id")).toDouble());
        QVERIFY(appointment > 0);
        // Retell retries the confirmation: the same appointment, nothing new.
        const HttpResult again =
            call(QStringLiteral("confirm_booking"), {{QStringLiteral("hold_id"), hold}}, id);
        QCOMPARE(qint64(again.json().value(QStringLiteral("appointment_id")).toDouble()),
                 appointment);
        QCOMPARE(again.json().value(QStringLiteral("replayed")).toBool(), true);

        QCOMPARE(postSigned(port(), "/api/webhooks/retell",
                            callEventBody(QStringLiteral("call_ended"), id, kMiaNumber))
                     .status,
                 200);
        QCOMPARE(postSigned(port(), "/api/webhooks/retell",
                            callEventBody(QStringLiteral("call_analyzed"), id, kMiaNumber))
                     .status,
                 200);

        QCOMPARE(m_db->count(QStringLiteral("SELECT COUNT(*) FROM appointments WHERE call_id = "
                                            "'%1' AND status = 'booked' AND provider = '%2'")
                                 .arg(id, provider)),
                 1);
        QCOMPARE(
            m_db->scalar(QStringLiteral("SELECT booked FROM calls WHERE call_id = '%1'").arg(id))
                .toInt(),
            1);
        QVERIFY(waitForFunctionCalls(id, 6));
        QCOMPARE(m_db->count(QStringLiteral("SELECT COUNT(*) FROM function_calls WHERE call_id = "
                                            "'%1' AND duration_us > 0")
                                 .arg(id)),
                 6);
        // Names are not stored in clear with the timings.
        QCOMPARE(m_db->count(QStringLiteral("SELECT COUNT(*) FROM function_calls WHERE args LIKE "
                                            "'%Mustermann%'")),
                 0);
        QCOMPARE(m_db->count(QStringLiteral("SELECT COUNT(*) FROM customers WHERE first_name = "
                                            "'Erika' AND last_name = 'Mustermann'")),
                 1);
    }

private Q_SLOTS:
    void initTestCase() { m_monday = mondayInTwoWeeks(kBerlin); }

    void cleanup() {
        if (m_service)
            QCOMPARE(m_service->terminate(), 0);
        m_service.reset();
        m_fake.reset();
        m_db.reset();
    }

    void wholeCallLocalCalendar() {
        startService(false);
        if (QTest::currentTestFailed())
            return;
        wholeCall(QStringLiteral("local"));
    }

    void wholeCallCalcom() {
        startService(true);
        if (QTest::currentTestFailed())
            return;
        wholeCall(QStringLiteral("calcom"));
        int atCalcom = 0;
        m_fake->run([&](FakeCalcom &f) {
            for (const auto &b : f.bookings())
                atCalcom += b.status != QLatin1String("cancelled");
        });
        QCOMPARE(atCalcom, 1);

        // A later call finds, moves and cancels it; Cal.com follows.
        const QString later = newCall();
        const QJsonArray found = call(QStringLiteral("query_appointment"), {}, later)
                                     .json()
                                     .value(QStringLiteral("appointments"))
                                     .toArray();
        QCOMPARE(found.size(), 1);
        const HttpResult moved = call(
            QStringLiteral("reschedule_appointment"),
            {{QStringLiteral("date"), day(1)}, {QStringLiteral("time"), QStringLiteral("15:30")}},
            later);
        QVERIFY2(moved.json().value(QStringLiteral("success")).toBool(), moved.body.constData());
        const qint64 newStart =
            QDateTime(m_monday.addDays(1), QTime(15, 30), kBerlin).toMSecsSinceEpoch();
        QStringList active;
        m_fake->run([&](FakeCalcom &f) {
            for (const auto &b : f.bookings())
                if (b.status != QLatin1String("cancelled"))
                    active << QString::number(b.startMs);
        });
        QCOMPARE(active, QStringList{QString::number(newStart)});
        const HttpResult cancelled = call(QStringLiteral("cancel_appointment"), {}, later);
        QVERIFY2(cancelled.json().value(QStringLiteral("success")).toBool(),
                 cancelled.body.constData());
        int stillActive = 0;
        m_fake->run([&](FakeCalcom &f) {
            for (const auto &b : f.bookings())
                stillActive += b.status != QLatin1String("cancelled");
        });
        QCOMPARE(stillActive, 0);
        // Availability answers come from Cal.com for every question function.
        for (const QString &name :
             {QStringLiteral("find_next_available"), QStringLiteral("get_alternatives")}) {
            QJsonObject args{{QStringLiteral("service"), QStringLiteral("Damenhaarschnitt")}};
            if (name == QLatin1String("get_alternatives"))
                args.insert(QStringLiteral("date"), day(2));
            const HttpResult r = call(name, args, later);
            QCOMPARE(r.status, 200);
            QVERIFY2(r.json().value(QStringLiteral("success")).toBool(), r.body.constData());
            QVERIFY2(r.json().value(QStringLiteral("available")).toBool(), r.body.constData());
            QCOMPARE(r.json().value(QStringLiteral("service")).toString(),
                     QStringLiteral("Damenhaarschnitt"));
            const QString start = r.json().value(QStringLiteral("start")).toString();
            if (name == QLatin1String("find_next_available"))
                QVERIFY2(QDateTime::fromString(start, Qt::ISODate).isValid() &&
                             start.size() == 25, // with its offset
                         r.body.constData());
        }
    }

    // Twenty callers want the same time at once (on PostgreSQL through two service instances on
    // the same database): one holds it, one booking results; a retry on the other instance
    // returns it.
    void twentyCallersOneSlotOnTwoInstances() {
        startService(false);
        if (QTest::currentTestFailed())
            return;
        // Several instances are for PostgreSQL; on SQLite one process is the only writer.
        ServiceProcess second;
        QString error;
        if (m_db->isPostgres())
            QVERIFY2(second.start(*m_db, writeSampleConfig(m_db->dir()), {}, &error),
                     qPrintable(error));
        const quint16 ports[2] = {port(), m_db->isPostgres() ? second.port() : port()};
        std::atomic<int> winner{-1};
        QString winnerHold;
        const int callers = 20;
        std::vector<QString> ids;
        for (int i = 0; i < callers; ++i)
            ids.push_back(newCall());
        std::atomic<int> held{0}, booked{0}, ready{0};
        std::vector<std::thread> threads;
        const QString date = day(1);
        for (int i = 0; i < callers; ++i) {
            threads.emplace_back([&, i] {
                const quint16 p = ports[i % 2];
                const QString caller =
                    QStringLiteral("+4915100000%1").arg(i, 3, 10, QLatin1Char('0'));
                ++ready;
                while (ready.load() < callers)
                    std::this_thread::yield();
                const HttpResult h = postSigned(
                    p, kFunctionPath,
                    functionCallBody(
                        QStringLiteral("start_booking"),
                        {{QStringLiteral("service"), QStringLiteral("Herrenhaarschnitt")},
                         {QStringLiteral("date"), date},
                         {QStringLiteral("time"), QStringLiteral("11:00")},
                         {QStringLiteral("customer_name"), QStringLiteral("Caller %1").arg(i)}},
                        ids[size_t(i)], kMiaNumber, caller));
                const QString hold = h.json().value(QStringLiteral("hold_id")).toString();
                if (!hold.isEmpty()) {
                    ++held;
                    winner = i;
                    winnerHold = hold;
                }
                // Everybody tries to confirm, with or without a hold.
                const HttpResult c =
                    postSigned(p, kFunctionPath,
                               functionCallBody(
                                   QStringLiteral("confirm_booking"),
                                   hold.isEmpty() ? QJsonObject{}
                                                  : QJsonObject{{QStringLiteral("hold_id"), hold}},
                                   ids[size_t(i)], kMiaNumber, caller));
                if (c.json().value(QStringLiteral("success")).toBool())
                    ++booked;
            });
        }
        for (auto &t : threads)
            t.join();
        QCOMPARE(held.load(), 1);
        QCOMPARE(booked.load(), 1);
        const qint64 start =
            QDateTime(m_monday.addDays(1), QTime(11, 0), kBerlin).toMSecsSinceEpoch();
        QCOMPARE(m_db->count(QStringLiteral("SELECT COUNT(*) FROM appointments WHERE status = "
                                            "'booked' AND starts_at_ms = %1")
                                 .arg(start)),
                 1);
        // Retell retries the winner's confirmation against the other instance.
        const int w = winner.load();
        const HttpResult retry = postSigned(
            ports[(w + 1) % 2], kFunctionPath,
            functionCallBody(QStringLiteral("confirm_booking"),
                             {{QStringLiteral("hold_id"), winnerHold}}, ids[size_t(w)], kMiaNumber,
                             QStringLiteral("+4915100000%1").arg(w, 3, 10, QLatin1Char('0'))));
        QCOMPARE(retry.json().value(QStringLiteral("replayed")).toBool(), true);
        QCOMPARE(m_db->count(QStringLiteral("SELECT COUNT(*) FROM appointments")), 1);
        if (m_db->isPostgres())
            QCOMPARE(second.terminate(), 0);
    }

    void calcomDownGivesASpeakableFallback() {
        startService(true);
        if (QTest::currentTestFailed())
            return;
        m_fake->run([](FakeCalcom &f) { f.failNext(100, 503); });
        const QString id = newCall();
        const HttpResult r = call(QStringLiteral("check_availability"),
                                  {{QStringLiteral("service"), QStringLiteral("Damenhaarschnitt")},
                                   {QStringLiteral("date"), day(2)}},
                                  id);
        QCOMPARE(r.status, 200);
        QCOMPARE(r.json().value(QStringLiteral("success")).toBool(), false);
        QCOMPARE(r.errorCode(), QStringLiteral("calendar_unavailable"));
        QVERIFY(r.json()
                    .value(QStringLiteral("message"))
                    .toString()
                    .contains(QStringLiteral("zurückrufen")));
        QCOMPARE(m_db->count(QStringLiteral("SELECT COUNT(*) FROM callback_requests WHERE "
                                            "call_id = '%1'")
                                 .arg(id)),
                 1);
        // Still answering: the service did not crash.
        QCOMPARE(httpRequest(port(), "GET", "/api/health").status, 200);
    }

    // The hold is taken, then Cal.com goes down before the confirmation: the caller hears why
    // and is put on the callback list once.
    void confirmWhileCalcomIsDown() {
        startService(true);
        if (QTest::currentTestFailed())
            return;
        const QString id = newCall();
        const HttpResult held =
            call(QStringLiteral("start_booking"),
                 {{QStringLiteral("service"), QStringLiteral("Herrenhaarschnitt")},
                  {QStringLiteral("date"), day(3)},
                  {QStringLiteral("time"), QStringLiteral("10:00")},
                  {QStringLiteral("customer_name"), QStringLiteral("Erika Mustermann")}},
                 id);
        QVERIFY2(held.json().value(QStringLiteral("success")).toBool(), held.body.constData());
        m_fake->run([](FakeCalcom &f) { f.failNext(100, 503); });
        const HttpResult r = call(QStringLiteral("confirm_booking"), {}, id);
        QCOMPARE(r.status, 200);
        QCOMPARE(r.errorCode(), QStringLiteral("calendar_unavailable"));
        QCOMPARE(r.json().value(QStringLiteral("callback_requested")).toBool(), true);
        QCOMPARE(m_db->count(QStringLiteral("SELECT COUNT(*) FROM callback_requests WHERE "
                                            "call_id = '%1'")
                                 .arg(id)),
                 1);
        QCOMPARE(m_db->count(QStringLiteral("SELECT COUNT(*) FROM appointments")), 0);
    }

    void throttledPerCall() {
        startService(false);
        if (QTest::currentTestFailed())
            return;
        const QString id = newCall();
        int limited = 0, ok = 0;
        for (int i = 0; i < 105; ++i) {
            const HttpResult r = call(QStringLiteral("get_available_services"), {}, id);
            if (r.status == 429) {
                ++limited;
                QVERIFY(!r.json().value(QStringLiteral("message")).toString().isEmpty());
            } else if (r.status == 200) {
                ++ok;
            }
        }
        QCOMPARE(ok, 100);
        QCOMPARE(limited, 5);
        // Another call is not affected.
        QCOMPARE(call(QStringLiteral("get_available_services"), {}, newCall()).status, 200);
        // Unsigned traffic is limited per source address too, whichever call it names.
        int unsignedLimited = 0;
        for (int i = 0; i < 105; ++i) {
            const QByteArray body =
                functionCallBody(QStringLiteral("get_available_services"), {}, newCall());
            if (httpRequest(port(), "POST", kFunctionPath, body).status == 429)
                ++unsignedLimited;
        }
        QCOMPARE(unsignedLimited, 5);
    }

    void badInputGetsAClearError() {
        startService(false);
        if (QTest::currentTestFailed())
            return;
        const QString id = newCall();
        const QJsonObject service{{QStringLiteral("service"), QStringLiteral("Herrenhaarschnitt")}};
        auto expect = [&](const QString &name, const QJsonObject &args, int status,
                          const QString &code) {
            const HttpResult r = call(name, args, id);
            QVERIFY2(r.status == status, qPrintable(name + QLatin1Char(' ') + r.body));
            QCOMPARE(r.json().value(QStringLiteral("success")).toBool(), false);
            QCOMPARE(r.errorCode(), code);
            QVERIFY(!r.json().value(QStringLiteral("message")).toString().isEmpty());
        };
        // An unknown argument, for every function.
        for (const QString &name :
             {QStringLiteral("initialize_call"), QStringLiteral("check_customer"),
              QStringLiteral("get_available_services"), QStringLiteral("get_service_info"),
              QStringLiteral("get_opening_hours"), QStringLiteral("parse_date"),
              QStringLiteral("check_availability"), QStringLiteral("find_next_available"),
              QStringLiteral("get_alternatives"), QStringLiteral("start_booking"),
              QStringLiteral("confirm_booking"), QStringLiteral("release_slot_reservation"),
              QStringLiteral("query_appointment"), QStringLiteral("reschedule_appointment"),
              QStringLiteral("cancel_appointment"), QStringLiteral("request_callback"),
              QStringLiteral("transfer_to_staff")})
            expect(name, {{QStringLiteral("bogus"), 1}}, 400, QStringLiteral("invalid_args"));
        // Missing required arguments.
        expect(QStringLiteral("get_service_info"), {}, 400, QStringLiteral("invalid_args"));
        expect(QStringLiteral("parse_date"), {}, 400, QStringLiteral("invalid_args"));
        expect(QStringLiteral("check_availability"), service, 400, QStringLiteral("invalid_args"));
        expect(QStringLiteral("find_next_available"), {}, 400, QStringLiteral("invalid_args"));
        expect(QStringLiteral("get_alternatives"), {}, 400, QStringLiteral("invalid_args"));
        expect(QStringLiteral("start_booking"),
               {{QStringLiteral("service"), QStringLiteral("Herrenhaarschnitt")},
                {QStringLiteral("date"), day(3)},
                {QStringLiteral("time"), QStringLiteral("10:00")}},
               400, QStringLiteral("invalid_args"));
        expect(QStringLiteral("reschedule_appointment"), {}, 400, QStringLiteral("invalid_args"));
        expect(QStringLiteral("request_callback"), {}, 400, QStringLiteral("invalid_args"));
        // Wrong types.
        expect(QStringLiteral("get_service_info"),
               {{QStringLiteral("service"), QJsonObject{{QStringLiteral("x"), 1}}}}, 400,
               QStringLiteral("invalid_args"));
        expect(QStringLiteral("cancel_appointment"),
               {{QStringLiteral("appointment_id"), QStringLiteral("abc")}}, 400,
               QStringLiteral("invalid_args"));
        expect(QStringLiteral("confirm_booking"), {{QStringLiteral("hold_id"), QJsonArray{1}}}, 400,
               QStringLiteral("invalid_args"));
        // Unknown service, nonsense dates.
        expect(QStringLiteral("get_service_info"),
               {{QStringLiteral("service"), QStringLiteral("Dauerwelle für Hunde")}}, 200,
               QStringLiteral("unknown_service"));
        expect(QStringLiteral("check_availability"),
               {{QStringLiteral("service"), QStringLiteral("Zahnreinigung")},
                {QStringLiteral("date"), day(3)}},
               200, QStringLiteral("unknown_service"));
        expect(QStringLiteral("check_availability"),
               {{QStringLiteral("service"), QStringLiteral("Herrenhaarschnitt")},
                {QStringLiteral("date"), QStringLiteral("am 35. Januar")}},
               200, QStringLiteral("unparseable_date"));
        expect(QStringLiteral("start_booking"),
               {{QStringLiteral("service"), QStringLiteral("Herrenhaarschnitt")},
                {QStringLiteral("date"), QStringLiteral("blabla")},
                {QStringLiteral("customer_name"), QStringLiteral("X")}},
               200, QStringLiteral("unparseable_date"));
        expect(QStringLiteral("parse_date"), {{QStringLiteral("text"), QStringLiteral("25 Uhr")}},
               200, QStringLiteral("unparseable_date"));
        // Unknown function (also a versioned name).
        expect(QStringLiteral("book_appointment_v17"), {}, 404, QStringLiteral("unknown_function"));
        // Nothing to confirm, nothing of ours to cancel.
        expect(QStringLiteral("confirm_booking"), {}, 200, QStringLiteral("no_hold"));

        // Another business's appointment cannot be seen, moved or cancelled.
        const QString garageCall = newCall();
        const HttpResult held =
            call(QStringLiteral("start_booking"),
                 {{QStringLiteral("service"), QStringLiteral("Oil change")},
                  {QStringLiteral("date"), day(0)},
                  {QStringLiteral("time"), QStringLiteral("10:00")},
                  {QStringLiteral("customer_name"), QStringLiteral("Sam Smith")}},
                 garageCall, kGarageNumber);
        QVERIFY2(!held.json().value(QStringLiteral("hold_id")).toString().isEmpty(),
                 held.body.constData());
        const HttpResult booked =
            call(QStringLiteral("confirm_booking"), {}, garageCall, kGarageNumber);
        const qint64 foreign =
            qint64(booked.json().value(QStringLiteral("appointment_id")).toDouble());
        QVERIFY2(foreign > 0, booked.body.constData());
        expect(QStringLiteral("cancel_appointment"),
               {{QStringLiteral("appointment_id"), double(foreign)}}, 200,
               QStringLiteral("appointment_not_found"));
        expect(QStringLiteral("reschedule_appointment"),
               {{QStringLiteral("appointment_id"), double(foreign)},
                {QStringLiteral("date"), day(4)},
                {QStringLiteral("time"), QStringLiteral("11:00")}},
               200, QStringLiteral("appointment_not_found"));
        QCOMPARE(
            m_db->scalar(
                    QStringLiteral("SELECT status FROM appointments WHERE id = %1").arg(foreign))
                .toString(),
            QStringLiteral("booked"));
        QCOMPARE(m_db->count(QStringLiteral("SELECT COUNT(*) FROM appointments")), 1);

        // Requests that are wrong as a whole.
        const HttpResult notJson = postSigned(port(), kFunctionPath, "{nope");
        QCOMPARE(notJson.status, 400);
        QCOMPARE(notJson.errorCode(), QStringLiteral("invalid_json"));
        const QByteArray body = functionCallBody(QStringLiteral("get_available_services"), {}, id);
        QCOMPARE(
            httpRequest(port(), "POST", kFunctionPath, body, {{"X-Retell-Signature", "v=1,d=00"}})
                .status,
            401);
        const HttpResult placeholder = postSigned(
            port(), kFunctionPath + "/get_available_services",
            QJsonDocument(QJsonObject{{QStringLiteral("call_id"), QStringLiteral("{{call_id}}")}})
                .toJson(QJsonDocument::Compact));
        QCOMPARE(placeholder.status, 400);
        QCOMPARE(placeholder.errorCode(), QStringLiteral("missing_call_id"));
        const HttpResult stranger =
            postSigned(port(), kFunctionPath + "/get_available_services", "{}", kRetellKey);
        QCOMPARE(stranger.status, 400);
    }

    // Args at the root, the name from the path, the call id from a header.
    void argsAtRootForAKnownCall() {
        startService(false);
        if (QTest::currentTestFailed())
            return;
        const QString id = newCall();
        QCOMPARE(postSigned(port(), "/api/webhooks/retell",
                            callEventBody(QStringLiteral("call_started"), id, kMiaNumber))
                     .status,
                 200);
        const QByteArray body = QJsonDocument(QJsonObject{{QStringLiteral("service"),
                                                           QStringLiteral("Herrenhaarschnitt")}})
                                    .toJson(QJsonDocument::Compact);
        const HttpResult r = httpRequest(
            port(), "POST", kFunctionPath + "/get_service_info", body,
            {{"X-Retell-Signature",
              Callbook::signRetellBody(body, kRetellKey, QDateTime::currentMSecsSinceEpoch())},
             {"X-Retell-Call-Id", id.toUtf8()}});
        QCOMPARE(r.status, 200);
        QCOMPARE(r.json().value(QStringLiteral("duration_min")).toInt(), 30);
    }

    // The read functions whose answers are written as JSON text: their fields as
    // docs/functions.md lists them, with the sample business's values.
    void readAnswersCarryTheirDocumentedFields() {
        startService(false);
        if (QTest::currentTestFailed())
            return;
        const QString id = newCall();
        auto answer = [&](const char *name, const QJsonObject &args = {}) {
            const HttpResult r = call(QString::fromLatin1(name), args, id);
            const QJsonObject o = r.json();
            if (r.status != 200 || !o.value(QStringLiteral("success")).toBool())
                qWarning("%s: %d %s", name, r.status, r.body.constData());
            return o;
        };
        const QJsonObject services = answer("get_available_services");
        const QJsonArray list = services.value(QStringLiteral("services")).toArray();
        QCOMPARE(list.size(), 2);
        const QJsonObject haircut = list.at(0).toObject();
        QCOMPARE(haircut.value(QStringLiteral("name")).toString(),
                 QStringLiteral("Herrenhaarschnitt"));
        QCOMPARE(haircut.value(QStringLiteral("duration_min")).toInt(), 30);
        QCOMPARE(haircut.value(QStringLiteral("price_eur")).toDouble(), 28.0);
        QVERIFY(haircut.value(QStringLiteral("id")).toInteger() > 0);
        QCOMPARE(list.at(1).toObject().value(QStringLiteral("name")).toString(),
                 QStringLiteral("Damenhaarschnitt"));

        const QJsonObject info =
            answer("get_service_info",
                   {{QStringLiteral("service"), QStringLiteral("Haarschnitt Herren")}});
        for (const char *key : {"id", "name", "duration_min", "price_eur"})
            QCOMPARE(info.value(QLatin1String(key)), haircut.value(QLatin1String(key)));
        QCOMPARE(info.value(QStringLiteral("message")).toString(),
                 QStringLiteral("Herrenhaarschnitt dauert 30 Minuten und kostet 28 Euro."));

        const QJsonObject hours =
            answer("get_opening_hours", {{QStringLiteral("date"), day(0)}}); // a Monday
        const QJsonArray week = hours.value(QStringLiteral("week")).toArray();
        QCOMPARE(week.size(), 7);
        QCOMPARE(week.at(0).toObject().value(QStringLiteral("weekday")).toString(),
                 QStringLiteral("Montag"));
        QCOMPARE(week.at(0).toObject().value(QStringLiteral("hours")).toArray(),
                 QJsonArray{QStringLiteral("9:00–18:00")});
        QCOMPARE(week.at(5).toObject().value(QStringLiteral("hours")).toArray(),
                 QJsonArray{QStringLiteral("10:00–14:00")});
        QCOMPARE(week.at(6).toObject().value(QStringLiteral("hours")).toArray(), QJsonArray());
        QVERIFY(hours.value(QStringLiteral("open_now")).isBool());
        QCOMPARE(hours.value(QStringLiteral("closures")).toArray(),
                 QJsonArray{sampleClosure().toString(Qt::ISODate)}); // 2025's is past
        QCOMPARE(hours.value(QStringLiteral("date")).toString(), day(0));
        QCOMPARE(hours.value(QStringLiteral("open_that_day")).toBool(), true);
        QCOMPARE(hours.value(QStringLiteral("closure")).toBool(), false);

        const QJsonObject closed = answer(
            "get_opening_hours", {{QStringLiteral("date"), sampleClosure().toString(Qt::ISODate)}});
        QCOMPARE(closed.value(QStringLiteral("closure")).toBool(), true);
        QCOMPARE(closed.value(QStringLiteral("open_that_day")).toBool(true), false);

        // No transfer number is configured: why depends on the hours, as get_opening_hours says.
        const QJsonObject transfer = answer("transfer_to_staff");
        QCOMPARE(transfer.value(QStringLiteral("transfer")).toBool(true), false);
        QCOMPARE(transfer.value(QStringLiteral("offer_callback")).toBool(), true);
        const bool openNow = answer("get_opening_hours").value(QStringLiteral("open_now")).toBool();
        QCOMPARE(transfer.value(QStringLiteral("reason")).toString(),
                 openNow ? QStringLiteral("no_transfer_number")
                         : QStringLiteral("outside_business_hours"));

        const QDate today = QDateTime::currentDateTime().toTimeZone(kBerlin).date();
        const QJsonObject parsed =
            answer("parse_date", {{QStringLiteral("text"), QStringLiteral("übermorgen um 14:30")}});
        QCOMPARE(parsed.value(QStringLiteral("start")).toString(),
                 QDateTime(today.addDays(2), QTime(14, 30), kBerlin).toString(Qt::ISODate));
        QCOMPARE(parsed.value(QStringLiteral("granularity")).toString(), QStringLiteral("time"));
        QVERIFY(
            parsed.value(QStringLiteral("spoken")).toString().endsWith(QLatin1String("14:30 Uhr")));
        QCOMPARE(parsed.value(QStringLiteral("message")), parsed.value(QStringLiteral("spoken")));
    }

    void existingAppointmentsByPhone() {
        startService(false);
        if (QTest::currentTestFailed())
            return;
        const QString id = newCall();
        const HttpResult held =
            call(QStringLiteral("start_booking"),
                 {{QStringLiteral("service"), QStringLiteral("Damenhaarschnitt")},
                  {QStringLiteral("date"), day(2)},
                  {QStringLiteral("time"), QStringLiteral("halb drei")},
                  {QStringLiteral("customer_name"), QStringLiteral("Erika Mustermann")}},
                 id);
        QVERIFY2(held.json().value(QStringLiteral("success")).toBool(), held.body.constData());
        QVERIFY(call(QStringLiteral("confirm_booking"), {}, id)
                    .json()
                    .value(QStringLiteral("success"))
                    .toBool());
        // A later call from the same number finds, moves and cancels it.
        const QString later = newCall();
        const HttpResult found = call(QStringLiteral("query_appointment"), {}, later);
        const QJsonArray list = found.json().value(QStringLiteral("appointments")).toArray();
        QCOMPARE(list.size(), 1);
        QCOMPARE(list.first().toObject().value(QStringLiteral("start")).toString(),
                 QDateTime(m_monday.addDays(2), QTime(14, 30), kBerlin).toString(Qt::ISODate));
        const HttpResult moved = call(
            QStringLiteral("reschedule_appointment"),
            {{QStringLiteral("date"), day(3)}, {QStringLiteral("time"), QStringLiteral("9 Uhr")}},
            later);
        QVERIFY2(moved.json().value(QStringLiteral("success")).toBool(), moved.body.constData());
        QCOMPARE(moved.json().value(QStringLiteral("start")).toString(),
                 QDateTime(m_monday.addDays(3), QTime(9, 0), kBerlin).toString(Qt::ISODate));
        const HttpResult cancelled = call(QStringLiteral("cancel_appointment"), {}, later);
        QVERIFY2(cancelled.json().value(QStringLiteral("success")).toBool(),
                 cancelled.body.constData());
        QCOMPARE(m_db->count(
                     QStringLiteral("SELECT COUNT(*) FROM appointments WHERE status = 'booked'")),
                 0);
        // Other functions answer with something to say.
        for (const QString &name :
             {QStringLiteral("get_available_services"), QStringLiteral("get_opening_hours"),
              QStringLiteral("transfer_to_staff")}) {
            const HttpResult r = call(name, {}, later);
            QCOMPARE(r.status, 200);
            QVERIFY(!r.json().value(QStringLiteral("message")).toString().isEmpty());
        }
        const HttpResult next =
            call(QStringLiteral("find_next_available"),
                 {{QStringLiteral("service"), QStringLiteral("Herrenhaarschnitt")}}, later);
        QVERIFY(next.json().value(QStringLiteral("available")).toBool());
        const HttpResult cb =
            call(QStringLiteral("request_callback"),
                 {{QStringLiteral("reason"), QStringLiteral("Preisfrage")}}, later);
        QVERIFY(cb.json().value(QStringLiteral("success")).toBool());
        QCOMPARE(m_db->count(
                     QStringLiteral("SELECT COUNT(*) FROM callback_requests WHERE call_id = '%1'")
                         .arg(later)),
                 1);
    }

    // Answers from memory follow every change at once: a hold, its release, a booking, a move
    // and a cancellation, as another caller and the caller themself ask about them.
    void warmAnswersFollowEveryChange() {
        startService(false);
        if (QTest::currentTestFailed())
            return;
        const QString id = newCall();
        auto nextFreeAfterTen = [&] {
            return call(QStringLiteral("find_next_available"),
                        {{QStringLiteral("service"), QStringLiteral("Herrenhaarschnitt")},
                         {QStringLiteral("after"), day(1) + QStringLiteral(" 10:00")}},
                        id)
                .json()
                .value(QStringLiteral("start"))
                .toString();
        };
        const auto at = [&](int h, int m = 0) {
            return QDateTime(m_monday.addDays(1), QTime(h, m), kBerlin).toString(Qt::ISODate);
        };
        for (int warm = 0; warm < 2; ++warm) { // the second round from memory
            QVERIFY(freeFor(port(), 1, QStringLiteral("10:00")));
            QCOMPARE(upcomingFor(port()).size(), 0);
            QCOMPARE(call(QStringLiteral("check_customer"), {}, id)
                         .json()
                         .value(QStringLiteral("found"))
                         .toBool(),
                     false);
            QCOMPARE(nextFreeAfterTen(), at(10));
        }

        const QJsonObject slot{
            {QStringLiteral("service"), QStringLiteral("Herrenhaarschnitt")},
            {QStringLiteral("date"), day(1)},
            {QStringLiteral("time"), QStringLiteral("10:00")},
            {QStringLiteral("customer_name"), QStringLiteral("Erika Mustermann")}};
        QVERIFY(call(QStringLiteral("start_booking"), slot, id)
                    .json()
                    .value(QStringLiteral("success"))
                    .toBool());
        QVERIFY(!freeFor(port(), 1, QStringLiteral("10:00"))); // held for this caller
        QCOMPARE(nextFreeAfterTen(), at(10, 30));
        QVERIFY(call(QStringLiteral("release_slot_reservation"), {}, id)
                    .json()
                    .value(QStringLiteral("released"))
                    .toBool());
        QVERIFY(freeFor(port(), 1, QStringLiteral("10:00")));

        QVERIFY(book(id, 1, QStringLiteral("10:00")) > 0);
        QVERIFY(!freeFor(port(), 1, QStringLiteral("10:00")));
        QCOMPARE(nextFreeAfterTen(), at(10, 30));
        QCOMPARE(upcomingFor(port()).size(), 1);
        const QJsonObject known = call(QStringLiteral("check_customer"), {}, id).json();
        QCOMPARE(known.value(QStringLiteral("found")).toBool(), true);
        QCOMPARE(known.value(QStringLiteral("upcoming_appointments")).toInt(), 1);
        QVERIFY(call(QStringLiteral("initialize_call"), {}, newCall())
                    .json()
                    .value(QStringLiteral("greeting"))
                    .toString()
                    .contains(QStringLiteral("Erika")));

        const HttpResult moved = call(
            QStringLiteral("reschedule_appointment"),
            {{QStringLiteral("date"), day(1)}, {QStringLiteral("time"), QStringLiteral("12:00")}},
            id);
        QVERIFY2(moved.json().value(QStringLiteral("success")).toBool(), moved.body.constData());
        QVERIFY(freeFor(port(), 1, QStringLiteral("10:00")));
        QVERIFY(!freeFor(port(), 1, QStringLiteral("12:00")));
        QCOMPARE(upcomingFor(port()).first().toObject().value(QStringLiteral("start")), at(12));

        QVERIFY(call(QStringLiteral("cancel_appointment"), {}, id)
                    .json()
                    .value(QStringLiteral("success"))
                    .toBool());
        QVERIFY(freeFor(port(), 1, QStringLiteral("12:00")));
        QCOMPARE(upcomingFor(port()).size(), 0);
    }

    // call_inbound warms the caller's record and the coming week: the greeting is answered
    // from memory.
    void callStartWarmsTheGreeting() {
        startService(false);
        if (QTest::currentTestFailed())
            return;
        QVERIFY(book(newCall(), 1, QStringLiteral("10:00")) > 0); // Erika is a customer now
        const QString id = newCall();
        const QByteArray inbound = inboundBody(id);
        QCOMPARE(postSigned(port(), "/api/webhooks/retell", inbound).status, 200);
        QTest::qWait(300); // the agent's first words
        const HttpResult init = call(QStringLiteral("initialize_call"), {}, id);
        QVERIFY(init.json().value(QStringLiteral("caller_known")).toBool());
        QVERIFY(waitForFunctionCalls(id, 1));
        QCOMPARE(m_db->count(QStringLiteral("SELECT COUNT(*) FROM function_calls WHERE call_id = "
                                            "'%1' AND cache_hit = 1")
                                 .arg(id)),
                 1);
    }

    // A caller the business did not know: once call_analyzed names them (and so stores them as
    // a customer), the warm "not found" is forgotten and the next question finds them.
    void analysedCallMakesTheCallerKnownAtOnce() {
        startService(false);
        if (QTest::currentTestFailed())
            return;
        const QString stranger = QStringLiteral("+4915177775555");
        auto found = [&] {
            return call(QStringLiteral("check_customer"), {}, newCall(), kMiaNumber, stranger)
                .json()
                .value(QStringLiteral("found"))
                .toBool();
        };
        QVERIFY(!found());
        QVERIFY(!found()); // now from memory
        const QString id = newCall();
        const QByteArray analysed = callEventBody(
            QStringLiteral("call_analyzed"), id, kMiaNumber,
            {{QStringLiteral("from_number"), stranger},
             {QStringLiteral("call_analysis"),
              QJsonObject{{QStringLiteral("custom_analysis_data"),
                           QJsonObject{{QStringLiteral("first_name"), QStringLiteral("Jonas")},
                                       {QStringLiteral("last_name"), QStringLiteral("Weber")}}}}}});
        QCOMPARE(postSigned(port(), "/api/webhooks/retell", analysed).status, 200);
        QVERIFY(QTest::qWaitFor(found, 2000)); // well within the cache's 10 s
    }

    // A Cal.com business: a cancellation made on Cal.com (its webhook) reaches the caller's
    // warm answers at once.
    void calcomWebhookReachesWarmCallerAnswers() {
        startService(true);
        if (QTest::currentTestFailed())
            return;
        QVERIFY(book(newCall(), 0, QStringLiteral("10:00")) > 0);
        QCOMPARE(upcomingFor(port()).size(), 1);
        QCOMPARE(upcomingFor(port()).size(), 1); // from memory
        const QString uid =
            m_db->scalar(QStringLiteral("SELECT external_uid FROM appointments WHERE status = "
                                        "'booked'"))
                .toString();
        QByteArray body;
        m_fake->run([&](FakeCalcom &f) {
            FakeCalcom::Booking b = *f.booking(uid);
            b.status = QStringLiteral("cancelled");
            body = f.webhookBody(QStringLiteral("BOOKING_CANCELLED"), b);
        });
        QCOMPARE(httpRequest(port(), "POST", "/api/calcom/webhook", body,
                             {{"X-Cal-Signature-256", FakeCalcom::sign(body, "whsec")}})
                     .status,
                 200);
        QCOMPARE(upcomingFor(port()).size(), 0);
    }

    // The first answer (read from the database) and the next ones (from memory) are the same.
    void warmAnswersEqualColdOnes() {
        startService(false);
        if (QTest::currentTestFailed())
            return;
        QVERIFY(book(newCall(), 2, QStringLiteral("10:00")) > 0);
        const QJsonObject herren{{QStringLiteral("service"), QStringLiteral("Herrenhaarschnitt")},
                                 {QStringLiteral("date"), day(2)}};
        QJsonObject atTen = herren;
        atTen.insert(QStringLiteral("time"), QStringLiteral("10:00"));
        const QList<std::pair<QString, QJsonObject>> questions = {
            {QStringLiteral("initialize_call"), {}},
            {QStringLiteral("check_customer"), {}},
            {QStringLiteral("check_availability"), herren},
            {QStringLiteral("check_availability"), atTen},
            {QStringLiteral("get_alternatives"), atTen},
            {QStringLiteral("find_next_available"),
             {{QStringLiteral("service"), QStringLiteral("Damenhaarschnitt")},
              {QStringLiteral("after"), day(2)}}},
            {QStringLiteral("query_appointment"), {}}};
        for (const auto &[name, args] : questions) {
            QJsonObject first;
            for (int i = 0; i < 3; ++i) {
                QJsonObject answer = call(name, args, newCall()).json();
                answer.remove(QStringLiteral("now")); // initialize_call's clock
                answer.remove(QStringLiteral("time_spoken"));
                QVERIFY2(answer.value(QStringLiteral("success")).toBool(), qPrintable(name));
                if (i == 0)
                    first = answer;
                else
                    QCOMPARE(answer, first);
            }
        }
    }

    // Two instances on one PostgreSQL: what one books, moves or cancels, the other (warm)
    // sees within a bounded time, through LISTEN/NOTIFY.
    void anotherInstanceSeesTheChange() {
        startService(false);
        if (QTest::currentTestFailed())
            return;
        if (!m_db->isPostgres())
            QSKIP("several instances are for PostgreSQL");
        ServiceProcess second;
        QString error;
        QVERIFY2(second.start(*m_db, writeSampleConfig(m_db->dir()), {}, &error),
                 qPrintable(error));
        const QString id = newCall();
        for (int warm = 0; warm < 2; ++warm) {
            QVERIFY(freeFor(second.port(), 3, QStringLiteral("10:00")));
            QCOMPARE(upcomingFor(second.port()).size(), 0);
        }
        QVERIFY(book(id, 3, QStringLiteral("10:00")) > 0);
        QElapsedTimer seen;
        seen.start();
        QVERIFY(QTest::qWaitFor([&] { return !freeFor(second.port(), 3, QStringLiteral("10:00")); },
                                2000));
        QVERIFY(QTest::qWaitFor([&] { return upcomingFor(second.port()).size() == 1; }, 2000));
        qInfo("the other instance saw the booking after %lld ms", seen.elapsed());
        QVERIFY(call(QStringLiteral("cancel_appointment"), {}, id)
                    .json()
                    .value(QStringLiteral("success"))
                    .toBool());
        QVERIFY(QTest::qWaitFor([&] { return freeFor(second.port(), 3, QStringLiteral("10:00")); },
                                2000));
        QVERIFY(QTest::qWaitFor([&] { return upcomingFor(second.port()).isEmpty(); }, 2000));
        QCOMPARE(second.terminate(), 0);
    }
};

QTEST_GUILESS_MAIN(TestFunctions)
#include "tst_functions.moc"
