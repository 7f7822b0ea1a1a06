// Property test of the local calendar: several connections (as several service instances would
// have) race random book / cancel / reschedule operations on one business. Afterwards no two
// booked appointments overlap (with their buffers), none takes a slot another caller holds, and
// every one lies inside opening hours. SQLite and PostgreSQL.

#include "calendar/localbookings.h"
#include "store/store.h"
#include "store/storesession.h"
#include "testsupport.h"

#include <QDateTime>
#include <QRandomGenerator>
#include <QSqlQuery>
#include <QTest>
#include <atomic>
#include <functional>
#include <thread>

using namespace Callbook;
using namespace CallbookTest;

static const QTimeZone kBerlin("Europe/Berlin");
static const QDate kMonday(2026, 11, 30);

class TestLocalBookings : public QObject {
    Q_OBJECT
    std::unique_ptr<TestDatabase> m_db;
    std::vector<std::unique_ptr<Store>> m_stores;
    qint64 m_mia = 0, m_garage = 0;

    OpeningRules rules() const {
        OpeningRules r;
        r.zone = kBerlin;
        for (int wd = 1; wd <= 5; ++wd)
            r.hours.append(OpeningRange{wd, 9 * 60, 18 * 60});
        return r;
    }
    static qint64 at(int hour, int minute) {
        return QDateTime(kMonday, QTime(hour, minute), kBerlin).toMSecsSinceEpoch();
    }

    // Four connections (as four service instances) race `opsPerThread` random book / cancel /
    // reschedule operations each on one business, on the day starting at `dayMs`; `makeRequest`
    // draws each wanted booking (start between 08:00 and 18:45, some outside opening hours).
    struct RaceResult {
        int booked = 0, cancelled = 0, failures = 0;
    };
    RaceResult raceRandomOperations(
        qint64 dayMs, int opsPerThread,
        const std::function<BookingRequest(QRandomGenerator &, qint64 start)> &makeRequest) {
        const OpeningRules r = rules();
        const quint32 seed = QRandomGenerator::global()->generate();
        qInfo("seed %u", seed);
        std::atomic<int> booked{0}, cancelled{0}, failures{0};
        std::vector<std::thread> threads;
        for (int t = 0; t < 4; ++t) {
            threads.emplace_back([&, t] {
                QRandomGenerator rng(seed + quint32(t));
                Store &store = *m_stores[size_t(t)];
                QList<qint64> mine;
                for (int i = 0; i < opsPerThread; ++i) {
                    const qint64 start =
                        dayMs + 8 * 3600000LL + qint64(rng.bounded(44)) * 15 * 60000;
                    const BookingRequest req = makeRequest(rng, start);
                    const int op = mine.isEmpty() ? 0 : rng.bounded(4);
                    const StoreResult res =
                        store.runAndWait(m_mia, [&](StoreSession &s) -> QVariant {
                            if (op <= 1) {
                                const BookingResult b = LocalBookings::book(s, r, req, 0);
                                return b.outcome == BookingResult::Outcome::Booked ? b.appointmentId
                                                                                   : 0;
                            }
                            const qint64 id = mine.at(rng.bounded(int(mine.size())));
                            if (op == 2)
                                return LocalBookings::cancel(s, m_mia, id, 0) ? -id : 0;
                            LocalBookings::reschedule(s, r, m_mia, id, req.range, 0, req.blocked());
                            return 0;
                        });
                    if (!res.ok()) {
                        ++failures; // busy/locked: reported, not wrong
                        continue;
                    }
                    const qint64 v = res.value.toLongLong();
                    if (v > 0) {
                        mine.append(v);
                        ++booked;
                    } else if (v < 0) {
                        mine.removeAll(-v);
                        ++cancelled;
                    }
                }
            });
        }
        for (auto &th : threads)
            th.join();
        qInfo("booked %d, cancelled %d, transient failures %d", int(booked), int(cancelled),
              int(failures));
        return {booked, cancelled, failures};
    }

private Q_SLOTS:
    void initTestCase() {
        m_db = std::make_unique<TestDatabase>();
        QString error;
        QVERIFY2(m_db->create(&error), qPrintable(error));
        QVERIFY2(migrateWithSampleConfig(*m_db, &error), qPrintable(error));
        m_mia = m_db->scalar(QStringLiteral("SELECT id FROM companies WHERE slug = 'salon-mia'"))
                    .toLongLong();
        m_garage =
            m_db->scalar(QStringLiteral("SELECT id FROM companies WHERE slug = 'garage-north'"))
                .toLongLong();
        const auto settings = DatabaseSettings::fromUrl(m_db->serviceUrl(), &error);
        QVERIFY(settings);
        for (int i = 0; i < 4; ++i) {
            m_stores.push_back(std::make_unique<Store>(*settings));
            QVERIFY2(m_stores.back()->start(&error), qPrintable(error));
        }
    }

