#include "tenants/companyconfig.h"

#include <QTest>

using namespace Callbook;

class TestCompanyConfig : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void issueExampleParses() {
        const QByteArray json =
            R"({"companies":[{"slug":"salon-mia","name":"Salon Mia","timezone":"Europe/Berlin","locale":"de",
            "phone_numbers":["+493012345678"],"business_hours":{"mon":["09:00-18:00"],"sat":["10:00-14:00"]},
            "closures":["2026-12-24"],"price_per_minute_eur":0.12,"calendar":{"provider":"local"},
            "services":[{"name":"Herrenhaarschnitt","aliases":["Haarschnitt Herren"],"duration_min":30,"price_eur":28}]}]})";
        QStringList errors;
        const auto companies = parseCompanyConfig(json, &errors);
        QVERIFY2(companies, qPrintable(errors.join(QLatin1Char('\n'))));
        QCOMPARE(companies->size(), 1);
        const CompanyConfig &c = companies->first();
        QCOMPARE(c.slug, QStringLiteral("salon-mia"));
        QCOMPARE(c.hours.size(), 2);
        QCOMPARE(c.hours[0].weekday, 1);
        QCOMPARE(c.hours[0].opensMin, 9 * 60);
        QCOMPARE(c.hours[0].closesMin, 18 * 60);
        QCOMPARE(c.hours[1].weekday, 6);
        QCOMPARE(c.pricePerMinuteEur, 0.12);
        QCOMPARE(c.services.first().aliases, QStringList{QStringLiteral("Haarschnitt Herren")});
        QCOMPARE(c.services.first().durationMin, 30);
        QCOMPARE(*c.services.first().priceEur, 28.0);
    }

    void retentionDefaultsTo90AndZeroKeepsEverything() {
        QStringList errors;
        const auto companies = parseCompanyConfig(
            R"({"companies":[{"slug":"a","name":"A","timezone":"UTC"},
                             {"slug":"b","name":"B","timezone":"UTC","retention_days":0},
                             {"slug":"c","name":"C","timezone":"UTC","retention_days":30}]})",
            &errors);
        QVERIFY2(companies, qPrintable(errors.join(QLatin1Char('\n'))));
        QCOMPARE((*companies)[0].retentionDays, 90);
        QCOMPARE((*companies)[1].retentionDays, 0);
        QCOMPARE((*companies)[2].retentionDays, 30);
    }

    void errorsNameThePath_data() {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("expected");
        QTest::newRow("broken json") << QByteArray("{") << QStringLiteral("not valid JSON");
        QTest::newRow("no companies") << QByteArray("{}") << QStringLiteral("companies:");
        QTest::newRow("bad zone")
            << QByteArray(R"({"companies":[{"slug":"a","name":"A","timezone":"Mars/Base"}]})")
            << QStringLiteral("companies[0].timezone");
        QTest::newRow("bad number")
            << QByteArray(
                   R"({"companies":[{"slug":"a","name":"A","timezone":"UTC","phone_numbers":["030 123"]}]})")
            << QStringLiteral("companies[0].phone_numbers[0]");
        QTest::newRow("bad hours")
            << QByteArray(
                   R"({"companies":[{"slug":"a","name":"A","timezone":"UTC","business_hours":{"mon":["18:00-09:00"]}}]})")
            << QStringLiteral("companies[0].business_hours.mon[0]");
        QTest::newRow("bad weekday")
            << QByteArray(
                   R"({"companies":[{"slug":"a","name":"A","timezone":"UTC","business_hours":{"montag":["09:00-10:00"]}}]})")
            << QStringLiteral("business_hours.montag");
        QTest::newRow("overlap")
            << QByteArray(
                   R"({"companies":[{"slug":"a","name":"A","timezone":"UTC","business_hours":{"mon":["09:00-12:00","11:00-13:00"]}}]})")
            << QStringLiteral("overlap");
        QTest::newRow("bad closure")
            << QByteArray(
                   R"({"companies":[{"slug":"a","name":"A","timezone":"UTC","closures":["24.12.2026"]}]})")
            << QStringLiteral("companies[0].closures[0]");
        QTest::newRow("locale")
            << QByteArray(
                   R"({"companies":[{"slug":"a","name":"A","timezone":"UTC","locale":"fr"}]})")
            << QStringLiteral("companies[0].locale");
        QTest::newRow("duration")
            << QByteArray(
                   R"({"companies":[{"slug":"a","name":"A","timezone":"UTC","services":[{"name":"S","duration_min":0}]}]})")
            << QStringLiteral("services[0].duration_min");
        QTest::newRow("dup slug")
            << QByteArray(
                   R"({"companies":[{"slug":"a","name":"A","timezone":"UTC"},{"slug":"a","name":"B","timezone":"UTC"}]})")
            << QStringLiteral("used twice");
        QTest::newRow("shared number")
            << QByteArray(
                   R"({"companies":[{"slug":"a","name":"A","timezone":"UTC","phone_numbers":["+4930123456"]},{"slug":"b","name":"B","timezone":"UTC","phone_numbers":["+4930123456"]}]})")
            << QStringLiteral("two companies");
        QTest::newRow("provider")
            << QByteArray(
                   R"({"companies":[{"slug":"a","name":"A","timezone":"UTC","calendar":{"provider":"outlook"}}]})")
            << QStringLiteral("calendar.provider");
        QTest::newRow("retention too long")
            << QByteArray(
                   R"({"companies":[{"slug":"a","name":"A","timezone":"UTC","retention_days":4000}]})")
            << QStringLiteral("companies[0].retention_days: must be whole days");
        QTest::newRow("retention fraction")
            << QByteArray(
                   R"({"companies":[{"slug":"a","name":"A","timezone":"UTC","retention_days":1.5}]})")
            << QStringLiteral("companies[0].retention_days");
        QTest::newRow("retention text")
            << QByteArray(
                   R"({"companies":[{"slug":"a","name":"A","timezone":"UTC","retention_days":"30"}]})")
            << QStringLiteral("companies[0].retention_days");
        QTest::newRow("missing name")
            << QByteArray(R"({"companies":[{"slug":"a","timezone":"UTC"}]})")
            << QStringLiteral("companies[0].name");
    }

    void errorsNameThePath() {
        QFETCH(QByteArray, json);
        QFETCH(QString, expected);
        QStringList errors;
        QVERIFY(!parseCompanyConfig(json, &errors));
        QVERIFY2(errors.join(QLatin1Char('\n')).contains(expected),
                 qPrintable(errors.join(QLatin1Char('\n'))));
    }
};

QTEST_GUILESS_MAIN(TestCompanyConfig)
#include "tst_companyconfig.moc"
