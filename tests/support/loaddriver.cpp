#include "loaddriver.h"

#include "retell/retellsignature.h"
#include "testsupport.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QTcpSocket>
#include <algorithm>
#include <cstdio>
#include <thread>
#include <vector>

namespace CallbookTest {

QByteArray signedPost(const QByteArray &path, const QByteArray &body) {
    const QByteArray sig =
        Callbook::signRetellBody(body, kRetellKey, QDateTime::currentMSecsSinceEpoch());
    return "POST " + path + " HTTP/1.1\r\nHost: b\r\nContent-Type: application/json\r\n" +
           "X-Retell-Signature: " + sig + "\r\nContent-Length: " + QByteArray::number(body.size()) +
           "\r\n\r\n" + body;
}

static void driveConnection(quint16 port, int connection, qint64 untilMs,
                            const std::function<QByteArray(int, int)> &makeRequest,
                            const std::function<bool(const QByteArray &)> &isOk,
                            std::vector<double> &latencies, qint64 &failures, double perSecond,
                            int count = -1) {
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, port);
    if (!socket.waitForConnected(5000)) {
        std::fprintf(stderr, "connect failed: %s\n", qPrintable(socket.errorString()));
        ++failures;
        return;
    }
    QElapsedTimer clock, paced;
    paced.start();
    for (int i = 0; i != count && QDateTime::currentMSecsSinceEpoch() < untilMs; ++i) {
        if (perSecond > 0) { // request i is due at i / perSecond seconds
            const qint64 dueNs = qint64(double(i) * 1e9 / perSecond);
            const qint64 waitNs = dueNs - paced.nsecsElapsed();
            if (waitNs > 0)
                std::this_thread::sleep_for(std::chrono::nanoseconds(waitNs));
        }
        const QByteArray request = makeRequest(connection, i);
        clock.start();
        socket.write(request);
        QByteArray response;
        qsizetype headerEnd = -1;
        qint64 length = -1;
        while (true) {
            if (!socket.waitForReadyRead(10000)) {
                std::fprintf(stderr, "no answer: %s\n", qPrintable(socket.errorString()));
                ++failures;
                return;
            }
            response += socket.readAll();
            if (headerEnd < 0 && (headerEnd = response.indexOf("\r\n\r\n")) >= 0) {
                // Only the head is lowered: this thread shares the cores with the service.
                const QByteArray head = response.first(headerEnd).toLower();
                const qsizetype at = head.indexOf("content-length:");
                length = at >= 0 ? head.mid(at + 15, head.indexOf("\r\n", at) - at - 15)
                                       .trimmed()
                                       .toLongLong()
                                 : 0;
            }
            if (headerEnd >= 0 && response.size() >= headerEnd + 4 + length)
                break;
        }
        latencies.push_back(double(clock.nsecsElapsed()) / 1e6);
        if (isOk ? !isOk(response) : !response.startsWith("HTTP/1.1 200"))
            ++failures;
    }
}

// Percentiles and the rate of `run`, from its latencies and time.
static void summarise(LoadRun &run) {
    std::sort(run.latenciesMs.begin(), run.latenciesMs.end());
    const std::vector<double> &all = run.latenciesMs;
    run.perSecond = run.seconds > 0 ? double(all.size()) / run.seconds : 0;
    if (!all.empty()) {
        run.p50Ms = all[all.size() / 2];
        run.p99Ms = all[std::min(all.size() - 1, size_t(double(all.size()) * 0.99))];
    }
}

LoadRun combined(const std::vector<LoadRun> &runs) {
    LoadRun total;
    for (const LoadRun &run : runs) {
        total.ok += run.ok;
        total.failed += run.failed;
        total.seconds += run.seconds;
        total.latenciesMs.insert(total.latenciesMs.end(), run.latenciesMs.begin(),
                                 run.latenciesMs.end());
    }
    summarise(total);
    return total;
}

LoadRun driveLoad(quint16 port, int connections, double seconds,
                  const std::function<QByteArray(int, int)> &makeRequest,
                  const std::function<bool(const QByteArray &)> &isOk,
                  double perSecondPerConnection) {
    const qint64 until = QDateTime::currentMSecsSinceEpoch() + qint64(seconds * 1000);
    std::vector<std::vector<double>> latencies(static_cast<size_t>(connections));
    std::vector<qint64> failures(static_cast<size_t>(connections), 0);
    std::vector<std::thread> threads;
    QElapsedTimer wall;
    wall.start();
    for (int c = 0; c < connections; ++c)
        threads.emplace_back([&, c] {
            driveConnection(port, c, until, makeRequest, isOk, latencies[size_t(c)],
                            failures[size_t(c)], perSecondPerConnection);
        });
    for (auto &t : threads)
        t.join();
    LoadRun run;
    run.seconds = double(wall.elapsed()) / 1000.0;
    for (int c = 0; c < connections; ++c) {
        run.latenciesMs.insert(run.latenciesMs.end(), latencies[size_t(c)].begin(),
                               latencies[size_t(c)].end());
        run.failed += failures[size_t(c)];
    }
    run.ok = qint64(run.latenciesMs.size()) - run.failed;
    summarise(run);
    return run;
}

qint64 sendEachOnce(quint16 port, const std::vector<QByteArray> &requests,
                    const std::function<bool(const QByteArray &)> &isOk) {
    std::vector<double> latencies;
    qint64 failures = 0;
    driveConnection(
        port, 0, QDateTime::currentMSecsSinceEpoch() + 600 * 1000,
        [&](int, int i) { return requests[size_t(i)]; }, isOk, latencies, failures, 0,
        int(requests.size()));
    return failures;
}

} // namespace CallbookTest
