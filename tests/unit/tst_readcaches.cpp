// The service thread's read caches without a database: the busy times of the built-in calendar
// and the caller records. A scripted fetch answers when the test says so, and a test clock
// moves time: hits, shared misses, a change while a read is under way, the maximum age, hold
// expiry, and the memory bounds.

#include "calendar/busytimescache.h"
#include "calendar/callercache.h"

#include <QTest>
#include <deque>

using namespace Callbook;

namespace {

constexpr qint64 kDay = BusyTimesCache::kBucketMs;
constexpr qint64 kHour = 3600 * 1000;
constexpr qint64 kCompany = 7;
const qint64 kMonday = 20000 * kDay; // any day will do; buckets are UTC days

// Reads the test completes by hand, in order.
template<typename Done> struct ScriptedReads {
    struct Read {
        qint64 companyId;
        TimeRange span;
        QString phone;
        Done done;
    };
    std::deque<Read> open;
    int count = 0;
};

} // namespace

class TestReadCaches : public QObject {
    Q_OBJECT

    qint64 m_now = 1000000;
    Clock clock() {
        return [this] { return m_now; };
    }

    ScriptedReads<BusyTimesCache::FetchDone> m_busyReads;
    std::unique_ptr<BusyTimesCache> busyCache(BusyTimesCache::Settings settings = {}) {
        return std::make_unique<BusyTimesCache>(
            [this](qint64 companyId, const TimeRange &span, qint64, BusyTimesCache::FetchDone d) {
                ++m_busyReads.count;
                m_busyReads.open.push_back({companyId, span, {}, std::move(d)});
            },
            settings, clock());
    }
    // Completes the oldest read with what the database holds.
    void answerBusy(const QList<BusyTime> &database) {
        auto read = std::move(m_busyReads.open.front());
        m_busyReads.open.pop_front();
        QList<BusyTime> overlapping;
        for (const BusyTime &b : database)
            if (b.range.overlaps(read.span))
                overlapping.append(b);
        read.done(overlapping, {});
    }

    struct Answer {
        bool answered = false;
        bool fromMemory = false;
        QList<TimeRange> busy;
    };
    std::shared_ptr<Answer> ask(BusyTimesCache &cache, const TimeRange &within, qint64 nowMs) {
        auto a = std::make_shared<Answer>();
        cache.busyTimes(kCompany, within, nowMs,
                        [a](CalendarReply<QList<TimeRange>> reply, bool fromMemory) {
                            QVERIFY(reply.ok());
                            a->answered = true;
                            a->fromMemory = fromMemory;
                            a->busy = *reply.value;
                        });
        return a;
    }

    const TimeRange week{kMonday, kMonday + 7 * kDay};
    const BusyTime tuesdayTen{{kMonday + kDay + 10 * kHour, kMonday + kDay + 11 * kHour}};

private Q_SLOTS:
    void init() {
        m_busyReads = {};
        m_now = 1000000;
    }

    void missThenHitGivesTheSameAnswer() {
        auto cache = busyCache();
        auto cold = ask(*cache, week, 0);
        QVERIFY(!cold->answered);
        answerBusy({tuesdayTen});
        QVERIFY(cold->answered);
        QVERIFY(!cold->fromMemory);
        QCOMPARE(cold->busy, QList<TimeRange>{tuesdayTen.range});
        auto warm = ask(*cache, week, 0);
        QVERIFY(warm->answered);
        QVERIFY(warm->fromMemory);
        QCOMPARE(warm->busy, cold->busy);
        // One day inside the week, and an entry over midnight seen from both of its days.
        const BusyTime overMidnight{{kMonday + 2 * kDay - kHour, kMonday + 2 * kDay + kHour}};
        cache->forget(kCompany);
        ask(*cache, week, 0);
        answerBusy({tuesdayTen, overMidnight});
        auto tuesday = ask(*cache, {kMonday + kDay, kMonday + 2 * kDay}, 0);
        QVERIFY(tuesday->fromMemory);
        QCOMPARE(tuesday->busy, (QList<TimeRange>{tuesdayTen.range, overMidnight.range}));
        auto twoDays = ask(*cache, {kMonday + kDay, kMonday + 3 * kDay}, 0);
        QCOMPARE(twoDays->busy.size(), 2); // not twice the one over midnight
        QCOMPARE(m_busyReads.count, 2);
    }

    void concurrentMissesShareOneRead() {
        auto cache = busyCache();
        auto a = ask(*cache, week, 0);
        auto b = ask(*cache, {kMonday + kDay, kMonday + 2 * kDay}, 0); // inside the read's span
        QCOMPARE(m_busyReads.count, 1);
        answerBusy({tuesdayTen});
        QVERIFY(a->answered && b->answered);
        QCOMPARE(b->busy, QList<TimeRange>{tuesdayTen.range});
    }

