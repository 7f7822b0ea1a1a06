// Agent-function benchmark (a program, not a test): every function through the real
// `callbook --headless` (local calendar, SQLite by default) over 32 keep-alive connections with
// signed requests, next to the trivial /api/ping route of the same server in the same run.
// Client latency (loopback included) and the server's own duration (function_calls.duration_us)
// are both printed. Functions that only read are measured with warm caches. Then check_availability
// against the fake Cal.com with 200 ms latency.
//
// The machine's speed drifts by up to 2x within a minute (a shared VM), so a function and the
// trivial route take turns in short slices (--rounds of each, trivial route first and last):
// both see the same machine, and the ratio is of their totals.
//
//   bench_functions [--connections 32] [--seconds 4] [--rounds 8] [--engine sqlite|postgresql]
//                   [--only NAME,…]

#include "fakecalcom.h"
#include "loaddriver.h"
#include "testsupport.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QSqlQuery>
#include <QThread>
#include <QTimeZone>
#include <algorithm>
#include <cstdio>
#include <unistd.h>

using namespace CallbookTest;

namespace {

const QString kMiaNumber = QStringLiteral("+493012345678");
const QTimeZone kBerlin("Europe/Berlin");
// Calls the requests are spread over, so that none comes near the limit of 100 requests a
// minute per call (over 100,000 requests a function at 25k/s; the booking functions take turns
// on the same calls, within a minute).
constexpr int kReadCalls = 2000;
constexpr int kWriteCalls = 8000;

struct Percentiles {
    double p50 = 0, p99 = 0;
};

Percentiles serverDurations(TestDatabase &db, const QString &name) {
    QSqlQuery q(db.ownerConnection());
    q.exec(QStringLiteral("SELECT duration_us FROM function_calls WHERE name = '%1' AND call_id "
                          "LIKE 'bench_%' ORDER BY duration_us")
               .arg(name));
    std::vector<double> v;
    while (q.next())
        v.push_back(q.value(0).toDouble() / 1000.0);
    if (v.empty())
        return {};
    return {v[v.size() / 2], v[std::min(v.size() - 1, size_t(double(v.size()) * 0.99))]};
}

// "slot_taken 120, no_hold 3" for the answers that were not a success.
QString otherOutcomes(TestDatabase &db, const QString &name) {
    QSqlQuery q(db.ownerConnection());
    q.exec(QStringLiteral("SELECT outcome, COUNT(*) FROM function_calls WHERE name = '%1' AND "
                          "call_id LIKE 'bench_%' AND outcome <> 'ok' GROUP BY outcome ORDER BY "
                          "2 DESC")
               .arg(name));
    QStringList parts;
    while (q.next())
        parts << q.value(0).toString() + QLatin1Char(' ') + q.value(1).toString();
    return parts.join(QStringLiteral(", "));
}

// CPU seconds a process has used (user + system), from /proc: the work per request, which
// other load on the machine changes far less than it changes throughput.
double cpuSeconds(qint64 pid) {
    QFile stat(pid > 0 ? QStringLiteral("/proc/%1/stat").arg(pid)
                       : QStringLiteral("/proc/self/stat"));
    if (!stat.open(QIODevice::ReadOnly))
        return 0;
    const QByteArray line = stat.readAll();
    // Fields after the command name (which may hold spaces): utime is the 14th, stime the 15th.
    const QList<QByteArray> fields = line.mid(line.lastIndexOf(')') + 2).split(' ');
    if (fields.size() < 13)
        return 0;
    return double(fields[11].toLongLong() + fields[12].toLongLong()) / double(sysconf(_SC_CLK_TCK));
}

// Runs of one load, added up, with the CPU the service and this program used for them.
struct Measured {
    std::vector<LoadRun> runs;
    double serviceCpuS = 0, clientCpuS = 0;

