// Function-call recording benchmark (a program, not a test): the store-thread cost of writing
// function_calls rows (arguments masked), Qt Sql's generic path (the PostgreSQL path, and what
// SQLite used before) against the native SQLite statement, in the same run, on a real database
// created like the tests' (migrated by the real binary). Batches of 500 rows in one store task,
// as FunctionRecorder sends them. "store CPU" is the store thread's CPU time inside the task
// (binding, masking, JSON, SQLite); "wall" includes the commit. Both argument mixes.
//
//   bench_recording [--rows 20000] [--repeats 5] [--engine sqlite|postgresql]

#include "functions/functioncallwriter.h"
#include "store/store.h"
#include "store/storesession.h"
#include "testsupport.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QElapsedTimer>
#include <QSqlQuery>
#include <QThread>
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <ctime>

using namespace Callbook;
using namespace CallbookTest;
using FunctionData::FunctionCallRecord;

namespace {

constexpr int kBatch = 500; // FunctionRecorder's default batch size

double threadCpuUs() {
    timespec t{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
    return double(t.tv_sec) * 1e6 + double(t.tv_nsec) / 1e3;
}

// Either no arguments at all (get_available_services, what issue #4's profile ran), or a mix
// like a call's: mostly small arguments, some with personal data to mask.
QList<FunctionCallRecord> makeRecords(int n, bool withArgs) {
    const QList<QJsonObject> args = {
        {},
        {{QStringLiteral("service"), QStringLiteral("Herrenhaarschnitt")}},
        {{QStringLiteral("service"), QStringLiteral("Herrenhaarschnitt")},
         {QStringLiteral("date"), QStringLiteral("2026-12-14")},
         {QStringLiteral("time"), QStringLiteral("10:00")}},
        {},
        {{QStringLiteral("text"), QStringLiteral("nächsten Dienstag um halb drei")}},
        {{QStringLiteral("customer_name"), QStringLiteral("Anna Schmidt")},
         {QStringLiteral("customer_phone"), QStringLiteral("+4915112345678")},
         {QStringLiteral("date"), QStringLiteral("2026-12-14")},
         {QStringLiteral("time"), QStringLiteral("10:00")}},
    };
    const QStringList names = {QStringLiteral("get_available_services"),
                               QStringLiteral("get_service_info"),
                               QStringLiteral("check_availability"),
                               QStringLiteral("get_opening_hours"),
                               QStringLiteral("parse_date"),
                               QStringLiteral("start_booking")};
    QList<FunctionCallRecord> out;
    out.reserve(n);
    for (int i = 0; i < n; ++i) {
        FunctionCallRecord r;
        r.callId = QStringLiteral("bench_rec_%1").arg(i / 8);
        r.name = names[i % names.size()];
        if (withArgs)
            r.args = args[i % args.size()];
        const bool ok = i % 7 != 0;
        r.outcome = ok ? QStringLiteral("ok") : QStringLiteral("slot_taken");
        r.result = QJsonObject{{QStringLiteral("success"), ok},
                               {QStringLiteral("code"), ok ? QString() : r.outcome},
                               {QStringLiteral("http_status"), ok ? 200 : 409}};
        r.durationUs = 400 + i % 900;
        r.cacheHit = i % 3 == 0;
        r.upstreamMs = i % 4 == 0 ? 120 : -1;
        out << r;
    }
    return out;
}

struct Sample {
    double cpuUsPerRow = 0, wallUsPerRow = 0;
};

double median(std::vector<double> v) {
    std::sort(v.begin(), v.end());
    return v.empty() ? 0 : v[v.size() / 2];
}

} // namespace

int main(int argc, char **argv) {
    QCoreApplication app(argc, argv);
    int rows = 20000, repeats = 5;
    QString engine = QStringLiteral("sqlite");
    const QStringList args = app.arguments();
    for (int i = 1; i + 1 < args.size(); i += 2) {
        if (args[i] == QLatin1String("--rows"))
            rows = args[i + 1].toInt();
        else if (args[i] == QLatin1String("--repeats"))
            repeats = args[i + 1].toInt();
        else if (args[i] == QLatin1String("--engine"))
            engine = args[i + 1];
    }
    qputenv("CALLBOOK_TEST_DATABASE", engine.toUtf8());
    TestDatabase db;
    QString error;
    if (!db.create(&error) || !migrateWithSampleConfig(db, &error)) {
        std::fprintf(stderr, "setup: %s\n", qPrintable(error));
        return 1;
    }
    const qint64 company =
        db.count(QStringLiteral("SELECT id FROM companies WHERE slug = 'salon-mia'"));
    const auto settings = DatabaseSettings::fromUrl(db.serviceUrl(), &error);
    Store store(*settings);
    if (!settings || !store.start(&error)) {
        std::fprintf(stderr, "store: %s\n", qPrintable(error));
        return 1;
    }
    const qint64 now = QDateTime::currentMSecsSinceEpoch();

    // One pass: every batch as its own store task (own transaction and commit).
    bool native = false;
    auto pass = [&](const QList<FunctionCallRecord> &records, FunctionCallWriter::Path path) {
        double cpuUs = 0;
        QElapsedTimer wall;
        wall.start();
        for (qsizetype from = 0; from < records.size(); from += kBatch) {
            const QList<FunctionCallRecord> batch = records.mid(from, kBatch);
            const StoreResult r = store.runAndWait(company, [&](StoreSession &s) {
                const double before = threadCpuUs();
                FunctionCallWriter writer(s, path);
                native = writer.isNative();
                writer.write(company, batch, now);
                cpuUs += threadCpuUs() - before;
                return QVariant();
            });
            if (!r.ok()) {
                std::fprintf(stderr, "write failed: %s\n", qPrintable(r.error));
                std::exit(1);
            }
        }
        const Sample s{cpuUs / double(records.size()),
                       double(wall.nsecsElapsed()) / 1e3 / double(records.size())};
        QSqlQuery q(db.ownerConnection());
        q.exec(QStringLiteral("DELETE FROM function_calls")); // the same table for every pass
        return s;
    };

    std::printf("Callbook recording benchmark: %s, %d rows in batches of %d, median of %d, %d "
                "cores\n\n",
                qPrintable(engine), rows, kBatch, repeats, QThread::idealThreadCount());
    std::printf("| arguments | path | rows/s (wall, with commit) | wall µs/row | store CPU µs/row "
                "| CPU vs baseline |\n");
    std::printf("|---|---|---:|---:|---:|---:|\n");
    for (const bool withArgs : {false, true}) {
        const QList<FunctionCallRecord> records = makeRecords(rows, withArgs);
        const char *mix = withArgs ? "mixed, some personal data" : "none";
        pass(records, FunctionCallWriter::Path::QtSql); // warm-up: statements, file size
        pass(records, FunctionCallWriter::Path::Fastest);
        std::vector<double> qtCpu, qtWall, fastCpu, fastWall;
        for (int i = 0; i < repeats; ++i) { // alternating, so the neighbours' noise hits both
            const Sample q = pass(records, FunctionCallWriter::Path::QtSql);
            const Sample f = pass(records, FunctionCallWriter::Path::Fastest);
            qtCpu.push_back(q.cpuUsPerRow);
            qtWall.push_back(q.wallUsPerRow);
            fastCpu.push_back(f.cpuUsPerRow);
            fastWall.push_back(f.wallUsPerRow);
        }
        const double qc = median(qtCpu), qw = median(qtWall), fc = median(fastCpu),
                     fw = median(fastWall);
        std::printf("| %s | baseline: Qt Sql, 50 rows per INSERT | %.0f | %.2f | %.2f | 1.00 |\n",
                    mix, 1e6 / qw, qw, qc);
        std::printf("| %s | %s | %.0f | %.2f | %.2f | %.2f |\n", mix,
                    native ? "native SQLite statement, one row per step"
                           : "fastest available (Qt Sql: no native handle)",
                    1e6 / fw, fw, fc, fc / qc);
    }
    store.stop();
    return 0;
}
