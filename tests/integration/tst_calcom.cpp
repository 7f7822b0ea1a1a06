// The Cal.com provider against the fake Cal.com server over loopback HTTP, on SQLite and
// PostgreSQL: cache hits and invalidation, single-flight, fan-out, prefetch, stale answers,
// circuit breaker open → half-open → closed, rate limits (Cal.com's 429 and our own budget),
// retry-safe bookings (replays, lost answers, taken slots), cancel and reschedule. Then the real
// binary: Cal.com webhooks with good, bad and missing signatures, duplicates, and prefetch when a
// call starts.

#include "calcom/calcomapi.h"
#include "calcom/calcomconnection.h"
#include "calcom/calcomwebhook.h"
#include "calendar/calendars.h"
#include "fakecalcom.h"
#include "store/store.h"
#include "store/storesession.h"
#include "testsupport.h"

#include <QJsonArray>
#include <QTest>

using namespace Callbook;
using namespace CallbookTest;

namespace {

const QByteArray kApiKey = QByteArrayLiteral("cal_test_fake");
const QByteArray kWebhookSecret = QByteArrayLiteral("whsec_salon_mia");
const QTimeZone kBerlin("Europe/Berlin");

// Test time: the wall clock plus whatever the test has skipped.
qint64 s_skippedMs = 0;
qint64 testNow() {
    return steadyNowMs() + s_skippedMs;
}

} // namespace

class TestCalcom : public QObject {
    Q_OBJECT
    std::unique_ptr<TestDatabase> m_db;
    std::unique_ptr<Store> m_store;
    std::unique_ptr<FakeCalcom> m_fake;
    std::unique_ptr<Calendars> m_calendars;
    TenantCalendar m_mia;
    qint64 m_haircut = 0, m_ladies = 0; // service ids (event types 101, 102)
    QDate m_monday;                     // a Monday two weeks ahead
    int m_callSerial = 0;

    template<typename T, typename Start>
    CalendarReply<T> await(Start start, int timeoutMs = 10000) {
        std::optional<CalendarReply<T>> reply;
        start([&](CalendarReply<T> r) { reply = std::move(r); });
        if (!reply)
            (void)QTest::qWaitFor([&] { return reply.has_value(); }, timeoutMs);
        return reply.value_or(
            CalendarReply<T>::failure(CalendarFailure::Unavailable, QStringLiteral("no answer")));
    }
    CalendarReply<Availability> availability(qint64 service, QDate first, QDate last,
                                             bool fresh = false) {
        return await<Availability>([&](auto done) {
            m_calendars->availability({m_mia.companyId, service, first, last}, fresh, done);
        });
    }
    BookingDraft draft(qint64 service, qint64 startMs, const QString &key = {}) {
        BookingDraft d;
        d.companyId = m_mia.companyId;
        d.serviceId = service;
        d.startMs = startMs;
        d.attendee = {QStringLiteral("Erika Mustermann"),
                      QStringLiteral("+4915112345678"),
                      {},
                      QStringLiteral("Europe/Berlin"),
                      QStringLiteral("de")};
        d.callId = QStringLiteral("call_cal_%1").arg(++m_callSerial);
        d.idempotencyKey = key;
        return d;
    }
    CalendarReply<Appointment> book(const BookingDraft &d) {
        return await<Appointment>([&](auto done) { m_calendars->book(d, done); });
    }
    qint64 at(const QDate &day, int hour, int minute = 0) const {
        return QDateTime(day, QTime(hour, minute), kBerlin).toMSecsSinceEpoch();
    }
    CircuitBreaker &breaker() { return m_calendars->connectionFor(m_mia.companyId)->breaker(); }
    int slotRequests() const { return m_fake->requestCount(QStringLiteral("/v2/slots")); }

private Q_SLOTS:
    void initTestCase() {
        m_fake = std::make_unique<FakeCalcom>();
        QVERIFY(m_fake->start());
        m_fake->setApiKey(kApiKey);
        m_fake->addEventType(
            {101, QStringLiteral("herrenhaarschnitt"), QStringLiteral("Herrenhaarschnitt"), 30});
        m_fake->addEventType(
            {102, QStringLiteral("damenhaarschnitt"), QStringLiteral("Damenhaarschnitt"), 60});
        m_fake->addEventType({201, QStringLiteral("oil-change"), QStringLiteral("Oil change"), 45});

        m_db = std::make_unique<TestDatabase>();
        QString error;
        QVERIFY2(m_db->create(&error), qPrintable(error));
        QVERIFY2(migrateWithSampleConfig(*m_db, &error, {m_fake->baseUrl()}), qPrintable(error));
        const auto settings = DatabaseSettings::fromUrl(m_db->serviceUrl(), &error);
        QVERIFY(settings);
        m_store = std::make_unique<Store>(*settings);
        QVERIFY2(m_store->start(&error), qPrintable(error));

        m_mia = loadCalendar(*m_db, *m_store, QStringLiteral("salon-mia"));
        QVERIFY(m_mia.usesCalcom());
        QCOMPARE(m_mia.services.size(), 2);
        QCOMPARE(m_mia.services[0].eventTypeId.value_or(0), 101);
        m_haircut = m_mia.services[0].id;
        m_ladies = m_mia.services[1].id;
        m_calendars = std::make_unique<Calendars>(*m_store, &testNow);
        m_calendars->setTenant(m_mia, kApiKey, kWebhookSecret);

        m_monday = mondayInTwoWeeks(kBerlin);
    }

