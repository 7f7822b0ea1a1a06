// Date parser benchmark (a program, not a test): DateParser::parse and ParsedDate::toJson for
// typical phrases, each next to the baseline of one QRegularExpression::match of a simple
// pattern on the same text (what any regex-based recogniser pays at least once).
//
//   bench_dateparser [--rounds 20000] [phrase …]
//
// Instruction counts are steadier than times: run one phrase under
// valgrind --tool=callgrind --toggle-collect='*DateParser::parse*' with --rounds 100 and 200;
// the difference over 100 is one call without the first call's regex compilation.

#include "dates/dateparser.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QRegularExpression>
#include <cstdio>

using namespace Callbook;

namespace {

int argument(QStringList &args, const QString &name, int fallback) {
    const qsizetype i = args.indexOf(name);
    if (i < 0 || i + 1 >= args.size())
        return fallback;
    const int value = args[i + 1].toInt();
    args.remove(i, 2);
    return value;
}

// Nanoseconds per call of f, over `rounds` calls.
template<typename F> double perCall(int rounds, F &&f) {
    QElapsedTimer timer;
    timer.start();
    for (int i = 0; i < rounds; ++i)
        f();
    return double(timer.nsecsElapsed()) / rounds;
}

} // namespace

int main(int argc, char **argv) {
    QCoreApplication app(argc, argv);
    QStringList args = app.arguments().mid(1);
    const int rounds = argument(args, QStringLiteral("--rounds"), 20000);
    if (args.isEmpty())
        args = {QStringLiteral("nächsten Dienstag um halb drei"),
                QStringLiteral("morgen um 14 Uhr"),
                QStringLiteral("Viertel nach zehn"),
                QStringLiteral("am 5. Januar"),
                QStringLiteral("heute"),
                QStringLiteral("tomorrow at 3pm"),
                QStringLiteral("next Tuesday afternoon"),
                QStringLiteral("2026-12-01T14:00:00"),
                QStringLiteral("2026-12-01")};

    const QTimeZone zone("Europe/Berlin");
    const DateParser parser(QDateTime(QDate(2026, 11, 24), QTime(10, 30), zone), zone,
                            QStringLiteral("de"));
    static const QRegularExpression baselinePattern(QStringLiteral("\\buhr\\b"));
    volatile qsizetype sink = 0;

    std::printf("| phrase | baseline: one regex match ns | parse ns | toJson ns | parse / "
                "baseline | toJson / baseline |\n|---|---|---|---|---|---|\n");
    for (const QString &text : std::as_const(args)) {
        const double baseline =
            perCall(rounds, [&] { sink = sink + baselinePattern.match(text).capturedStart(); });
        const double parse = perCall(rounds, [&] { sink = sink + parser.parse(text).ok; });
        const ParsedDate parsed = parser.parse(text);
        const double json = perCall(rounds, [&] { sink = sink + parsed.toJson().size(); });
        std::printf("| %s | %.0f | %.0f | %.0f | %.1f | %.1f |\n", qPrintable(text), baseline,
                    parse, json, parse / baseline, json / baseline);
    }
    return 0;
}
