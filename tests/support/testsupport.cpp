#include "testsupport.h"

#include "calendar/tenantcalendar.h"
#include "retell/retellsignature.h"
#include "store/store.h"
#include "store/storesession.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QSqlError>
#include <QSqlQuery>
#include <QTcpSocket>
#include <QTest>
#include <QUrl>

namespace CallbookTest {

bool usePostgres() {
    return qEnvironmentVariable("CALLBOOK_TEST_DATABASE") == QLatin1String("postgresql");
}

static QString readFirstLine(const QString &path) {
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return QString::fromUtf8(f.readLine()).trimmed();
}

TestDatabase::TestDatabase() = default;

TestDatabase::~TestDatabase() {
    for (const QString &name : std::as_const(m_connections)) {
        {
            QSqlDatabase db = QSqlDatabase::database(name, false);
            db.close();
        }
        QSqlDatabase::removeDatabase(name);
    }
    if (m_postgres && !m_dbName.isEmpty()) {
        QSqlDatabase super = connect(m_superUrl, QStringLiteral("drop-") + m_dbName);
        QSqlQuery q(super);
        q.exec(QStringLiteral("DROP DATABASE IF EXISTS %1 WITH (FORCE)").arg(m_dbName));
        q = QSqlQuery();
        super.close();
        super = QSqlDatabase();
        QSqlDatabase::removeDatabase(QStringLiteral("drop-") + m_dbName);
    }
}

QSqlDatabase TestDatabase::connect(const QString &url, const QString &name) {
    QSqlDatabase db;
    if (url.startsWith(QLatin1String("sqlite://"))) {
        db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        db.setDatabaseName(url.mid(9));
    } else {
        const QUrl u(url);
        db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), name);
        db.setHostName(u.host());
        db.setPort(u.port());
        db.setUserName(u.userName());
        db.setDatabaseName(u.path().mid(1));
    }
    if (!db.open())
        qWarning() << "test connection failed:" << db.lastError().text();
    return db;
}

bool TestDatabase::create(QString *error) {
    m_postgres = usePostgres();
    if (!m_postgres) {
        m_serviceUrl = m_adminUrl =
            QStringLiteral("sqlite://") + m_dir.filePath(QStringLiteral("callbook.db"));
        return true;
    }
    const QString urlFile = QStringLiteral(CALLBOOK_PG_URL_FILE);
    m_pgDir = QFileInfo(urlFile).absolutePath();
    const QString owner = readFirstLine(urlFile);
    m_superUrl = readFirstLine(m_pgDir + QStringLiteral("/superuser-url"));
    const QString app = readFirstLine(m_pgDir + QStringLiteral("/app-url"));
    if (owner.isEmpty() || m_superUrl.isEmpty()) {
        *error = QStringLiteral("PostgreSQL test server not running (no %1); run through ctest")
                     .arg(urlFile);
        return false;
    }
    m_dbName = QStringLiteral("cbtest_%1").arg(QRandomGenerator::global()->generate64(), 0, 36);
    QSqlDatabase super = connect(m_superUrl, QStringLiteral("create-") + m_dbName);
    QSqlQuery q(super);
    const bool ok = q.exec(QStringLiteral("CREATE DATABASE %1 OWNER callbook_owner").arg(m_dbName));
    if (!ok)
        *error = q.lastError().text();
    q = QSqlQuery();
    super.close();
    super = QSqlDatabase();
    QSqlDatabase::removeDatabase(QStringLiteral("create-") + m_dbName);
    if (!ok)
        return false;
    m_adminUrl = QString(owner).replace(QRegularExpression(QStringLiteral("/[^/]+$")),
                                        QLatin1Char('/') + m_dbName);
    m_serviceUrl = QString(app).replace(QRegularExpression(QStringLiteral("/[^/]+$")),
                                        QLatin1Char('/') + m_dbName);
    return true;
}

QSqlDatabase TestDatabase::ownerConnection() {
    const QString name = QStringLiteral("owner-%1").arg(quintptr(this));
    if (QSqlDatabase::contains(name)) {
        QSqlDatabase db = QSqlDatabase::database(name);
        if (db.isOpen())
            return db;
        db.open();
        return db;
    }
    m_connections.append(name);
    return connect(m_adminUrl, name);
}

