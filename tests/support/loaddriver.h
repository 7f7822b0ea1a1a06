#pragma once

// Load for benchmarks: keep-alive HTTP/1.1 connections over loopback, one thread each, sending
// requests back to back for a fixed time, with per-request latencies.

#include <QByteArray>
#include <functional>

namespace CallbookTest {

struct LoadRun {
    double perSecond = 0;
    double p50Ms = 0;
    double p99Ms = 0;
    qint64 ok = 0;
    qint64 failed = 0;
};

// `makeRequest(connection, i)` gives the raw bytes of request `i` on a connection; an answer is
// ok when `isOk(status line + headers + body)` says so (default: status 200). With
// `perSecondPerConnection` > 0 each connection sends at that pace instead of back to back.
LoadRun driveLoad(quint16 port, int connections, int seconds,
                  const std::function<QByteArray(int connection, int i)> &makeRequest,
                  const std::function<bool(const QByteArray &response)> &isOk = {},
                  double perSecondPerConnection = 0);

// A signed POST of `body` to `path` as raw request bytes.
QByteArray signedPost(const QByteArray &path, const QByteArray &body);

} // namespace CallbookTest
