#include "calendar/localavailability.h"

#include <QDateTime>
#include <QTest>
#include <algorithm>

using namespace Callbook;

static const QTimeZone kBerlin("Europe/Berlin");

static qint64 berlin(const QDate &d, int h, int m = 0) {
    return QDateTime(d, QTime(h, m), kBerlin).toMSecsSinceEpoch();
}
static qint64 utc(const QDate &d, int h, int m = 0) {
    return QDateTime(d, QTime(h, m), Qt::UTC).toMSecsSinceEpoch();
}
static QString localTimes(const QList<TimeRange> &found) {
    QStringList out;
    for (const TimeRange &s : found)
        out << QDateTime::fromMSecsSinceEpoch(s.startMs, kBerlin).toString(QStringLiteral("HH:mm"));
    return out.join(QLatin1Char(' '));
}

class TestLocalAvailability : public QObject {
    Q_OBJECT

    OpeningRules salon() const {
        OpeningRules r;
        r.zone = kBerlin;
        for (int wd = 1; wd <= 5; ++wd)
            r.hours.append(OpeningRange{wd, 9 * 60, 18 * 60});
        r.hours.append(OpeningRange{6, 10 * 60, 14 * 60});
        r.closures.insert(QDate(2026, 12, 24));
        return r;
    }

private Q_SLOTS:
    void fullWeekdayInWinter() {
        const QDate monday(2026, 11, 30);
        SlotQuery q{monday, monday, 30, 0, 0, 30};
        const QList<TimeRange> found = freeSlots(salon(), q, {});
        QCOMPARE(found.size(), 18);                      // 09:00 … 17:30
        QCOMPARE(found.first().startMs, utc(monday, 8)); // CET = UTC+1
        QCOMPARE(found.last().endMs, berlin(monday, 18));
        for (const TimeRange &s : found)
            QCOMPARE(s.endMs - s.startMs, 30 * 60000);
    }

    void summerOffsetIsRespected() {
        const QDate monday(2026, 7, 6);
        const QList<TimeRange> found =
            freeSlots(salon(), SlotQuery{monday, monday, 30, 0, 0, 30}, {});
        QCOMPARE(found.first().startMs, utc(monday, 7)); // CEST = UTC+2
    }

    void closuresAndClosedDays() {
        const QDate christmasEve(2026, 12, 24); // a Thursday, closed
        QVERIFY(freeSlots(salon(), SlotQuery{christmasEve, christmasEve}, {}).isEmpty());
        const QDate sunday(2026, 11, 29);
        QVERIFY(freeSlots(salon(), SlotQuery{sunday, sunday}, {}).isEmpty());
        const QDate saturday(2026, 11, 28);
        QCOMPARE(localTimes(freeSlots(salon(), SlotQuery{saturday, saturday, 60, 0, 0, 60}, {})),
                 QStringLiteral("10:00 11:00 12:00 13:00"));
    }

    void busyTimesAndBuffers() {
        const QDate monday(2026, 11, 30);
        OpeningRules r = salon();
        const QList<TimeRange> busy = {{berlin(monday, 10), berlin(monday, 11)}};
        SlotQuery q{monday, monday, 30, 0, 0, 30};
        QString times = localTimes(freeSlots(r, q, busy));
        QVERIFY(times.contains(QStringLiteral("09:30 11:00")));
        QVERIFY(!times.contains(QStringLiteral("10:00")) &&
                !times.contains(QStringLiteral("10:30")));
        q.bufferAfterMin = 15; // cleaning up after the service
        q.bufferBeforeMin = 15;
        times = localTimes(freeSlots(r, q, busy));
        QVERIFY2(times.startsWith(QStringLiteral("09:00 11:30")), qPrintable(times));
    }

    void lunchBreakAndStep() {
        OpeningRules r;
        r.zone = kBerlin;
        r.hours = {OpeningRange{1, 9 * 60, 12 * 60}, OpeningRange{1, 13 * 60, 15 * 60}};
        const QDate monday(2026, 11, 30);
        const QList<TimeRange> found = freeSlots(r, SlotQuery{monday, monday, 45, 0, 0, 15}, {});
        const QString times = localTimes(found);
        QVERIFY2(times.endsWith(QStringLiteral("11:15 13:00 13:15 13:30 13:45 14:00 14:15")),
                 qPrintable(times));
        for (const TimeRange &s : found)
            QVERIFY(r.isOpenFor(s));
        QVERIFY(!r.isOpenFor(TimeRange{berlin(monday, 11, 30), berlin(monday, 12, 15)}));
    }

    void notInThePast() {
        const QDate monday(2026, 11, 30);
        SlotQuery q{monday, monday, 30, 0, 0, 15};
        q.notBeforeMs = berlin(monday, 11, 10);
        QVERIFY(localTimes(freeSlots(salon(), q, {})).startsWith(QStringLiteral("11:15")));
    }

    // Clock changes: Cal.com has offered afternoon found an hour off on such days (#30021).
    void springForwardDay() {
        OpeningRules r;
        r.zone = kBerlin;
        r.hours = {OpeningRange{7, 1 * 60, 4 * 60}, OpeningRange{7, 13 * 60, 15 * 60}};
        const QDate day(2026, 3, 29); // 02:00 CET → 03:00 CEST
        const QList<TimeRange> found = freeSlots(r, SlotQuery{day, day, 30, 0, 0, 30}, {});
        // 01:00–04:00 local is two real hours: four half-hour found, none at 02:xx.
        QCOMPARE(localTimes(found),
                 QStringLiteral("01:00 01:30 03:00 03:30 13:00 13:30 14:00 14:30"));
        QCOMPARE(found.at(4).startMs, utc(day, 11)); // the afternoon is on summer time
    }

