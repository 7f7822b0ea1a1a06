// The pieces in front of Cal.com, with a hand-moved clock: circuit breaker, request budget,
// availability cache, and the reading of Cal.com's answers.
#include "calcom/availabilitycache.h"
#include "calcom/calcomapi.h"
#include "calcom/calcomwebhook.h"
#include "calcom/circuitbreaker.h"
#include "calcom/ratebudget.h"

#include <QJsonDocument>
#include <QTest>

using namespace Callbook;

class TestCalcomResilience : public QObject {
    Q_OBJECT
    qint64 m_now = 1000000;
    Clock clock() {
        return [this] { return m_now; };
    }

private Q_SLOTS:
    void init() { m_now = 1000000; }

    void breakerOpensAfterFiveConsecutiveFailures() {
        CircuitBreaker b({}, clock());
        for (int i = 0; i < 4; ++i) {
            auto p = b.tryPass();
            QVERIFY(p);
            b.recordFailure(*p, QStringLiteral("timeout"));
        }
        QCOMPARE(toString(b.state()), toString(CircuitBreaker::State::Closed));
        auto ok = b.tryPass();
        b.recordSuccess(*ok); // a success in between resets the count
        QCOMPARE(b.consecutiveFailures(), 0);
        for (int i = 0; i < 5; ++i)
            b.recordFailure(*b.tryPass(), QStringLiteral("HTTP 503"));
        QCOMPARE(toString(b.state()), toString(CircuitBreaker::State::Open));
        QVERIFY(!b.tryPass());
        QCOMPARE(b.retryInMs(), 60000);
        QCOMPARE(b.lastError(), QStringLiteral("HTTP 503"));
    }

    void breakerHalfOpenLetsExactlyOneProbeThrough() {
        CircuitBreaker b({}, clock());
        for (int i = 0; i < 5; ++i)
            b.recordFailure(*b.tryPass(), QStringLiteral("x"));
        m_now += 59999;
        QVERIFY(!b.tryPass());
        m_now += 1;
        QCOMPARE(toString(b.state()), toString(CircuitBreaker::State::HalfOpen));
        const auto probe = b.tryPass();
        QVERIFY(probe && probe->probe);
        QVERIFY(!b.tryPass()); // a second request while the probe is out is refused
        b.recordFailure(*probe, QStringLiteral("still down"));
        QCOMPARE(toString(b.state()), toString(CircuitBreaker::State::Open));
        QCOMPARE(b.retryInMs(), 60000);
        m_now += 60000;
        const auto second = b.tryPass();
        QVERIFY(second && second->probe);
        b.recordSuccess(*second);
        QCOMPARE(toString(b.state()), toString(CircuitBreaker::State::Closed));
        QVERIFY(b.tryPass());
        QCOMPARE(b.timesOpened(), 2);
    }

    void lateSuccessDoesNotCloseAnOpenBreaker() {
        CircuitBreaker b({}, clock());
        const auto early = b.tryPass();
        for (int i = 0; i < 5; ++i)
            b.recordFailure(*b.tryPass(), QStringLiteral("x"));
        b.recordSuccess(*early); // sent before it opened, answered after
        QCOMPARE(toString(b.state()), toString(CircuitBreaker::State::Open));
        b.reset();
        QCOMPARE(toString(b.state()), toString(CircuitBreaker::State::Closed));
    }

    void budgetStaysInside120PerMinute() {
        RateBudget budget({}, clock());
        int writes = 0;
        while (budget.tryAcquire(RateBudget::Priority::Write))
            ++writes;
        QCOMPARE(writes, 120);
        m_now += 59999;
        QVERIFY(!budget.tryAcquire(RateBudget::Priority::Write));
        m_now += 1; // the first request leaves the window
        QVERIFY(budget.tryAcquire(RateBudget::Priority::Write));
    }

