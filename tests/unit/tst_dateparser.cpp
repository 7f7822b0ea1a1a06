// The date parser against a table of what callers and models say, in German and English, from
// a fixed "now" (Tuesday 24 November 2026, 10:30 in Berlin), plus clock changes and nonsense.

#include "dates/dateparser.h"
#include "dates/zonetime.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>
#include <QTest>
#include <ctime>

using namespace Callbook;

namespace {
const QTimeZone kBerlin("Europe/Berlin");
const QDateTime kNow(QDate(2026, 11, 24), QTime(10, 30), kBerlin);

QString at(int month, int day, int hour = 0, int minute = 0, int year = 2026) {
    return QDateTime(QDate(year, month, day), QTime(hour, minute), kBerlin).toString(Qt::ISODate);
}

// About 4,000 phrases built from what callers say (days, times, parts of the day, in German
// and English, in both orders, with noise and junk), for the recorded-output test below.
QStringList generatedPhrases() {
    const QStringList days = {QString(),
                              "heute",
                              "Morgen",
                              "übermorgen",
                              "Montag",
                              "nächsten Dienstag",
                              "am nächsten Donnerstag",
                              "diesen Freitag",
                              "Dienstag in einer Woche",
                              "Mittwoch in 2 Wochen",
                              "übernächsten Sonntag",
                              "Dienstag nächste Woche",
                              "nächste Woche Mittwoch",
                              "kommenden Samstag",
                              "nächste Woche",
                              "übernächste Woche",
                              "Anfang nächster Woche",
                              "Mitte der Woche",
                              "Ende der Woche",
                              "am Wochenende",
                              "nächstes Wochenende",
                              "am 5. Januar",
                              "5. Dezember",
                              "5.1.",
                              "05.12.2027",
                              "1.3.27",
                              "am 30.",
                              "den 3.",
                              "in 3 Tagen",
                              "in zwei Wochen",
                              "in einem Monat",
                              "Sonntag morgen",
                              "Dienstagmorgen",
                              "am 28. März 2027",
                              "31.10.2027",
                              "29. Februar",
                              "today",
                              "tomorrow",
                              "the day after tomorrow",
                              "next Tuesday",
                              "next Thursday",
                              "this Friday",
                              "Tuesday next week",
                              "a week from Tuesday",
                              "on Wed",
                              "the 5th",
                              "on the 30th",
                              "Jan 5",
                              "January 5th, 2027",
                              "5th of December",
                              "March 28 2027",
                              "in a week",
                              "in 2 months",
                              "early next week",
                              "end of this week",
                              "the week after next",
                              "next weekend",
                              "2026-12-01",
                              "2027-03-28",
                              "2025-06-15"};
    const QStringList times = {QString(),
                               "um 14 Uhr",
                               "14:30",
                               "14.30 Uhr",
                               "9.15h",
                               "14 Uhr 30",
                               "um drei",
                               "drei Uhr",
                               "halb drei",
                               "halb eins",
                               "Viertel nach zehn",
                               "Viertel vor elf",
                               "dreiviertel elf",
                               "viertel drei",
                               "zehn nach drei",
                               "fünf vor zwölf",
                               "20 Minuten nach 4",
                               "kurz nach 9",
                               "kurz vor zwölf",
                               "gegen 4",
                               "ab 8",
                               "Mitternacht",
                               "um 25 Uhr",
                               "14:75",
                               "at 3pm",
                               "3:30 pm",
                               "11am",
                               "at 10 a.m.",
                               "12am",
                               "12 pm",
                               "at noon",
                               "midday",
                               "midnight",
                               "half past two",
                               "quarter to eleven",
                               "quarter past ten",
                               "just after 9",
                               "shortly before 5",
                               "ten past three",
                               "by 6"};
    const QStringList parts = {QString(),        "vormittags",     "nachmittags", "abends",
                               "mittags",        "früh",           "am Morgen",   "am Abend",
                               "this afternoon", "in the morning", "tonight",     "at lunch"};
    const QStringList junk = {
        "", "   ", "blabla", "morgen 4711", "Woche", "week", "asdf 3", "ß", "ÄÖÜ", "Übermorgen!!",
        "  morgen,   um   halb   drei  ", "MORGEN UM 14 UHR", "(nächsten) \"Dienstag\"?",
        "am 35. Januar", "32.13.", "30. Februar", "the 45th", "morgen\tum\n3",
        "nächsten Dienstag um halb drei", "Guten Morgen", "jeden Morgen um 8", "am morgen",
        "morgen morgen", "übermorgen früh", "2026-12-01T14:00:00", "2026-12-01 14:00",
        "2026-12-01T13:00:00Z", "2026-12-01T14:00:00+01:00", "2026-12-01t14:00:00.250+0530",
        "2025-12-01T14:00:00", "2026-02-29T10:00", "2027-03-28T02:30:00", "2027-10-31T02:30",
        "2026-12-01 um 9:30", "1.3.2026", "nächsten Dienstag um 3 und 4", "mañana", "demain à 15h",
        "jetzt", "now", "in 0 Tagen", "am 1.", "10 nach", "um 12", "um 0 Uhr", "24 Uhr", "24:00",
        "0:30", "um halb", "halb 13", "viertel nach 24", "Jänner 3", "3. Sept", "Sonnabend",
        "thurs", "dienstags", "montag morgen um 9",
        // every weekday with "morgen", and what each recogniser's literals must not miss
        "Montag morgen", "Mittwoch morgen", "Mittwochmorgen um 9", "Donnerstagmorgen",
        "Freitag Morgen", "Samstag  morgen", "am Sonntag morgen früh", "Sonnabend morgen",
        "guten Morgen um 8", "the 1st", "on the 3rd", "zum 5.", "den 12.", "am 12.12.", "12.12.26",
        "Dec 24", "5 Jan", "24th of December 2027", "december 24th", "Jan 5 um 9", "in 1 woche",
        "in 2 months", "one week from Friday", "coming Monday", "this weekend",
        "kommendes Wochenende", "Ende nächster Woche", "Anfang der Woche", "mid next week",
        "late this week", "um 3h", "3 h", "drei h", "zehn uhr", "acht am", "dreiviertel 8",
        "viertel 9 morgen", "9 A.M.", "tomorrow 9am", "14:30h", "kurz nach halb drei",
        "ten to five", "5 to 6", "20 nach 4", "at lunchtime", "über Mittag", "late morning",
        "in the evening", "this morning", "nachmittags um 3", "nach 3", "nach", "Uhr", "h", "am",
        "pm", "halb", "Viertel",
        // other scripts and spaces: the general path, and Unicode digits for the patterns
        "２０２６-12-01", "٣ Uhr", "um ٣", "İ morgen", "straße", "STRASSE", "ẞ morgen", "Ämter",
        "morgen\u00a0um 3", "morgen\u2003um\u20033", "3\u00a0pm", "drei\u00a0Uhr",
        "morgen um 3\u00a0h", "Dienstag\u00a0morgen", "café am 5.", "naïve tomorrow at 3pm"};
    QStringList out = junk;
    for (const QString &d : days)
        for (const QString &t : times)
            if (!d.isEmpty() || !t.isEmpty())
                out.append((d + QLatin1Char(' ') + t).trimmed());
    for (const QString &d : days)
        for (const QString &p : parts)
            if (!p.isEmpty())
                out.append((d + QLatin1Char(' ') + p).trimmed());
    // Some combinations of all three, and some in the other order.
    int n = 0;
    for (const QString &d : days)
        for (const QString &p : parts)
            for (const QString &t : times)
                if (!p.isEmpty() && !t.isEmpty() && ++n % 29 == 0)
                    out.append((d + QLatin1Char(' ') + p + QLatin1Char(' ') + t).trimmed());
    for (int i = 1; i < times.size(); i += 3)
        for (int j = 1; j < days.size(); j += 5)
            out.append(times[i] + QLatin1Char(' ') + days[j]);
    return out;
}

// The places and moments the recorded phrases are parsed in: a Tuesday in Berlin, the evening
// before the spring clock change, and other zones (negative, half-hour and zero offsets).
struct Context {
    const char *zone;
    QDateTime now;
    bool allPhrases; // else every eighth
};
QList<Context> contexts() {
    auto now = [](const char *zone, QDate d, QTime t) { return QDateTime(d, t, QTimeZone(zone)); };
    return {
        {"Europe/Berlin", kNow, true},
        {"Europe/Berlin", now("Europe/Berlin", QDate(2027, 3, 27), QTime(23, 30)), false},
        {"Europe/Berlin", now("Europe/Berlin", QDate(2027, 10, 30), QTime(18, 5)), false},
        {"America/New_York", now("America/New_York", QDate(2026, 12, 31), QTime(19, 0)), false},
        {"Asia/Kolkata", now("Asia/Kolkata", QDate(2026, 11, 29), QTime(7, 45)), false},
        {"UTC", now("UTC", QDate(2026, 11, 30), QTime(0, 0)), false},
        {"Europe/London", now("Europe/London", QDate(2027, 3, 28), QTime(0, 30)), false},
    };
}

QString recordedFile() {
    return QStringLiteral(CALLBOOK_SOURCE_DIR "/tests/unit/tst_dateparser_recorded.txt");
}

// One line per phrase and context: zone, now, phrase (as JSON strings) and the complete answer.
QStringList recordedLines() {
    QStringList lines;
    const QStringList phrases = generatedPhrases();
    for (const Context &c : contexts()) {
        const QTimeZone zone(c.zone);
        const DateParser parser(c.now, zone, QStringLiteral("de"));
        for (int i = 0; i < phrases.size(); ++i) {
            if (!c.allPhrases && i % 8 != 0)
                continue;
            const QJsonArray key{QString::fromLatin1(c.zone), c.now.toString(Qt::ISODate),
                                 phrases[i]};
            lines.append(QString::fromUtf8(QJsonDocument(key).toJson(QJsonDocument::Compact)) +
                         QLatin1Char('\t') +
                         QString::fromUtf8(QJsonDocument(parser.parse(phrases[i]).toJson())
                                               .toJson(QJsonDocument::Compact)));
        }
    }
    return lines;
}
} // namespace

