// Calendar benchmark (a program, not a test): the Cal.com provider in-process against the fake
// Cal.com server (on its own thread, over loopback HTTP) with 200 ms injected latency.
//
//   bench_calendar [--hits 20000] [--misses 20] [--calls 200]
//
// 1. Availability for a 7-day range from the cache, next to a miss; the miss is compared with
//    one plain HTTP round trip to the same fake (the baseline: what any client pays).
// 2. The answer while the circuit breaker is open, next to waiting for a hanging Cal.com.
// 3. Simulated calls with prefetch at call start: how often the caller's first availability
//    question is answered from the cache.

#include "calcom/calcomconnection.h"
#include "calendar/calendars.h"
#include "fakecalcom.h"
#include "store/store.h"
#include "store/storesession.h"
#include "testsupport.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QRandomGenerator>
#include <QThread>
#include <QTimer>
#include <algorithm>
#include <cstdio>
#include <vector>

using namespace Callbook;
using namespace CallbookTest;

namespace {

const QByteArray kKey = QByteArrayLiteral("cal_bench");
const QTimeZone kBerlin("Europe/Berlin");
constexpr int kLatencyMs = 200;

struct Figures {
    double p50 = 0, p99 = 0, max = 0;
};

Figures figures(std::vector<double> v) {
    if (v.empty())
        return {};
    std::sort(v.begin(), v.end());
    auto at = [&](double q) { return v[std::min(v.size() - 1, size_t(q * double(v.size())))]; };
    return {at(0.50), at(0.99), v.back()};
}

bool waitUntil(const std::function<bool()> &done, int timeoutMs) {
    QElapsedTimer t;
    t.start();
    while (!done() && t.elapsed() < timeoutMs)
        QCoreApplication::processEvents(QEventLoop::AllEvents, 5);
    return done();
}

int argument(const QStringList &args, const QString &name, int fallback) {
    const qsizetype i = args.indexOf(name);
    return i >= 0 && i + 1 < args.size() ? args[i + 1].toInt() : fallback;
}

} // namespace

