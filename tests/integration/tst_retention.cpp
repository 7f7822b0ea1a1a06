// `callbook purge --older-than DAYS`, `callbook export --phone`, `callbook audit` and the
// service's own retention (each business's retention_days, applied at start) against a database
// the real binary filled plus rows from long ago, on SQLite and PostgreSQL.

#include "testsupport.h"

#include <QDateTime>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>
#include <QSqlError>
#include <QSqlQuery>
#include <QTest>

using namespace CallbookTest;

namespace {
const QString kMiaNumber = QStringLiteral("+493012345678");
const QString kCaller = QStringLiteral("+4915112345678");
const qint64 kDay = 24LL * 3600 * 1000;
} // namespace

class TestRetention : public QObject {
    Q_OBJECT
    std::unique_ptr<TestDatabase> m_db;
    qint64 m_mia = 0, m_garage = 0;
    int m_serial = 0;

    using Run = CommandRun;
    Run run(const QStringList &args) {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("USER"), QStringLiteral("operator-ben"));
        env.remove(QStringLiteral("SUDO_USER"));
        return runCallbook(args + QStringList{QStringLiteral("--database"), m_db->serviceUrl()},
                           env);
    }
    void exec(const QString &sql, const QVariantList &values) {
        QSqlQuery q(m_db->ownerConnection());
        QVERIFY2(q.prepare(sql), qPrintable(q.lastError().text()));
        for (const QVariant &v : values)
            q.addBindValue(v);
        QVERIFY2(q.exec(), qPrintable(sql + QStringLiteral(": ") + q.lastError().text()));
    }
    // Rows from `daysAgo` days ago for `company`, all about kCaller (plus an old customer who
    // has not called since and an unrouted delivery).
    void insertOldRows(qint64 company, int daysAgo) {
        const qint64 t = QDateTime::currentMSecsSinceEpoch() - daysAgo * kDay;
        const QString call = QStringLiteral("call_old_%1").arg(++m_serial);
        exec(
            QStringLiteral("INSERT INTO calls (call_id, company_id, direction, from_number, "
                           "to_number, status, status_rank, transcript, summary, created_at_ms, "
                           "updated_at_ms) VALUES (?, ?, 'inbound', ?, ?, 'ended', 3, "
                           "'Agent: Hallo. User: Hier ist Erika.', 'Erika wants a haircut', ?, ?)"),
            {call, company, kCaller, kMiaNumber, t, t});
        exec(QStringLiteral("INSERT INTO call_events (company_id, call_id, event, dedupe_key, "
                            "received_at_ms, payload) VALUES (?, ?, 'call_ended', 'call_ended', "
                            "?, ?)"),
             {company, call, t,
              QStringLiteral(R"({"call":{"from_number":"%1","transcript":"Hier ist Erika"}})")
                  .arg(kCaller)});
        exec(QStringLiteral("INSERT INTO function_calls (company_id, call_id, name, args, "
                            "outcome, result, duration_us, created_at_ms) VALUES (?, ?, "
                            "'check_customer', '{\"name\":\"E*** M***\"}', 'ok', "
                            "'{\"found\":true}', 500, ?)"),
             {company, call, t});
        exec(QStringLiteral("INSERT INTO appointments (company_id, call_id, starts_at_ms, "
                            "ends_at_ms, status, provider, attendee_name, attendee_phone, "
                            "created_at_ms, updated_at_ms) VALUES (?, ?, ?, ?, 'booked', "
                            "'local', 'Erika Muster', ?, ?, ?)"),
             {company, call, t + 3600000, t + 5400000, kCaller, t, t});
        exec(QStringLiteral("INSERT INTO booking_holds (company_id, call_id, token, "
                            "starts_at_ms, ends_at_ms, expires_at_ms, status, created_at_ms, "
                            "customer_phone) VALUES (?, ?, ?, ?, ?, ?, 'released', ?, ?)"),
             {company, call, QStringLiteral("tok_") + call, t + 3600000, t + 5400000, t + 300000, t,
              kCaller});
        exec(QStringLiteral("INSERT INTO callback_requests (company_id, call_id, phone, name, "
                            "status, created_at_ms, done_at_ms) VALUES (?, ?, ?, 'Erika', "
                            "'done', ?, ?)"),
             {company, call, kCaller, t, t + 1000});
        exec(QStringLiteral("INSERT INTO callback_requests (company_id, call_id, phone, name, "
                            "status, created_at_ms) VALUES (?, ?, '+4915199990000', 'Still "
                            "Waiting', 'open', ?)"),
             {company, call, t});
        exec(QStringLiteral("INSERT INTO customers (company_id, phone_e164, first_name, "
                            "created_at_ms, updated_at_ms) VALUES (?, ?, 'Gone', ?, ?)"),
             {company, QStringLiteral("+49151000%1").arg(m_serial, 4, 10, QLatin1Char('0')), t, t});
        exec(QStringLiteral("INSERT INTO calcom_webhook_events (company_id, trigger_event, "
                            "booking_uid, dedupe_key, body, received_at_ms) VALUES (?, "
                            "'BOOKING_CREATED', 'uid_x', ?, ?, ?)"),
             {company, QStringLiteral("dk_") + call,
              QStringLiteral(R"({"attendees":[{"phoneNumber":"%1"}]})").arg(kCaller), t});
        exec(QStringLiteral("INSERT INTO unrouted_events (call_id, event, to_number, "
                            "received_at_ms, dedupe_key, payload) VALUES (?, 'call_started', "
                            "'+491700000000', ?, ?, ?)"),
             {call, t, QStringLiteral("un_") + call,
              QStringLiteral(R"({"call":{"from_number":"%1"}})").arg(kCaller)});
    }
    qint64 count(const QString &sql) { return m_db->count(sql); }

