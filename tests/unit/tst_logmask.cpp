#include "core/logmask.h"
#include "functions/functiondata.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace Callbook;

class TestLogMask : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void singleValues() {
        QCOMPARE(maskPhone(u"+49301234567"), QStringLiteral("+49*******67"));
        QCOMPARE(maskEmail(u"anna.schmidt@example.de"), QStringLiteral("a***@e***.de"));
        QCOMPARE(maskName(u"Anna Schmidt"), QStringLiteral("A*** S***"));
        QCOMPARE(maskName(u"Jürgen Öztürk"), QStringLiteral("J*** Ö***"));
    }

    void freeText_data() {
        QTest::addColumn<QString>("input");
        QTest::addColumn<QString>("mustNotContain");
        QTest::addColumn<QString>("mustContain");
        QTest::newRow("e164") << QStringLiteral("caller +4915112345678 rang")
                              << QStringLiteral("15112345") << QStringLiteral("rang");
        QTest::newRow("german format") << QStringLiteral("Rückruf an +49 (0) 30 / 123 45-67 bitte")
                                       << QStringLiteral("123 45") << QStringLiteral("Rückruf an");
        QTest::newRow("email") << QStringLiteral("Bestätigung an jürgen.k@beispiel.de gesendet")
                               << QStringLiteral("beispiel") << QStringLiteral("gesendet");
        QTest::newRow("json name")
            << QStringLiteral(R"({"first_name":"Jürgen","service":"Haarschnitt"})")
            << QStringLiteral("Jürgen") << QStringLiteral("Haarschnitt");
        QTest::newRow("json number") << QStringLiteral(R"({"from_number":"+4915112345678"})")
                                     << QStringLiteral("5112345") << QStringLiteral("from_number");
        QTest::newRow("timestamp kept")
            << QStringLiteral("at 2026-11-24T10:00:00 on 2026-12-24") << QStringLiteral("***")
            << QStringLiteral("2026-11-24T10:00:00 on 2026-12-24");
        QTest::newRow("small numbers kept")
            << QStringLiteral("took 14 ms, 3 retries") << QStringLiteral("***")
            << QStringLiteral("took 14 ms, 3 retries");
        QTest::newRow("iso date kept") << QStringLiteral("2026-12-24") << QStringLiteral("***")
                                       << QStringLiteral("2026-12-24");
        QTest::newRow("date-like number masked")
            << QStringLiteral("2026-12-245") << QStringLiteral("12-24") << QStringLiteral("2***");
        QTest::newRow("number with date shape and more masked")
            << QStringLiteral("2026-12-24 1234") << QStringLiteral("12-24 12")
            << QStringLiteral("2***");
        QTest::newRow("ids kept") << QStringLiteral("call_abc1234567 stored")
                                  << QStringLiteral("***") << QStringLiteral("call_abc1234567");
    }

    void freeText() {
        QFETCH(QString, input);
        QFETCH(QString, mustNotContain);
        QFETCH(QString, mustContain);
        const QString out = maskFreeText(input);
        QVERIFY2(!out.contains(mustNotContain), qPrintable(out));
        QVERIFY2(out.contains(mustContain), qPrintable(out));
    }

    // What is stored with every function call: the masked arguments as compact JSON, written
    // directly, the same bytes as QJsonDocument writes for the masked object.
    void maskedArgsJsonIsWhatQtWrites_data() {
        QTest::addColumn<QJsonObject>("args");
        QTest::newRow("none") << QJsonObject{};
        QTest::newRow("date and time") << QJsonObject{
            {"service", "Herrenhaarschnitt"}, {"date", "2026-12-24"}, {"time", "10:00"}};
        QTest::newRow("personal") << QJsonObject{
            {"customer_name", "Jürgen Öztürk"},
            {"phone", "+49 151 1234 5678"},
            {"email", "anna.schmidt@example.de"},
            {"notes", "ruft zurück unter 030 1234567, anna@beispiel.de"}};
        QTest::newRow("not strings") << QJsonObject{{"count", 5},
                                                    {"ok", true},
                                                    {"nothing", QJsonValue()},
                                                    {"ratio", 0.25},
                                                    {"list", QJsonArray{"a", 1}},
                                                    {"nested", QJsonObject{{"name", "Anna"}}}};
        QTest::newRow("escapes") << QJsonObject{
            {"key \"quoted\"\n", "tab\there, back\\slash, \x01 control"},
            {"emoji", QStringLiteral("Termin \U0001F487 morgen")},
            {"lone surrogate", QString(QChar(0xD800)) + QStringLiteral("x")},
            {"umlaut key äöü", "Größe"}};
    }

    void maskedArgsJsonIsWhatQtWrites() {
        QFETCH(QJsonObject, args);
        const QByteArray expected =
            QJsonDocument(FunctionData::maskedArgs(args)).toJson(QJsonDocument::Compact);
        QCOMPARE(FunctionData::maskedArgsJson(args), expected);
    }
};

QTEST_GUILESS_MAIN(TestLogMask)
#include "tst_logmask.moc"