    void fallBackDay() {
        OpeningRules r;
        r.zone = kBerlin;
        r.hours = {OpeningRange{7, 1 * 60, 4 * 60}, OpeningRange{7, 13 * 60, 14 * 60}};
        const QDate day(2026, 10, 25); // 03:00 CEST → 02:00 CET
        const QList<TimeRange> found = freeSlots(r, SlotQuery{day, day, 60, 0, 0, 60}, {});
        // 01:00–04:00 local is four real hours now.
        QCOMPARE(found.size(), 5);
        QCOMPARE(found.at(4).startMs, utc(day, 12)); // 13:00 CET
        for (int i = 1; i < 4; ++i)
            QCOMPARE(found.at(i).startMs - found.at(i - 1).startMs, 60 * 60000);
    }

    void rangeAcrossDaysAndLimit() {
        const QDate monday(2026, 11, 30);
        SlotQuery q{monday, monday.addDays(6), 60, 0, 0, 60};
        QCOMPARE(freeSlots(salon(), q, {}).size(), 5 * 9 + 4);
        q.maxSlots = 3;
        QCOMPARE(freeSlots(salon(), q, {}).size(), 3);
    }

    // Against the plain rule (a slot is free when, with its buffers, it overlaps nothing busy),
    // for busy times in any order, overlapping, empty, and reaching over midnight.
    void sameAsCheckingEveryBusyTime() {
        OpeningRules rules = salon();
        rules.hours.append(OpeningRange{3, 19 * 60, 24 * 60}); // a late Wednesday
        rules.hours.append(OpeningRange{2, 7 * 60, 8 * 60});   // and an early Tuesday
        const QDate first(2026, 3, 23);                        // the week of the clock change
        quint32 seed = 12345;
        auto next = [&seed](int n) {
            seed = seed * 1103515245u + 12345u;
            return int((seed >> 8) % quint32(n));
        };
        for (int round = 0; round < 400; ++round) {
            QList<TimeRange> busy;
            const int count = next(30);
            for (int i = 0; i < count; ++i) {
                const qint64 start = berlin(first.addDays(next(8)), 7 + next(16), next(60));
                busy.append({start, start + qint64(next(240)) * 60000});
            }
            SlotQuery q{first,       first.addDays(next(8)), 15 + 15 * next(4), 5 * next(4),
                        5 * next(4), 15 + 15 * next(2)};
            q.maxSlots = next(3) ? 500 : 1 + next(40);
            q.notBeforeMs = next(2) ? 0 : berlin(first.addDays(next(3)), 10);
            // The rule, with the limit checked as it always was: before each day and after
            // each slot (a day's later opening can still add one).
            QList<TimeRange> expected;
            const qint64 duration = qint64(q.durationMin) * 60000;
            for (QDate day = q.firstDay; day <= q.lastDay && expected.size() < q.maxSlots;
                 day = day.addDays(1))
                for (const TimeRange &open : rules.openIntervals(day))
                    for (qint64 s = open.startMs; s + duration <= open.endMs;
                         s += qint64(q.stepMin) * 60000) {
                        if (s < q.notBeforeMs)
                            continue;
                        const TimeRange blocked{s - q.bufferBeforeMin * 60000,
                                                s + duration + q.bufferAfterMin * 60000};
                        if (std::none_of(busy.begin(), busy.end(),
                                         [&](const TimeRange &b) { return b.overlaps(blocked); }))
                            expected.append({s, s + duration});
                        if (expected.size() >= q.maxSlots)
                            break;
                    }
            QCOMPARE(freeSlots(rules, q, busy), expected);
        }
    }

    // Open intervals are kept per set of rules: every change to the rules must show at once.
    void intervalsFollowEveryChangeOfTheRules() {
        const QDate monday(2026, 11, 30);
        OpeningRules rules = salon();
        QCOMPARE(rules.openIntervals(monday),
                 (QList<TimeRange>{TimeRange{berlin(monday, 9), berlin(monday, 18)}}));
        rules.closures.insert(monday);
        QVERIFY(rules.openIntervals(monday).isEmpty());
        QVERIFY(freeSlots(rules, SlotQuery{monday, monday}, {}).isEmpty());
        rules.closures.remove(monday);
        rules.hours[0].closesMin = 12 * 60;
        QCOMPARE(rules.openIntervals(monday),
                 (QList<TimeRange>{TimeRange{berlin(monday, 9), berlin(monday, 12)}}));
        QCOMPARE(freeSlots(rules, SlotQuery{monday, monday, 30, 0, 0, 30}, {}).size(), 6);
        rules.zone = QTimeZone("Europe/London");
        QCOMPARE(rules.openIntervals(monday).first().startMs, utc(monday, 9));
        QCOMPARE(salon().openIntervals(monday).first().endMs,
                 berlin(monday, 18)); // the first again
    }
};

QTEST_GUILESS_MAIN(TestLocalAvailability)
#include "tst_localavailability.moc"