    void cleanupTestCase() {
        m_calendars.reset();
        if (m_store)
            m_store->stop();
    }

    // Each test starts with a fresh rate window, a closed breaker, an empty cache and no faults.
    void init() {
        s_skippedMs += 61000;
        m_calendars->resetBreaker(m_mia.companyId);
        m_calendars->invalidate(m_mia.companyId);
        m_fake->setLatencyMs(0);
        m_fake->setRateLimit(100000, 60000);
        m_fake->clearRequests();
    }

    // Whatever the test did, every request followed the contract: the resource's
    // cal-api-version and our Bearer key.
    void cleanup() {
        for (const FakeCalcom::Request &r : m_fake->requests()) {
            const QByteArray expected = r.path.startsWith(QLatin1String("/v2/slots")) ? "2024-09-04"
                                        : r.path.startsWith(QLatin1String("/v2/bookings"))
                                            ? "2024-08-13"
                                            : "2024-06-14";
            QCOMPARE(r.apiVersion, expected);
            QCOMPARE(r.authorization, "Bearer " + kApiKey);
        }
    }

    void weekIsOneRoundTripThenCached() {
        const auto week = availability(m_haircut, m_monday, m_monday.addDays(6));
        QVERIFY2(week.ok(), qPrintable(week.error.detail));
        QCOMPARE(slotRequests(), 1);
        QVERIFY(!week.value->fromCache);
        // Cal.com offers 09:00–17:00 every day; the salon opens Mon–Fri 09–18 and Sat 10–14:
        // 16 half hours on five weekdays, 8 on Saturday, none on Sunday.
        QCOMPARE(week.value->openSlots.size(), 5 * 16 + 8);
        QCOMPARE(week.value->openSlots.first().startMs, at(m_monday, 9));
        QCOMPARE(week.value->openSlots.last().startMs, at(m_monday.addDays(5), 13, 30));

        const auto tuesday = availability(m_haircut, m_monday.addDays(1), m_monday.addDays(1));
        QVERIFY(tuesday.ok());
        QVERIFY(tuesday.value->fromCache);
        QCOMPARE(tuesday.value->openSlots.size(), 16);
        QCOMPARE(slotRequests(), 1);
        // Another service is another event type: its own entry.
        const auto ladies = availability(m_ladies, m_monday, m_monday);
        QVERIFY(ladies.ok());
        QVERIFY(!ladies.value->fromCache);
        QCOMPARE(ladies.value->openSlots.size(), 8);
        QCOMPARE(slotRequests(), 2);
    }

    void entriesExpireAfterFiveMinutes() {
        QVERIFY(availability(m_haircut, m_monday, m_monday).ok());
        s_skippedMs += 4 * 60000;
        QVERIFY(availability(m_haircut, m_monday, m_monday).value->fromCache);
        QCOMPARE(slotRequests(), 1);
        s_skippedMs += 61000 + 1000;
        const auto expired = availability(m_haircut, m_monday, m_monday);
        QVERIFY(expired.ok());
        QVERIFY(!expired.value->fromCache);
        QCOMPARE(slotRequests(), 2);
    }

    void concurrentIdenticalMissesShareOneRequest() {
        m_fake->setLatencyMs(150);
        QList<std::optional<CalendarReply<Availability>>> replies(5);
        for (auto &reply : replies)
            m_calendars->availability({m_mia.companyId, m_haircut, m_monday, m_monday.addDays(2)},
                                      false, [&reply](auto r) { reply = r; });
        QVERIFY(QTest::qWaitFor([&] {
            return std::all_of(replies.begin(), replies.end(),
                               [](auto &r) { return r.has_value(); });
        }));
        QCOMPARE(slotRequests(), 1);
        for (const auto &reply : replies) {
            QVERIFY(reply->ok());
            QCOMPARE(reply->value->openSlots.size(), 48);
        }
    }