    void cleanupTestCase() {
        for (auto &s : m_stores)
            s->stop();
        m_stores.clear();
    }

    void retriedBookingReturnsTheFirst() {
        const OpeningRules r = rules();
        BookingRequest req{m_mia,
                           std::nullopt,
                           {at(8, 0) + 86400000LL * 7, at(8, 30) + 86400000LL * 7},
                           QStringLiteral("call_x:slot"),
                           QStringLiteral("call_x"),
                           {},
                           {}};
        req.range = {at(9, 0) + 86400000LL * 7, at(9, 30) + 86400000LL * 7}; // next Monday 09:00
        auto run = [&](Store &store) {
            return store
                .runAndWait(m_mia,
                            [&](StoreSession &s) {
                                const BookingResult b = LocalBookings::book(s, r, req, 0);
                                return QVariant::fromValue(
                                    QList<qint64>{qint64(b.outcome), b.appointmentId});
                            })
                .value.value<QList<qint64>>();
        };
        const QList<qint64> first = run(*m_stores[0]);
        const QList<qint64> again = run(*m_stores[1]);
        QCOMPARE(first.value(0), qint64(BookingResult::Outcome::Booked));
        QCOMPARE(again.value(0), qint64(BookingResult::Outcome::AlreadyBooked));
        QCOMPARE(again.value(1), first.value(1));
        QCOMPARE(m_db->count(QStringLiteral(
                     "SELECT COUNT(*) FROM appointments WHERE idempotency_key = 'call_x:slot'")),
                 1);
        // Another business cannot cancel or move it.
        const StoreResult foreign = m_stores[2]->runAndWait(m_garage, [&](StoreSession &s) {
            return QVariant(LocalBookings::cancel(s, m_garage, first.value(1), 0));
        });
        QVERIFY(foreign.ok());
        QCOMPARE(foreign.value.toBool(), false);
        QCOMPARE(m_db->scalar(QStringLiteral("SELECT status FROM appointments WHERE id = %1")
                                  .arg(first.value(1)))
                     .toString(),
                 QStringLiteral("booked"));
    }

    // All connections try the very same slot at the same instant, round after round.
    void sameSlotRaceHasOneWinner() {
        const OpeningRules r = rules();
        const int rounds = 20;
        const int contenders = int(m_stores.size());
        std::atomic<int> arrived{0};
        std::vector<std::vector<int>> wins(size_t(rounds), std::vector<int>(size_t(contenders), 0));
        std::vector<std::thread> threads;
        for (int t = 0; t < contenders; ++t) {
            threads.emplace_back([&, t] {
                for (int round = 0; round < rounds; ++round) {
                    const qint64 start =
                        at(9, 0) + 86400000LL * (14 + round); // two weeks on, one per day
                    ++arrived;
                    while (arrived.load() < contenders * (round + 1))
                        std::this_thread::yield();
                    const StoreResult res =
                        m_stores[size_t(t)]->runAndWait(m_mia, [&](StoreSession &s) -> QVariant {
                            const BookingRequest req{
                                m_mia, std::nullopt, {start, start + 30 * 60000}, {}, {}, {}, {}};
                            return LocalBookings::book(s, r, req, 0).outcome ==
                                   BookingResult::Outcome::Booked;
                        });
                    wins[size_t(round)][size_t(t)] = res.ok() && res.value.toBool() ? 1 : 0;
                }
            });
        }
        for (auto &th : threads)
            th.join();
        int weekdays = 0;
        for (int round = 0; round < rounds; ++round) {
            const QDate day = kMonday.addDays(14 + round);
            const bool open = day.dayOfWeek() <= 5;
            weekdays += open ? 1 : 0;
            int winners = 0;
            for (int w : wins[size_t(round)])
                winners += w;
            QCOMPARE(winners, open ? 1 : 0);
        }
        QCOMPARE(
            m_db->count(QStringLiteral("SELECT COUNT(*) FROM appointments WHERE starts_at_ms >= %1")
                            .arg(at(0, 0) + 86400000LL * 14)),
            qint64(weekdays));
    }

