// Speech's days and times must read exactly as QLocale formats them.

#include "functions/speech.h"

#include <QTest>
#include <QTimeZone>

using namespace Callbook;

class TestSpeech : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void daysAsQLocaleFormatsThem() {
        const QLocale de(QLocale::German, QLocale::Germany);
        const QLocale en(QLocale::English, QLocale::UnitedStates);
        const Speech german(QStringLiteral("de-DE")), english(QStringLiteral("en-US"));
        for (QDate d(2024, 1, 1); d < QDate(2032, 1, 1); d = d.addDays(1)) {
            QCOMPARE(german.day(d), de.toString(d, QStringLiteral("dddd, d. MMMM")));
            QCOMPARE(english.day(d), en.toString(d, QStringLiteral("dddd, MMMM d")));
        }
        QCOMPARE(german.day(QDate()), de.toString(QDate(), QStringLiteral("dddd, d. MMMM")));
        QCOMPARE(english.day(QDate()), en.toString(QDate(), QStringLiteral("dddd, MMMM d")));
    }

    void timesAsQLocaleFormatsThem() {
        const QLocale en(QLocale::English, QLocale::UnitedStates);
        const Speech german(QStringLiteral("de")), english(QStringLiteral("en"));
        for (int s = 0; s < 24 * 3600; s += 29) {
            const QTime t = QTime(0, 0).addSecs(s);
            QCOMPARE(german.time(t), t.toString(QStringLiteral("H:mm")) + QStringLiteral(" Uhr"));
            QCOMPARE(english.time(t), en.toString(t, QStringLiteral("h:mm AP")));
        }
        QCOMPARE(german.time(QTime()),
                 QTime().toString(QStringLiteral("H:mm")) + QStringLiteral(" Uhr"));
        QCOMPARE(english.time(QTime()), en.toString(QTime(), QStringLiteral("h:mm AP")));
    }

    void moments() {
        const QDateTime dt(QDate(2026, 12, 14), QTime(14, 30), QTimeZone("Europe/Berlin"));
        QCOMPARE(Speech(QStringLiteral("de")).moment(dt),
                 QStringLiteral("Montag, 14. Dezember um 14:30 Uhr"));
        QCOMPARE(Speech(QStringLiteral("en")).moment(dt),
                 QStringLiteral("Monday, December 14 at 2:30 PM"));
        QCOMPARE(Speech(QStringLiteral("de")).moment(dt.date(), dt.time()),
                 Speech(QStringLiteral("de")).moment(dt));
    }
};

QTEST_GUILESS_MAIN(TestSpeech)
#include "tst_speech.moc"