    // A question about two services goes out in parallel: both requests are at Cal.com before
    // either is answered.
    void prefetchFansOutAndWarmsTheCache() {
        m_fake->setLatencyMs(300);
        m_calendars->prefetch(m_mia.companyId);
        QVERIFY(QTest::qWaitFor([&] { return slotRequests() == 2; }, 5000));
        const auto &requests = m_fake->requests();
        QVERIFY(qAbs(requests[0].receivedMs - requests[1].receivedMs) < 300);
        QVERIFY(requests[0].query.queryItemValue(QStringLiteral("eventTypeId")) !=
                requests[1].query.queryItemValue(QStringLiteral("eventTypeId")));
        QTest::qWait(400); // the answers arrive
        m_fake->setLatencyMs(0);
        const QDate today = QDateTime::currentDateTime().toTimeZone(kBerlin).date();
        for (qint64 service : {m_haircut, m_ladies}) {
            const auto first = availability(service, today.addDays(1), today.addDays(3));
            QVERIFY2(first.ok(), qPrintable(first.error.detail));
            QVERIFY2(first.value->fromCache, "the first question of the call misses the cache");
        }
        QCOMPARE(slotRequests(), 2);
    }

    void staleEntriesAnswerWhenCalcomFails() {
        const auto fresh = availability(m_haircut, m_monday, m_monday);
        QVERIFY(fresh.ok());
        s_skippedMs += 6 * 60000;
        m_fake->failNext(1, 503);
        const auto stale = availability(m_haircut, m_monday, m_monday);
        QVERIFY2(stale.ok(), qPrintable(stale.error.detail));
        QVERIFY(stale.value->stale);
        QCOMPARE(stale.value->openSlots, fresh.value->openSlots);
        QCOMPARE(slotRequests(), 2);
        // Nothing cached for that range: the failure is the answer.
        m_fake->failNext(1, 503);
        const auto none = availability(m_haircut, m_monday.addDays(7), m_monday.addDays(7));
        QVERIFY(!none.ok());
        QCOMPARE(toString(none.error.failure), toString(CalendarFailure::Unavailable));
    }

    void breakerOpensAfterFiveFailuresThenProbes() {
        // Three 5xx, a 429 and a hang (total timeout): five failures in a row.
        m_fake->failNext(3, 500);
        m_fake->failNext(1, 429);
        m_fake->hangNext(1);
        for (int i = 0; i < 5; ++i) {
            const auto r = availability(m_haircut, m_monday.addDays(i), m_monday.addDays(i), true);
            QVERIFY(!r.ok());
            QCOMPARE(toString(breaker().state()),
                     i < 4 ? QStringLiteral("closed") : QStringLiteral("open"));
        }
        QCOMPARE(breaker().consecutiveFailures(), 5);
        QCOMPARE(slotRequests(), 5);

        // Open: refused at once, nothing sent, for 60 s.
        // Refused without any I/O: the answer is there before the call returns.
        std::optional<CalendarReply<Availability>> fast;
        m_calendars->availability({m_mia.companyId, m_haircut, m_monday, m_monday}, true,
                                  [&](auto r) { fast = r; });
        QVERIFY(fast.has_value());
        QCOMPARE(toString(fast->error.failure), toString(CalendarFailure::Unavailable));
        QCOMPARE(slotRequests(), 5);
        QVERIFY(breaker().retryInMs() > 55000);

        // Writes are refused with a reason and become a callback request.
        const BookingDraft d = draft(m_haircut, at(m_monday, 10));
        const auto write = book(d);
        QVERIFY(!write.ok());
        QCOMPARE(toString(write.error.failure), toString(CalendarFailure::Unavailable));
        QCOMPARE(m_fake->requestCount(QStringLiteral("/v2/bookings")), 0);
        QCOMPARE(m_db->count(QStringLiteral("SELECT COUNT(*) FROM callback_requests WHERE "
                                            "call_id = '%1' AND reason = 'calendar_unavailable'")
                                 .arg(d.callId)),
                 1);

        // After 60 s exactly one probe goes; the other request is refused meanwhile.
        s_skippedMs += 60001;
        QCOMPARE(toString(breaker().state()), QStringLiteral("half_open"));
        m_fake->setLatencyMs(100);
        std::optional<CalendarReply<Availability>> probe, other;
        m_calendars->availability({m_mia.companyId, m_haircut, m_monday, m_monday}, true,
                                  [&](auto r) { probe = r; });
        m_calendars->availability({m_mia.companyId, m_ladies, m_monday, m_monday}, true,
                                  [&](auto r) { other = r; });
        QVERIFY(QTest::qWaitFor([&] { return probe && other; }));
        QVERIFY(probe->ok());
        QVERIFY(!other->ok());
        QCOMPARE(slotRequests(), 6);
        QCOMPARE(toString(breaker().state()), QStringLiteral("closed"));
        QCOMPARE(breaker().consecutiveFailures(), 0);
    }

