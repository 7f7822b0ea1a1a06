// Date parser benchmark (a program, not a test): DateParser::parse and ParsedDate::toJson for
// typical phrases, each next to the baseline of one QRegularExpression::match of a simple
// pattern on the same text (what any regex-based recogniser pays at least once).
//
//   bench_dateparser [--rounds 20000] [phrase …]
//
// Instruction counts are steadier than times: run one phrase under valgrind --tool=callgrind
// --toggle-collect='*measureParse*' (or '*measureToJson*') and divide by --rounds; the first
// call, which compiles the patterns, is made before.

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

volatile qsizetype sink = 0;

// Nanoseconds per call, over `rounds` calls; not inlined, so that callgrind can count them.
Q_NEVER_INLINE double measureBaseline(const QRegularExpression &re, const QString &text,
                                      int rounds) {
    QElapsedTimer timer;
    timer.start();
    for (int i = 0; i < rounds; ++i)
        sink = sink + re.match(text).capturedStart();
    return double(timer.nsecsElapsed()) / rounds;
}
Q_NEVER_INLINE double measureParse(const DateParser &parser, const QString &text, int rounds) {
    QElapsedTimer timer;
    timer.start();
    for (int i = 0; i < rounds; ++i)
        sink = sink + parser.parse(text).ok;
    return double(timer.nsecsElapsed()) / rounds;
}
Q_NEVER_INLINE double measureToJson(const ParsedDate &parsed, int rounds) {
    QElapsedTimer timer;
    timer.start();
    for (int i = 0; i < rounds; ++i)
        sink = sink + parsed.toJson().size();
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

    std::printf("| phrase | baseline: one regex match ns | parse ns | toJson ns | parse / "
                "baseline | toJson / baseline |\n|---|---|---|---|---|---|\n");
    for (const QString &text : std::as_const(args)) {
        const ParsedDate parsed = parser.parse(text); // compiles what it needs
        sink = sink + baselinePattern.match(text).capturedStart() + parsed.toJson().size();
        const double baseline = measureBaseline(baselinePattern, text, rounds);
        const double parse = measureParse(parser, text, rounds);
        const double json = measureToJson(parsed, rounds);
        std::printf("| %s | %.0f | %.0f | %.0f | %.1f | %.1f |\n", qPrintable(text), baseline,
                    parse, json, parse / baseline, json / baseline);
    }
    return 0;
}
