#pragma once

// Load for benchmarks: keep-alive HTTP/1.1 connections over loopback, one thread each, sending
// requests back to back for a fixed time, with per-request latencies.

#include <QByteArray>
#include <functional>
#include <vector>

namespace CallbookTest {

struct LoadRun {
    double perSecond = 0;
    double p50Ms = 0;
    double p99Ms = 0;
    qint64 ok = 0;
    qint64 failed = 0;
    double seconds = 0;              // wall time of the run
    std::vector<double> latenciesMs; // every request's, in order of size
};

// Several runs of the same load as one: requests and time added up, percentiles over all.
LoadRun combined(const std::vector<LoadRun> &runs);

// `makeRequest(connection, i)` gives the raw bytes of request `i` on a connection; an answer is
// ok when `isOk(status line + headers + body)` says so (default: status 200). With
// `perSecondPerConnection` > 0 each connection sends at that pace instead of back to back.
LoadRun driveLoad(quint16 port, int connections, double seconds,
                  const std::function<QByteArray(int connection, int i)> &makeRequest,
                  const std::function<bool(const QByteArray &response)> &isOk = {},
                  double perSecondPerConnection = 0);

// Sends each request once, in order, on one connection, waiting for each answer; returns how
// many answers were not ok (e.g. to warm the service's caches before a measured run).
qint64 sendEachOnce(quint16 port, const std::vector<QByteArray> &requests,
                    const std::function<bool(const QByteArray &response)> &isOk = {});

// A signed POST of `body` to `path` as raw request bytes.
QByteArray signedPost(const QByteArray &path, const QByteArray &body);

} // namespace CallbookTest