class TestDateParser : public QObject {
    Q_OBJECT
private Q_SLOTS:
    // The machine's own zone must not matter, only the business's: the tests run as on a server
    // in Germany, whose clocks skip 2027-03-28T02:30 (and the recorded answers were taken in UTC).
    void initTestCase() {
        qputenv("TZ", "Europe/Berlin");
        tzset();
    }

    void phrases_data() {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("start");
        QTest::addColumn<QString>("end"); // empty: none
        QTest::addColumn<QString>("granularity");
        QTest::addColumn<int>("candidates"); // 1 unless ambiguous

        auto row = [](const char *text, QString start, QString end, const char *granularity,
                      int candidates = 1) {
            QTest::newRow(text) << QString::fromUtf8(text) << start << end
                                << QString::fromLatin1(granularity) << candidates;
        };
        // German days
        row("heute", at(11, 24), at(11, 25), "day");
        row("Morgen", at(11, 25), at(11, 26), "day");
        row("übermorgen", at(11, 26), at(11, 27), "day");
        row("Übermorgen bitte", at(11, 26), at(11, 27), "day");
        row("nächsten Dienstag", at(12, 1), at(12, 2), "day");
        row("am nächsten Donnerstag", at(11, 26), at(11, 27), "day", 2);
        row("Donnerstag", at(11, 26), at(11, 27), "day");
        row("diesen Freitag", at(11, 27), at(11, 28), "day");
        row("Dienstag in einer Woche", at(12, 8), at(12, 9), "day");
        row("Dienstag in zwei Wochen", at(12, 15), at(12, 16), "day");
        row("übernächsten Dienstag", at(12, 8), at(12, 9), "day");
        row("Dienstag nächste Woche", at(12, 1), at(12, 2), "day");
        row("nächste Woche Mittwoch", at(12, 2), at(12, 3), "day");
        row("in 3 Tagen", at(11, 27), at(11, 28), "day");
        row("in zwei Wochen", at(12, 8), at(12, 9), "day");
        row("am 5. Januar", at(1, 5, 0, 0, 2027), at(1, 6, 0, 0, 2027), "day");
        row("5. Dezember", at(12, 5), at(12, 6), "day");
        row("5.1.", at(1, 5, 0, 0, 2027), at(1, 6, 0, 0, 2027), "day");
        row("05.12.", at(12, 5), at(12, 6), "day");
        row("5.1.2027", at(1, 5, 0, 0, 2027), at(1, 6, 0, 0, 2027), "day");
        row("am 30.", at(11, 30), at(12, 1), "day");
        row("am 3.", at(12, 3), at(12, 4), "day");
        // German weeks and parts of weeks
        row("nächste Woche", at(11, 30), at(12, 7), "range");
        row("übernächste Woche", at(12, 7), at(12, 14), "range");
        row("Anfang nächster Woche", at(11, 30), at(12, 2), "range");
        row("Mitte nächster Woche", at(12, 1), at(12, 4), "range");
        row("Ende der Woche", at(11, 26), at(11, 29), "range");
        row("am Wochenende", at(11, 28), at(11, 30), "range");
        // German times
        row("14 Uhr", at(11, 24, 14), QString(), "time");
        // Digits of other scripts read as their ASCII counterparts.
        row("١٤ Uhr", at(11, 24, 14), QString(), "time");
        row("１４:３０", at(11, 24, 14, 30), QString(), "time");
        row("am ５.１.", at(1, 5, 0, 0, 2027), at(1, 6, 0, 0, 2027), "day");
        row("um 14:30", at(11, 24, 14, 30), QString(), "time");
        row("14.30 Uhr", at(11, 24, 14, 30), QString(), "time");
        row("14 Uhr 30", at(11, 24, 14, 30), QString(), "time");
        row("um drei", at(11, 24, 15), QString(), "time");
        row("drei Uhr", at(11, 24, 15), QString(), "time");
        row("halb drei", at(11, 24, 14, 30), QString(), "time");
        row("halb eins", at(11, 24, 12, 30), QString(), "time");
        row("morgen Viertel nach zehn", at(11, 25, 10, 15), QString(), "time");
        row("Viertel vor elf", at(11, 24, 10, 45), QString(), "time");
        row("dreiviertel elf", at(11, 24, 10, 45), QString(), "time");
        row("zehn nach drei", at(11, 24, 15, 10), QString(), "time");
        row("kurz nach 9", at(11, 25, 9), at(11, 25, 9, 15), "range");
        row("kurz vor zwölf", at(11, 24, 11, 45), at(11, 24, 12), "range");
        row("9 Uhr", at(11, 25, 9), QString(), "time"); // passed today: tomorrow
        row("morgen um 14 Uhr", at(11, 25, 14), QString(), "time");
        row("am 5. Januar um 11 Uhr", at(1, 5, 11, 0, 2027), QString(), "time");
        row("nächsten Dienstag vormittags", at(12, 1, 8), at(12, 1, 12), "range");
        row("Dienstag morgen", at(12, 1, 7), at(12, 1, 11), "range");
        row("Dienstagmorgen", at(12, 1, 7), at(12, 1, 11), "range");
        row("morgen früh", at(11, 25, 7), at(11, 25, 11), "range");
        row("vormittags", at(11, 24, 8), at(11, 24, 12), "range");
        row("nachmittags", at(11, 24, 12), at(11, 24, 18), "range");
        row("heute Abend", at(11, 24, 17), at(11, 24, 21), "range");
        row("morgen nachmittag um 3", at(11, 25, 15), QString(), "time");
        row("Freitag gegen 4", at(11, 27, 16), QString(), "time");
        // English
        row("today", at(11, 24), at(11, 25), "day");
        row("tomorrow", at(11, 25), at(11, 26), "day");
        row("the day after tomorrow", at(11, 26), at(11, 27), "day");
        row("next Tuesday", at(12, 1), at(12, 2), "day");
        row("next Thursday", at(11, 26), at(11, 27), "day", 2);
        row("this Friday", at(11, 27), at(11, 28), "day");
        row("Tuesday next week", at(12, 1), at(12, 2), "day");
        row("a week from Tuesday", at(12, 8), at(12, 9), "day");
        row("the 5th", at(12, 5), at(12, 6), "day");
        row("on the 30th", at(11, 30), at(12, 1), "day");
        row("Jan 5", at(1, 5, 0, 0, 2027), at(1, 6, 0, 0, 2027), "day");
        row("January 5th, 2027", at(1, 5, 0, 0, 2027), at(1, 6, 0, 0, 2027), "day");
        row("5th of December", at(12, 5), at(12, 6), "day");
        row("in two weeks", at(12, 8), at(12, 9), "day");
        row("in a week", at(12, 1), at(12, 2), "day");
        row("next week", at(11, 30), at(12, 7), "range");
        row("early next week", at(11, 30), at(12, 2), "range");
        row("the week after next", at(12, 7), at(12, 14), "range");
        row("3pm", at(11, 24, 15), QString(), "time");
        row("3:30 pm", at(11, 24, 15, 30), QString(), "time");
        row("11am", at(11, 24, 11), QString(), "time");
        row("noon", at(11, 24, 12), QString(), "time");
        row("tomorrow at noon", at(11, 25, 12), QString(), "time");
        row("tomorrow at 3pm", at(11, 25, 15), QString(), "time");
        row("half past two", at(11, 24, 14, 30), QString(), "time");
        row("quarter to eleven", at(11, 24, 10, 45), QString(), "time");
        row("quarter past ten tomorrow", at(11, 25, 10, 15), QString(), "time");
        row("this afternoon", at(11, 24, 12), at(11, 24, 18), "range");
        row("tomorrow morning", at(11, 25, 7), at(11, 25, 11), "range");
        row("next Tuesday afternoon at 4", at(12, 1, 16), QString(), "time");
        row("tonight", at(11, 24, 17), at(11, 24, 21), "range");
        // ISO from the model
        row("2026-12-01", at(12, 1), at(12, 2), "day");
        row("2026-12-01T14:00:00", at(12, 1, 14), QString(), "time");
        row("2026-12-01 14:00", at(12, 1, 14), QString(), "time");
        row("2026-12-01T13:00:00Z", at(12, 1, 14), QString(), "time");
        row("2026-12-01T14:00:00+01:00", at(12, 1, 14), QString(), "time");
        row("2026-12-01 um 9:30", at(12, 1, 9, 30), QString(), "time");
        // Clock changes: the day of the spring change has 23 hours, of the autumn change 25.
        row("28.3.2027", at(3, 28, 0, 0, 2027), at(3, 29, 0, 0, 2027), "day");
        row("am 28. März 2027 um 3 Uhr", at(3, 28, 15, 0, 2027), QString(), "time");
        row("31.10.2027", at(10, 31, 0, 0, 2027), at(11, 1, 0, 0, 2027), "day");
    }
    void phrases() {
        QFETCH(QString, text);
        QFETCH(QString, start);
        QFETCH(QString, end);
        QFETCH(QString, granularity);
        QFETCH(int, candidates);
        const ParsedDate p = DateParser(kNow, kBerlin, QStringLiteral("de")).parse(text);
        QVERIFY2(p.ok, qPrintable(p.errorMessage));
        QCOMPARE(p.start.toString(Qt::ISODate), start);
        QCOMPARE(p.end ? p.end->toString(Qt::ISODate) : QString(), end);
        QCOMPARE(toString(p.granularity), granularity);
        QCOMPARE(p.candidates.size(), candidates);
    }

