// Ingest benchmark (a program, not a test): signed Retell call events over keep-alive
// connections against the real `callbook --headless`, on SQLite and PostgreSQL, next to the
// trivial /api/ping route of the same server measured in the same run.
//
//   bench_ingest [--connections 32] [--seconds 5] [--engines sqlite,postgresql]
//
// PostgreSQL needs the server that `pg-cluster.sh start build/pg` provides (ctest's fixture
// or tests/bench/run-benchmarks.sh starts it).

#include "retell/retellsignature.h"
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

struct Run {
    QString label;
    double perSecond = 0;
    double p50Ms = 0;
    double p99Ms = 0;
    qint64 ok = 0;
    qint64 failed = 0;
};

// One keep-alive connection sending requests back to back; returns per-request latencies.
void driveConnection(quint16 port, int worker, bool signedEvents, qint64 untilMs,
                     std::vector<double> &latencies, qint64 &failures) {
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, port);
    if (!socket.waitForConnected(5000)) {
        std::fprintf(stderr, "connect failed: %s\n", qPrintable(socket.errorString()));
        ++failures;
        return;
    }
    QElapsedTimer clock;
    for (int i = 0; QDateTime::currentMSecsSinceEpoch() < untilMs; ++i) {
        QByteArray request;
        if (signedEvents) {
            const QByteArray body =
                callEventBody(QStringLiteral("call_started"),
                              QStringLiteral("bench_%1_%2_%3").arg(worker).arg(i).arg(untilMs),
                              QStringLiteral("+493012345678"));
            const QByteArray sig =
                Callbook::signRetellBody(body, kRetellKey, QDateTime::currentMSecsSinceEpoch());
            request = "POST /api/webhooks/retell HTTP/1.1\r\nHost: b\r\nContent-Type: "
                      "application/json\r\n"
                      "X-Retell-Signature: " +
                      sig + "\r\nContent-Length: " + QByteArray::number(body.size()) + "\r\n\r\n" +
                      body;
        } else {
            request = "GET /api/ping HTTP/1.1\r\nHost: b\r\n\r\n";
        }
        clock.start();
        socket.write(request);
        QByteArray response;
        int headerEnd = -1;
        qint64 length = -1;
        while (true) {
            if (!socket.waitForReadyRead(10000)) {
                std::fprintf(stderr, "no answer: %s\n", qPrintable(socket.errorString()));
                ++failures;
                return;
            }
            response += socket.readAll();
            if (headerEnd < 0 && (headerEnd = int(response.indexOf("\r\n\r\n"))) >= 0) {
                const int at = int(response.toLower().indexOf("content-length:"));
                length = at >= 0 ? response.mid(at + 15, response.indexOf("\r\n", at) - at - 15)
                                       .trimmed()
                                       .toLongLong()
                                 : 0;
            }
            if (headerEnd >= 0 && response.size() >= headerEnd + 4 + length)
                break;
        }
        latencies.push_back(double(clock.nsecsElapsed()) / 1e6);
        if (!response.startsWith("HTTP/1.1 200"))
            ++failures;
    }
}

Run measure(const QString &label, quint16 port, bool signedEvents, int connections, int seconds) {
    const qint64 until = QDateTime::currentMSecsSinceEpoch() + seconds * 1000;
    std::vector<std::vector<double>> latencies(connections);
    std::vector<qint64> failures(connections, 0);
    std::vector<std::thread> threads;
    QElapsedTimer wall;
    wall.start();
    for (int c = 0; c < connections; ++c)
        threads.emplace_back(
            [&, c] { driveConnection(port, c, signedEvents, until, latencies[c], failures[c]); });
    for (auto &t : threads)
        t.join();
    const double elapsed = double(wall.elapsed()) / 1000.0;
    std::vector<double> all;
    Run run;
    run.label = label;
    for (int c = 0; c < connections; ++c) {
        all.insert(all.end(), latencies[c].begin(), latencies[c].end());
        run.failed += failures[c];
    }
    std::sort(all.begin(), all.end());
    run.ok = qint64(all.size()) - run.failed;
    run.perSecond = double(all.size()) / elapsed;
    if (!all.empty()) {
        run.p50Ms = all[all.size() / 2];
        run.p99Ms = all[std::min(all.size() - 1, size_t(double(all.size()) * 0.99))];
    }
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
