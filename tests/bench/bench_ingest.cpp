// Ingest benchmark (a program, not a test): signed Retell call events over keep-alive
// connections against the real `callbook --headless`, on SQLite and PostgreSQL, next to the
// trivial /api/ping route of the same server measured in the same run.
//
//   bench_ingest [--connections 32] [--seconds 5] [--engines sqlite,postgresql]
//
// PostgreSQL needs the server that `pg-cluster.sh start build/pg` provides (ctest's fixture
// or tests/bench/run-benchmarks.sh starts it).

#include "loaddriver.h"
#include "testsupport.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QElapsedTimer>
#include <QTcpSocket>
#include <QThread>
#include <algorithm>
#include <atomic>
#include <cstdio>
#include <thread>
#include <vector>

using namespace CallbookTest;

namespace {

struct Run : LoadRun {
    QString label;
};

Run measure(const QString &label, quint16 port, bool signedEvents, int connections, int seconds) {
    const qint64 tag = QDateTime::currentMSecsSinceEpoch();
    Run run;
    static_cast<LoadRun &>(run) =
        driveLoad(port, connections, seconds, [&](int connection, int i) -> QByteArray {
            if (!signedEvents)
                return "GET /api/ping HTTP/1.1\r\nHost: b\r\n\r\n";
            return signedPost(
                "/api/webhooks/retell",
                callEventBody(QStringLiteral("call_started"),
                              QStringLiteral("bench_%1_%2_%3").arg(connection).arg(i).arg(tag),
                              QStringLiteral("+493012345678")));
        });
    run.label = label;
    return run;
}

} // namespace

int main(int argc, char **argv) {
    QCoreApplication app(argc, argv);
    int connections = 32, seconds = 5;
    QStringList engines = {QStringLiteral("sqlite"), QStringLiteral("postgresql")};
    const QStringList args = app.arguments();
    for (int i = 1; i + 1 < args.size(); i += 2) {
        if (args[i] == QLatin1String("--connections"))
            connections = args[i + 1].toInt();
        else if (args[i] == QLatin1String("--seconds"))
            seconds = args[i + 1].toInt();
        else if (args[i] == QLatin1String("--engines"))
            engines = args[i + 1].split(QLatin1Char(','));
    }
    std::printf("Callbook ingest benchmark: %d keep-alive connections, %d s per run, %d cores\n\n",
                connections, seconds, QThread::idealThreadCount());
    std::printf("| engine | route | req/s | p50 ms | p99 ms | errors | ratio to trivial |\n");
    std::printf("|---|---|---:|---:|---:|---:|---:|\n");
    int status = 0;
    for (const QString &engine : engines) {
        qputenv("CALLBOOK_TEST_DATABASE", engine.toUtf8());
        TestDatabase db;
        QString error;
        ServiceProcess service;
        if (!db.create(&error) || !service.start(db, writeSampleConfig(db.dir()), {}, &error)) {
            std::fprintf(stderr, "%s: %s\n", qPrintable(engine), qPrintable(error));
            status = 1;
            continue;
        }
        measure(QStringLiteral("warm-up"), service.port(), true, 4, 1);
        const Run trivial =
            measure(QStringLiteral("GET /api/ping"), service.port(), false, connections, seconds);
        const Run ingest =
            measure(QStringLiteral("POST call event"), service.port(), true, connections, seconds);
        for (const Run &r : {trivial, ingest})
            std::printf("| %s | %s | %.0f | %.2f | %.2f | %lld | %.2f |\n", qPrintable(engine),
                        qPrintable(r.label), r.perSecond, r.p50Ms, r.p99Ms,
                        static_cast<long long>(r.failed), r.perSecond / trivial.perSecond);
        const qint64 stored = db.count(
            QStringLiteral("SELECT COUNT(*) FROM call_events WHERE call_id LIKE 'bench_%'"));
        std::printf("|  | stored events (durable, verified by count) | %lld | | | | |\n",
                    static_cast<long long>(stored));
        service.terminate();
    }
    return status;
}
