#include "secrets/secretstore.h"

#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Callbook;

class TestSecretStore : public QObject {
    Q_OBJECT

    bool m_answered = false;

    // Resolves and records whether the callback came at all (a missing answer must fail the test).
    std::optional<QByteArray> resolve(SecretStore &store, const QString &name,
                                      QString *source = nullptr) {
        std::optional<QByteArray> result;
        m_answered = false;
        store.resolve(name, this, [&](std::optional<QByteArray> v, QString s) {
            result = v;
            m_answered = true;
            if (source)
                *source = s;
        });
        for (int i = 0; i < 500 && !m_answered; ++i)
            QTest::qWait(10);
        return result;
    }

private Q_SLOTS:
    void init() {
        qputenv("CALLBOOK_NO_KEYCHAIN", "1");
        qunsetenv("CALLBOOK_SECRET_CALCOM_SALON_MIA");
        qunsetenv("CREDENTIALS_DIRECTORY");
    }

    void environmentNameMangling() {
        QCOMPARE(SecretStore::environmentName(QStringLiteral("calcom-salon-mia")),
                 QStringLiteral("CALLBOOK_SECRET_CALCOM_SALON_MIA"));
        QCOMPARE(SecretStore::environmentName(QStringLiteral("retell-api-key")),
                 QStringLiteral("CALLBOOK_SECRET_RETELL_API_KEY"));
        qputenv("CALLBOOK_SECRET_CALCOM_SALON_MIA", "cal_live_123");
        SecretStore store;
        QString source;
        QCOMPARE(resolve(store, QStringLiteral("calcom-salon-mia"), &source),
                 std::optional<QByteArray>("cal_live_123"));
        QCOMPARE(source, QStringLiteral("environment"));
    }

    void credentialsDirectory() {
        QTemporaryDir dir;
        QFile f(dir.filePath(QStringLiteral("calcom-salon-mia")));
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("from-file\n");
        f.close();
        qputenv("CREDENTIALS_DIRECTORY", dir.path().toUtf8());
        SecretStore store;
        QCOMPARE(resolve(store, QStringLiteral("calcom-salon-mia")),
                 std::optional<QByteArray>("from-file"));
        // The environment wins over the file.
        qputenv("CALLBOOK_SECRET_CALCOM_SALON_MIA", "from-env");
        SecretStore fresh;
        QCOMPARE(fresh.resolveWithoutKeychain(QStringLiteral("calcom-salon-mia")),
                 std::optional<QByteArray>("from-env"));
    }

    void traversalIsRefused() {
        QTemporaryDir dir;
        qputenv("CREDENTIALS_DIRECTORY", dir.path().toUtf8());
        SecretStore store;
        QVERIFY(!store.resolveWithoutKeychain(QStringLiteral("../etc/passwd")));
        QVERIFY(!store.resolveWithoutKeychain(QStringLiteral("a/b")));
        QVERIFY(!resolve(store, QStringLiteral("..")));
        QVERIFY(m_answered);
    }

    void missingSecret() {
        SecretStore store;
        QVERIFY(!resolve(store, QStringLiteral("nothing-here")));
        QVERIFY2(m_answered, "resolve() must answer exactly once, also when nothing is found");
    }

    void storeWithoutKeychainSaysWhatToDo() {
        SecretStore store;
        bool called = false, ok = true;
        QString error;
        store.store(QStringLiteral("retell-api-key"), "x", this, [&](bool o, QString e) {
            called = true;
            ok = o;
            error = e;
        });
        QTRY_VERIFY(called);
        QVERIFY(!ok);
        QVERIFY2(error.contains(QStringLiteral("No keychain available")), qPrintable(error));
        QVERIFY(error.contains(QStringLiteral("CALLBOOK_SECRET_RETELL_API_KEY")));
    }
};

QTEST_GUILESS_MAIN(TestSecretStore)
#include "tst_secretstore.moc"