    // Every generated phrase gives exactly the answer recorded in the data file (from the parser
    // as it was before it was made faster; since then only the three times in the spring gap
    // changed, from an empty start to the time moved on by the gap). CALLBOOK_RECORD_DATES=1
    // rewrites the file instead.
    void recordedAnswersStayTheSame() {
        const QStringList lines = recordedLines();
        QVERIFY(lines.size() > 1000);
        QFile file(recordedFile());
        if (qEnvironmentVariableIsSet("CALLBOOK_RECORD_DATES")) {
            QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
            file.write(lines.join(QLatin1Char('\n')).toUtf8() + '\n');
            QSKIP("recorded");
        }
        QVERIFY2(file.open(QIODevice::ReadOnly), qPrintable(recordedFile()));
        const QStringList recorded =
            QString::fromUtf8(file.readAll()).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), recorded.size());
        int differences = 0;
        for (int i = 0; i < lines.size(); ++i)
            if (lines[i] != recorded[i] && ++differences <= 20)
                qWarning("was: %s\nnow: %s", qPrintable(recorded[i]), qPrintable(lines[i]));
        QCOMPARE(differences, 0);
    }

    // toJson writes times itself; they must read exactly as QDateTime::toString(Qt::ISODate)
    // does, in every zone (half hours, historic offsets with seconds, negative offsets), across
    // clock changes, and for the times it leaves to Qt (other specs, odd years, invalid).
    void timesReadAsQtWritesThem() {
        QList<QDateTime> times;
        for (const QByteArray &id : QTimeZone::availableTimeZoneIds()) {
            const QTimeZone zone(id);
            for (qint64 s = -2400000000; s < 2300000000; s += 19876543)
                times.append(QDateTime::fromSecsSinceEpoch(s, zone).addMSecs(s % 1000));
        }
        const QTimeZone berlin("Europe/Berlin");
        for (int year : {1, 99, 999, 1000, 9999, 10000})
            times.append(QDateTime(QDate(year, 6, 1), QTime(12, 0), berlin));
        times.append(QDateTime(QDate(2027, 3, 28), QTime(2, 30), berlin)); // in the gap
        times.append(QDateTime(QDate(2026, 12, 1), QTime(14, 0), Qt::UTC));
        times.append(QDateTime(QDate(2026, 12, 1), QTime(14, 0), Qt::LocalTime));
        times.append(QDateTime(QDate(2026, 12, 1), QTime(14, 0), Qt::OffsetFromUTC, -12600));
        times.append(QDateTime());
        times.append(QDateTime(QDate(2026, 12, 1), QTime(), berlin));
        QVERIFY(times.size() > 10000);
        int differences = 0;
        for (const QDateTime &t : std::as_const(times)) {
            ParsedDate p;
            p.ok = true;
            p.start = t;
            p.end = t;
            p.candidates = {t, t};
            const QJsonObject json = p.toJson();
            const QString expected = t.toString(Qt::ISODate);
            if (json.value(QStringLiteral("start")).toString() != expected ||
                json.value(QStringLiteral("end")).toString() != expected ||
                json.value(QStringLiteral("candidates")).toArray().at(1).toString() != expected) {
                if (++differences <= 10)
                    qWarning("%s: %s", qPrintable(expected), QJsonDocument(json).toJson().data());
            }
        }
        QCOMPARE(differences, 0);
    }

    void ambiguityListsEveryReading() {
        const ParsedDate p = DateParser(kNow, kBerlin, QStringLiteral("de"))
                                 .parse(QStringLiteral("nächsten Donnerstag um 10"));
        QVERIFY(p.ok && p.ambiguous());
        QCOMPARE(p.candidates.value(0).toString(Qt::ISODate), at(11, 26, 10));
        QCOMPARE(p.candidates.value(1).toString(Qt::ISODate), at(12, 3, 10));
        const QJsonObject json = p.toJson();
        QCOMPARE(json.value(QStringLiteral("candidates")).toArray().size(), 2);
    }

    void stalePastYearsFromTheModelAreCorrected() {
        const ParsedDate p = DateParser(kNow, kBerlin, QStringLiteral("en"))
                                 .parse(QStringLiteral("2025-12-01T14:00:00"));
        QVERIFY(p.ok);
        QVERIFY(p.corrected);
        QCOMPARE(p.start.toString(Qt::ISODate), at(12, 1, 14));
        QCOMPARE(p.toJson().value(QStringLiteral("corrected")).toBool(), true);
        const ParsedDate q =
            DateParser(kNow, kBerlin, QStringLiteral("en")).parse(QStringLiteral("2025-03-01"));
        QVERIFY(q.ok && q.corrected);
        QCOMPARE(q.start.toString(Qt::ISODate), at(3, 1, 0, 0, 2027));
    }

    void otherZones() {
        const QTimeZone london("Europe/London");
        const ParsedDate p =
            DateParser(kNow, london, QStringLiteral("en")).parse(QStringLiteral("tomorrow at 3pm"));
        QVERIFY(p.ok);
        QCOMPARE(p.start.toString(Qt::ISODate), QStringLiteral("2026-11-25T15:00:00+00:00"));
    }

    // A time without offset is the business's wall clock, whatever the machine's zone (Berlin
    // here, see initTestCase); one its clocks skip is moved on by the gap.
    void isoTimesAreTheBusinessesWallClock() {
        const QTimeZone newYork("America/New_York");
        const QDateTime march(QDate(2027, 3, 1), QTime(9, 0), newYork);
        auto start = [&](const QTimeZone &zone, const char *text) {
            const ParsedDate p = DateParser(march, zone, QStringLiteral("en")).parse(text);
            return p.ok ? p.start.toString(Qt::ISODate) : p.errorCode;
        };
        // Skipped in Berlin, not in New York.
        QCOMPARE(start(newYork, "2027-03-28T02:30:00"),
                 QStringLiteral("2027-03-28T02:30:00-04:00"));
        // Skipped in New York (second Sunday of March).
        QCOMPARE(start(newYork, "2027-03-14T02:30:00"),
                 QStringLiteral("2027-03-14T03:30:00-04:00"));
        QCOMPARE(start(newYork, "2027-03-14T02:30:00Z"),
                 QStringLiteral("2027-03-13T21:30:00-05:00"));
        QCOMPARE(start(kBerlin, "2027-03-28T02:30"), QStringLiteral("2027-03-28T03:30:00+02:00"));
    }

    // "2027-03-28 02:30" and the like are read directly, not by Qt's ISO parser: the same
    // instants as Qt reads them, on ordinary days, clock changes, leap days and invalid ones.
    void plainIsoDateTimesReadAsQtReadsThem() {
        const QStringList days = {"2027-01-01", "2027-02-28", "2027-02-29", "2028-02-29",
                                  "2027-03-28", "2027-10-31", "2027-12-31", "2027-13-01",
                                  "2027-00-10", "2027-04-31", "2027-06-00"};
        const QStringList times = {"00:00", "02:30", "02:59:59", "09:05:07",
                                   "23:59", "24:00", "10:60",    "12:00:60"};
        int read = 0;
        for (const QString &day : days)
            for (const QString &time : times)
                for (const char *separator : {" ", "T"}) {
                    const QString text = day + QLatin1String(separator) + time;
                    // The long way: Qt's ISO reading of the wall clock, taken in the zone.
                    const QDateTime qt = QDateTime::fromString(
                        day + QLatin1Char('T') + time + QLatin1Char('Z'), Qt::ISODateWithMs);
                    const ParsedDate p =
                        DateParser(kNow, kBerlin, QStringLiteral("de")).parse(text);
                    if (!qt.isValid())
                        continue; // not ISO: the phrase table covers what is read then
                    ++read;
                    QVERIFY2(p.ok, qPrintable(text));
                    QCOMPARE(
                        p.start.toString(Qt::ISODate),
                        ZoneTime::wallClock(qt.date(), qt.time(), kBerlin).toString(Qt::ISODate));
                    QVERIFY(p.granularity == ParsedDate::Granularity::Time);
                }
        QVERIFY(read > 60); // most of them are valid
    }

    // The real binary: `callbook parse-date` prints one JSON object; exit 1 when not understood.
    void commandLine() {
        QProcess cli;
        cli.start(QStringLiteral(CALLBOOK_BINARY),
                  {QStringLiteral("parse-date"), QStringLiteral("--now"),
                   QStringLiteral("2026-11-24T10:30:00"), QStringLiteral("--tz"),
                   QStringLiteral("Europe/Berlin"), QStringLiteral("--locale"),
                   QStringLiteral("de"), QStringLiteral("morgen um halb drei")});
        QVERIFY(cli.waitForFinished(30000));
        QCOMPARE(cli.exitCode(), 0);
        const QJsonObject o = QJsonDocument::fromJson(cli.readAllStandardOutput()).object();
        QCOMPARE(o.value(QStringLiteral("start")).toString(),
                 QStringLiteral("2026-11-25T14:30:00+01:00"));
        QCOMPARE(o.value(QStringLiteral("granularity")).toString(), QStringLiteral("time"));

        cli.start(QStringLiteral(CALLBOOK_BINARY),
                  {QStringLiteral("parse-date"), QStringLiteral("--tz"),
                   QStringLiteral("America/New_York"), QStringLiteral("--locale"),
                   QStringLiteral("en"), QStringLiteral("the 45th")});
        QVERIFY(cli.waitForFinished(30000));
        QCOMPARE(cli.exitCode(), 1);
        QCOMPARE(QJsonDocument::fromJson(cli.readAllStandardOutput())
                     .object()
                     .value(QStringLiteral("error"))
                     .toObject()
                     .value(QStringLiteral("code"))
                     .toString(),
                 QStringLiteral("unparseable_date"));
        cli.start(QStringLiteral(CALLBOOK_BINARY),
                  {QStringLiteral("parse-date"), QStringLiteral("--tz"),
                   QStringLiteral("Mars/Base"), QStringLiteral("heute")});
        QVERIFY(cli.waitForFinished(30000));
        QCOMPARE(cli.exitCode(), 2);
    }

    void nonsenseIsAClearError_data() {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("code");
        QTest::newRow("empty") << QString() << QStringLiteral("empty_date");
        QTest::newRow("blank") << QStringLiteral("   ") << QStringLiteral("empty_date");
        QTest::newRow("words") << QStringLiteral("blabla") << QStringLiteral("unparseable_date");
        QTest::newRow("day 35") << QStringLiteral("am 35. Januar")
                                << QStringLiteral("unparseable_date");
        QTest::newRow("month 13") << QStringLiteral("32.13.") << QStringLiteral("unparseable_date");
        QTest::newRow("25 o'clock")
            << QStringLiteral("25 Uhr") << QStringLiteral("unparseable_date");
        QTest::newRow("minute 75") << QStringLiteral("14:75") << QStringLiteral("unparseable_date");
        QTest::newRow("stray number")
            << QStringLiteral("morgen 4711") << QStringLiteral("unparseable_date");
        QTest::newRow("past with year")
            << QStringLiteral("1.3.2026") << QStringLiteral("unparseable_date");
        QTest::newRow("30 February")
            << QStringLiteral("30. Februar") << QStringLiteral("unparseable_date");
    }
    void nonsenseIsAClearError() {
        QFETCH(QString, text);
        QFETCH(QString, code);
        const ParsedDate p = DateParser(kNow, kBerlin, QStringLiteral("de")).parse(text);
        QVERIFY(!p.ok);
        QCOMPARE(p.errorCode, code);
        QVERIFY(!p.errorMessage.isEmpty());
        QCOMPARE(p.toJson()
                     .value(QStringLiteral("error"))
                     .toObject()
                     .value(QStringLiteral("code"))
                     .toString(),
                 code);
    }
};

QTEST_GUILESS_MAIN(TestDateParser)
#include "tst_dateparser.moc"