    // A booking commits while a read is under way: that read may predate it, so it is not kept,
    // and a question after the change does not wait for it.
    void aChangeDuringAReadIsNotPapered() {
        auto cache = busyCache();
        auto before = ask(*cache, week, 0);
        cache->forget(kCompany);
        auto after = ask(*cache, week, 0);
        QCOMPARE(m_busyReads.count, 2);
        answerBusy({}); // the old read: without the booking
        QVERIFY(before->answered);
        QVERIFY(!after->answered);
        answerBusy({tuesdayTen});
        QCOMPARE(after->busy, QList<TimeRange>{tuesdayTen.range});
        auto again = ask(*cache, week, 0);
        QVERIFY(again->fromMemory);
        QCOMPARE(again->busy, QList<TimeRange>{tuesdayTen.range});
        // forgetAll() (the listener reconnected) too.
        auto pending = ask(*cache, {kMonday + 9 * kDay, kMonday + 10 * kDay}, 0);
        cache->forgetAll();
        answerBusy({});
        QVERIFY(pending->answered);
        QCOMPARE(cache->bucketCount(), 0);
        QVERIFY(!ask(*cache, week, 0)->answered);
    }

    void entriesOlderThanTheMaximumAgeAreReadAgain() {
        auto cache = busyCache({5000, 100});
        ask(*cache, week, 0);
        answerBusy({});
        m_now += 4999;
        QVERIFY(ask(*cache, week, 0)->fromMemory);
        m_now += 1;
        QVERIFY(!ask(*cache, week, 0)->answered);
        QCOMPARE(m_busyReads.count, 2);
    }

    void aHoldStopsBeingBusyWhenItExpires() {
        auto cache = busyCache();
        const qint64 expires = kMonday + 30 * 60000;
        const BusyTime hold{tuesdayTen.range, expires};
        ask(*cache, week, kMonday);
        answerBusy({hold});
        QCOMPARE(ask(*cache, week, expires - 1)->busy, QList<TimeRange>{hold.range});
        auto later = ask(*cache, week, expires);
        QVERIFY(later->fromMemory);
        QVERIFY(later->busy.isEmpty());
    }

    void daysStayWithinTheBound() {
        auto cache = busyCache({60000, 40});
        for (int n = 0; n < 30; ++n) {
            m_now += 10;
            const TimeRange w{kMonday + n * 7 * kDay, kMonday + (n + 1) * 7 * kDay};
            ask(*cache, w, 0);
            answerBusy({});
            QVERIFY2(cache->bucketCount() <= 40, qPrintable(QString::number(cache->bucketCount())));
        }
        // The newest stay.
        const TimeRange last{kMonday + 29 * 7 * kDay, kMonday + 30 * 7 * kDay};
        QVERIFY(ask(*cache, last, 0)->fromMemory);
        QVERIFY(!ask(*cache, week, 0)->answered);
    }

    void callersFromMemoryUntilForgotten() {
        ScriptedReads<CallerCache::FetchDone> reads;
        CallerCache cache(
            [&](qint64 companyId, const QString &phone, qint64, CallerCache::FetchDone d) {
                ++reads.count;
                reads.open.push_back({companyId, {}, phone, std::move(d)});
            },
            {10000, 3}, clock());
        Appointment tuesday;
        tuesday.id = 1;
        tuesday.range = tuesdayTen.range;
        CallerRecord erika{Customer{5,
                                    QStringLiteral("Erika"),
                                    QStringLiteral("Mustermann"),
                                    QStringLiteral("+4915112345678"),
                                    {}},
                           {tuesday}};
        std::optional<CallerRecord> seen;
        bool fromMemory = false;
        auto askFor = [&](const QString &phone, qint64 nowMs) {
            seen.reset();
            cache.caller(kCompany, phone, nowMs, [&](CalendarReply<CallerRecord> r, bool memory) {
                seen = r.value;
                fromMemory = memory;
            });
        };
        askFor(QString(), 0);
        QVERIFY(seen && !seen->customer && fromMemory); // nobody, without a read
        QCOMPARE(reads.count, 0);
        askFor(erika.customer->phone, 0);
        askFor(erika.customer->phone, 0);
        QCOMPARE(reads.count, 1);
        reads.open.front().done(erika, {});
        reads.open.pop_front();
        QVERIFY(seen && seen->customer && seen->upcoming.size() == 1);
        askFor(erika.customer->phone, 0);
        QVERIFY(fromMemory);
        QCOMPARE(seen->customer->firstName, QStringLiteral("Erika"));
        // The appointment is over: no longer "upcoming", also from memory.
        askFor(erika.customer->phone, tuesday.range.endMs);
        QVERIFY(fromMemory && seen->upcoming.isEmpty());
        cache.forget(kCompany);
        askFor(erika.customer->phone, 0);
        QVERIFY(!seen);
        QCOMPARE(reads.count, 2);
        reads.open.front().done(CallerRecord{}, {});
        reads.open.pop_front();
        // Bounded: the oldest go first.
        for (int i = 0; i < 10; ++i) {
            m_now += 10;
            askFor(QStringLiteral("+49300000%1").arg(i), 0);
            reads.open.front().done(CallerRecord{}, {});
            reads.open.pop_front();
            QVERIFY(cache.size() <= 3);
        }
    }
};

QTEST_GUILESS_MAIN(TestReadCaches)
#include "tst_readcaches.moc"