private Q_SLOTS:
    void initTestCase() {
        m_db = std::make_unique<TestDatabase>();
        QString error;
        QVERIFY2(m_db->create(&error), qPrintable(error));
        // Recent traffic through the real service.
        ServiceProcess service;
        QVERIFY2(service.start(*m_db, writeSampleConfig(m_db->dir()), {}, &error),
                 qPrintable(error));
        const QString id = QStringLiteral("call_recent_1");
        QCOMPARE(postSigned(service.port(), "/api/webhooks/retell",
                            callEventBody(QStringLiteral("call_started"), id, kMiaNumber))
                     .status,
                 200);
        QCOMPARE(
            postSigned(service.port(), "/api/webhooks/retell/function",
                       functionCallBody(QStringLiteral("request_callback"),
                                        {{QStringLiteral("reason"), QStringLiteral("Preise")},
                                         {QStringLiteral("name"), QStringLiteral("Erika Muster")}},
                                        id, kMiaNumber, kCaller))
                .status,
            200);
        QCOMPARE(service.terminate(), 0);
        m_mia = m_db->scalar(QStringLiteral("SELECT id FROM companies WHERE slug = 'salon-mia'"))
                    .toLongLong();
        m_garage =
            m_db->scalar(QStringLiteral("SELECT id FROM companies WHERE slug = 'garage-north'"))
                .toLongLong();
        QVERIFY(m_mia > 0 && m_garage > 0);
        insertOldRows(m_mia, 400);
        // The caller of the recent call, seen today.
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        exec(QStringLiteral("INSERT INTO customers (company_id, phone_e164, first_name, "
                            "created_at_ms, updated_at_ms) VALUES (?, ?, 'Erika', ?, ?)"),
             {m_mia, kCaller, now - 500 * kDay, now});
    }

    void exportShowsEverythingAboutOneNumber() {
        const Run r = run({QStringLiteral("export"), QStringLiteral("--phone"), kCaller});
        QCOMPARE(r.exitCode, 0);
        const QJsonObject json = r.json();
        QCOMPARE(json.value(QStringLiteral("phone")).toString(), kCaller);
        const QJsonArray companies = json.value(QStringLiteral("companies")).toArray();
        QCOMPARE(companies.size(), 1); // garage-north has nothing about this caller
        const QJsonObject mia = companies.first().toObject();
        QCOMPARE(mia.value(QStringLiteral("company")).toString(), QStringLiteral("salon-mia"));
        QCOMPARE(mia.value(QStringLiteral("calls")).toArray().size(), 2); // recent + old
        QVERIFY(mia.value(QStringLiteral("call_events")).toArray().size() >= 2);
        QVERIFY(mia.value(QStringLiteral("function_calls")).toArray().size() >= 2);
        QCOMPARE(mia.value(QStringLiteral("appointments")).toArray().size(), 1);
        QCOMPARE(mia.value(QStringLiteral("booking_holds")).toArray().size(), 1);
        QCOMPARE(mia.value(QStringLiteral("calcom_webhook_events")).toArray().size(), 1);
        // The open callback of someone else on the old call belongs to that call: listed.
        QVERIFY(mia.value(QStringLiteral("callback_requests")).toArray().size() >= 2);
        QCOMPARE(mia.value(QStringLiteral("customers")).toArray().size(), 1);
        // Raw bodies come as JSON, unmasked: it is the caller's own data.
        bool sawTranscript = false;
        for (const QJsonValue &e : mia.value(QStringLiteral("call_events")).toArray())
            sawTranscript |= e.toObject()
                                 .value(QStringLiteral("payload"))
                                 .toObject()
                                 .value(QStringLiteral("call"))
                                 .toObject()
                                 .value(QStringLiteral("transcript"))
                                 .toString() == QStringLiteral("Hier ist Erika");
        QVERIFY(sawTranscript);
        QCOMPARE(json.value(QStringLiteral("unrouted_events")).toArray().size(), 1);
        // An unknown number: an empty export, not an error.
        const Run nobody = run({QStringLiteral("export"), QStringLiteral("--phone"),
                                QStringLiteral("+4915100000000")});
        QCOMPARE(nobody.exitCode, 0);
        QVERIFY(nobody.json().value(QStringLiteral("companies")).toArray().isEmpty());
        // The export is audited, with the number masked.
        QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM audit_log WHERE action = 'export' "
                                      "AND actor = 'operator-ben'")),
                 2);
        QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM audit_log WHERE details LIKE "
                                      "'%12345678%'")),
                 0);
    }

    void badInputIsAClearError() {
        const Run noDays = run({QStringLiteral("purge")});
        QCOMPARE(noDays.exitCode, 2);
        QVERIFY(noDays.err.contains("purge needs --older-than DAYS"));
        for (const QString &bad :
             {QStringLiteral("0"), QStringLiteral("abc"), QStringLiteral("-3")}) {
            const Run r = run({QStringLiteral("purge"), QStringLiteral("--older-than"), bad});
            QCOMPARE(r.exitCode, 2);
            QVERIFY2(r.err.contains("--older-than needs"), r.err.constData());
        }
        const Run badPhone =
            run({QStringLiteral("export"), QStringLiteral("--phone"), QStringLiteral("0151 123")});
        QCOMPARE(badPhone.exitCode, 2);
        QVERIFY(badPhone.err.contains("E.164"));
        QCOMPARE(run({QStringLiteral("export")}).exitCode, 2);
        QCOMPARE(run({QStringLiteral("audit"), QStringLiteral("--latest"), QStringLiteral("x")})
                     .exitCode,
                 2);
        // Nothing was purged by any of these.
        QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM calls WHERE transcript IS NOT NULL")),
                 1);
    }

    void purgeRemovesOldPersonalDataAndKeepsTheRest() {
        const Run r = run({QStringLiteral("purge"), QStringLiteral("--older-than"),
                           QStringLiteral("365"), QStringLiteral("--json")});
        QCOMPARE(r.exitCode, 0);
        QJsonObject mia, unrouted;
        for (const QJsonValue &v : r.json().value(QStringLiteral("removed")).toArray()) {
            const QJsonObject o = v.toObject();
            if (o.value(QStringLiteral("company")).toString() == QStringLiteral("salon-mia"))
                mia = o;
            if (o.value(QStringLiteral("company")).toString() == QStringLiteral("(unrouted)"))
                unrouted = o;
        }
        QCOMPARE(mia.value(QStringLiteral("calls")).toInt(), 1);
        QCOMPARE(mia.value(QStringLiteral("call_events")).toInt(), 1);
        QCOMPARE(mia.value(QStringLiteral("function_calls")).toInt(), 1);
        QCOMPARE(mia.value(QStringLiteral("webhook_bodies")).toInt(), 1);
        QCOMPARE(mia.value(QStringLiteral("appointments")).toInt(), 1);
        QCOMPARE(mia.value(QStringLiteral("holds")).toInt(), 1);
        QCOMPARE(mia.value(QStringLiteral("callbacks")).toInt(), 1); // the done one only
        QCOMPARE(mia.value(QStringLiteral("customers")).toInt(), 1); // not seen since
        QCOMPARE(unrouted.value(QStringLiteral("unrouted_events")).toInt(), 1);

        // Gone: the old transcript, summary, caller's number, bodies, names.
        QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM calls WHERE call_id LIKE 'call_old%' "
                                      "AND (transcript IS NOT NULL OR summary IS NOT NULL OR "
                                      "from_number IS NOT NULL)")),
                 0);
        QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM call_events WHERE call_id LIKE "
                                      "'call_old%' AND payload <> '{}'")),
                 0);
        QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM appointments WHERE attendee_name IS "
                                      "NOT NULL AND call_id LIKE 'call_old%'")),
                 0);
        QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM unrouted_events")), 0);
        // Kept: the figures of the old call, the recent call as it was, the open callback, the
        // customer who called recently.
        QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM calls WHERE call_id LIKE 'call_old%' "
                                      "AND status = 'ended'")),
                 1);
        QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM calls WHERE call_id = "
                                      "'call_recent_1' AND from_number IS NOT NULL")),
                 1);
        QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM function_calls WHERE call_id = "
                                      "'call_recent_1' AND args <> '{}'")),
                 1);
        QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM callback_requests WHERE status = "
                                      "'open'")),
                 2);
        QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM customers WHERE phone_e164 = "
                                      "'+4915112345678'")),
                 1);
        // A second run finds nothing more.
        const Run again =
            run({QStringLiteral("purge"), QStringLiteral("--older-than"), QStringLiteral("365")});
        QCOMPARE(again.exitCode, 0);
        QVERIFY2(again.out.contains("Removed transcripts and personal data older than 365 days"),
                 again.out.constData());
        QVERIFY(again.out.contains("salon-mia"));
        for (const QByteArray &line : again.out.split('\n'))
            if (line.startsWith("salon-mia"))
                QVERIFY2(line.simplified() == "salon-mia 0 0 0 0 0 0 0 0 0", line.constData());
        // Each run is audited per business and for the unrouted deliveries.
        QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM audit_log WHERE action = 'purge' AND "
                                      "actor = 'operator-ben'")),
                 6);
    }

    void auditListsTheChanges() {
        const Run r = run({QStringLiteral("audit"), QStringLiteral("--json")});
        QCOMPARE(r.exitCode, 0);
        const QJsonArray entries = r.json().value(QStringLiteral("audit")).toArray();
        QVERIFY2(entries.size() == 8, r.out.constData()); // 2 exports, 6 purges
        QCOMPARE(entries.first().toObject().value(QStringLiteral("action")).toString(),
                 QStringLiteral("purge"));
        QCOMPARE(entries.last().toObject().value(QStringLiteral("action")).toString(),
                 QStringLiteral("export"));
        const Run text =
            run({QStringLiteral("audit"), QStringLiteral("--latest"), QStringLiteral("3")});
        QCOMPARE(text.exitCode, 0);
        QCOMPARE(text.out.trimmed().split('\n').size(), 4); // header + 3
        QVERIFY(text.out.contains("operator-ben"));
    }

    void theServiceAppliesEachBusinesssRetention() {
        insertOldRows(m_mia, 120);    // older than salon-mia's 90 days (the default)
        insertOldRows(m_garage, 120); // garage-north keeps everything (0)
        const QString config = writeSampleConfig(m_db->dir());
        QFile f(config);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QJsonObject doc = QJsonDocument::fromJson(f.readAll()).object();
        f.close();
        QJsonArray companies = doc.value(QStringLiteral("companies")).toArray();
        QJsonObject garage = companies[1].toObject();
        garage.insert(QStringLiteral("retention_days"), 0);
        companies[1] = garage;
        doc.insert(QStringLiteral("companies"), companies);
        QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
        f.write(QJsonDocument(doc).toJson());
        f.close();

        ServiceProcess service;
        QString error;
        QVERIFY2(service.start(*m_db, config, {}, &error), qPrintable(error));
        QTRY_COMPARE_WITH_TIMEOUT(
            count(QStringLiteral("SELECT COUNT(*) FROM audit_log WHERE actor = 'retention'")), 2,
            10000); // salon-mia and the unrouted deliveries
        QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM calls WHERE transcript IS NOT NULL "
                                      "AND company_id = %1")
                           .arg(m_mia)),
                 0);
        QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM calls WHERE transcript IS NOT NULL "
                                      "AND company_id = %1")
                           .arg(m_garage)),
                 1);
        QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM unrouted_events")), 0);
        // Serving goes on.
        QCOMPARE(httpRequest(service.port(), "GET", "/api/health").status, 200);
        QCOMPARE(service.terminate(), 0);
    }
};

QTEST_GUILESS_MAIN(TestRetention)
#include "tst_retention.moc"