    void failedProbeReopens() {
        m_fake->failNext(6, 502);
        for (int i = 0; i < 5; ++i)
            QVERIFY(!availability(m_haircut, m_monday, m_monday, true).ok());
        const int opened = breaker().timesOpened();
        s_skippedMs += 60001;
        QVERIFY(!availability(m_haircut, m_monday, m_monday, true).ok());
        QCOMPARE(toString(breaker().state()), QStringLiteral("open"));
        QCOMPARE(breaker().timesOpened(), opened + 1);
        QCOMPARE(slotRequests(), 6);
    }

    // Cal.com's 429 blocks our requests until its X-RateLimit-Reset-Default has passed.
    void calcomThrottlingIsRespected() {
        // Days nothing is cached for (a stale entry would be the answer otherwise).
        const QDate later = m_monday.addDays(60);
        m_fake->failNext(1, 429);
        const auto throttled = availability(m_haircut, later, later);
        QCOMPARE(toString(throttled.error.failure), toString(CalendarFailure::RateLimited));
        const auto held = availability(m_haircut, later.addDays(1), later.addDays(1));
        QCOMPARE(toString(held.error.failure), toString(CalendarFailure::RateLimited));
        QCOMPARE(slotRequests(), 1); // the second was not sent
        const QJsonObject budget = m_calendars->calcomHealth()
                                       .first()
                                       .toObject()
                                       .value(QStringLiteral("rate_budget"))
                                       .toObject();
        const double blockedS = budget.value(QStringLiteral("blocked_for_s")).toDouble();
        QVERIFY2(blockedS > 0 && blockedS <= 30, qPrintable(QString::number(blockedS)));
        s_skippedMs += 31000;
        QVERIFY(availability(m_haircut, later.addDays(1), later.addDays(1)).ok());
    }

    // Other clients of the same key drain Cal.com's count (X-RateLimit-Remaining-Default):
    // availability questions stop while 10 % are left, which stay for bookings.
    void sharedKeyKeepsAReserveForBookings() {
        m_fake->setRateLimit(20, 60000);
        int sent = 0;
        for (int i = 0; i < 20; ++i) {
            const auto r = availability(m_haircut, m_monday.addDays(i), m_monday.addDays(i));
            if (!r.ok()) {
                QCOMPARE(toString(r.error.failure), toString(CalendarFailure::RateLimited));
                break;
            }
            ++sent;
        }
        QCOMPARE(sent, 8); // 20 - 12 (the reserve: 10 % of 120)
        QCOMPARE(slotRequests(), 8);
        const auto booked = book(draft(m_haircut, at(m_monday, 16)));
        QVERIFY2(booked.ok(), qPrintable(booked.error.detail));
        for (const auto &r : m_fake->requests())
            QVERIFY(r.status != 429);
    }

    // We never spend more than Cal.com's 120 requests a minute; reads keep 10 % for bookings.
    void ownBudgetStaysInsideTheLimit() {
        m_fake->setRateLimit(120, 60000);
        const int questions = 130;
        int answered = 0, refused = 0;
        for (int i = 0; i < questions; ++i) {
            const auto r = availability(m_haircut, m_monday.addDays(i), m_monday.addDays(i), true);
            if (r.ok())
                ++answered;
            else if (r.error.failure == CalendarFailure::RateLimited)
                ++refused;
            else
                QFAIL(qPrintable(r.error.detail));
        }
        QCOMPARE(slotRequests(), 108);
        QCOMPARE(answered, 108);
        QCOMPARE(refused, questions - 108);
        for (const auto &r : m_fake->requests())
            QVERIFY(r.status != 429);
        // The reserve still lets a booking through.
        const auto booked = book(draft(m_haircut, at(m_monday, 11)));
        QVERIFY2(booked.ok(), qPrintable(booked.error.detail));
    }