    void lowerPrioritiesLeaveRoomForBookings() {
        RateBudget budget({}, clock());
        int prefetches = 0, reads = 0;
        while (budget.tryAcquire(RateBudget::Priority::Prefetch))
            ++prefetches;
        while (budget.tryAcquire(RateBudget::Priority::Read))
            ++reads;
        QCOMPARE(prefetches, 72);
        QCOMPARE(prefetches + reads, 108);
        QVERIFY(budget.tryAcquire(RateBudget::Priority::Write));
        QCOMPARE(budget.remaining(), 11);
    }

    void budgetBelievesCalcomHeadersAndBacksOffOn429() {
        RateBudget budget({}, clock());
        QVERIFY(budget.tryAcquire(RateBudget::Priority::Read));
        // Another process shares the key: Cal.com says only 3 are left.
        budget.observe(200, 3, 40);
        QCOMPARE(budget.remaining(), 3);
        budget.observe(429, 0, 17);
        QCOMPARE(budget.blockedForMs(), 17000);
        QVERIFY(!budget.tryAcquire(RateBudget::Priority::Write));
        m_now += 17000;
        QVERIFY(budget.tryAcquire(RateBudget::Priority::Write));
        // A 429 without headers waits a whole window.
        budget.observe(429, std::nullopt, std::nullopt);
        QCOMPARE(budget.blockedForMs(), 60000);
    }

    void cacheServesFreshDaysAndReportsWhatIsMissing() {
        AvailabilityCache cache({}, clock());
        const AvailabilityKey key{1, 0, 1001, QStringLiteral("Europe/Berlin")};
        const QDate d(2026, 12, 1);
        QMap<QDate, QList<TimeRange>> perDay;
        perDay[d] = {TimeRange{10, 20}};
        perDay[d.addDays(2)] = {TimeRange{30, 40}, TimeRange{50, 60}};
        cache.store(key, d, d.addDays(2), perDay, cache.ticket(1));
        auto hit = cache.lookup(key, d, d.addDays(2));
        QVERIFY(hit.fresh && hit.complete);
        QCOMPARE(hit.openSlots.size(), 3); // the empty middle day counts as known
        auto partial = cache.lookup(key, d.addDays(1), d.addDays(4));
        QVERIFY(!partial.fresh && !partial.complete);
        QCOMPARE(partial.firstMissing, d.addDays(3));
        QCOMPARE(partial.lastMissing, d.addDays(4));
        // Other tenants, event types and zones never see these entries.
        QVERIFY(!cache.lookup({2, 0, 1001, QStringLiteral("Europe/Berlin")}, d, d).complete);
        QVERIFY(!cache.lookup({1, 0, 1002, QStringLiteral("Europe/Berlin")}, d, d).complete);
        QVERIFY(!cache.lookup({1, 0, 1001, QStringLiteral("Europe/London")}, d, d).complete);
    }

    void cacheTtlAndStaleEntries() {
        AvailabilityCache cache({}, clock());
        const AvailabilityKey key{1, 0, 1001, QStringLiteral("UTC")};
        const QDate d(2026, 12, 1);
        cache.store(key, d, d, {{d, {TimeRange{1, 2}}}}, cache.ticket(1));
        m_now += 5 * 60 * 1000 - 1;
        QVERIFY(cache.lookup(key, d, d).fresh);
        m_now += 1;
        const auto stale = cache.lookup(key, d, d);
        QVERIFY(!stale.fresh && stale.complete); // kept to serve, marked stale, when Cal.com fails
        QCOMPARE(stale.openSlots.size(), 1);
    }

