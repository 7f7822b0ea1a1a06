// The console's responsiveness while the service is busy: the real binary with its window (run
// under a display, e.g. `xvfb-run -a build/tests/bench/bench_ui`), its UI event-loop lag measured
// by the window itself (a 20 ms timer's lateness), once idle and once while the service takes
// about 1,000 signed requests a second (function calls and call events) over loopback.

#include "loaddriver.h"
#include "testsupport.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QThread>
#include <cstdio>

using namespace CallbookTest;

static quint16 freePort() {
    QTcpServer probe;
    probe.listen(QHostAddress::LocalHost, 0);
    return probe.serverPort();
}

struct Phase {
    double requestsPerSecond = 0;
    qint64 failed = 0;
    QJsonObject report;
};

// One run of the console for `seconds`; with `load`, requests flow from second 2 on.
static Phase runConsole(int seconds, bool load) {
    QTemporaryDir dir;
    const quint16 port = freePort();
    const QString reportFile = dir.filePath(QStringLiteral("report.json"));
    QProcess process;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("CALLBOOK_SECRET_RETELL_API_KEY"), QString::fromLatin1(kRetellKey));
    env.insert(QStringLiteral("CALLBOOK_NO_KEYCHAIN"), QStringLiteral("1"));
    env.insert(QStringLiteral("CALLBOOK_UI_REPORT"), reportFile);
    env.insert(QStringLiteral("CALLBOOK_UI_REPORT_AFTER_MS"), QString::number(seconds * 1000));
    env.insert(QStringLiteral("HOME"), dir.path());
    process.setProcessEnvironment(env);
    process.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    process.start(QStringLiteral(CALLBOOK_BINARY),
                  {QStringLiteral("--config"),
                   QStringLiteral(CALLBOOK_SOURCE_DIR "/resources/sample-config.json"),
                   QStringLiteral("--data-dir"), dir.filePath(QStringLiteral("data")),
                   QStringLiteral("--listen"), QStringLiteral("127.0.0.1:%1").arg(port)});
    Phase phase;
    if (!process.waitForStarted(10000))
        return phase;
    QThread::sleep(2);
    if (load) {
        const QStringList functions = {
            QStringLiteral("get_available_services"), QStringLiteral("parse_date"),
            QStringLiteral("get_opening_hours"), QStringLiteral("check_customer")};
        const LoadRun run = driveLoad(
            port, 4, seconds - 3,
            [&](int connection, int i) {
                const QString callId = QStringLiteral("bench_ui_%1_%2").arg(connection).arg(i / 10);
                if (i % 10 == 0) // a new call every ten requests
                    return signedPost("/api/webhooks/retell",
                                      callEventBody(QStringLiteral("call_started"), callId,
                                                    QStringLiteral("+493012345678")));
                const QString name = functions[i % functions.size()];
                QJsonObject args;
                if (name == QLatin1String("parse_date"))
                    args.insert(QStringLiteral("text"), QStringLiteral("morgen um halb drei"));
                return signedPost("/api/webhooks/retell/function",
                                  functionCallBody(name, args, callId));
            },
            {}, 250.0);
        phase.requestsPerSecond = run.perSecond;
        phase.failed = run.failed;
    }
    process.waitForFinished(seconds * 1000 + 30000);
    QFile f(reportFile);
    if (f.open(QIODevice::ReadOnly))
        phase.report = QJsonDocument::fromJson(f.readAll()).object();
    return phase;
}

int main(int argc, char **argv) {
    QCoreApplication app(argc, argv);
    if (qEnvironmentVariableIsEmpty("DISPLAY")) {
        std::fprintf(stderr, "bench_ui needs a display: run it as xvfb-run -a %s\n", argv[0]);
        return 2;
    }
    const int seconds = 12;
    const Phase idle = runConsole(seconds, false);
    const Phase busy = runConsole(seconds, true);
    if (idle.report.isEmpty() || busy.report.isEmpty()) {
        std::fprintf(stderr, "the console wrote no report\n");
        return 1;
    }
    auto lag = [](const Phase &p, const char *key) {
        return p.report.value(QLatin1String(key)).toDouble();
    };
    std::printf(
        "| console | service load req/s | failed | UI lag p99 ms | UI lag max ms | samples | "
        "function calls shown | vs idle p99 |\n|---|---:|---:|---:|---:|---:|---:|---:|\n");
    for (const auto &[name, p] : {std::pair{"idle (baseline)", &idle}, std::pair{"busy", &busy}})
        std::printf("| %s | %.0f | %lld | %.2f | %.2f | %.0f | %.0f | %.2fx |\n", name,
                    p->requestsPerSecond, static_cast<long long>(p->failed),
                    lag(*p, "ui_lag_p99_ms"), lag(*p, "ui_lag_max_ms"), lag(*p, "ui_lag_samples"),
                    lag(*p, "function_calls_seen"),
                    lag(*p, "ui_lag_p99_ms") / std::max(0.001, lag(idle, "ui_lag_p99_ms")));
    return 0;
}
