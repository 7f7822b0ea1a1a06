// Row-level security on PostgreSQL: the service role, even with hand-written SQL, sees and
// changes only the rows of the company set for its transaction.

#include "store/schema.h"
#include "testsupport.h"

#include <QProcess>
#include <QSqlError>
#include <QSqlQuery>
#include <QTest>

using namespace CallbookTest;

class TestTenantIsolation : public QObject {
    Q_OBJECT
    std::unique_ptr<TestDatabase> m_db;
    qint64 m_mia = 0, m_garage = 0;

    QSqlQuery app(const QString &sql, bool *ok = nullptr) {
        QSqlQuery q(m_db->serviceConnection());
        const bool r = q.exec(sql);
        if (ok)
            *ok = r;
        return q;
    }
    void setTenant(qint64 id) {
        bool ok = false;
        app(QStringLiteral("SELECT set_config('callbook.company_id', '%1', false)").arg(id), &ok);
        QVERIFY(ok);
    }

private Q_SLOTS:
    void initTestCase() {
        qputenv("CALLBOOK_TEST_DATABASE", "postgresql");
        m_db = std::make_unique<TestDatabase>();
        QString error;
        QVERIFY2(m_db->create(&error), qPrintable(error));
        QVERIFY2(migrateWithSampleConfig(*m_db, &error), qPrintable(error));
        m_mia = m_db->scalar(QStringLiteral("SELECT id FROM companies WHERE slug = 'salon-mia'"))
                    .toLongLong();
        m_garage =
            m_db->scalar(QStringLiteral("SELECT id FROM companies WHERE slug = 'garage-north'"))
                .toLongLong();
        QVERIFY(m_mia > 0 && m_garage > 0);
        QSqlQuery owner(m_db->ownerConnection());
        for (qint64 id : {m_mia, m_garage}) {
            QVERIFY2(owner.exec(QStringLiteral("INSERT INTO calls (call_id, company_id, status, "
                                               "status_rank, created_at_ms, updated_at_ms) "
                                               "VALUES ('call_of_%1', %1, 'ended', 2, 0, 0)")
                                    .arg(id)),
                     qPrintable(owner.lastError().text()));
            QVERIFY(owner.exec(QStringLiteral("INSERT INTO customers (company_id, phone_e164, "
                                              "first_name, created_at_ms, updated_at_ms) "
                                              "VALUES (%1, '+4917000000%1', 'Name%1', 0, 0)")
                                   .arg(id)));
        }
    }

    void serviceRoleIsNotOwner() {
        QCOMPARE(app(QStringLiteral("SELECT current_user")).next(), true);
        QSqlQuery q = app(QStringLiteral(
            "SELECT current_user, (SELECT tableowner FROM pg_tables WHERE tablename = 'calls')"));
        QVERIFY(q.next());
        QCOMPARE(q.value(0).toString(), QStringLiteral("callbook_app"));
        QCOMPARE(q.value(1).toString(), QStringLiteral("callbook_owner"));
        bool ok = true;
        app(QStringLiteral("ALTER TABLE calls DISABLE ROW LEVEL SECURITY"), &ok);
        QVERIFY(!ok);
        app(QStringLiteral("DROP POLICY tenant_isolation ON calls"), &ok);
        QVERIFY(!ok);
    }

    void noTenantSeesNothing() {
        app(QStringLiteral("RESET callbook.company_id"));
        for (const char *table : {"calls", "customers", "companies", "services", "phone_numbers"}) {
            QSqlQuery q = app(QStringLiteral("SELECT COUNT(*) FROM %1").arg(QLatin1String(table)));
            QVERIFY(q.next());
            QCOMPARE(q.value(0).toLongLong(), 0);
        }
    }

    void tenantSeesOnlyItsRows() {
        setTenant(m_mia);
        QSqlQuery q = app(QStringLiteral("SELECT call_id FROM calls"));
        QStringList ids;
        while (q.next())
            ids << q.value(0).toString();
        QCOMPARE(ids, QStringList{QStringLiteral("call_of_%1").arg(m_mia)});
        // Asking for the other company's rows explicitly gives nothing.
        q = app(
            QStringLiteral("SELECT COUNT(*) FROM customers WHERE company_id = %1").arg(m_garage));
        QVERIFY(q.next());
        QCOMPARE(q.value(0).toLongLong(), 0);
        q = app(QStringLiteral("SELECT COUNT(*) FROM companies"));
        QVERIFY(q.next());
        QCOMPARE(q.value(0).toLongLong(), 1);
    }

    void tenantCannotWriteOthersRows() {
        setTenant(m_mia);
        QSqlQuery q =
            app(QStringLiteral("UPDATE calls SET summary = 'hacked' WHERE company_id = %1")
                    .arg(m_garage));
        QCOMPARE(q.numRowsAffected(), 0);
        q = app(QStringLiteral("DELETE FROM customers WHERE company_id = %1").arg(m_garage));
        QCOMPARE(q.numRowsAffected(), 0);
        bool ok = true;
        app(QStringLiteral("INSERT INTO calls (call_id, company_id, status, status_rank, "
                           "created_at_ms, updated_at_ms) "
                           "VALUES ('planted', %1, 'ended', 2, 0, 0)")
                .arg(m_garage),
            &ok);
        QVERIFY2(!ok, "inserting a row for another company must be refused");
        // Moving an own row to the other company is refused too.
        app(QStringLiteral("UPDATE calls SET company_id = %1 WHERE company_id = %2")
                .arg(m_garage)
                .arg(m_mia),
            &ok);
        QVERIFY(!ok);
        QCOMPARE(
            m_db
                ->scalar(QStringLiteral(
                    "SELECT COUNT(*) FROM calls WHERE summary = 'hacked' OR call_id = 'planted'"))
                .toLongLong(),
            0);
        QCOMPARE(m_db->scalar(QStringLiteral("SELECT COUNT(*) FROM customers WHERE company_id = %1")
                                  .arg(m_garage))
                     .toLongLong(),
                 1);
        QCOMPARE(
            m_db->scalar(QStringLiteral("SELECT company_id FROM calls WHERE call_id = 'call_of_%1'")
                             .arg(m_mia))
                .toLongLong(),
            m_mia);
    }

    void routingIsVisibleWithoutTenantData() {
        app(QStringLiteral("RESET callbook.company_id"));
        QSqlQuery q =
            app(QStringLiteral("SELECT COUNT(*) FROM callbook_routing() WHERE kind = 'number'"));
        QVERIFY(q.next());
        QCOMPARE(q.value(0).toLongLong(), 2);
    }

    void migrationsAreIdempotent() {
        QProcess migrate;
        migrate.start(QStringLiteral(CALLBOOK_BINARY),
                      {QStringLiteral("migrate"), QStringLiteral("--database"), m_db->serviceUrl(),
                       QStringLiteral("--admin-database"), m_db->adminUrl()});
        QVERIFY(migrate.waitForFinished(60000));
        QCOMPARE(migrate.exitCode(), 0);
        QVERIFY(migrate.readAllStandardOutput().contains("0 migrations applied"));
        QCOMPARE(m_db->scalar(QStringLiteral("SELECT MAX(version) FROM schema_migrations")).toInt(),
                 int(Callbook::migrations().size()));
    }
};

QTEST_GUILESS_MAIN(TestTenantIsolation)
#include "tst_tenantisolation_pg.moc"
