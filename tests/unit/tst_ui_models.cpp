// The console's models and chart data, offscreen: what the operator sees is computed right
// from the service's events and answers.

#include "mainwindow.h"
#include "models/callbacksmodel.h"
#include "models/conversion.h"
#include "models/functionlatencystats.h"
#include "models/livecallsmodel.h"
#include "pages/businessform.h"
#include "pages/conversionpage.h"
#include "pages/healthpage.h"
#include "pages/latencypage.h"
#include "pages/settingspage.h"
#include "tenants/companyconfig.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QTableWidget>
#include <QTest>
#include <algorithm>
#include <numeric>

using namespace Callbook;

static CallActivity callEvent(const QString &callId, const QString &name, qint64 atMs,
                              qint64 durationMs = -1) {
    return CallActivity{callId, 7,         QStringLiteral("Salon Mia"),
                        name,   {},        QStringLiteral("+49*******78"),
                        atMs,   durationMs};
}

static FunctionActivity function(const QString &callId, const QString &name, qint64 us, qint64 atMs,
                                 bool booked = false) {
    FunctionActivity a;
    a.callId = callId;
    a.companyId = 7;
    a.companyName = QStringLiteral("Salon Mia");
    a.name = name;
    a.outcome = QStringLiteral("ok");
    a.durationUs = us;
    a.atMs = atMs;
    a.booked = booked;
    return a;
}