    template<typename Load> void add(qint64 servicePid, Load load) {
        const double service0 = cpuSeconds(servicePid), client0 = cpuSeconds(0);
        runs.push_back(load());
        serviceCpuS += cpuSeconds(servicePid) - service0;
        clientCpuS += cpuSeconds(0) - client0;
    }
    LoadRun total() const { return combined(runs); }
    // CPU µs per request sent.
    double serviceUs() const { return serviceCpuS * 1e6 / requests(); }
    double clientUs() const { return clientCpuS * 1e6 / requests(); }

private:
    double requests() const {
        qint64 n = 0;
        for (const LoadRun &run : runs)
            n += run.ok + run.failed;
        return double(std::max<qint64>(1, n));
    }
};

// Cheap on purpose: the load generator shares the cores with the service.
bool success(const QByteArray &response) {
    return response.startsWith("HTTP/1.1 200") && response.contains("\"success\":true");
}

} // namespace

int main(int argc, char **argv) {
    QCoreApplication app(argc, argv);
    int connections = 32, rounds = 8;
    double seconds = 4;
    QString engine = QStringLiteral("sqlite");
    QStringList only; // --only NAME[,NAME…]: just those functions (for profiling)
    const QStringList args = app.arguments();
    for (int i = 1; i + 1 < args.size(); i += 2) {
        if (args[i] == QLatin1String("--connections"))
            connections = args[i + 1].toInt();
        else if (args[i] == QLatin1String("--seconds"))
            seconds = args[i + 1].toDouble();
        else if (args[i] == QLatin1String("--rounds"))
            rounds = std::max(1, args[i + 1].toInt());
        else if (args[i] == QLatin1String("--engine"))
            engine = args[i + 1];
        else if (args[i] == QLatin1String("--only"))
            only = args[i + 1].split(QLatin1Char(','));
    }
    qputenv("CALLBOOK_TEST_DATABASE", engine.toUtf8());
    TestDatabase db;
    QString error;
    ServiceProcess service;
    if (!db.create(&error) || !service.start(db, writeSampleConfig(db.dir()), {}, &error)) {
        std::fprintf(stderr, "%s\n", qPrintable(error));
        return 1;
    }
    const quint16 port = service.port();
    const QDate monday = mondayInTwoWeeks(kBerlin);
    const QString day = monday.toString(Qt::ISODate);
    const QJsonObject haircut{{QStringLiteral("service"), QStringLiteral("Herrenhaarschnitt")}};
    auto with = [](QJsonObject o, const QJsonObject &more) {
        for (auto it = more.begin(); it != more.end(); ++it)
            o.insert(it.key(), it.value());
        return o;
    };
    struct Case {
        QString name;
        QJsonObject args;
        bool writes;
        int group = -1; // which calls it uses: its own (-1) or those of an earlier case
    };
    const QList<Case> cases = {
        {QStringLiteral("initialize_call"), {}, false},
        {QStringLiteral("check_customer"), {}, false},
        {QStringLiteral("get_available_services"), {}, false},
        {QStringLiteral("get_service_info"), haircut, false},
        {QStringLiteral("get_opening_hours"), {}, false},
        // A phrase that is never ambiguous ("nächsten Dienstag" is on a Monday), so that the
        // same answer is measured on every day.
        {QStringLiteral("parse_date"),
         {{QStringLiteral("text"), QStringLiteral("übermorgen um halb drei")}},
         false},
        {QStringLiteral("check_availability"),
         with(haircut,
              {{QStringLiteral("date"), day}, {QStringLiteral("time"), QStringLiteral("10:00")}}),
         false},
        {QStringLiteral("find_next_available"), haircut, false},
        {QStringLiteral("get_alternatives"),
         with(haircut,
              {{QStringLiteral("date"), day}, {QStringLiteral("time"), QStringLiteral("10:00")}}),
         false},
        {QStringLiteral("query_appointment"), {}, false},
        {QStringLiteral("transfer_to_staff"), {}, false},
        {QStringLiteral("request_callback"),
         {{QStringLiteral("reason"), QStringLiteral("Frage")}},
         true},
        // The booking functions, each call on its own slot: start_booking, then the same
        // calls confirm (first time books, then replays), move, look up, cancel and release.
        {QStringLiteral("start_booking"), {}, true},
        {QStringLiteral("confirm_booking"), {}, true, 12},
        {QStringLiteral("reschedule_appointment"), {}, true, 12},
        {QStringLiteral("cancel_appointment"), {}, true, 12},
        {QStringLiteral("release_slot_reservation"), {}, true, 12},
    };

    const double slice = seconds / rounds;
    std::printf("Callbook agent-function benchmark: %s, %d keep-alive connections, %.1f s per "
                "function in %d slices, next to as many of the trivial route and one more, %d "
                "cores\n\n",
                qPrintable(engine), connections, seconds, rounds, QThread::idealThreadCount());
    const QByteArray ping("GET /api/ping HTTP/1.1\r\nHost: b\r\n\r\n");
    auto trivialSlice = [&](Measured &into) {
        into.add(service.pid(), [&] {
            return driveLoad(port, connections, slice, [&](int, int) { return ping; });
        });
    };
    driveLoad(port, 4, 1, [&](int, int) { return ping; });
    std::printf(
        "| function | req/s | client p50 ms | client p99 ms | server p50 ms | server p99 ms "
        "| answered with success | trivial route (GET /api/ping) req/s, its slices | "
        "throughput vs trivial | service CPU µs/req, function / trivial | load generator "
        "CPU µs/req, function / trivial | other answers |\n");
    std::printf("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|\n");
    for (int f = 0; f < cases.size(); ++f) {
        const Case &c = cases[f];
        if (!only.isEmpty() && !only.contains(c.name))
            continue;
        // Requests are signed before the run (signatures stay valid for 5 minutes), so the
        // load generator, which shares the two cores, does as little as for the baseline.
        std::vector<QByteArray> pool;
        const int calls = c.writes ? kWriteCalls : kReadCalls;
        for (int k = 0; k < calls; ++k) {
            // Call k's own slot: one of 16 half hours from 9:00 on one of the weekdays (moved
            // by reschedule_appointment to the weeks after all of them, where nobody else is).
            const QDate slotDay = monday.addDays(7 * (k / 80) + (k / 16) % 5);
            const QDate movedDay = slotDay.addDays(7 * (kWriteCalls / 80 + 1));
            const QString slotTime =
                QTime(9, 0).addSecs(30 * 60 * (k % 16)).toString(QStringLiteral("H:mm"));
            QJsonObject args = c.args;
            if (c.name == QLatin1String("start_booking"))
                args = with(haircut,
                            {{QStringLiteral("date"), slotDay.toString(Qt::ISODate)},
                             {QStringLiteral("time"), slotTime},
                             {QStringLiteral("customer_name"), QStringLiteral("Bench Caller")}});
            else if (c.name == QLatin1String("reschedule_appointment"))
                args = {{QStringLiteral("date"), movedDay.toString(Qt::ISODate)},
                        {QStringLiteral("time"), slotTime}};
            const int group = c.group >= 0 ? c.group : f;
            pool.push_back(signedPost(
                "/api/webhooks/retell/function",
                functionCallBody(c.name, args, QStringLiteral("bench_%1_%2").arg(group).arg(k),
                                 kMiaNumber,
                                 QStringLiteral("+491510000%1").arg(k, 4, 10, QLatin1Char('0')))));
        }
        // "With warm cache": a real call's caches are warmed when it starts (call_started); here
        // each caller asks once before the measured run. Writing functions are measured cold,
        // since asking once would already book, confirm or cancel.
        if (!c.writes && sendEachOnce(port, pool, success) > 0)
            std::fprintf(stderr, "%s: the warm-up pass had failures\n", qPrintable(c.name));
        // Profilers see each of the function's slices between these marks.
        const bool mark = qEnvironmentVariableIsSet("CALLBOOK_TEST_WRAPPER");
        Measured function, trivial;
        // Each connection goes on through the pool where its last slice stopped, as in one
        // long run (each connection's thread touches only its own counts).
        std::vector<int> sentBefore(size_t(connections), 0), sentNow(size_t(connections), 0);
        for (int r = 0; r < rounds; ++r) {
            trivialSlice(trivial);
            if (mark)
                std::fprintf(stderr, "# measuring %s\n", qPrintable(c.name));
            function.add(service.pid(), [&] {
                return driveLoad(
                    port, connections, slice,
                    [&](int connection, int i) {
                        const int k = sentBefore[size_t(connection)] + i;
                        sentNow[size_t(connection)] = k + 1;
                        return pool[size_t((connection * 7919 + k) % calls)];
                    },
                    success);
            });
            if (mark)
                std::fprintf(stderr, "# measured %s\n", qPrintable(c.name));
            sentBefore = sentNow;
        }
        trivialSlice(trivial);
        const LoadRun run = function.total(), baseline = trivial.total();
        QString slices; // the trivial route's rate in each slice: how much the machine drifted
        for (const LoadRun &t : trivial.runs)
            slices += (slices.isEmpty() ? QString() : QStringLiteral(" ")) +
                      QString::number(t.perSecond / 1000, 'f', 1);
        QThread::msleep(300); // the last timings reach the database
        const Percentiles server = serverDurations(db, c.name);
        std::printf(
            "| %s%s | %.0f | %.3f | %.3f | %.3f | %.3f | %lld / %lld | %.0f (%s k) | %.2f | "
            "%.1f / %.1f | %.1f / %.1f | %s |\n",
            qPrintable(c.name), c.writes ? " (writes)" : "", run.perSecond, run.p50Ms, run.p99Ms,
            server.p50, server.p99, static_cast<long long>(run.ok),
            static_cast<long long>(run.ok + run.failed), baseline.perSecond, qPrintable(slices),
            run.perSecond / baseline.perSecond, function.serviceUs(), trivial.serviceUs(),
            function.clientUs(), trivial.clientUs(), qPrintable(otherOutcomes(db, c.name)));
        std::fflush(stdout);
    }
    service.terminate();
    if (!only.isEmpty() && !only.contains(QStringLiteral("check_availability")))
        return 0;

    // check_availability when the answer needs Cal.com (200 ms away), one question at a time
    // for days nobody asked before (a cache miss each), next to one plain round trip.
    FakeCalcomThread fake;
    const QString baseUrl = fake.baseUrl();
    fake.run([](FakeCalcom &f) {
        f.setApiKey("cal_bench_fn");
        f.addEventType({101, QStringLiteral("herren"), QStringLiteral("Herren"), 30});
        f.addEventType({102, QStringLiteral("damen"), QStringLiteral("Damen"), 60});
        f.setRateLimit(1000000, 60000);
        f.setLatencyMs(200);
    });
    TestDatabase calDb;
    ServiceProcess calService;
    calService.setEnvironment(QStringLiteral("CALLBOOK_SECRET_CALCOM_SALON_MIA"),
                              QStringLiteral("cal_bench_fn"));
    if (!calDb.create(&error) ||
        !calService.start(calDb, writeSampleConfig(calDb.dir(), {baseUrl, 2000, 4000}), {},
                          &error)) {
        std::fprintf(stderr, "%s\n", qPrintable(error));
        return 1;
    }
    std::vector<double> miss, hit;
    for (int i = 0; i < 12; ++i) {
        const QJsonObject args =
            with(haircut, {{QStringLiteral("date"), monday.addDays(i).toString(Qt::ISODate)},
                           {QStringLiteral("time"), QStringLiteral("10:00")}});
        for (std::vector<double> *into : {&miss, &hit}) {
            QElapsedTimer t;
            t.start();
            const HttpResult r =
                postSigned(calService.port(), "/api/webhooks/retell/function",
                           functionCallBody(QStringLiteral("check_availability"), args,
                                            QStringLiteral("bench_cal_%1").arg(i), kMiaNumber,
                                            QStringLiteral("+4915100009999")));
            into->push_back(double(t.nsecsElapsed()) / 1e6);
            if (r.status != 200)
                std::fprintf(stderr, "check_availability: %d %s\n", r.status, r.body.constData());
        }
    }
    std::sort(miss.begin(), miss.end());
    std::sort(hit.begin(), hit.end());
    std::printf("\n| check_availability with Cal.com 200 ms away | n | p50 ms | max ms |\n");
    std::printf("|---|---:|---:|---:|\n");
    std::printf("| baseline: the injected upstream latency | | 200.000 | |\n");
    std::printf("| first question for a day (cache miss, one upstream round trip) | %d | %.3f | "
                "%.3f |\n",
                int(miss.size()), miss[miss.size() / 2], miss.back());
    std::printf("| the same question again (cache hit) | %d | %.3f | %.3f |\n", int(hit.size()),
                hit[hit.size() / 2], hit.back());
    calService.terminate();
    return 0;
}