    void bookingInvalidatesTheCache() {
        const auto before = availability(m_haircut, m_monday, m_monday);
        QVERIFY(before.ok());
        QVERIFY(
            before.value->openSlots.contains(TimeRange{at(m_monday, 14), at(m_monday, 14, 30)}));
        const auto booked = book(draft(m_haircut, at(m_monday, 14)));
        QVERIFY2(booked.ok(), qPrintable(booked.error.detail));
        QCOMPARE(booked.value->provider, QStringLiteral("calcom"));
        QVERIFY(!booked.value->externalUid.isEmpty());
        const auto created = m_fake->booking(booked.value->externalUid);
        QVERIFY(created);
        QCOMPARE(created->startMs, at(m_monday, 14));
        QCOMPARE(created->attendee.value(QStringLiteral("phoneNumber")).toString(),
                 QStringLiteral("+4915112345678"));
        QCOMPARE(created->metadata.value(QStringLiteral("callbook_call_id")).toString(),
                 booked.value->callId);
        const auto after = availability(m_haircut, m_monday, m_monday);
        QVERIFY(!after.value->fromCache);
        QVERIFY(
            !after.value->openSlots.contains(TimeRange{at(m_monday, 14), at(m_monday, 14, 30)}));
        QCOMPARE(after.value->openSlots.size(), before.value->openSlots.size() - 1);
    }

    void retriedBookingReturnsTheFirst() {
        const BookingDraft d = draft(m_haircut, at(m_monday.addDays(1), 9), QStringLiteral("k-1"));
        const auto first = book(d);
        QVERIFY2(first.ok(), qPrintable(first.error.detail));
        QVERIFY(!first.value->replayed);
        const auto again = book(d);
        QVERIFY(again.ok());
        QVERIFY(again.value->replayed);
        QCOMPARE(again.value->id, first.value->id);
        QCOMPARE(m_fake->requestCount(QStringLiteral("/v2/bookings"), "POST"), 1);

        // Two attempts at once (Retell retrying while the first is under way): one create.
        m_fake->setLatencyMs(100);
        const BookingDraft e = draft(m_haircut, at(m_monday.addDays(1), 10), QStringLiteral("k-2"));
        std::optional<CalendarReply<Appointment>> a, b;
        m_calendars->book(e, [&](auto r) { a = r; });
        m_calendars->book(e, [&](auto r) { b = r; });
        QVERIFY(QTest::qWaitFor([&] { return a && b; }));
        QVERIFY(a->ok() && b->ok());
        QCOMPARE(a->value->id, b->value->id);
        QCOMPARE(m_fake->requestCount(QStringLiteral("/v2/bookings"), "POST"), 2);
        QCOMPARE(m_db->count(QStringLiteral(
                     "SELECT COUNT(*) FROM appointments WHERE idempotency_key IN ('k-1', 'k-2')")),
                 2);
    }

    // The create reached Cal.com but its answer was lost (timeout): we find our booking by the
    // key in its metadata instead of booking twice or telling the caller it failed.
    void lostAnswerIsReconciled() {
        m_fake->swallowNextCreates(1);
        const BookingDraft d = draft(m_haircut, at(m_monday.addDays(2), 9), QStringLiteral("k-3"));
        const auto r = book(d);
        QVERIFY2(r.ok(), qPrintable(r.error.detail));
        QCOMPARE(m_fake->requestCount(QStringLiteral("/v2/bookings"), "POST"), 1);
        QCOMPARE(m_fake->requestCount(QStringLiteral("/v2/bookings"), "GET"), 1);
        int atCalcom = 0;
        for (const auto &b : m_fake->bookings())
            atCalcom += b.startMs == d.startMs && b.status != QLatin1String("cancelled");
        QCOMPARE(atCalcom, 1);
        QCOMPARE(r.value->externalUid,
                 m_fake->bookings().last().uid); // the booking the lost answer made
        const auto again = book(d);
        QVERIFY(again.ok() && again.value->replayed);
        QCOMPARE(m_fake->requestCount(QStringLiteral("/v2/bookings"), "POST"), 1);
    }