class TestUiModels : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void liveCallsFollowEvents() {
        LiveCallsModel m;
        const qint64 t0 = 1'800'000'000'000;
        m.apply(callEvent(QStringLiteral("c1"), QStringLiteral("call_inbound"), t0));
        m.apply(callEvent(QStringLiteral("c1"), QStringLiteral("call_started"), t0 + 500));
        m.apply(callEvent(QStringLiteral("c2"), QStringLiteral("call_started"), t0 + 1000));
        QCOMPARE(m.rowCount(), 2);
        QCOMPARE(m.index(0, 0).data(LiveCallsModel::CallIdRole).toString(), QStringLiteral("c2"));
        QCOMPARE(m.inProgress(), 2);
        m.apply(
            function(QStringLiteral("c1"), QStringLiteral("check_availability"), 800, t0 + 2000));
        m.apply(function(QStringLiteral("c1"), QStringLiteral("confirm_booking"), 900, t0 + 3000,
                         true));
        const QModelIndex c1Functions = m.index(1, LiveCallsModel::Functions);
        QCOMPARE(c1Functions.data().toInt(), 2);
        QVERIFY(!m.index(1, LiveCallsModel::Booked).data().toString().isEmpty());
        QVERIFY(m.index(0, LiveCallsModel::Booked).data().toString().isEmpty());
        m.tick(t0 + 65'500);
        QCOMPARE(m.index(1, LiveCallsModel::Duration).data().toString(), QStringLiteral("1:05"));
        m.apply(callEvent(QStringLiteral("c1"), QStringLiteral("call_ended"), t0 + 70'000, 69'000));
        QCOMPARE(m.index(1, LiveCallsModel::Duration).data().toString(), QStringLiteral("1:09"));
        QCOMPARE(m.inProgress(), 1);
        // A late call_started never moves an ended call back.
        m.apply(callEvent(QStringLiteral("c1"), QStringLiteral("call_started"), t0 + 71'000));
        QVERIFY(!m.index(1, 0).data(LiveCallsModel::InProgressRole).toBool());
        QCOMPARE(m.index(1, LiveCallsModel::Caller).data().toString(),
                 QStringLiteral("+49*******78"));
    }

    void liveCallsKeepTheNewest() {
        LiveCallsModel m(nullptr, 10);
        for (int i = 0; i < 25; ++i)
            m.apply(callEvent(QStringLiteral("c%1").arg(i), QStringLiteral("call_started"), i));
        QCOMPARE(m.rowCount(), 10);
        QCOMPARE(m.index(0, 0).data(LiveCallsModel::CallIdRole).toString(), QStringLiteral("c24"));
        QCOMPARE(m.index(9, 0).data(LiveCallsModel::CallIdRole).toString(), QStringLiteral("c15"));
        // Seeding from the database adds what the events did not bring, once.
        CallSummary old;
        old.callId = QStringLiteral("c24");
        m.seed({old});
        QCOMPARE(m.rowCount(), 10);
    }

    void latencyPercentilesAreWithinABucket() {
        FunctionLatencyStats stats;
        const qint64 now = 1'800'000'000'000;
        std::vector<qint64> all;
        QRandomGenerator rng(42);
        for (int i = 0; i < 5000; ++i) {
            const qint64 us = 200 + qint64(rng.bounded(20000)); // 0.2 … 20.2 ms, uniform
            stats.add(QStringLiteral("check_availability"), us, now - 60'000);
            all.push_back(us);
        }
        std::sort(all.begin(), all.end());
        const auto rows = stats.summaries(now, 15 * 60'000, 15.0);
        QCOMPARE(rows.size(), 1);
        const double trueP50 = double(all[2500]) / 1000.0, trueP95 = double(all[4750]) / 1000.0;
        QVERIFY2(std::abs(rows[0].p50Ms - trueP50) / trueP50 < 0.25,
                 qPrintable(QStringLiteral("%1 vs %2").arg(rows[0].p50Ms).arg(trueP50)));
        QVERIFY2(std::abs(rows[0].p95Ms - trueP95) / trueP95 < 0.25,
                 qPrintable(QStringLiteral("%1 vs %2").arg(rows[0].p95Ms).arg(trueP95)));
        QCOMPARE(rows[0].count, 5000);
        QVERIFY(rows[0].maxMs >= 20.0 && rows[0].maxMs <= 20.2);
        QVERIFY(rows[0].overThreshold > 0 && rows[0].overThreshold < 5000 * 0.4);
    }

    void latencyWindowsExcludeOlderCalls() {
        FunctionLatencyStats stats;
        const qint64 now = 1'800'000'000'000;
        stats.add(QStringLiteral("parse_date"), 50, now - 2 * 3600'000); // two hours ago
        stats.add(QStringLiteral("parse_date"), 60, now - 30 * 60'000);  // half an hour ago
        stats.add(QStringLiteral("parse_date"), 70, now - 1000);
        auto count = [&](qint64 window) {
            const auto rows = stats.summaries(now, window, 800);
            return rows.isEmpty() ? 0 : rows[0].count;
        };
        QCOMPARE(count(15 * 60'000), 1);
        QCOMPARE(count(3600'000), 2);
        QCOMPARE(count(86400'000), 3);
        const FunctionLatencyStats::Histogram h = stats.histogram(now, 86400'000);
        QCOMPARE(std::accumulate(h.begin(), h.end(), qint64(0)), 3);
        QCOMPARE(h[FunctionLatencyStats::bucketOf(50)] > 0, true);
    }

    void latencyPageDrawsBothCharts() {
        FunctionLatencyStats stats;
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        for (int i = 0; i < 100; ++i) {
            stats.add(QStringLiteral("initialize_call"), 500 + i * 10, now - 1000);
            stats.add(QStringLiteral("check_availability"), 900'000 + i * 1000, now - 1000);
        }
        LatencyPage page(&stats);
        page.refresh(now);
        QCOMPARE(page.percentilePoints(), 4); // p50 and p95 for two functions
        QVERIFY(page.histogramPoints() >= 2);
        auto *table = page.findChild<QTableWidget *>(QStringLiteral("latencyTable"));
        QVERIFY(table);
        QCOMPARE(table->rowCount(), 2);
        // check_availability (p95 ≈ 1 s) is above the 800 ms default: shown in red.
        QCOMPARE(table->item(0, 0)->text(), QStringLiteral("check_availability"));
        QVERIFY(table->item(0, 0)->foreground().color() != table->item(1, 0)->foreground().color());
    }

    void callbacksOverdueAndOrder() {
        CallbacksModel m;
        const qint64 now = 1'800'000'000'000;
        CallbackItem fresh, old, done;
        fresh.id = 1;
        fresh.status = QStringLiteral("open");
        fresh.createdMs = now - 10 * 60'000;
        old.id = 2;
        old.status = QStringLiteral("open");
        old.createdMs = now - 5 * 3600'000;
        done.id = 3;
        done.status = QStringLiteral("done");
        done.createdMs = now - 9 * 3600'000;
        done.doneMs = now - 3600'000;
        m.setItems({done, fresh, old});
        m.setNow(now);
        QCOMPARE(m.rowCount(), 3);
        QCOMPARE(m.item(0)->id, 2); // open ones first, the oldest on top
        QCOMPARE(m.item(2)->id, 3);
        QVERIFY(m.index(0, 0).data(CallbacksModel::OverdueRole).toBool());
        QVERIFY(!m.index(1, 0).data(CallbacksModel::OverdueRole).toBool());
        QVERIFY(!m.index(2, 0).data(CallbacksModel::OverdueRole).toBool()); // done is never late
        QCOMPARE(m.openCount(), 2);
        QCOMPARE(m.overdueCount(), 1);
        m.setOverdueAfterMinutes(5);
        QCOMPARE(m.overdueCount(), 2);
    }

    void conversionTotalsAndChart() {
        DailyStats a, b;
        a.day = QDate(2026, 11, 30);
        a.calls = 10;
        a.booked = 4;
        a.durationSumS = 900;
        a.callsWithDuration = 9;
        a.functionCalls = 100;
        a.functionErrors = 3;
        a.costCents = 250;
        b.day = QDate(2026, 12, 1);
        b.calls = 10;
        b.booked = 1;
        b.durationSumS = 100;
        b.callsWithDuration = 1;
        b.functionCalls = 100;
        b.functionErrors = 1;
        b.costCents = 50;
        const ConversionTotals t = ConversionTotals::of({a, b});
        QCOMPARE(t.calls, 20);
        QCOMPARE(t.booked, 5);
        QCOMPARE(t.conversionPct, 25.0);
        QCOMPARE(t.averageDurationS, 100.0);
        QCOMPARE(t.functionErrorPct, 2.0);
        QCOMPARE(t.costEur, 3.0);
        ConsoleRequests requests;
        ConversionPage page(&requests);
        QSignalSpy asked(&requests, &ConsoleRequests::stats);
        page.requestStats();
        QCOMPARE(asked.size(), 1);
        QCOMPARE(asked.first().at(0).toLongLong(), 0); // every business
        page.show({a, b});
        QCOMPARE(page.chartPoints(), 4); // two days of bars, two rate points
        auto *totals = page.findChild<QLabel *>(QStringLiteral("conversionTotals"));
        QVERIFY(totals->text().contains(QStringLiteral("20")));
    }

    void healthShowsBreakerAndResets() {
        ConsoleRequests requests;
        HealthPage page(&requests);
        CalcomHealthRow row;
        row.companyId = 9;
        row.company = QStringLiteral("werkstatt");
        row.configured = true;
        row.state = QStringLiteral("open");
        row.consecutiveFailures = 5;
        row.retryInS = 42;
        row.lastError = QStringLiteral("HTTP 503");
        row.cacheHits = 3;
        row.cacheMisses = 1;
        page.show({row});
        QCOMPARE(page.table()->rowCount(), 1);
        QCOMPARE(page.table()->item(0, 1)->text(), HealthPage::stateText(QStringLiteral("open")));
        QCOMPARE(page.table()->item(0, 3)->text(), QStringLiteral("42"));
        QCOMPARE(page.table()->item(0, 5)->text(), QStringLiteral("75.0 %"));
        QSignalSpy reset(&requests, &ConsoleRequests::resetBreaker);
        page.table()->selectRow(0);
        auto *button = page.findChild<QPushButton *>();
        QVERIFY(button && button->isEnabled());
        QTest::mouseClick(button, Qt::LeftButton);
        QCOMPARE(reset.size(), 1);
        QCOMPARE(reset.first().at(0).toLongLong(), 9);
    }

    // The window wired to the service's signals: it asks for history at start and shows
    // what the events say.
    void mainWindowFollowsTheService() {
        ServiceEvents events;
        ConsoleRequests requests;
        QSignalSpy recent(&requests, &ConsoleRequests::recentCalls);
        QSignalSpy callbacks(&requests, &ConsoleRequests::callbacks);
        MainWindow window(&events, &requests, 8787);
        QCOMPARE(recent.size(), 1);
        QCOMPARE(callbacks.size(), 1);
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        Q_EMIT events.callEventStored(
            callEvent(QStringLiteral("c1"), QStringLiteral("call_started"), now));
        Q_EMIT events.functionCallFinished(
            function(QStringLiteral("c1"), QStringLiteral("parse_date"), 40, now));
        CalcomHealthRow row;
        row.company = QStringLiteral("werkstatt");
        row.configured = true;
        row.state = QStringLiteral("open");
        Q_EMIT events.calcomHealthUpdated({row});
        QTRY_VERIFY_WITH_TIMEOUT(
            window.report().value(QStringLiteral("latency_chart_points")).toInt() > 0, 3000);
        const QJsonObject r = window.report();
        QCOMPARE(r.value(QStringLiteral("live_calls_rows")).toInt(), 1);
        QCOMPARE(r.value(QStringLiteral("calls_in_progress")).toInt(), 1);
        QCOMPARE(r.value(QStringLiteral("breakers_open")).toInt(), 1);
        QCOMPARE(r.value(QStringLiteral("health_rows")).toInt(), 1);
        QVERIFY(r.value(QStringLiteral("histogram_chart_points")).toInt() > 0);
    }

    // The form shows a business and gives back what the --config validation accepts, with the
    // edits and everything it does not show kept.
    void businessFormRoundTrip() {
        QFile sample(QStringLiteral(CALLBOOK_SOURCE_DIR "/resources/sample-config.json"));
        QVERIFY(sample.open(QIODevice::ReadOnly));
        QJsonObject company = QJsonDocument::fromJson(sample.readAll())
                                  .object()
                                  .value(QStringLiteral("companies"))
                                  .toArray()
                                  .first()
                                  .toObject();
        company.insert(QStringLiteral("agent_ids"), QJsonArray{QStringLiteral("agent_x")});
        BusinessForm form;
        form.setConfig(company, false);
        QJsonObject out = form.config();
        for (const char *key : {"slug", "name", "timezone", "locale", "phone_numbers", "closures",
                                "calendar", "agent_ids", "business_hours"})
            QCOMPARE(out.value(QLatin1String(key)), company.value(QLatin1String(key)));
        QCOMPARE(out.value(QStringLiteral("services")).toArray().size(),
                 company.value(QStringLiteral("services")).toArray().size());
        auto *services = form.findChild<QTableWidget *>(QStringLiteral("services"));
        auto *hours = form.findChild<QTableWidget *>(QStringLiteral("businessHours"));
        services->item(0, 1)->setText(QStringLiteral("45"));
        hours->item(0, 0)->setText(QStringLiteral("08:00-12:00, 13:00-17:00"));
        out = form.config();
        QCOMPARE(out.value(QStringLiteral("services"))
                     .toArray()
                     .first()
                     .toObject()
                     .value(QStringLiteral("duration_min")),
                 QJsonValue(45));
        QCOMPARE(
            out.value(QStringLiteral("business_hours")).toObject().value(QStringLiteral("mon")),
            QJsonValue(QJsonArray{QStringLiteral("08:00-12:00"), QStringLiteral("13:00-17:00")}));
        QStringList problems;
        const auto parsed = Callbook::parseCompanyConfig(
            QJsonDocument(QJsonObject{{QStringLiteral("companies"), QJsonArray{out}}}).toJson(),
            &problems);
        QVERIFY2(parsed, qPrintable(problems.join(QLatin1Char('\n'))));
        QCOMPARE(parsed->first().services.first().durationMin, 45);
        QCOMPARE(parsed->first().hours.size(), 5 + 2); // Tuesday to Saturday, two on Monday
    }

    // The value goes to the service once and is never shown again; without one nothing is
    // sent; the service's answer (e.g. why there is no keychain) is shown.
    void settingsSendSecretsAndShowTheAnswer() {
        ConsoleRequests requests;
        SettingsPage page(&requests);
        QSignalSpy stored(&requests, &ConsoleRequests::storeSecret);
        QLineEdit *value = nullptr;
        for (QLineEdit *edit : page.findChildren<QLineEdit *>())
            if (edit->echoMode() == QLineEdit::Password)
                value = edit;
        QVERIFY(value);
        QPushButton *store = nullptr;
        for (QPushButton *button : page.findChildren<QPushButton *>())
            if (button->text().remove(QLatin1Char('&')) == QLatin1String("Store"))
                store = button;
        QVERIFY(store);
        QTest::mouseClick(store, Qt::LeftButton);
        QCOMPARE(stored.size(), 0);
        value->setText(QStringLiteral("key_abc"));
        QTest::mouseClick(store, Qt::LeftButton);
        QCOMPARE(stored.size(), 1);
        QCOMPARE(stored.first().at(0).toString(), QStringLiteral("retell-api-key"));
        QCOMPARE(stored.first().at(1).toByteArray(), QByteArray("key_abc"));
        QVERIFY(value->text().isEmpty());
        page.showSecretResult(QStringLiteral("retell-api-key"), false,
                              QStringLiteral("No keychain available (no D-Bus session)"));
        QVERIFY(page.secretMessage()->text().contains(QStringLiteral("No keychain available")));
        QVERIFY(!page.secretMessage()->text().contains(QStringLiteral("key_abc")));
    }
};

QTEST_MAIN(TestUiModels)
#include "tst_ui_models.moc"
