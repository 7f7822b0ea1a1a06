// ZoneTime must answer exactly what QDateTime answers, for every zone and instant.

#include "dates/zonetime.h"

#include <QTest>

using namespace Callbook;

namespace {

const QList<QByteArray> kZones = {"Europe/Berlin",    "Europe/London",    "America/New_York",
                                  "America/St_Johns", "Asia/Kolkata",     "Australia/Lord_Howe",
                                  "Pacific/Chatham",  "America/Santiago", "UTC",
                                  "UTC+05:30"}; // the last: a backend without clock changes

qint64 utcMs(int year, int month, int day) {
    return QDateTime(QDate(year, month, day), QTime(0, 0), Qt::UTC).toMSecsSinceEpoch();
}

} // namespace

class TestZoneTime : public QObject {
    Q_OBJECT

    // Everything ZoneTime says about one instant, against QDateTime.
    static bool sameAsQt(qint64 ms, const QTimeZone &zone) {
        const QDateTime qt = QDateTime::fromMSecsSinceEpoch(ms, zone);
        if (ZoneTime::offsetFromUtc(ms, zone) != qt.offsetFromUtc() ||
            ZoneTime::localDate(ms, zone) != qt.date() ||
            ZoneTime::localTime(ms, zone) != qt.time() ||
            ZoneTime::isoString(ms, zone) != qt.toString(Qt::ISODate) ||
            ZoneTime::isoString(qt) != qt.toString(Qt::ISODate)) {
            qWarning() << zone.id() << ms << qt << ZoneTime::isoString(ms, zone);
            return false;
        }
        return true;
    }

private Q_SLOTS:
    void instantsAsQDateTimeSeesThem() {
        const int year = QDate::currentDate().year();
        // From before the table's years to after them: the edges fall back to QDateTime.
        const qint64 from = utcMs(year - 5, 1, 1), until = utcMs(year + 12, 1, 1);
        for (const QByteArray &id : kZones) {
            const QTimeZone zone(id);
            QVERIFY2(zone.isValid(), id.constData());
            // An odd step, so that instants land on every minute and second over the years.
            for (qint64 ms = from; ms < until;
                 ms += 2 * 3600 * 1000 + 17 * 60 * 1000 + 13 * 1000 + 7)
                QVERIFY(sameAsQt(ms, zone));
            // Around every clock change: each minute of the hours before and after, and the
            // milliseconds at the change.
            for (const QTimeZone::OffsetData &t :
                 zone.transitions(QDateTime::fromMSecsSinceEpoch(from, Qt::UTC),
                                  QDateTime::fromMSecsSinceEpoch(until, Qt::UTC))) {
                const qint64 at = t.atUtc.toMSecsSinceEpoch();
                for (qint64 ms = at - 3 * 3600 * 1000; ms <= at + 3 * 3600 * 1000; ms += 60 * 1000)
                    QVERIFY(sameAsQt(ms, zone));
                for (qint64 ms = at - 2; ms <= at + 2; ++ms)
                    QVERIFY(sameAsQt(ms, zone));
            }
        }
    }

    void wallTimesAsQDateTimeSeesThem() {
        const int year = QDate::currentDate().year();
        const QList<QTime> times = {
            QTime(0, 0),  QTime(0, 30),  QTime(1, 0),  QTime(1, 59), QTime(2, 0),
            QTime(2, 15), QTime(2, 30),  QTime(2, 59), QTime(3, 0),  QTime(3, 30),
            QTime(9, 0),  QTime(12, 45), QTime(18, 0), QTime(23, 0), QTime(23, 59, 59, 999)};
        for (const QByteArray &id : kZones) {
            const QTimeZone zone(id);
            for (QDate d(year - 4, 1, 1); d < QDate(year + 11, 1, 1); d = d.addDays(1))
                for (const QTime &t : times)
                    QCOMPARE(ZoneTime::toUtcMs(d, t, zone),
                             QDateTime(d, t, zone).toMSecsSinceEpoch());
        }
        const QTimeZone berlin("Europe/Berlin");
        QCOMPARE(ZoneTime::toUtcMs(QDate(), QTime(9, 0), berlin),
                 QDateTime(QDate(), QTime(9, 0), berlin).toMSecsSinceEpoch());
        QCOMPARE(ZoneTime::toUtcMs(QDate(2026, 3, 29), QTime(), berlin),
                 QDateTime(QDate(2026, 3, 29), QTime(), berlin).toMSecsSinceEpoch());
    }

    void otherSpecsAndInvalidValues() {
        const QDateTime utc(QDate(2026, 12, 14), QTime(9, 30), Qt::UTC);
        QCOMPARE(ZoneTime::isoString(utc), utc.toString(Qt::ISODate));
        const QDateTime local(QDate(2026, 12, 14), QTime(9, 30));
        QCOMPARE(ZoneTime::isoString(local), local.toString(Qt::ISODate));
        const QDateTime offset(QDate(2026, 12, 14), QTime(9, 30), Qt::OffsetFromUTC, 3600);
        QCOMPARE(ZoneTime::isoString(offset), offset.toString(Qt::ISODate));
        QCOMPARE(ZoneTime::isoString(QDateTime()), QDateTime().toString(Qt::ISODate));
        const QTimeZone invalid("Nowhere/Atlantis");
        const qint64 ms = utc.toMSecsSinceEpoch();
        QCOMPARE(ZoneTime::isoString(ms, invalid),
                 QDateTime::fromMSecsSinceEpoch(ms, invalid).toString(Qt::ISODate));
        QCOMPARE(ZoneTime::localDate(ms, invalid),
                 QDateTime::fromMSecsSinceEpoch(ms, invalid).date());
        QCOMPARE(ZoneTime::toUtcMs(QDate(2026, 12, 14), QTime(9, 0), invalid),
                 QDateTime(QDate(2026, 12, 14), QTime(9, 0), invalid).toMSecsSinceEpoch());
    }

    void isoDates() {
        for (QDate d(1999, 1, 1); d < QDate(2040, 1, 1); d = d.addDays(1))
            QCOMPARE(ZoneTime::isoDate(d), d.toString(Qt::ISODate));
        for (const QDate &d : {QDate(), QDate(999, 12, 31), QDate(10000, 1, 1), QDate(-5, 1, 1)})
            QCOMPARE(ZoneTime::isoDate(d), d.toString(Qt::ISODate));
    }
};

QTEST_GUILESS_MAIN(TestZoneTime)
#include "tst_zonetime.moc"
