// Signature benchmark (a program, not a test): the HMAC-SHA256 under every Retell request, for
// bodies of the benchmark's size and of calls with a transcript so far, through Qt's
// QMessageAuthenticationCode (the baseline, measured in the same run) and through
// Callbook::HmacSha256 on both of its engines.
//
//   bench_signature

#include "core/sha256.h"

#include <QByteArray>
#include <QElapsedTimer>
#include <QMessageAuthenticationCode>
#include <cstdio>
#include <functional>

using namespace Callbook;

namespace {

// Nanoseconds per call of `mac`, over at least 300 ms.
double nsPerMac(const std::function<QByteArray()> &mac) {
    QElapsedTimer clock;
    clock.start();
    qint64 n = 0;
    static volatile char sink = 0; // keeps the results alive
    while (clock.elapsed() < 300) {
        for (int i = 0; i < 64; ++i)
            sink = sink ^ mac().at(0);
        n += 64;
    }
    return double(clock.nsecsElapsed()) / double(n);
}

} // namespace

int main() {
    const QByteArray key = "key_bench_0123456789";
    std::printf("HMAC-SHA256 per request (CPU SHA extensions: %s)\n\n",
                Sha256::cpuExtensionsAvailable() ? "yes" : "no");
    std::printf("| body bytes | baseline: Qt ns | portable ns | vs Qt | CPU extensions ns | vs Qt "
                "|\n|---:|---:|---:|---:|---:|---:|\n");
    for (const int size : {300, 4000, 16000}) {
        const QByteArray body(size, 'x');
        const double qt = nsPerMac([&] {
            return QMessageAuthenticationCode::hash(body, key, QCryptographicHash::Sha256);
        });
        const double portable =
            nsPerMac([&] { return HmacSha256::hash(body, key, Sha256::Engine::Portable); });
        const double cpu =
            nsPerMac([&] { return HmacSha256::hash(body, key, Sha256::Engine::CpuExtensions); });
        std::printf("| %d | %.0f | %.0f | %.2fx | %.0f | %.2fx |\n", size, qt, portable,
                    qt / portable, cpu, qt / cpu);
    }
    return 0;
}