    void invalidationMakesEntriesStaleAtOnceAndBeatsOlderAnswers() {
        AvailabilityCache cache({}, clock());
        const AvailabilityKey key{7, 0, 1001, QStringLiteral("UTC")};
        const AvailabilityKey other{8, 0, 1001, QStringLiteral("UTC")};
        const QDate d(2026, 12, 1);
        cache.store(key, d, d, {}, cache.ticket(7));
        cache.store(other, d, d, {}, cache.ticket(8));
        const AvailabilityCache::Ticket sentBefore = cache.ticket(7);
        cache.invalidateCompany(7); // in the same millisecond: the order still counts
        QVERIFY(!cache.lookup(key, d, d).fresh);
        QVERIFY(cache.lookup(other, d, d).fresh);
        cache.store(key, d, d, {}, sentBefore);
        QVERIFY(!cache.lookup(key, d, d).fresh);
        cache.store(key, d, d, {}, cache.ticket(7)); // sent after it
        QVERIFY(cache.lookup(key, d, d).fresh);
        m_now += 10;
        cache.invalidateCompany(7);
        QVERIFY(!cache.lookup(key, d, d).fresh);
        QVERIFY(cache.lookup(other, d, d).fresh);
        // An answer to a request sent before the invalidation is stored only as stale.
        cache.store(key, d, d, {}, sentBefore);
        QVERIFY(!cache.lookup(key, d, d).fresh);
        m_now += 10;
        cache.store(key, d, d, {}, cache.ticket(7));
        QVERIFY(cache.lookup(key, d, d).fresh);
    }

    void slotsAnswerInTheRealShape() {
        const QByteArray body = R"({"status":"success","data":{
            "2050-09-05":[{"start":"2050-09-05T09:00:00.000+02:00"},{"start":"2050-09-05T09:30:00.000+02:00"}],
            "2050-09-06":["2050-09-06T10:00:00.000+02:00"]}})";
        QString error;
        const auto days = CalcomApi::parseSlots(QJsonDocument::fromJson(body).object(), 30, &error);
        QVERIFY2(days, qPrintable(error));
        QCOMPARE(days->size(), 2);
        const TimeRange first = days->value(QDate(2050, 9, 5)).first();
        QCOMPARE(CalcomApi::utcIso(first.startMs), QStringLiteral("2050-09-05T07:00:00.000Z"));
        QCOMPARE(first.endMs - first.startMs, 30 * 60000);
        QVERIFY(!CalcomApi::parseSlots(
            QJsonObject{{QStringLiteral("status"), QStringLiteral("success")}}, 30, &error));
    }

    void slotsRequestCoversLocalDaysInUtc() {
        const auto r = CalcomApi::slotsRequest(1001, QTimeZone("Europe/Berlin"), QDate(2026, 3, 29),
                                               QDate(2026, 3, 30));
        QCOMPARE(r.apiVersion, QByteArray("2024-09-04"));
        QCOMPARE(r.query.queryItemValue(QStringLiteral("start")),
                 QStringLiteral("2026-03-28T23:00:00.000Z"));
        // The clocks went forward on the 29th: the 31st starts at 22:00 UTC.
        QCOMPARE(r.query.queryItemValue(QStringLiteral("end")),
                 QStringLiteral("2026-03-30T21:59:59.000Z"));
        QCOMPARE(r.query.queryItemValue(QStringLiteral("timeZone")),
                 QStringLiteral("Europe/Berlin"));
    }

    void webhookSignatureIsHexHmacOfTheExactBody() {
        const QByteArray body = R"({"triggerEvent":"BOOKING_CREATED","payload":{"uid":"u1"}})";
        const QByteArray sig = CalcomWebhook::sign(body, "whsec");
        QCOMPARE(sig.size(), 64);
        QVERIFY(CalcomWebhook::verify(sig, body, "whsec"));
        QVERIFY(CalcomWebhook::verify(sig.toUpper(), body, "whsec"));
        QVERIFY(!CalcomWebhook::verify(sig, body + " ", "whsec"));
        QVERIFY(!CalcomWebhook::verify(sig, body, "other"));
        QVERIFY(!CalcomWebhook::verify("no-secret-provided", body, "whsec"));
        QVERIFY(!CalcomWebhook::verify(sig, body, QByteArray()));
        const auto parsed = CalcomWebhook::parse(body);
        QVERIFY(parsed.delivery);
        QCOMPARE(parsed.delivery->dedupeKey, QStringLiteral("BOOKING_CREATED:u1"));
        QCOMPARE(CalcomWebhook::parse("not json").errorCode, QStringLiteral("invalid_json"));
        QCOMPARE(CalcomWebhook::parse("{}").errorCode, QStringLiteral("invalid_payload"));
    }
};

QTEST_GUILESS_MAIN(TestCalcomResilience)
#include "tst_calcomresilience.moc"
