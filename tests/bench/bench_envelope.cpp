// Envelope benchmark (a program, not a test): reading a custom-function request's body, for
// the benchmark's small bodies and for calls some minutes in (Retell sends the call with its
// transcript so far), all by QJsonDocument (the baseline, measured in the same run) and by
// scanning the envelope and building only what is kept (as served).
//
//   bench_envelope

#include "functions/functionrequest.h"
#include "testsupport.h"

#include <QElapsedTimer>
#include <QJsonObject>
#include <cstdio>

using namespace Callbook;

namespace {

// Nanoseconds per reading of `body`, over at least 300 ms.
double nsPerReading(const QByteArray &body, EnvelopeReading reading) {
    QElapsedTimer clock;
    clock.start();
    qint64 n = 0;
    static volatile int sink = 0; // keeps the results alive
    while (clock.elapsed() < 300) {
        for (int i = 0; i < 16; ++i)
            sink = sink + int(parseFunctionRequest(body, {}, {}, {}, reading).request->name.size());
        n += 16;
    }
    return double(clock.nsecsElapsed()) / double(n);
}

} // namespace

int main() {
    const QJsonObject args{{QStringLiteral("service"), QStringLiteral("Herrenhaarschnitt")},
                           {QStringLiteral("date"), QStringLiteral("2026-12-14")},
                           {QStringLiteral("time"), QStringLiteral("10:00")}};
    std::printf("Reading a function call's body\n\n");
    std::printf("| body | bytes | baseline: QJsonDocument µs | scanned (as served) µs | vs "
                "baseline |\n");
    std::printf("|---|---:|---:|---:|---:|\n");
    auto row = [](const char *what, const QByteArray &body) {
        const double qt = nsPerReading(body, EnvelopeReading::QtOnly);
        const double scanned = nsPerReading(body, EnvelopeReading::Scanned);
        std::printf("| %s | %lld | %.2f | %.2f | %.2fx |\n", what,
                    static_cast<long long>(body.size()), qt / 1000, scanned / 1000, qt / scanned);
    };
    row("the function benchmark's (call object without transcript)",
        CallbookTest::functionCallBody(QStringLiteral("check_availability"), args,
                                       QStringLiteral("call_6f3a9c1e2b")));
    for (int turns : {4, 20, 60})
        row(qPrintable(QStringLiteral("mid-call, %1 utterances so far").arg(turns)),
            CallbookTest::midCallFunctionCallBody(
                QStringLiteral("check_availability"), args, QStringLiteral("call_6f3a9c1e2b"),
                QStringLiteral("+493012345678"), QStringLiteral("+4915112345678"), turns));
    return 0;
}