QSqlDatabase TestDatabase::serviceConnection() {
    const QString name = QStringLiteral("service-%1").arg(quintptr(this));
    if (QSqlDatabase::contains(name))
        return QSqlDatabase::database(name);
    m_connections.append(name);
    return connect(m_serviceUrl, name);
}

QVariant TestDatabase::scalar(const QString &sql) {
    QSqlQuery q(ownerConnection());
    if (!q.exec(sql) || !q.next()) {
        qWarning() << "scalar query failed:" << sql << q.lastError().text();
        return {};
    }
    return q.value(0);
}

qint64 TestDatabase::count(const QString &sql) {
    return scalar(sql).toLongLong();
}

static bool pgCtl(const QString &pgDir, const QString &action) {
    QProcess p;
    p.start(QStringLiteral("bash"),
            {QStringLiteral(CALLBOOK_SOURCE_DIR "/tests/support/pg-cluster.sh"), action, pgDir});
    return p.waitForFinished(60000) && p.exitCode() == 0;
}

bool TestDatabase::stopServer() {
    return m_postgres && pgCtl(m_pgDir, QStringLiteral("pause"));
}
bool TestDatabase::startServer() {
    return m_postgres && pgCtl(m_pgDir, QStringLiteral("resume"));
}

QJsonObject HttpResult::json() const {
    return QJsonDocument::fromJson(body).object();
}

HttpResult httpRequest(quint16 port, const QByteArray &method, const QByteArray &path,
                       const QByteArray &body, const QList<QPair<QByteArray, QByteArray>> &headers,
                       int timeoutMs) {
    HttpResult result;
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, port);
    if (!socket.waitForConnected(timeoutMs))
        return result;
    QByteArray request =
        method + ' ' + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n";
    bool hasType = false;
    for (const auto &h : headers) {
        request += h.first + ": " + h.second + "\r\n";
        hasType |= h.first.compare("content-type", Qt::CaseInsensitive) == 0;
    }
    if (!body.isEmpty() || method == "POST") {
        if (!hasType)
            request += "Content-Type: application/json\r\n";
        request += "Content-Length: " + QByteArray::number(body.size()) + "\r\n";
    }
    request += "\r\n" + body;
    socket.write(request);
    QByteArray response;
    QElapsedTimer timer;
    timer.start();
    qint64 expected = -1;
    int headerEnd = -1;
    while (timer.elapsed() < timeoutMs) {
        if (socket.bytesAvailable() == 0 && !socket.waitForReadyRead(50) &&
            socket.state() != QAbstractSocket::ConnectedState)
            break;
        response += socket.readAll();
        if (headerEnd < 0) {
            headerEnd = int(response.indexOf("\r\n\r\n"));
            if (headerEnd >= 0) {
                const QRegularExpression re(QStringLiteral("(?i)\r\ncontent-length:\\s*(\\d+)"));
                const auto m = re.match(QString::fromLatin1(response.left(headerEnd)));
                if (m.hasMatch())
                    expected = m.captured(1).toLongLong();
            }
        }
        if (headerEnd >= 0 && expected >= 0 && response.size() - headerEnd - 4 >= expected)
            break;
    }
    response += socket.readAll();
    headerEnd = int(response.indexOf("\r\n\r\n"));
    if (headerEnd < 0)
        return result;
    const QList<QByteArray> lines = response.left(headerEnd).split('\n');
    const QList<QByteArray> statusLine = lines.value(0).split(' ');
    result.status = statusLine.value(1).toInt();
    for (int i = 1; i < lines.size(); ++i) {
        const int colon = int(lines[i].indexOf(':'));
        if (colon > 0)
            result.headers.append(
                {lines[i].left(colon).trimmed().toLower(), lines[i].mid(colon + 1).trimmed()});
    }
    result.body = response.mid(headerEnd + 4);
    if (expected >= 0)
        result.body.truncate(int(expected));
    return result;
}

HttpResult postSigned(quint16 port, const QByteArray &path, const QByteArray &body,
                      const QByteArray &key, qint64 timestampMs) {
    const qint64 ts = timestampMs >= 0 ? timestampMs : QDateTime::currentMSecsSinceEpoch();
    return httpRequest(port, "POST", path, body,
                       {{"X-Retell-Signature", Callbook::signRetellBody(body, key, ts)}});
}

