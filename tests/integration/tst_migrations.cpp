// Upgrading a database that holds data: the schema is taken to an older version, filled, and
// then brought up to date by the real `callbook migrate`. Nothing stored may be lost or
// changed, and what the new version promises must hold afterwards. On SQLite and on the real
// PostgreSQL server (CALLBOOK_TEST_DATABASE selects the engine).

#include "store/databasesettings.h"
#include "store/migrator.h"
#include "store/store.h"
#include "store/storesession.h"
#include "testsupport.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QTest>

using namespace Callbook;
using namespace CallbookTest;

class TestMigrations : public QObject {
    Q_OBJECT

    std::unique_ptr<TestDatabase> m_db;

    // Migrates as the owner, as `callbook migrate` does, but only up to `version`.
    bool migrateTo(int version, QString *error) {
        const auto admin = DatabaseSettings::fromUrl(m_db->adminUrl(), error);
        const auto service = DatabaseSettings::fromUrl(m_db->serviceUrl(), error);
        if (!admin || !service)
            return false;
        const QString appRole = admin->user != service->user ? service->user : QString();
        Store store(*admin);
        if (!store.start(error))
            return false;
        const StoreResult r = store.runAndWait(
            0, [&](StoreSession &s) { return QVariant(Migrator(s, appRole).migrate(version)); });
        store.stop();
        if (!r.ok())
            *error = r.error;
        return r.ok();
    }

    qint64 addCompany(const QString &slug) {
        QSqlQuery q(m_db->ownerConnection());
        q.prepare(QStringLiteral("INSERT INTO companies (slug, name, timezone, created_at_ms, "
                                 "updated_at_ms) VALUES (?, ?, 'Europe/Berlin', 1, 1)"));
        q.addBindValue(slug);
        q.addBindValue(slug);
        if (!q.exec())
            qWarning() << q.lastError().text();
        return m_db->scalar(QStringLiteral("SELECT id FROM companies WHERE slug = '%1'").arg(slug))
            .toLongLong();
    }

    // True when the row went in, false when ON CONFLICT kept it out.
    bool addEvent(qint64 companyId, const QString &callId, const QString &dedupeKey,
                  const QString &payload = QStringLiteral("{}")) {
        QSqlQuery q(m_db->ownerConnection());
        q.prepare(QStringLiteral("INSERT INTO call_events (company_id, call_id, event, dedupe_key, "
                                 "received_at_ms, payload) VALUES (?, ?, ?, ?, 1700000000000, ?) "
                                 "ON CONFLICT DO NOTHING RETURNING id"));
        q.addBindValue(companyId);
        q.addBindValue(callId);
        q.addBindValue(dedupeKey.section(QLatin1Char(':'), 0, 0));
        q.addBindValue(dedupeKey);
        q.addBindValue(payload);
        if (!q.exec()) {
            qWarning() << q.lastError().text();
            return false;
        }
        return q.next();
    }

    QStringList eventRows() {
        QStringList rows;
        QSqlQuery q(m_db->ownerConnection());
        if (!q.exec(QStringLiteral("SELECT id, company_id, call_id, event, dedupe_key, "
                                   "received_at_ms, payload FROM call_events ORDER BY id")))
            qWarning() << q.lastError().text();
        while (q.next()) {
            QStringList fields;
            for (int i = 0; i < 7; ++i)
                fields << q.value(i).toString();
            rows << fields.join(QLatin1Char('|'));
        }
        return rows;
    }

private Q_SLOTS:
    void init() {
        m_db = std::make_unique<TestDatabase>();
        QString error;
        QVERIFY2(m_db->create(&error), qPrintable(error));
    }
    void cleanup() { m_db.reset(); }

