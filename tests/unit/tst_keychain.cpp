// The secret store against a real Secret Service: run by CTest twice, once inside
// dbus-run-session with an unlocked gnome-keyring (CALLBOOK_KEYCHAIN_EXPECT=present), once with
// no session bus at all (=absent), where the user must get a message saying what to do.

#include "console/secretrequests.h"
#include "secrets/secretstore.h"
#include "serviceevents.h"

#include <QTest>

using namespace Callbook;

class TestKeychain : public QObject {
    Q_OBJECT

    bool present() const {
        return qEnvironmentVariable("CALLBOOK_KEYCHAIN_EXPECT") == QLatin1String("present");
    }

    std::pair<bool, QString> write(SecretStore &store, const QString &name,
                                   const QByteArray &value) {
        std::optional<std::pair<bool, QString>> result;
        store.store(name, value, this,
                    [&](bool ok, QString error) { result = std::make_pair(ok, error); });
        for (int i = 0; i < 1000 && !result; ++i)
            QTest::qWait(10);
        return result.value_or(std::make_pair(false, QStringLiteral("no answer")));
    }

    std::pair<std::optional<QByteArray>, QString> read(SecretStore &store, const QString &name) {
        bool called = false;
        std::pair<std::optional<QByteArray>, QString> out;
        store.resolve(name, this, [&](std::optional<QByteArray> v, QString source) {
            out = {v, source};
            called = true;
        });
        for (int i = 0; i < 1000 && !called; ++i)
            QTest::qWait(10);
        return out;
    }

private Q_SLOTS:
    void initTestCase() {
        qunsetenv("CALLBOOK_NO_KEYCHAIN");
        QVERIFY2(qEnvironmentVariableIsSet("CALLBOOK_KEYCHAIN_EXPECT"), "run through ctest");
    }

    void roundTripOrClearMessage() {
        const QString name = QStringLiteral("tst-keychain-secret");
        const QByteArray value = QStringLiteral("Schlüssel ✓ €").toUtf8();
        SecretStore store;
        const auto [ok, error] = write(store, name, value);
        if (!present()) {
            QVERIFY(!ok);
            QVERIFY2(error.contains(QStringLiteral("No keychain available")), qPrintable(error));
            QVERIFY(error.contains(QStringLiteral("CALLBOOK_SECRET_TST_KEYCHAIN_SECRET")));
            QVERIFY(!read(store, name).first);
            return;
        }
        QVERIFY2(ok, qPrintable(error));
        SecretStore fresh; // no cache: really from the keychain
        const auto [readBack, source] = read(fresh, name);
        QCOMPARE(readBack, std::optional<QByteArray>(value));
        QCOMPARE(source, QStringLiteral("keychain"));
        bool removed = false, done = false;
        fresh.remove(name, this, [&](bool r, QString) {
            removed = r;
            done = true;
        });
        QTRY_VERIFY(done);
        QVERIFY(removed);
        SecretStore after;
        QVERIFY(!read(after, name).first);
    }

    // The console's Settings page: store, check, remove through the service's requests; the
    // value never comes back, only whether it is there (or why there is no keychain).
    void consoleSettingsPath() {
        SecretStore store;
        ConsoleRequests requests;
        ServiceEvents events;
        SecretRequests secretRequests(store, requests, events);
        QList<std::tuple<QString, bool, QString>> answers;
        connect(&events, &ServiceEvents::secretDone, this,
                [&](const QString &n, bool ok, const QString &m) {
                    answers.append({n, ok, m});
                });
        const QString name = QStringLiteral("tst-console-secret");
        Q_EMIT requests.storeSecret(name, QByteArrayLiteral("s3cr3t-value"));
        QTRY_COMPARE(answers.size(), 1);
        const auto [storedName, stored, storeMessage] = answers.takeFirst();
        QCOMPARE(storedName, name);
        QVERIFY(!storeMessage.contains(QStringLiteral("s3cr3t")));
        if (!present()) {
            QVERIFY(!stored);
            QVERIFY2(storeMessage.contains(QStringLiteral("No keychain available")),
                     qPrintable(storeMessage));
            QVERIFY(storeMessage.contains(QStringLiteral("CALLBOOK_SECRET_TST_CONSOLE_SECRET")));
            return;
        }
        QVERIFY2(stored, qPrintable(storeMessage));
        Q_EMIT requests.checkSecret(name);
        QTRY_COMPARE(answers.size(), 1);
        auto [n1, found, checkMessage] = answers.takeFirst();
        QVERIFY2(found, qPrintable(checkMessage));
        QVERIFY(checkMessage.contains(QStringLiteral("keychain")));
        QVERIFY(!checkMessage.contains(QStringLiteral("s3cr3t")));
        Q_EMIT requests.deleteSecret(name);
        QTRY_COMPARE(answers.size(), 1);
        QVERIFY(std::get<1>(answers.takeFirst()));
        Q_EMIT requests.checkSecret(name);
        QTRY_COMPARE(answers.size(), 1);
        auto [n2, foundAfter, afterMessage] = answers.takeFirst();
        QVERIFY2(!foundAfter, qPrintable(afterMessage));
        QVERIFY(afterMessage.contains(QStringLiteral("Not found")));
    }
};

QTEST_GUILESS_MAIN(TestKeychain)
#include "tst_keychain.moc"