    // An earlier attempt (another service instance, which crashed before storing it) made the
    // booking: Cal.com's "already has booking" is then our own booking, not a taken slot.
    void takenByOurOwnEarlierAttemptIsSuccess() {
        const BookingDraft d = draft(m_haircut, at(m_monday.addDays(2), 10), QStringLiteral("k-4"));
        const FakeCalcom::Booking earlier = m_fake->addForeignBooking(
            101, d.startMs, d.attendee.name,
            {{CalcomApi::kMetaKey, CalcomApi::metadataKey(d.idempotencyKey)}});
        const auto r = book(d);
        QVERIFY2(r.ok(), qPrintable(r.error.detail));
        QCOMPARE(r.value->externalUid, earlier.uid);
        QCOMPARE(m_fake->requests().first().status, 400); // the taken-slot answer came first
    }

    void someoneElsesBookingIsSlotTaken() {
        m_fake->addForeignBooking(101, at(m_monday.addDays(2), 11), QStringLiteral("Walk-in"));
        const auto r = book(draft(m_haircut, at(m_monday.addDays(2), 11)));
        QVERIFY(!r.ok());
        QCOMPARE(toString(r.error.failure), toString(CalendarFailure::SlotTaken));
        QCOMPARE(m_db->count(QStringLiteral("SELECT COUNT(*) FROM appointments WHERE "
                                            "starts_at_ms = %1")
                                 .arg(at(m_monday.addDays(2), 11))),
                 0);
    }

    void rescheduleAndCancel() {
        const auto booked = book(draft(m_haircut, at(m_monday.addDays(3), 9)));
        QVERIFY2(booked.ok(), qPrintable(booked.error.detail));
        const QString firstUid = booked.value->externalUid;
        const auto moved = await<Appointment>([&](auto done) {
            m_calendars->reschedule(m_mia.companyId, booked.value->id, at(m_monday.addDays(3), 15),
                                    done);
        });
        QVERIFY2(moved.ok(), qPrintable(moved.error.detail));
        QCOMPARE(moved.value->range.startMs, at(m_monday.addDays(3), 15));
        QVERIFY(moved.value->externalUid != firstUid); // Cal.com made a new booking
        QCOMPARE(m_fake->booking(firstUid)->status, QStringLiteral("cancelled"));
        QCOMPARE(m_fake->booking(moved.value->externalUid)->startMs, at(m_monday.addDays(3), 15));

        const auto cancelled = await<Appointment>(
            [&](auto done) { m_calendars->cancel(m_mia.companyId, booked.value->id, {}, done); });
        QVERIFY2(cancelled.ok(), qPrintable(cancelled.error.detail));
        QCOMPARE(m_fake->booking(moved.value->externalUid)->status, QStringLiteral("cancelled"));
        QVERIFY(!m_fake->booking(moved.value->externalUid)->cancellationReason.isEmpty());
        QCOMPARE(m_db->scalar(QStringLiteral("SELECT status FROM appointments WHERE id = %1")
                                  .arg(booked.value->id))
                     .toString(),
                 QStringLiteral("cancelled"));
        // Cancelling again is not an error for the caller.
        const auto twice = await<Appointment>(
            [&](auto done) { m_calendars->cancel(m_mia.companyId, booked.value->id, {}, done); });
        QVERIFY(twice.ok());
    }

    void eventTypesAskWithTheUsername() {
        const auto types = await<QList<EventTypeInfo>>(
            [&](auto done) { m_calendars->eventTypes(m_mia.companyId, done); });
        QVERIFY2(types.ok(), qPrintable(types.error.detail));
        QCOMPARE(types.value->size(), 3);
        QCOMPARE(m_fake->requests().last().query.queryItemValue(QStringLiteral("username")),
                 QStringLiteral("mia"));
    }

    void healthReportsEveryFigure() {
        QVERIFY(availability(m_haircut, m_monday, m_monday).ok());
        QVERIFY(availability(m_haircut, m_monday, m_monday).ok());
        const QJsonArray all = m_calendars->calcomHealth();
        QCOMPARE(all.size(), 1);
        const QJsonObject h = all.first().toObject();
        QCOMPARE(h.value(QStringLiteral("company")).toString(), QStringLiteral("salon-mia"));
        const QJsonObject b = h.value(QStringLiteral("breaker")).toObject();
        QCOMPARE(b.value(QStringLiteral("state")).toString(), QStringLiteral("closed"));
        QCOMPARE(b.value(QStringLiteral("consecutive_failures")).toInt(), 0);
        QVERIFY(b.contains(QStringLiteral("retry_in_s")));
        QVERIFY(b.value(QStringLiteral("last_success_ago_s")).toDouble() >= 0);
        QVERIFY(b.contains(QStringLiteral("last_failure_ago_s")));
        const QJsonObject up = h.value(QStringLiteral("upstream")).toObject();
        QVERIFY(up.value(QStringLiteral("requests")).toInt() > 0);
        QVERIFY(up.value(QStringLiteral("p95_ms")).toDouble() >=
                up.value(QStringLiteral("p50_ms")).toDouble());
        const QJsonObject cache = h.value(QStringLiteral("cache")).toObject();
        QVERIFY(cache.value(QStringLiteral("hit_rate")).toDouble() > 0);
        QVERIFY(h.value(QStringLiteral("rate_budget"))
                    .toObject()
                    .value(QStringLiteral("remaining"))
                    .toInt() > 0);
    }