int main(int argc, char **argv) {
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    const int hits = argument(args, QStringLiteral("--hits"), 20000);
    const int misses = argument(args, QStringLiteral("--misses"), 20);
    const int calls = argument(args, QStringLiteral("--calls"), 200);

    FakeCalcomThread fake;
    const QString baseUrl = fake.baseUrl();
    fake.run([](FakeCalcom &f) {
        f.setApiKey(kKey);
        f.setRateLimit(1000000, 60000);
        f.addEventType({101, QStringLiteral("herren"), QStringLiteral("Herren"), 30});
        f.addEventType({102, QStringLiteral("damen"), QStringLiteral("Damen"), 60});
        f.setLatencyMs(kLatencyMs);
    });
    auto slotRequests = [&] {
        int n = 0;
        fake.run([&](FakeCalcom &f) { n = f.requestCount(QStringLiteral("/v2/slots")); });
        return n;
    };
    TestDatabase db;
    QString error;
    if (!db.create(&error) || !migrateWithSampleConfig(db, &error, {baseUrl, 2000, 4000})) {
        std::fprintf(stderr, "setup: %s\n", qPrintable(error));
        return 1;
    }
    const auto settings = DatabaseSettings::fromUrl(db.serviceUrl(), &error);
    Store store(*settings);
    if (!store.start(&error)) {
        std::fprintf(stderr, "store: %s\n", qPrintable(error));
        return 1;
    }
    const TenantCalendar mia = loadCalendar(db, store, QStringLiteral("salon-mia"));
    const qint64 miaId = mia.companyId;
    Calendars calendars(store);
    calendars.setTenant(mia, kKey);
    const QDate today = QDateTime::currentDateTime().toTimeZone(kBerlin).date();
    const AvailabilityQuery week{miaId, mia.services[0].id, today.addDays(1), today.addDays(7)};

    auto ask = [&](const AvailabilityQuery &q, bool fresh, double *ms) {
        std::optional<CalendarReply<Availability>> reply;
        QElapsedTimer t;
        t.start();
        calendars.availability(q, fresh, [&](auto r) {
            reply = r;
            *ms = double(t.nsecsElapsed()) / 1e6;
        });
        waitUntil([&] { return reply.has_value(); }, 30000);
        return reply;
    };

    std::printf("Callbook calendar benchmark: fake Cal.com with %d ms latency, %d cores\n\n",
                kLatencyMs, QThread::idealThreadCount());

    // --- 1. cache hit vs miss vs one plain round trip ----------------------------------------
    QNetworkAccessManager plain;
    std::vector<double> roundTrips;
    for (int i = 0; i < misses; ++i) {
        QNetworkRequest r(QUrl(baseUrl + QStringLiteral("/v2/slots?eventTypeId=101&start=%1&end=%2"
                                                        "&timeZone=Europe/Berlin")
                                             .arg(week.firstDay.toString(Qt::ISODate),
                                                  week.lastDay.toString(Qt::ISODate))));
        r.setRawHeader("cal-api-version", "2024-09-04");
        QElapsedTimer t;
        t.start();
        QNetworkReply *reply = plain.get(r);
        waitUntil([&] { return reply->isFinished(); }, 10000);
        roundTrips.push_back(double(t.nsecsElapsed()) / 1e6);
        reply->deleteLater();
    }
    std::vector<double> missTimes;
    const int requestsBefore = slotRequests();
    for (int i = 0; i < misses; ++i) {
        calendars.cache().clear(miaId);
        double ms = 0;
        const auto r = ask(week, false, &ms);
        if (!r || !r->ok() || r->value->openSlots.isEmpty()) {
            std::fprintf(stderr, "miss failed: %s\n", r ? qPrintable(r->error.detail) : "timeout");
            return 1;
        }
        missTimes.push_back(ms);
    }
    const double requestsPerMiss = double(slotRequests() - requestsBefore) / misses;
    std::vector<double> hitTimes;
    hitTimes.reserve(size_t(hits));
    for (int i = 0; i < hits; ++i) {
        double ms = 0;
        const auto r = ask(week, false, &ms);
        if (!r || !r->ok() || !r->value->fromCache) {
            std::fprintf(stderr, "expected a cache hit\n");
            return 1;
        }
        hitTimes.push_back(ms);
    }
    const Figures rt = figures(roundTrips), miss = figures(missTimes), hit = figures(hitTimes);
    std::printf("| 7-day availability | n | p50 ms | p99 ms | max ms | vs baseline |\n");
    std::printf("|---|---:|---:|---:|---:|---|\n");
    std::printf(
        "| baseline: one plain HTTP round trip to the fake | %d | %.2f | %.2f | %.2f | 1.00 |\n",
        misses, rt.p50, rt.p99, rt.max);
    std::printf(
        "| cache miss through the provider (%.2f upstream requests each) | %d | %.2f | %.2f "
        "| %.2f | +%.2f ms at p50 |\n",
        requestsPerMiss, misses, miss.p50, miss.p99, miss.max, miss.p50 - rt.p50);
    std::printf("| cache hit | %d | %.4f | %.4f | %.4f | %.0fx faster than a miss (p50) |\n\n",
                hits, hit.p50, hit.p99, hit.max, miss.p50 / std::max(hit.p50, 1e-6));

    // --- 2. breaker open vs a hanging Cal.com -------------------------------------------------
    fake.run([](FakeCalcom &f) {
        f.setLatencyMs(0);
        f.hangNext(2);
        f.failNext(3, 503);
    });
    std::vector<double> hangTimes;
    for (int i = 0; i < 5; ++i) {
        double ms = 0;
        ask({miaId, mia.services[0].id, today.addDays(30 + i), today.addDays(30 + i)}, true, &ms);
        if (i < 2)
            hangTimes.push_back(ms);
    }
    CalcomConnection *connection = calendars.connectionFor(miaId);
    if (connection->breaker().state() != CircuitBreaker::State::Open) {
        std::fprintf(stderr, "breaker did not open\n");
        return 1;
    }
    std::vector<double> openTimes;
    for (int i = 0; i < hits / 2; ++i) {
        double ms = 0;
        const auto r = ask(week, true, &ms);
        if (!r || r->ok()) {
            std::fprintf(stderr, "expected a refusal\n");
            return 1;
        }
        openTimes.push_back(ms);
    }
    const Figures hang = figures(hangTimes), open = figures(openTimes);
    std::printf("| Cal.com down | n | p50 ms | p99 ms | max ms | vs baseline |\n");
    std::printf("|---|---:|---:|---:|---:|---|\n");
    std::printf("| baseline: hanging Cal.com, answer after the total timeout | %d | %.1f | %.1f | "
                "%.1f | 1.00 |\n",
                int(hangTimes.size()), hang.p50, hang.p99, hang.max);
    std::printf("| breaker open: refused at once | %d | %.4f | %.4f | %.4f | %.0fx faster |\n\n",
                int(openTimes.size()), open.p50, open.p99, open.max,
                hang.p50 / std::max(open.p50, 1e-6));
    calendars.resetBreaker(miaId);

    // --- 3. simulated calls: prefetch at call start, first question 1–3 s later -------------
    // Each call is a business of its own (own cache entries, own API key and rate budget), as
    // an agency's many salons would be. The first question asks about one of the next 7 days
    // (the prefetch window) for one of the salon's services.
    fake.run([](FakeCalcom &f) { f.setLatencyMs(kLatencyMs); });
    QRandomGenerator rng(20261124);
    int answered = 0, fromCache = 0, failed = 0;
    std::vector<double> firstAnswer;
    for (int i = 0; i < calls; ++i) {
        TenantCalendar tenant = mia;
        tenant.companyId = 100000 + i;
        const QByteArray key = kKey + QByteArray::number(i);
        fake.run([&](FakeCalcom &f) { f.addApiKey(key); });
        calendars.setTenant(tenant, key);
        const int startAt = i * 100;
        const int askAfter = 1000 + int(rng.bounded(2000));
        const AvailabilityQuery question{tenant.companyId,
                                         tenant.services[int(rng.bounded(2))].id,
                                         today.addDays(int(rng.bounded(7))),
                                         {}};
        QTimer::singleShot(startAt, &app, [&, tenant, question, askAfter] {
            calendars.prefetch(tenant.companyId);
            QTimer::singleShot(askAfter, &app, [&, question] {
                AvailabilityQuery q = question;
                q.lastDay = q.firstDay;
                auto timer = std::make_shared<QElapsedTimer>();
                timer->start();
                calendars.availability(q, false, [&, timer](auto r) {
                    ++answered;
                    firstAnswer.push_back(double(timer->nsecsElapsed()) / 1e6);
                    if (!r.ok())
                        ++failed;
                    else if (r.value->fromCache)
                        ++fromCache;
                });
            });
        });
    }
    waitUntil([&] { return answered == calls; }, calls * 100 + 60000);
    const Figures first = figures(firstAnswer);
    std::printf("| simulated calls with prefetch | calls | first question from cache | failed | "
                "p50 ms | p99 ms | vs baseline |\n");
    std::printf("|---|---:|---:|---:|---:|---:|---|\n");
    std::printf("| first availability question | %d | %.1f %% | %d | %.3f | %.3f | %.0fx faster "
                "than a miss (p50) |\n",
                calls, 100.0 * fromCache / std::max(1, answered), failed, first.p50, first.p99,
                miss.p50 / std::max(first.p50, 1e-6));

    store.stop();
    return answered == calls && failed == 0 ? 0 : 1;
}
