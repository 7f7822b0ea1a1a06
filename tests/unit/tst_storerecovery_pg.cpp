// The store on a real PostgreSQL server when its connection dies in the middle of a batch: the
// tasks left are answered "unavailable" (Retell retries them), nothing crashes, and the next
// task runs on a new connection.

#include "store/databasesettings.h"
#include "store/store.h"
#include "store/storesession.h"
#include "testsupport.h"

#include <QScopeGuard>
#include <QSemaphore>
#include <QSqlQuery>
#include <QTest>
#include <atomic>
#include <stdexcept>

using namespace Callbook;
using namespace CallbookTest;

class TestStoreRecovery : public QObject {
    Q_OBJECT
    std::unique_ptr<TestDatabase> m_db;
    std::unique_ptr<Store> m_store;

    // A started store on a fresh, migrated database, as the service role.
    void startStore(int connections) {
        m_db = std::make_unique<TestDatabase>();
        QString error;
        QVERIFY2(m_db->create(&error), qPrintable(error));
        QVERIFY2(migrateWithSampleConfig(*m_db, &error), qPrintable(error));
        const auto settings = DatabaseSettings::fromUrl(m_db->serviceUrl(), &error);
        QVERIFY2(settings, qPrintable(error));
        m_store = std::make_unique<Store>(*settings, connections);
        QVERIFY2(m_store->start(&error), qPrintable(error));
    }

private Q_SLOTS:
    void initTestCase() { qputenv("CALLBOOK_TEST_DATABASE", "postgresql"); }
    void cleanup() {
        m_store.reset();
        m_db.reset();
    }

    void connectionLostWhileRetryingABatchOneByOne() {
        startStore(1);
        if (QTest::currentTestFailed())
            return;
        Store &store = *m_store;

        // Hold the store thread (once it is in the first task) so the next three tasks are
        // taken as one batch.
        QSemaphore started, release;
        QList<StoreResult> results(4);
        int answered = 0;
        auto collect = [&](int i) {
            return [&, i](const StoreResult &r) {
                results[i] = r;
                ++answered;
            };
        };
        store.submit(
            0,
            [&](StoreSession &) {
                started.release();
                release.acquire();
                return QVariant();
            },
            this, collect(0));
        started.acquire();
        // The batch fails on the first (a task that never succeeds), so each is retried alone;
        // the second then ends its own connection, and the third finds none.
        store.submit(
            0, [](StoreSession &) -> QVariant { throw std::runtime_error("never succeeds"); }, this,
            collect(1));
        store.submit(
            0,
            [](StoreSession &s) {
                s.run(QStringLiteral("SELECT pg_terminate_backend(pg_backend_pid())"));
                return QVariant();
            },
            this, collect(2));
        store.submit(
            0, [](StoreSession &) { return QVariant(3); }, this, collect(3));
        release.release();
        QTRY_COMPARE_WITH_TIMEOUT(answered, 4, 10000);
        QVERIFY(results[0].ok());
        QCOMPARE(results[1].status, StoreResult::Status::Failed);
        QCOMPARE(results[2].status, StoreResult::Status::Unavailable);
        QCOMPARE(results[3].status, StoreResult::Status::Unavailable);

        // And the store comes back by itself.
        StoreResult again;
        QTRY_VERIFY_WITH_TIMEOUT(
            (again = store.runAndWait(0, [](StoreSession &) { return QVariant(7); })).ok(), 5000);
        QCOMPARE(again.value.toInt(), 7);
        store.stop();
    }

    // Two connections: one of them lost is not the database lost. Health and the console go by
    // isAvailable(), and one connection's failure used to switch it off for both.
    void oneLostConnectionOfTwoLeavesTheStoreAvailable() {
        startStore(2);
        if (QTest::currentTestFailed())
            return;
        Store &store = *m_store;
        std::atomic<int> reportedLost{0};
        const QMetaObject::Connection watch = connect(
            &store, &Store::availabilityChanged, this,
            [&](bool available) { reportedLost += available ? 0 : 1; }, Qt::DirectConnection);
        const auto unwatch = qScopeGuard([&] { disconnect(watch); });
        QVERIFY(store.isAvailable());

        const StoreResult killed = store.runAndWait(0, [](StoreSession &s) {
            s.run(QStringLiteral("SELECT pg_terminate_backend(pg_backend_pid())"));
            return QVariant();
        });
        QCOMPARE(killed.status, StoreResult::Status::Unavailable);
        QVERIFY(store.isAvailable()); // the other connection is open
        QCOMPARE(reportedLost.load(), 0);
        // Both connections serve again at once: two tasks held at the same time need both
        // workers, and the one that lost its connection opens a new one for its task (only
        // failed attempts space the next one out).
        QSemaphore inside, release;
        int answered = 0;
        QList<StoreResult> results(2);
        for (int i = 0; i < 2; ++i) {
            store.submit(
                0,
                [&](StoreSession &s) {
                    inside.release();
                    release.acquire();
                    QSqlQuery &q = s.run(QStringLiteral("SELECT 1"));
                    return QVariant(q.next() ? q.value(0).toInt() : 0);
                },
                this,
                [&, i](const StoreResult &r) {
                    results[i] = r;
                    ++answered;
                });
            QVERIFY(inside.tryAcquire(1, 10000)); // then the second goes to the other worker
        }
        release.release(2);
        QTRY_COMPARE_WITH_TIMEOUT(answered, 2, 10000);
        QVERIFY2(results[0].ok() && results[1].ok(),
                 qPrintable(results[0].error + QLatin1Char(' ') + results[1].error));
        QVERIFY(store.isAvailable());
        store.stop();
    }

    // A statement can succeed and the transaction still fail when it commits (here a deferred
    // unique constraint). Such a task must fail: what it wrote is not there, and nobody may
    // answer 2xx for it.
    void failedCommitFailsTheTask() {
        startStore(1);
        if (QTest::currentTestFailed())
            return;
        bool ranToTheEnd = false;
        const StoreResult r = m_store->runAndWait(0, [&ranToTheEnd](StoreSession &s) {
            s.execute(QStringLiteral("CREATE TEMP TABLE once (x INTEGER UNIQUE DEFERRABLE "
                                     "INITIALLY DEFERRED) ON COMMIT DROP"));
            s.run(QStringLiteral("INSERT INTO audit_log (at_ms, actor, action) VALUES (1, "
                                 "'test', 'written')"));
            s.run(QStringLiteral("INSERT INTO once VALUES (1), (1)"));
            ranToTheEnd = true;
            return QVariant(1);
        });
        QVERIFY(ranToTheEnd); // every statement succeeded; only COMMIT fails
        QVERIFY2(!r.ok(), "answered ok although nothing was committed");
        QVERIFY2(r.error.contains(QStringLiteral("commit")), qPrintable(r.error));
        QCOMPARE(m_db->count(QStringLiteral("SELECT COUNT(*) FROM audit_log WHERE actor = 'test'")),
                 0);
        // The next task runs normally.
        QCOMPARE(m_store->runAndWait(0, [](StoreSession &) { return QVariant(5); }).value.toInt(),
                 5);
    }
};

QTEST_GUILESS_MAIN(TestStoreRecovery)
#include "tst_storerecovery_pg.moc"
