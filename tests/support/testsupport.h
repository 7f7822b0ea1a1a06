#pragma once

// Shared helpers for Callbook's integration tests: a fresh database on the engine under test
// (SQLite file or a new database on the real PostgreSQL server the CTest fixture started),
// the real `callbook` binary as a child process, and plain HTTP over loopback.

#include <QByteArray>
#include <QHash>
#include <QJsonObject>
#include <QProcess>
#include <QSqlDatabase>
#include <QTemporaryDir>
#include <QTimeZone>
#include <QUrl>
#include <memory>

namespace Callbook {
class Store;
struct TenantCalendar;
} // namespace Callbook

namespace CallbookTest {

inline const QByteArray kRetellKey = QByteArrayLiteral("key_test");

bool usePostgres();

// A database of its own for one test case.
class TestDatabase {
public:
    TestDatabase();
    ~TestDatabase();
    bool create(QString *error);
    QString serviceUrl() const { return m_serviceUrl; } // non-owner role on PostgreSQL
    QString adminUrl() const { return m_adminUrl; }     // owner role
    bool isPostgres() const { return m_postgres; }
    // A connection as the owner (bypasses row-level security) for assertions.
    QSqlDatabase ownerConnection();
    // A connection as the non-owner service role (row-level security applies).
    QSqlDatabase serviceConnection();
    qint64 count(const QString &sql); // SELECT COUNT(*)… through the owner connection
    QVariant scalar(const QString &sql);
    // PostgreSQL only: stop and start the whole server (tests of an outage).
    bool stopServer();
    bool startServer();
    QString dir() const { return m_dir.path(); }

private:
    QSqlDatabase connect(const QString &url, const QString &name);
    bool m_postgres = false;
    QTemporaryDir m_dir;
    QString m_serviceUrl, m_adminUrl, m_dbName, m_superUrl, m_pgDir;
    QStringList m_connections;
};

struct HttpResult {
    int status = 0; // 0: no answer (connection closed or timed out)
    QByteArray body;
    QList<QPair<QByteArray, QByteArray>> headers;
    QJsonObject json() const;
    QString errorCode() const {
        return json()
            .value(QStringLiteral("error"))
            .toObject()
            .value(QStringLiteral("code"))
            .toString();
    }
};

// One HTTP/1.1 exchange over a fresh loopback connection.
HttpResult httpRequest(quint16 port, const QByteArray &method, const QByteArray &path,
                       const QByteArray &body = {},
                       const QList<QPair<QByteArray, QByteArray>> &headers = {},
                       int timeoutMs = 15000);
HttpResult postSigned(quint16 port, const QByteArray &path, const QByteArray &body,
                      const QByteArray &key = kRetellKey, qint64 timestampMs = -1);

// One run of the real binary as a command-line tool (`callbook calls …`, `callbook purge …`).
struct CommandRun {
    int exitCode = -1; // -1: did not finish within the time
    QByteArray out, err;
    QJsonObject json() const;
};
CommandRun runCallbook(const QStringList &args,
                       const QProcessEnvironment &env = QProcessEnvironment::systemEnvironment(),
                       int timeoutMs = 60000);

// The real binary, headless, on an ephemeral loopback port.
class ServiceProcess {
public:
    ~ServiceProcess();
    bool start(const TestDatabase &db, const QString &configFile, const QStringList &extraArgs = {},
               QString *error = nullptr);
    // Set before start(), e.g. CALLBOOK_SECRET_<NAME> for a secret.
    void setEnvironment(const QString &name, const QString &value) { m_env.insert(name, value); }
    quint16 port() const { return m_port; }
    int terminate(int timeoutMs = 30000); // SIGTERM; returns exit code (-1: crashed or hung)
    QString output() const;               // what it printed so far (stdout + stderr)
    qint64 pid() const { return m_process ? m_process->processId() : 0; }

private:
    std::unique_ptr<QProcess> m_process;
    QHash<QString, QString> m_env;
    quint16 m_port = 0;
    QString m_logFile;
};

// The sample configuration: two businesses on the local calendar, or on Cal.com at
// `calcomBaseUrl`. Then salon-mia's services are event types 101 and 102 (key secret
// calcom-salon-mia, webhook secret calcom-webhook-salon-mia) and garage-north's service is event
// type 201 (key secret calcom-garage-north, no webhook secret, unsigned webhooks allowed).
struct SampleConfig {
    QString calcomBaseUrl; // empty: the local calendar
    int connectTimeoutMs = 1000;
    int totalTimeoutMs = 2500;
};

// Runs the real `callbook migrate` with the sample configuration; false and *output on failure.
bool migrateWithSampleConfig(const TestDatabase &db, QString *output,
                             const SampleConfig &config = {});

// Writes the sample configuration and returns its path.
QString writeSampleConfig(const QString &dir, const SampleConfig &config = {});

// The calendar settings of business `slug` as the service loads them (companyId 0 if missing).
Callbook::TenantCalendar loadCalendar(TestDatabase &db, Callbook::Store &store,
                                      const QString &slug);

// The Monday two weeks ahead in `zone`: far enough for any booking notice.
QDate mondayInTwoWeeks(const QTimeZone &zone);
// The sample business's coming closure: a Sunday five to six weeks ahead (in Berlin), when it is
// closed anyway, so that no test's or benchmark's booking ever falls on it (they book on
// weekdays), while get_opening_hours lists it. Its other closure, 2025-12-24, is past.
QDate sampleClosure();

// A custom-function call as Retell sends it: {name, call, args}, inbound from `from` to `to`.
QByteArray functionCallBody(const QString &name, const QJsonObject &args, const QString &callId,
                            const QString &to = QStringLiteral("+493012345678"),
                            const QString &from = QStringLiteral("+4915112345678"));
// The same as Retell sends it some minutes into a call: the call object with its transcript so
// far (`turns` utterances, with word timings) and the dynamic variables.
QByteArray midCallFunctionCallBody(const QString &name, const QJsonObject &args,
                                   const QString &callId, const QString &to, const QString &from,
                                   int turns);

// A call-event body as Retell sends it.
QByteArray callEventBody(const QString &event, const QString &callId, const QString &toNumber,
                         const QJsonObject &extraCallFields = {});

} // namespace CallbookTest