    void callEventsKeepEveryRowAndAreKeptPerBusiness() {
        QString error;
        QVERIFY2(migrateTo(4, &error), qPrintable(error));
        QCOMPARE(m_db->scalar(QStringLiteral("SELECT MAX(version) FROM schema_migrations")).toInt(),
                 4);
        const qint64 mia = addCompany(QStringLiteral("old-salon"));
        const qint64 garage = addCompany(QStringLiteral("old-garage"));
        QVERIFY(mia > 0 && garage > 0 && mia != garage);
        QVERIFY(addEvent(mia, QStringLiteral("call_x"), QStringLiteral("call_started")));
        QVERIFY(addEvent(mia, QStringLiteral("call_x"), QStringLiteral("transcript_updated:ab12"),
                         QStringLiteral("{\"transcript\":\"Grüß Gott\"}")));
        QVERIFY(addEvent(garage, QStringLiteral("call_y"), QStringLiteral("call_started")));
        // Version 4's flaw, shown so this test knows what it upgrades from: the garage's event
        // for Mia's call id is kept out by Mia's row.
        QVERIFY(!addEvent(garage, QStringLiteral("call_x"), QStringLiteral("call_started")));
        const QStringList before = eventRows();
        QCOMPARE(before.size(), 3);

        QString output;
        QVERIFY2(migrateWithSampleConfig(*m_db, &output), qPrintable(output));
        QVERIFY2(output.contains(
                     QStringLiteral("(%1 migrations applied)").arg(Migrator::latestVersion() - 4)),
                 qPrintable(output));
        QCOMPARE(m_db->scalar(QStringLiteral("SELECT MAX(version) FROM schema_migrations")).toInt(),
                 Migrator::latestVersion());
        QCOMPARE(eventRows(), before); // every row, its id and its payload

        // Now per business: the garage's delivery goes in, a redelivery to Mia does not.
        QVERIFY(addEvent(garage, QStringLiteral("call_x"), QStringLiteral("call_started")));
        QVERIFY(!addEvent(mia, QStringLiteral("call_x"), QStringLiteral("call_started")));
        QVERIFY(
            !addEvent(mia, QStringLiteral("call_x"), QStringLiteral("transcript_updated:ab12")));
        QCOMPARE(eventRows().size(), 4);
        // New rows get new ids after the copied ones (SQLite rebuilt the table).
        QVERIFY(m_db->scalar(QStringLiteral("SELECT MAX(id) FROM call_events")).toLongLong() >
                before.last().section(QLatin1Char('|'), 0, 0).toLongLong());

        if (m_db->isPostgres()) {
            // The tenant policy and the service role's rights survive the change.
            QCOMPARE(m_db->scalar(QStringLiteral("SELECT relrowsecurity FROM pg_class WHERE "
                                                 "relname = 'call_events'"))
                         .toBool(),
                     true);
            QSqlQuery q(m_db->serviceConnection());
            QVERIFY(q.exec(QStringLiteral("SELECT COUNT(*) FROM call_events")));
            QVERIFY(q.next());
            QCOMPARE(q.value(0).toInt(), 0); // no business chosen: the service role sees nothing
        }

        // Run again: nothing to do, nothing changed.
        QVERIFY2(migrateWithSampleConfig(*m_db, &output), qPrintable(output));
        QVERIFY2(output.contains(QStringLiteral("(0 migrations applied)")), qPrintable(output));
        QCOMPARE(eventRows().size(), 4);
    }

    void freshDatabaseHasTheSameKey() {
        QString output;
        QVERIFY2(migrateWithSampleConfig(*m_db, &output), qPrintable(output));
        const qint64 a = addCompany(QStringLiteral("fresh-a"));
        const qint64 b = addCompany(QStringLiteral("fresh-b"));
        QVERIFY(addEvent(a, QStringLiteral("call_z"), QStringLiteral("call_ended")));
        QVERIFY(addEvent(b, QStringLiteral("call_z"), QStringLiteral("call_ended")));
        QVERIFY(!addEvent(a, QStringLiteral("call_z"), QStringLiteral("call_ended")));
        QCOMPARE(eventRows().size(), 2);
    }

