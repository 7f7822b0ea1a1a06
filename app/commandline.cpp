#include "commandline.h"

#include <QDir>
#include <QStandardPaths>

namespace Callbook {

QString usageText() {
    return QStringLiteral(
        "Usage: callbook [command] [options]\n"
        "\n"
        "Commands:\n"
        "  (none)              start the service with the desktop console\n"
        "  migrate             apply database migrations (and --config) and exit\n"
        "  parse-date [--now ISO] [--tz ZONE] [--locale de|en] TEXT\n"
        "                      resolve what a caller said about a date or time; prints JSON\n"
        "  calls [--latest N]  the latest calls (all businesses)\n"
        "  session CALL_ID     a call's events and function calls with timings\n"
        "  stats [--days N]    calls, bookings, conversion per day; functions by latency\n"
        "  callbacks [--open]  the callback queue\n"
        "                      (these four read --database; --json for scripts)\n"
        "  breaker [--reset TENANT] [--service URL]\n"
        "                      Cal.com breakers of the running service; --reset closes one\n"
        "  cache clear [TENANT] [--service URL]\n"
        "                      forget cached Cal.com availability (one business or all)\n"
        "                      (these two ask the service at --service, default\n"
        "                      http://127.0.0.1:8787, with the secret admin-token;\n"
        "                      --service-ca PEM trusts a self-signed https service)\n"
        "  purge --older-than DAYS  delete transcripts and personal data older than DAYS\n"
        "  export --phone NUMBER    everything stored about one caller number, as JSON\n"
        "  audit [--latest N]  who changed what (admin commands, console)\n"
        "\n"
        "Options:\n"
        "  --headless          run the service without a window (no display needed)\n"
        "  --demo              embedded demo: SQLite in a new dir, two sample businesses, a\n"
        "                      demo Cal.com, and simulated calls (headless without a display)\n"
        "  --demo-call-interval-ms N  a new simulated call about every N ms (default 4000)\n"
        "  --demo-outage-every-s N    Cal.com outages (75 s): the first after 45 s, then every\n"
        "                             N s (default 150; 0: none)\n"
        "  --demo-duration-s N        stop the demo after N seconds (exit 0)\n"
        "  --listen ADDR:PORT  HTTP address (default 127.0.0.1:8787; port 0 picks a free one)\n"
        "  --database URL      sqlite:///path/file.db (default: callbook.db in the data dir)\n"
        "                      or postgresql://user@host:port/db (password: PGPASSWORD or\n"
        "                      the secret database-password)\n"
        "  --admin-database URL  owner connection for migrations and --config (PostgreSQL)\n"
        "  --config FILE       declarative JSON with companies, numbers, services, hours\n"
        "  --data-dir DIR      where the embedded database lives\n"
        "  --max-body BYTES    request body limit (default 1048576)\n"
        "  --tls-cert FILE --tls-key FILE  serve HTTPS (PEM certificate chain and key)\n"
        "  --version, --help\n");
}

static bool parseListen(const QString &text, ServiceOptions &options) {
    const int colon = int(text.lastIndexOf(QLatin1Char(':')));
    if (colon <= 0)
        return false;
    QString host = text.left(colon);
    if (host.startsWith(QLatin1Char('[')) && host.endsWith(QLatin1Char(']')))
        host = host.mid(1, host.size() - 2);
    bool ok = false;
    const uint port = text.mid(colon + 1).toUInt(&ok);
    if (!ok || port > 65535 || !options.listenAddress.setAddress(host))
        return false;
    options.port = quint16(port);
    return true;
}

CommandLine parseCommandLine(const QStringList &arguments) {
    CommandLine cl;
    const QStringList args = arguments.mid(1);
    auto fail = [&cl](const QString &message) {
        cl.error = message;
        return cl;
    };
    for (int i = 0; i < args.size(); ++i) {
        const QString &a = args[i];
        auto value = [&](QString *out) {
            if (i + 1 >= args.size())
                return false;
            *out = args[++i];
            return true;
        };
        QString v;
        if (a == QLatin1String("migrate") && i == 0) {
            cl.mode = CommandLine::Mode::Migrate;
        } else if (i == 0 && QStringList{QStringLiteral("calls"), QStringLiteral("session"),
                                         QStringLiteral("stats"), QStringLiteral("callbacks")}
                                 .contains(a)) {
            cl.mode = CommandLine::Mode::Admin;
            cl.admin.command = a;
        } else if (cl.mode == CommandLine::Mode::Admin && a == QLatin1String("--json")) {
            cl.admin.json = true;
        } else if (cl.mode == CommandLine::Mode::Admin && a == QLatin1String("--open")) {
            cl.admin.openOnly = true;
        } else if (cl.mode == CommandLine::Mode::Admin &&
                   (a == QLatin1String("--latest") || a == QLatin1String("--days"))) {
            bool ok = false;
            const int n = value(&v) ? v.toInt(&ok) : 0;
            if (!ok || n < 1 || n > 100000)
                return fail(QStringLiteral("%1 needs a positive number").arg(a));
            (a == QLatin1String("--latest") ? cl.admin.latest : cl.admin.days) = n;
        } else if (cl.mode == CommandLine::Mode::Admin &&
                   cl.admin.command == QLatin1String("session") &&
                   !a.startsWith(QLatin1String("--")) && cl.admin.callId.isEmpty()) {
            cl.admin.callId = a;
        } else if (i == 0 && isOperationsCommand(a)) {
            cl.mode = CommandLine::Mode::Admin;
            cl.admin.command = cl.operations.command = a;
        } else if (cl.mode == CommandLine::Mode::Admin && isOperationsCommand(cl.admin.command) &&
                   parseOperationsArgument(args, i, cl.operations, &cl.error)) {
            if (!cl.error.isEmpty())
                return cl;
        } else if (a == QLatin1String("parse-date") && i == 0) {
            cl.mode = CommandLine::Mode::ParseDate;
        } else if (cl.mode == CommandLine::Mode::ParseDate && a == QLatin1String("--now")) {
            if (!value(&cl.parseDate.now))
                return fail(QStringLiteral("--now needs an ISO 8601 date and time"));
        } else if (cl.mode == CommandLine::Mode::ParseDate && a == QLatin1String("--tz")) {
            if (!value(&cl.parseDate.timeZone))
                return fail(QStringLiteral("--tz needs an IANA time zone, e.g. Europe/Berlin"));
        } else if (cl.mode == CommandLine::Mode::ParseDate && a == QLatin1String("--locale")) {
            if (!value(&cl.parseDate.locale) ||
                !QStringList{QStringLiteral("de"), QStringLiteral("en")}.contains(
                    cl.parseDate.locale))
                return fail(QStringLiteral("--locale needs de or en"));
        } else if (cl.mode == CommandLine::Mode::ParseDate && !a.startsWith(QLatin1String("--"))) {
            if (!cl.parseDate.text.isEmpty())
                return fail(QStringLiteral("parse-date takes one TEXT (quote it)"));
            cl.parseDate.text = a;
        } else if (a == QLatin1String("--demo")) {
            cl.demo.headless = cl.mode == CommandLine::Mode::Headless;
            cl.mode = CommandLine::Mode::Demo;
        } else if (a == QLatin1String("--demo-call-interval-ms") ||
                   a == QLatin1String("--demo-outage-every-s") ||
                   a == QLatin1String("--demo-duration-s")) {
            bool ok = false;
            const int n = value(&v) ? v.toInt(&ok) : -1;
            const bool interval = a == QLatin1String("--demo-call-interval-ms");
            if (!ok || n < (interval ? 50 : 0))
                return fail(QStringLiteral("%1 needs a number (at least %2)")
                                .arg(a)
                                .arg(interval ? 50 : 0));
            (interval                                  ? cl.demo.callIntervalMs
             : a == QLatin1String("--demo-duration-s") ? cl.demo.durationSeconds
                                                       : cl.demo.outageEverySeconds) = n;
        } else if (a == QLatin1String("--headless") && cl.mode == CommandLine::Mode::Demo) {
            cl.demo.headless = true;
        } else if (a == QLatin1String("--headless")) {
            if (cl.mode == CommandLine::Mode::Console)
                cl.mode = CommandLine::Mode::Headless;
        } else if (a == QLatin1String("--help") || a == QLatin1String("-h")) {
            cl.mode = CommandLine::Mode::Help;
        } else if (a == QLatin1String("--version")) {
            cl.mode = CommandLine::Mode::Version;
        } else if (a == QLatin1String("--listen")) {
            if (!value(&v) || !parseListen(v, cl.service))
                return fail(QStringLiteral("--listen needs ADDRESS:PORT, e.g. 127.0.0.1:8787"));
        } else if (a == QLatin1String("--database")) {
            if (!value(&cl.service.databaseUrl))
                return fail(QStringLiteral("--database needs a URL"));
        } else if (a == QLatin1String("--admin-database")) {
            if (!value(&cl.service.adminDatabaseUrl))
                return fail(QStringLiteral("--admin-database needs a URL"));
        } else if (a == QLatin1String("--config")) {
            if (!value(&cl.service.configFile))
                return fail(QStringLiteral("--config needs a file"));
        } else if (a == QLatin1String("--data-dir")) {
            if (!value(&cl.dataDir))
                return fail(QStringLiteral("--data-dir needs a directory"));
        } else if (a == QLatin1String("--tls-cert") || a == QLatin1String("--tls-key")) {
            QString &file = a == QLatin1String("--tls-cert") ? cl.service.tlsCertificateFile
                                                             : cl.service.tlsKeyFile;
            if (!value(&file) || file.isEmpty())
                return fail(QStringLiteral("%1 needs a PEM file").arg(a));
        } else if (a == QLatin1String("--max-body")) {
            bool ok = false;
            if (!value(&v) || (cl.service.limits.maxBodyBytes = v.toLongLong(&ok), !ok) ||
                cl.service.limits.maxBodyBytes < 1024)
                return fail(QStringLiteral("--max-body needs a number of bytes (at least 1024)"));
        } else {
            return fail(QStringLiteral("unknown argument: %1").arg(a));
        }
    }
    if (cl.mode == CommandLine::Mode::Admin && cl.admin.command == QLatin1String("session") &&
        cl.admin.callId.isEmpty())
        return fail(QStringLiteral("session needs a CALL_ID"));
    if (cl.mode == CommandLine::Mode::Admin && isOperationsCommand(cl.admin.command)) {
        if (const QString missing = checkOperationsOptions(cl.operations); !missing.isEmpty())
            return fail(missing);
    }
    if (cl.service.tlsCertificateFile.isEmpty() != cl.service.tlsKeyFile.isEmpty())
        return fail(QStringLiteral("--tls-cert and --tls-key go together"));
    if (cl.dataDir.isEmpty()) {
        // systemd's StateDirectory= for the packaged service, else the user's data dir.
        cl.dataDir = qEnvironmentVariable("STATE_DIRECTORY");
        if (cl.dataDir.isEmpty())
            cl.dataDir = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
    }
    if (cl.service.databaseUrl.isEmpty())
        cl.service.databaseUrl = QStringLiteral("sqlite://") +
                                 QDir(cl.dataDir).absoluteFilePath(QStringLiteral("callbook.db"));
    return cl;
}

} // namespace Callbook
