#include "core/logmask.h"

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
};

QTEST_GUILESS_MAIN(TestLogMask)
#include "tst_logmask.moc"
