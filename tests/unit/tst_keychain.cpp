// The secret store against a real Secret Service: run by CTest twice, once inside
// dbus-run-session with an unlocked gnome-keyring (CALLBOOK_KEYCHAIN_EXPECT=present), once with
// no session bus at all (=absent), where the user must get a message saying what to do.

#include "secrets/secretstore.h"

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
};

QTEST_GUILESS_MAIN(TestKeychain)
#include "tst_keychain.moc"