ServiceProcess::~ServiceProcess() {
    if (m_process && m_process->state() != QProcess::NotRunning) {
        m_process->kill();
        m_process->waitForFinished(5000);
    }
}

bool ServiceProcess::start(const TestDatabase &db, const QString &configFile,
                           const QStringList &extraArgs, QString *error) {
    m_process = std::make_unique<QProcess>();
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("CALLBOOK_SECRET_RETELL_API_KEY"), QString::fromLatin1(kRetellKey));
    env.insert(QStringLiteral("CALLBOOK_NO_KEYCHAIN"), QStringLiteral("1"));
    env.remove(QStringLiteral("DISPLAY"));
    for (auto it = m_env.begin(); it != m_env.end(); ++it)
        env.insert(it.key(), it.value());
    m_process->setProcessEnvironment(env);
    // To a file, not a pipe: nobody may be reading while a test or benchmark is busy, and a
    // full pipe would stall the server.
    m_logFile =
        db.dir() +
        QStringLiteral("/callbook-%1.log").arg(QRandomGenerator::global()->generate(), 0, 16);
    m_process->setProcessChannelMode(QProcess::MergedChannels);
    m_process->setStandardOutputFile(m_logFile);
    QStringList args = {QStringLiteral("--headless"),
                        QStringLiteral("--listen"),
                        QStringLiteral("127.0.0.1:0"),
                        QStringLiteral("--database"),
                        db.serviceUrl(),
                        QStringLiteral("--admin-database"),
                        db.adminUrl()};
    if (!configFile.isEmpty())
        args << QStringLiteral("--config") << configFile;
    args << extraArgs;
    // CALLBOOK_TEST_WRAPPER="valgrind --tool=callgrind" (say) runs the service under a tool.
    QStringList wrapper =
        qEnvironmentVariable("CALLBOOK_TEST_WRAPPER").split(QLatin1Char(' '), Qt::SkipEmptyParts);
    if (wrapper.isEmpty()) {
        m_process->start(QStringLiteral(CALLBOOK_BINARY), args);
    } else {
        const QString tool = wrapper.takeFirst();
        m_process->start(tool, wrapper + QStringList{QStringLiteral(CALLBOOK_BINARY)} + args);
    }
    const QRegularExpression listening(QStringLiteral("callbook: listening on [^:]+:(\\d+)"));
    QElapsedTimer timer;
    timer.start();
    while (timer.elapsed() < 60000) {
        const bool exited = m_process->waitForFinished(50);
        const auto m = listening.match(output());
        if (m.hasMatch()) {
            m_port = quint16(m.captured(1).toUInt());
            return true;
        }
        if (exited || m_process->state() == QProcess::NotRunning)
            break;
    }
    if (error)
        *error = QStringLiteral("callbook did not start:\n") + output();
    return false;
}

int ServiceProcess::terminate(int timeoutMs) {
    if (!m_process)
        return -1;
    m_process->terminate();
    if (!m_process->waitForFinished(timeoutMs)) {
        m_process->kill();
        m_process->waitForFinished(5000);
        return -1;
    }
    return m_process->exitStatus() == QProcess::NormalExit ? m_process->exitCode() : -1;
}

QString ServiceProcess::output() const {
    QFile f(m_logFile);
    return f.open(QIODevice::ReadOnly) ? QString::fromUtf8(f.readAll()) : QString();
}

bool migrateWithSampleConfig(const TestDatabase &db, QString *output, const SampleConfig &config) {
    QProcess migrate;
    migrate.setProcessChannelMode(QProcess::MergedChannels);
    migrate.start(QStringLiteral(CALLBOOK_BINARY),
                  {QStringLiteral("migrate"), QStringLiteral("--database"), db.serviceUrl(),
                   QStringLiteral("--admin-database"), db.adminUrl(), QStringLiteral("--config"),
                   writeSampleConfig(db.dir(), config)});
    const bool finished = migrate.waitForFinished(60000);
    *output = QString::fromUtf8(migrate.readAll());
    return finished && migrate.exitStatus() == QProcess::NormalExit && migrate.exitCode() == 0;
}