    void concurrentRandomOperationsNeverOverlap() {
        const OpeningRules r = rules();
        const auto [booked, cancelled, failures] =
            raceRandomOperations(at(0, 0), 80, [this](QRandomGenerator &rng, qint64 start) {
                return BookingRequest{
                    m_mia, std::nullopt, {start, start + qint64(30 + 15 * rng.bounded(3)) * 60000},
                    {},    {},           {},
                    {}};
            });
        QVERIFY(booked > 10);
        QVERIFY(failures < 40);
        QCOMPARE(
            m_db->count(QStringLiteral(
                "SELECT COUNT(*) FROM appointments a JOIN appointments b ON a.id < b.id "
                "AND a.company_id = b.company_id AND a.status = 'booked' AND b.status = 'booked' "
                "AND a.starts_at_ms < b.ends_at_ms AND b.starts_at_ms < a.ends_at_ms")),
            0);
        // Every booking this test made and did not cancel is there (its day only).
        QCOMPARE(
            m_db->count(
                QStringLiteral(
                    "SELECT COUNT(*) FROM appointments WHERE company_id = %1 AND status = 'booked' "
                    "AND starts_at_ms >= %2 AND starts_at_ms < %3")
                    .arg(m_mia)
                    .arg(at(0, 0))
                    .arg(at(0, 0) + 86400000LL)),
            qint64(booked - cancelled));
        QSqlQuery q(m_db->ownerConnection());
        QVERIFY(q.exec(QStringLiteral(
            "SELECT starts_at_ms, ends_at_ms FROM appointments WHERE status = 'booked'")));
        while (q.next())
            QVERIFY(r.isOpenFor(TimeRange{q.value(0).toLongLong(), q.value(1).toLongLong()}));
    }

    // Services with preparation and clean-up buffers, and a slot another caller is holding
    // while they confirm: random concurrent operations never let blocked times overlap, never
    // take the held slot, and never leave opening hours.
    void buffersAndHoldsAreNeverCrossed() {
        const OpeningRules r = rules();
        const qint64 day = 86400000LL; // Tuesday of the test week
        const TimeRange hold{at(12, 0) + day, at(13, 0) + day};
        QSqlQuery insert(m_db->ownerConnection());
        QVERIFY(insert.exec(
            QStringLiteral("INSERT INTO booking_holds (company_id, call_id, token, "
                           "starts_at_ms, ends_at_ms, expires_at_ms, created_at_ms) VALUES "
                           "(%1, 'call_other', 'hold-1', %2, %3, %4, 0)")
                .arg(m_mia)
                .arg(hold.startMs)
                .arg(hold.endMs)
                .arg(hold.endMs)));
        const RaceResult run =
            raceRandomOperations(at(0, 0) + day, 60, [this](QRandomGenerator &rng, qint64 start) {
                BookingRequest req{m_mia, std::nullopt, {start, start + 30 * 60000LL}, {}, {}, {},
                                   {}};
                req.range.endMs += qint64(15 * rng.bounded(3)) * 60000;
                req.bufferBeforeMin = int(rng.bounded(3)) * 5;
                req.bufferAfterMin = int(rng.bounded(3)) * 10;
                return req;
            });
        QVERIFY(run.booked > 5);
        const QString blockedOverlap = QStringLiteral(
            "SELECT COUNT(*) FROM appointments a JOIN appointments b ON a.id < b.id "
            "AND a.company_id = b.company_id AND a.status = 'booked' AND b.status = 'booked' "
            "AND a.blocked_from_ms < b.blocked_until_ms AND b.blocked_from_ms < "
            "a.blocked_until_ms");
        QCOMPARE(m_db->count(blockedOverlap), 0);
        QCOMPARE(m_db->count(QStringLiteral("SELECT COUNT(*) FROM appointments WHERE status = "
                                            "'booked' AND blocked_from_ms < %1 AND "
                                            "blocked_until_ms > %2")
                                 .arg(hold.endMs)
                                 .arg(hold.startMs)),
                 0);
        QCOMPARE(m_db->count(QStringLiteral("SELECT COUNT(*) FROM appointments WHERE "
                                            "blocked_from_ms IS NULL OR blocked_until_ms IS NULL")),
                 0);
        QSqlQuery q(m_db->ownerConnection());
        QVERIFY(q.exec(QStringLiteral(
            "SELECT starts_at_ms, ends_at_ms FROM appointments WHERE status = 'booked'")));
        while (q.next())
            QVERIFY(r.isOpenFor(TimeRange{q.value(0).toLongLong(), q.value(1).toLongLong()}));
    }
};

QTEST_GUILESS_MAIN(TestLocalBookings)
#include "tst_localbookings.moc"
