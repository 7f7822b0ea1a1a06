// The alternatives offered for a wished time: the nearest free times, as the plain rule picks
// them from times in order (sort all by distance, keep the first, then in time order).

#include "functions/agentfunctions.h"

#include <QTest>
#include <algorithm>

using namespace Callbook;

namespace {

QList<TimeRange> byTheRule(QList<TimeRange> times, qint64 targetMs, int n) {
    times.removeIf([&](const TimeRange &r) { return r.startMs == targetMs; });
    std::stable_sort(times.begin(), times.end(), [&](const TimeRange &a, const TimeRange &b) {
        return qAbs(a.startMs - targetMs) < qAbs(b.startMs - targetMs);
    });
    times = times.mid(0, n);
    std::sort(times.begin(), times.end(),
              [](const TimeRange &a, const TimeRange &b) { return a.startMs < b.startMs; });
    return times;
}

} // namespace

class TestNearestTimes : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void sameAsTheRule() {
        quint32 seed = 7;
        auto next = [&seed](int n) {
            seed = seed * 1103515245u + 12345u;
            return int((seed >> 8) % quint32(n));
        };
        for (int round = 0; round < 20000; ++round) {
            QList<TimeRange> times;
            qint64 at = next(5);
            for (int i = next(12); i > 0; --i) {
                at += 1 + next(4); // ties in distance on both sides are common
                times.append({at, at + 1});
            }
            const qint64 target = next(50);
            const int n = next(5);
            const QList<TimeRange> expected = byTheRule(times, target, n);
            QCOMPARE(nearestTimes(times, target, n), expected);
            // Out of order, the same picks: the times are put in order first.
            std::reverse(times.begin(), times.end());
            QCOMPARE(nearestTimes(times, target, n), expected);
        }
    }

    void tiesGoToTheEarlier() {
        const QList<TimeRange> times{{10, 11}, {20, 21}, {30, 31}};
        QCOMPARE(nearestTimes(times, 25, 1), (QList<TimeRange>{{20, 21}}));
        QCOMPARE(nearestTimes(times, 20, 2), (QList<TimeRange>{{10, 11}, {30, 31}}));
    }
};

QTEST_GUILESS_MAIN(TestNearestTimes)
#include "tst_nearesttimes.moc"
