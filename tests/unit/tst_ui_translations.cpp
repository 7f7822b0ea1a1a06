// German and English are compiled into the console; nothing in the .ts files is unfinished.

#include "translation.h"

#include <QApplication>
#include <QDir>
#include <QFile>
#include <QTest>
#include <QXmlStreamReader>

using namespace Callbook;

class TestUiTranslations : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void germanIsTranslated() {
        QCOMPARE(installConsoleTranslation(*qApp, QStringLiteral("de")), QStringLiteral("de"));
        QCOMPARE(QCoreApplication::translate("Callbook::MainWindow", "&Live calls"),
                 QStringLiteral("&Live-Anrufe"));
        QCOMPARE(QCoreApplication::translate("Callbook::CallbacksModel", "Overdue"),
                 QStringLiteral("Überfällig"));
        QCOMPARE(QCoreApplication::translate("Callbook::MainWindow", "%n call(s) in progress",
                                             nullptr, 2),
                 QStringLiteral("2 Anrufe laufen"));
        QCOMPARE(QCoreApplication::translate("Callbook::MainWindow", "%n call(s) in progress",
                                             nullptr, 1),
                 QStringLiteral("1 Anruf läuft"));
    }

    void englishPluralsAreReal() {
        QCOMPARE(installConsoleTranslation(*qApp, QStringLiteral("en")), QStringLiteral("en"));
        QCOMPARE(QCoreApplication::translate("Callbook::MainWindow", "%n call(s) in progress",
                                             nullptr, 1),
                 QStringLiteral("1 call in progress"));
    }

    void unknownLanguageFallsBackToEnglish() {
        QCOMPARE(installConsoleTranslation(*qApp, QStringLiteral("ja")), QStringLiteral("en"));
    }

    void nothingUnfinished_data() {
        QTest::addColumn<QString>("file");
        QTest::newRow("de") << QStringLiteral(CALLBOOK_SOURCE_DIR "/translations/callbook_de.ts");
        QTest::newRow("en") << QStringLiteral(CALLBOOK_SOURCE_DIR "/translations/callbook_en.ts");
    }

    void nothingUnfinished() {
        QFETCH(QString, file);
        QFile f(file);
        QVERIFY2(f.open(QIODevice::ReadOnly), qPrintable(file));
        QXmlStreamReader xml(&f);
        int messages = 0;
        QStringList unfinished;
        QString source;
        while (!xml.atEnd()) {
            xml.readNext();
            if (!xml.isStartElement())
                continue;
            if (xml.name() == QLatin1String("message"))
                ++messages;
            else if (xml.name() == QLatin1String("source"))
                source = xml.readElementText();
            else if (xml.name() == QLatin1String("translation") &&
                     xml.attributes().value(QLatin1String("type")) == QLatin1String("unfinished"))
                unfinished << source;
        }
        QVERIFY2(!xml.hasError(), qPrintable(xml.errorString()));
        QVERIFY(messages > 100);
        QVERIFY2(unfinished.isEmpty(), qPrintable(unfinished.join(QStringLiteral(" | "))));
    }
};

QTEST_MAIN(TestUiTranslations)
#include "tst_ui_translations.moc"