QString writeSampleConfig(const QString &dir, const SampleConfig &config) {
    const bool calcom = !config.calcomBaseUrl.isEmpty();
    auto calendar = [&](const char *keySecret, const char *extra) {
        if (!calcom)
            return QByteArray(R"({"provider":"local"})");
        return QByteArray(R"({"provider":"calcom","base_url":")") + config.calcomBaseUrl.toUtf8() +
               R"(","api_key_secret":")" + keySecret + R"(","username":"mia","team_id":null,)" +
               R"("connect_timeout_ms":)" + QByteArray::number(config.connectTimeoutMs) +
               R"(,"total_timeout_ms":)" + QByteArray::number(config.totalTimeoutMs) + extra + "}";
    };
    auto eventType = [&](int id) {
        return calcom ? QByteArray(R"(,"event_type_id":)") + QByteArray::number(id) : QByteArray();
    };
    const QByteArray json =
        R"({"companies":[
 {"slug":"salon-mia","name":"Salon Mia","timezone":"Europe/Berlin","locale":"de",
  "phone_numbers":["+493012345678"],"agent_ids":["agent_mia"],
  "business_hours":{"mon":["09:00-18:00"],"tue":["09:00-18:00"],"wed":["09:00-18:00"],"thu":["09:00-18:00"],"fri":["09:00-18:00"],"sat":["10:00-14:00"]},
  "closures":["2025-12-24",")" +
        sampleClosure().toString(Qt::ISODate).toLatin1() + R"("],"price_per_minute_eur":0.12,
  "calendar":)" +
        calendar("calcom-salon-mia", R"(,"webhook_secret_secret":"calcom-webhook-salon-mia")") +
        R"(,
  "services":[{"name":"Herrenhaarschnitt","aliases":["Haarschnitt Herren"],"duration_min":30,"price_eur":28)" +
        eventType(101) + R"(},
              {"name":"Damenhaarschnitt","duration_min":60,"price_eur":49)" +
        eventType(102) + R"(}]},
 {"slug":"garage-north","name":"North Garage","timezone":"Europe/London","locale":"en",
  "phone_numbers":["+442071234567"],
  "business_hours":{"mon":["08:00-17:00"]},"price_per_minute_eur":0.10,)" +
        (calcom ? R"("calendar":)" +
                      calendar("calcom-garage-north", R"(,"allow_unsigned_webhooks":true)") + ","
                : QByteArray()) +
        R"(
  "services":[{"name":"Oil change","duration_min":45,"price_eur":80)" +
        eventType(201) + R"(}]}]})";
    const QString path = dir + QStringLiteral("/callbook.json");
    QFile f(path);
    if (f.open(QIODevice::WriteOnly))
        f.write(json);
    return path;
}

Callbook::TenantCalendar loadCalendar(TestDatabase &db, Callbook::Store &store,
                                      const QString &slug) {
    const qint64 id =
        db.scalar(QStringLiteral("SELECT id FROM companies WHERE slug = '%1'").arg(slug))
            .toLongLong();
    Callbook::TenantCalendar tenant;
    if (id == 0)
        return tenant;
    store.runAndWait(id, [&](Callbook::StoreSession &s) {
        tenant = Callbook::CalendarRepository::load(s, id);
        return QVariant();
    });
    return tenant;
}

QDate sampleClosure() {
    const QDate today = QDateTime::currentDateTime().toTimeZone(QTimeZone("Europe/Berlin")).date();
    return today.addDays(7 - today.dayOfWeek() + 35);
}

QDate mondayInTwoWeeks(const QTimeZone &zone) {
    const QDate today = QDateTime::currentDateTime().toTimeZone(zone).date();
    return today.addDays(14 - today.dayOfWeek() + 1);
}

QByteArray functionCallBody(const QString &name, const QJsonObject &args, const QString &callId,
                            const QString &to, const QString &from) {
    const QJsonObject call{{QStringLiteral("call_id"), callId},
                           {QStringLiteral("agent_id"), QStringLiteral("agent_mia")},
                           {QStringLiteral("direction"), QStringLiteral("inbound")},
                           {QStringLiteral("from_number"), from},
                           {QStringLiteral("to_number"), to}};
    return QJsonDocument(QJsonObject{{QStringLiteral("name"), name},
                                     {QStringLiteral("call"), call},
                                     {QStringLiteral("args"), args}})
        .toJson(QJsonDocument::Compact);
}

QByteArray midCallFunctionCallBody(const QString &name, const QJsonObject &args,
                                   const QString &callId, const QString &to, const QString &from,
                                   int turns) {
    static const char *const said[] = {
        "Guten Tag, Salon Mia, was kann ich für Sie tun?",
        "Hallo, ich hätte gern einen Termin für einen Herrenhaarschnitt, am liebsten nächsten "
        "Dienstag so gegen halb drei.",
        "Einen Moment bitte, ich schaue nach, ob da noch etwas frei ist.",
        "Ach, und wenn es geht, bei Jürgen. Der hat letztes Mal so schön geschnitten.",
    };
    QString transcript;
    QJsonArray utterances;
    double t = 0.4;
    for (int i = 0; i < turns; ++i) {
        const QString role = i % 2 == 0 ? QStringLiteral("agent") : QStringLiteral("user");
        const QString content = QString::fromUtf8(said[i % 4]);
        transcript += (i % 2 == 0 ? QStringLiteral("Agent: ") : QStringLiteral("User: ")) +
                      content + QLatin1Char('\n');
        QJsonArray words;
        for (const QString &w : content.split(QLatin1Char(' '))) {
            words.append(QJsonObject{{QStringLiteral("word"), w},
                                     {QStringLiteral("start"), t},
                                     {QStringLiteral("end"), t + 0.31}});
            t += 0.37;
        }
        utterances.append(QJsonObject{{QStringLiteral("role"), role},
                                      {QStringLiteral("content"), content},
                                      {QStringLiteral("words"), words}});
    }
    const QJsonObject call{
        {QStringLiteral("call_type"), QStringLiteral("phone_call")},
        {QStringLiteral("from_number"), from},
        {QStringLiteral("to_number"), to},
        {QStringLiteral("direction"), QStringLiteral("inbound")},
        {QStringLiteral("call_id"), callId},
        {QStringLiteral("agent_id"), QStringLiteral("agent_mia")},
        {QStringLiteral("agent_version"), 7},
        {QStringLiteral("call_status"), QStringLiteral("ongoing")},
        {QStringLiteral("start_timestamp"), 1796000000000.0},
        {QStringLiteral("transcript"), transcript},
        {QStringLiteral("transcript_object"), utterances},
        {QStringLiteral("retell_llm_dynamic_variables"),
         QJsonObject{{QStringLiteral("business_name"), QStringLiteral("Salon Mia")},
                     {QStringLiteral("caller_known"), QStringLiteral("false")}}},
        {QStringLiteral("metadata"), QJsonObject{}},
        {QStringLiteral("opt_out_sensitive_data_storage"), false}};
    return QJsonDocument(QJsonObject{{QStringLiteral("name"), name},
                                     {QStringLiteral("call"), call},
                                     {QStringLiteral("args"), args}})
        .toJson(QJsonDocument::Compact);
}

QByteArray callEventBody(const QString &event, const QString &callId, const QString &toNumber,
                         const QJsonObject &extraCallFields) {
    QJsonObject call{{QStringLiteral("call_id"), callId},
                     {QStringLiteral("agent_id"), QStringLiteral("agent_mia")},
                     {QStringLiteral("call_type"), QStringLiteral("phone_call")},
                     {QStringLiteral("direction"), QStringLiteral("inbound")},
                     {QStringLiteral("from_number"), QStringLiteral("+4915112345678")},
                     {QStringLiteral("to_number"), toNumber}};
    for (auto it = extraCallFields.begin(); it != extraCallFields.end(); ++it)
        call.insert(it.key(), it.value());
    return QJsonDocument(
               QJsonObject{{QStringLiteral("event"), event}, {QStringLiteral("call"), call}})
        .toJson(QJsonDocument::Compact);
}

QJsonObject CommandRun::json() const {
    return QJsonDocument::fromJson(out).object();
}

CommandRun runCallbook(const QStringList &args, const QProcessEnvironment &env, int timeoutMs) {
    QProcess p;
    p.setProcessEnvironment(env);
    p.start(QStringLiteral(CALLBOOK_BINARY), args);
    CommandRun r;
    if (!p.waitForFinished(timeoutMs))
        return r;
    r.exitCode = p.exitCode();
    r.out = p.readAllStandardOutput();
    r.err = p.readAllStandardError();
    return r;
}

} // namespace CallbookTest
