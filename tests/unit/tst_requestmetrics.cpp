// HttpRequestMetrics: bounded route labels, counting by status, histogram buckets.

#include "http/requestmetrics.h"

#include <QTest>

using namespace Callbook;
using Route = HttpRequestMetrics::Route;

class TestRequestMetrics : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void routesAreTemplatesNotPaths_data() {
        QTest::addColumn<QByteArray>("target");
        QTest::addColumn<QByteArray>("label");
        QTest::newRow("function") << QByteArray("/api/webhooks/retell/function")
                                  << QByteArray("/api/webhooks/retell/function");
        QTest::newRow("named function") << QByteArray("/api/webhooks/retell/function/parse_date")
                                        << QByteArray("/api/webhooks/retell/function");
        QTest::newRow("call events")
            << QByteArray("/api/webhooks/retell") << QByteArray("/api/webhooks/retell");
        QTest::newRow("query") << QByteArray("/api/calcom/webhook?company=salon-mia")
                               << QByteArray("/api/calcom/webhook");
        QTest::newRow("health") << QByteArray("/api/health") << QByteArray("/api/health");
        QTest::newRow("calcom health")
            << QByteArray("/api/health/calcom") << QByteArray("/api/health/calcom");
        QTest::newRow("near miss") << QByteArray("/api/healthz") << QByteArray("other");
        QTest::newRow("admin") << QByteArray("/api/admin/breaker/reset/salon-mia")
                               << QByteArray("/api/admin");
        QTest::newRow("unknown") << QByteArray("/wp-login.php") << QByteArray("other");
        QTest::newRow("empty") << QByteArray() << QByteArray("other");
    }
    void routesAreTemplatesNotPaths() {
        QFETCH(QByteArray, target);
        QFETCH(QByteArray, label);
        QCOMPARE(QByteArray(HttpRequestMetrics::label(HttpRequestMetrics::routeOf(target))), label);
    }

    void countsAndBuckets() {
        HttpRequestMetrics m;
        m.record(Route::Ping, 200, 0.0004);
        m.record(Route::Ping, 200, 0.003);
        m.record(Route::Ping, 503, 20.0); // beyond the last bucket: +Inf only
        m.record(Route::Ping, 42, 0.1);   // not a status: ignored
        m.record(Route::Ping, 600, 0.1);
        QCOMPARE(m.count(Route::Ping, 200), quint64(2));
        QCOMPARE(m.count(Route::Ping, 503), quint64(1));
        const QByteArray text = m.render();
        QVERIFY(
            text.contains("callbook_http_requests_total{route=\"/api/ping\",status=\"200\"} 2\n"));
        QVERIFY(text.contains("callbook_http_request_duration_seconds_bucket{route=\"/api/"
                              "ping\",le=\"0.0005\"} 1\n"));
        QVERIFY(text.contains(
            "callbook_http_request_duration_seconds_bucket{route=\"/api/ping\",le=\"0.005\"} 2\n"));
        QVERIFY(text.contains(
            "callbook_http_request_duration_seconds_bucket{route=\"/api/ping\",le=\"10\"} 2\n"));
        QVERIFY(text.contains(
            "callbook_http_request_duration_seconds_bucket{route=\"/api/ping\",le=\"+Inf\"} 3\n"));
        QVERIFY(
            text.contains("callbook_http_request_duration_seconds_count{route=\"/api/ping\"} 3\n"));
        QVERIFY(!text.contains("status=\"42\""));
        QVERIFY(!text.contains("route=\"/metrics\"")); // nothing recorded, nothing rendered
    }
};

QTEST_GUILESS_MAIN(TestRequestMetrics)
#include "tst_requestmetrics.moc"