    // A business with years behind it: the service's lookups on the way to a booking read by
    // the indexes of version 6, not through the whole history (as the planner decides it, with
    // statistics gathered). The queries are the service's own, with values for their ?.
    void longHistoryIsReadByIndex() {
        QString error;
        QVERIFY2(migrateTo(Migrator::latestVersion(), &error), qPrintable(error));
        const qint64 company = addCompany(QStringLiteral("busy-salon"));
        QSqlDatabase db = m_db->ownerConnection();
        QVERIFY(db.transaction());
        QSqlQuery q(db);
        const qint64 past = 1600000000000; // September 2020
        auto run = [&](const QString &sql, const QVariantList &values) {
            q.prepare(sql);
            for (const QVariant &v : values)
                q.addBindValue(v);
            if (!q.exec())
                qWarning() << q.lastError().text();
        };
        for (int i = 0; i < 3000; ++i) {
            const qint64 start = past + qint64(i) * 3600000;
            run(QStringLiteral("INSERT INTO appointments (company_id, starts_at_ms, ends_at_ms, "
                               "status, provider, attendee_phone, created_at_ms, updated_at_ms) "
                               "VALUES (?, ?, ?, 'booked', 'local', ?, 1, 1)"),
                {company, start, start + 1800000, QStringLiteral("+49151%1").arg(i % 700)});
            run(QStringLiteral("INSERT INTO booking_holds (company_id, call_id, token, "
                               "starts_at_ms, ends_at_ms, expires_at_ms, status, created_at_ms) "
                               "VALUES (?, ?, ?, ?, ?, ?, 'held', 1)"),
                {company, QStringLiteral("call_%1").arg(i), QStringLiteral("token_%1").arg(i),
                 start, start + 1800000, start - 3600000});
            run(QStringLiteral("INSERT INTO callback_requests (company_id, call_id, reason, "
                               "created_at_ms) VALUES (?, ?, 'Frage', 1)"),
                {company, QStringLiteral("call_%1").arg(i)});
        }
        q.finish();
        QVERIFY(db.commit());
        for (const char *table : {"appointments", "booking_holds", "callback_requests"})
            QVERIFY(QSqlQuery(db).exec(QStringLiteral("ANALYZE ") + QLatin1String(table)));

        const QString c = QString::number(company);
        const qint64 soon = 1900000000000; // 2030
        auto plan = [&](const QString &query) {
            QSqlQuery explain(db);
            const QString prefix = m_db->isPostgres() ? QStringLiteral("EXPLAIN ")
                                                      : QStringLiteral("EXPLAIN QUERY PLAN ");
            if (!explain.exec(prefix + query))
                return explain.lastError().text();
            QStringList lines;
            while (explain.next())
                lines << explain.value(explain.record().count() - 1).toString();
            return lines.join(QLatin1Char('\n'));
        };
        const struct {
            QString query, index;
        } lookups[] = {
            // LocalBookings::isTaken and busyTimesWithExpiry: booked appointments around a slot.
            {QStringLiteral("SELECT COUNT(*) FROM appointments WHERE company_id = %1 AND status = "
                            "'booked' AND COALESCE(blocked_from_ms, starts_at_ms) < %2 AND "
                            "COALESCE(blocked_until_ms, ends_at_ms) > %3 AND id <> 0")
                 .arg(c)
                 .arg(soon + 1800000)
                 .arg(soon),
             QStringLiteral("appointments_company_blocked_until")},
            // AppointmentRepository::upcomingForPhone.
            {QStringLiteral("SELECT id FROM appointments WHERE company_id = %1 AND attendee_phone "
                            "= '+491517' AND status IN ('booked', 'pending') AND ends_at_ms > %2 "
                            "ORDER BY starts_at_ms")
                 .arg(c)
                 .arg(soon),
             QStringLiteral("appointments_company_phone")},
            // LocalBookings::isTaken and busyTimesWithExpiry: live holds around a slot.
            {QStringLiteral("SELECT COUNT(*) FROM booking_holds WHERE company_id = %1 AND status "
                            "= 'held' AND expires_at_ms > %2 AND starts_at_ms < %3 AND "
                            "ends_at_ms > %2 AND call_id <> COALESCE(NULL, '')")
                 .arg(c)
                 .arg(soon)
                 .arg(soon + 1800000),
             QStringLiteral("booking_holds_company_expiry")},
            // AppointmentRepository::requestCallback: the call's open callback for a reason.
            {QStringLiteral("SELECT id FROM callback_requests WHERE company_id = %1 AND call_id = "
                            "'call_7' AND reason = 'Frage' AND status = 'open'")
                 .arg(c),
             QStringLiteral("callback_requests_company_call")},
        };
        for (const auto &lookup : lookups) {
            const QString how = plan(lookup.query);
            QVERIFY2(how.contains(lookup.index),
                     qPrintable(lookup.query + QStringLiteral("\n") + how));
        }
    }
};

QTEST_GUILESS_MAIN(TestMigrations)
#include "tst_migrations.moc"