    // --- The real binary ---------------------------------------------------------------------

    void webhooksKeepAppointmentsInSync() {
        ServiceProcess service;
        service.setEnvironment(QStringLiteral("CALLBOOK_SECRET_CALCOM_SALON_MIA"),
                               QString::fromLatin1(kApiKey));
        service.setEnvironment(QStringLiteral("CALLBOOK_SECRET_CALCOM_WEBHOOK_SALON_MIA"),
                               QString::fromLatin1(kWebhookSecret));
        service.setEnvironment(QStringLiteral("CALLBOOK_SECRET_CALCOM_GARAGE_NORTH"),
                               QString::fromLatin1(kApiKey));
        QString error;
        QVERIFY2(
            service.start(*m_db, writeSampleConfig(m_db->dir(), {m_fake->baseUrl()}), {}, &error),
            qPrintable(error));
        const quint16 port = service.port();
        auto deliver = [&](const QByteArray &body, const QByteArray &signature,
                           const QByteArray &path = "/api/calcom/webhook") {
            return httpRequest(port, "POST", path, body, {{"X-Cal-Signature-256", signature}});
        };

        // Booked on Cal.com's own page: it appears in our appointments.
        FakeCalcom::Booking walkIn =
            m_fake->addForeignBooking(101, at(m_monday.addDays(4), 9), QStringLiteral("Jonas"));
        const QByteArray created = m_fake->webhookBody(QStringLiteral("BOOKING_CREATED"), walkIn);
        const auto ok = deliver(created, FakeCalcom::sign(created, kWebhookSecret));
        QCOMPARE(ok.status, 200);
        QCOMPARE(ok.json().value(QStringLiteral("stored")).toBool(), true);
        const QString byUid =
            QStringLiteral("SELECT %1 FROM appointments WHERE external_uid = '%2'");
        QCOMPARE(m_db->scalar(byUid.arg(QStringLiteral("starts_at_ms"), walkIn.uid)).toLongLong(),
                 at(m_monday.addDays(4), 9));
        QCOMPARE(m_db->scalar(byUid.arg(QStringLiteral("status"), walkIn.uid)).toString(),
                 QStringLiteral("booked"));

        // The same delivery again changes nothing.
        const auto dup = deliver(created, FakeCalcom::sign(created, kWebhookSecret));
        QCOMPARE(dup.status, 200);
        QCOMPARE(dup.json().value(QStringLiteral("duplicate")).toBool(), true);
        QCOMPARE(m_db->count(byUid.arg(QStringLiteral("COUNT(*)"), walkIn.uid)), 1);

        // Cal.com's webhook for a booking we made ourselves updates that row, no second one.
        const QString ours =
            m_db->scalar(QStringLiteral("SELECT external_uid FROM appointments WHERE call_id IS "
                                        "NOT NULL AND status = 'booked' AND provider = 'calcom' "
                                        "ORDER BY id LIMIT 1"))
                .toString();
        QVERIFY(!ours.isEmpty());
        const QByteArray echo =
            m_fake->webhookBody(QStringLiteral("BOOKING_CREATED"), *m_fake->booking(ours));
        QCOMPARE(deliver(echo, FakeCalcom::sign(echo, kWebhookSecret)).status, 200);
        QCOMPARE(m_db->count(byUid.arg(QStringLiteral("COUNT(*)"), ours)), 1);
        QVERIFY(!m_db->scalar(byUid.arg(QStringLiteral("call_id"), ours)).toString().isEmpty());

        // Bad signatures and the no-secret marker are refused and not stored.
        const qint64 storedBefore =
            m_db->count(QStringLiteral("SELECT COUNT(*) FROM calcom_webhook_events"));
        QCOMPARE(deliver(created, FakeCalcom::sign(created, "wrong")).errorCode(),
                 QStringLiteral("invalid_signature"));
        QCOMPARE(deliver(created, "no-secret-provided").status, 401);
        QCOMPARE(deliver(created, {}).status, 401);
        QCOMPARE(m_db->count(QStringLiteral("SELECT COUNT(*) FROM calcom_webhook_events")),
                 storedBefore);
        // Malformed bodies with a valid signature: a clear 400.
        const QByteArray garbage = "{not json";
        const auto bad = deliver(garbage, FakeCalcom::sign(garbage, kWebhookSecret));
        QCOMPARE(bad.status, 400);
        QCOMPARE(bad.errorCode(), QStringLiteral("invalid_json"));

        // Rescheduled on Cal.com: the old uid is cancelled, the new one mirrored.
        FakeCalcom::Booking moved = walkIn;
        moved.uid = walkIn.uid + QStringLiteral("-moved");
        moved.id = walkIn.id + 1;
        moved.startMs = at(m_monday.addDays(4), 11);
        moved.endMs = moved.startMs + 30 * 60000;
        moved.rescheduledFromUid = walkIn.uid;
        const QByteArray rescheduled =
            m_fake->webhookBody(QStringLiteral("BOOKING_RESCHEDULED"), moved);
        QCOMPARE(deliver(rescheduled, FakeCalcom::sign(rescheduled, kWebhookSecret)).status, 200);
        QCOMPARE(m_db->scalar(byUid.arg(QStringLiteral("status"), walkIn.uid)).toString(),
                 QStringLiteral("cancelled"));
        QCOMPARE(m_db->scalar(byUid.arg(QStringLiteral("starts_at_ms"), moved.uid)).toLongLong(),
                 moved.startMs);

        // Cancelled on Cal.com.
        moved.status = QStringLiteral("cancelled");
        moved.cancellationReason = QStringLiteral("Krank");
        const QByteArray cancelled =
            m_fake->webhookBody(QStringLiteral("BOOKING_CANCELLED"), moved);
        QCOMPARE(deliver(cancelled, FakeCalcom::sign(cancelled, kWebhookSecret)).status, 200);
        QCOMPARE(m_db->scalar(byUid.arg(QStringLiteral("status"), moved.uid)).toString(),
                 QStringLiteral("cancelled"));

        // Unknown triggers are acknowledged and kept.
        const QByteArray other =
            R"({"triggerEvent":"MEETING_ENDED","createdAt":"2026-11-24T10:00:00Z","payload":{"uid":"x"}})";
        const auto unknown = deliver(other, FakeCalcom::sign(other, kWebhookSecret));
        QCOMPARE(unknown.status, 200);
        QCOMPARE(m_db->count(QStringLiteral("SELECT COUNT(*) FROM calcom_webhook_events WHERE "
                                            "trigger_event = 'MEETING_ENDED'")),
                 1);

        // The garage has no webhook secret and explicitly allows unsigned deliveries.
        FakeCalcom::Booking oil =
            m_fake->addForeignBooking(201, at(m_monday, 10), QStringLiteral("Sam"));
        const QByteArray garage = m_fake->webhookBody(QStringLiteral("BOOKING_CREATED"), oil);
        QCOMPARE(deliver(garage, "no-secret-provided", "/api/calcom/webhook?company=garage-north")
                     .status,
                 200);
        QCOMPARE(m_db->count(byUid.arg(QStringLiteral("COUNT(*)"), oil.uid)), 1);
        // …but salon-mia does not.
        QCOMPARE(
            deliver(garage, "no-secret-provided", "/api/calcom/webhook?company=salon-mia").status,
            401);

        // Health over HTTP.
        const auto health = httpRequest(port, "GET", "/api/health/calcom");
        QCOMPARE(health.status, 200);
        const QJsonArray tenants = health.json().value(QStringLiteral("tenants")).toArray();
        QCOMPARE(tenants.size(), 2);
        QCOMPARE(tenants.first()
                     .toObject()
                     .value(QStringLiteral("breaker"))
                     .toObject()
                     .value(QStringLiteral("state"))
                     .toString(),
                 QStringLiteral("closed"));

        // A call starting warms the salon's two event types.
        m_fake->clearRequests();
        const QByteArray started =
            callEventBody(QStringLiteral("call_started"), QStringLiteral("call_prefetch"),
                          QStringLiteral("+493012345678"));
        QCOMPARE(postSigned(port, "/api/webhooks/retell", started).status, 200);
        QVERIFY(QTest::qWaitFor([&] { return slotRequests() >= 2; }, 5000));
        QCOMPARE(slotRequests(), 2);
        QCOMPARE(service.terminate(), 0);
    }
};

QTEST_GUILESS_MAIN(TestCalcom)
#include "tst_calcom.moc"
