// GET /metrics of the real binary: counters move with the traffic, gauges come from the
// calendars and the database, and `promtool check metrics` accepts the text.

#include "testsupport.h"

#include <QElapsedTimer>
#include <QJsonDocument>
#include <QProcess>
#include <QTcpSocket>
#include <QTest>

using namespace CallbookTest;

class TestMetrics : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void metricsFollowTheTrafficAndPassPromtool() {
        TestDatabase db;
        QString error;
        QVERIFY2(db.create(&error), qPrintable(error));
        ServiceProcess service;
        QVERIFY2(service.start(db, writeSampleConfig(db.dir()), {}, &error), qPrintable(error));
        const QString mia = QStringLiteral("+493012345678");
        QCOMPARE(postSigned(service.port(), "/api/webhooks/retell",
                            callEventBody(QStringLiteral("call_started"),
                                          QStringLiteral("call_metrics1"), mia))
                     .status,
                 200);
        QCOMPARE(postSigned(service.port(), "/api/webhooks/retell",
                            callEventBody(QStringLiteral("call_started"),
                                          QStringLiteral("call_metrics1"), mia))
                     .status,
                 200);
        QCOMPARE(httpRequest(service.port(), "POST", "/api/webhooks/retell", "{}",
                             {{"X-Retell-Signature", "v=1,d=00"}})
                     .status,
                 401);
        const QByteArray function =
            QJsonDocument(
                QJsonObject{
                    {QStringLiteral("name"), QStringLiteral("request_callback")},
                    {QStringLiteral("call"),
                     QJsonObject{
                         {QStringLiteral("call_id"), QStringLiteral("call_metrics1")},
                         {QStringLiteral("to_number"), mia},
                         {QStringLiteral("from_number"), QStringLiteral("+4915112345678")}}},
                    {QStringLiteral("args"),
                     QJsonObject{{QStringLiteral("reason"), QStringLiteral("Frage")}}}})
                .toJson(QJsonDocument::Compact);
        QCOMPARE(postSigned(service.port(), "/api/webhooks/retell/function", function).status, 200);

        const HttpResult r = httpRequest(service.port(), "GET", "/metrics");
        QCOMPARE(r.status, 200);
        const QByteArray text = r.body;
        QVERIFY2(text.contains("callbook_webhook_events_total{event=\"call_started\",outcome="
                               "\"stored\"} 1\n"),
                 text.constData());
        QVERIFY(text.contains(
            "callbook_webhook_events_total{event=\"call_started\",outcome=\"duplicate\"} 1\n"));
        QVERIFY(text.contains(
            "callbook_webhook_events_total{event=\"unknown\",outcome=\"invalid_signature\"} 1\n"));
        QVERIFY(text.contains(
            "callbook_function_calls_total{function=\"request_callback\",outcome=\"ok\"} 1\n"));
        QVERIFY(text.contains("callbook_function_duration_seconds_count{function=\"request_"
                              "callback\"} 1\n"));
        QVERIFY(text.contains("callbook_callbacks_open{company=\"salon-mia\"} 1\n"));
        QVERIFY(text.contains("callbook_holds_active{company=\"garage-north\"} 0\n"));

        QProcess promtool;
        promtool.start(QStringLiteral("promtool"),
                       {QStringLiteral("check"), QStringLiteral("metrics")});
        QVERIFY2(promtool.waitForStarted(10000), "promtool is missing (package prometheus)");
        promtool.write(text);
        promtool.closeWriteChannel();
        QVERIFY(promtool.waitForFinished(30000));
        QVERIFY2(promtool.exitCode() == 0,
                 (promtool.readAllStandardOutput() + promtool.readAllStandardError()).constData());
        QCOMPARE(service.terminate(), 0);
    }

    // callbook_http_requests_total{route,status} and the duration histogram per route count
    // every answer: routed ones, the 404 of unknown paths, refused signatures, and what the
    // guard in front answers itself (413 before the body, 400 for a broken request line).
    void requestsPerRouteAndStatus() {
        TestDatabase db;
        QString error;
        QVERIFY2(db.create(&error), qPrintable(error));
        ServiceProcess service;
        QVERIFY2(service.start(db, writeSampleConfig(db.dir()), {}, &error), qPrintable(error));
        const quint16 port = service.port();
        for (int i = 0; i < 7; ++i)
            QCOMPARE(httpRequest(port, "GET", "/api/ping").status, 200);
        QCOMPARE(httpRequest(port, "GET", "/api/ping?x=1").status, 200);
        QCOMPARE(httpRequest(port, "GET", "/no/such/path").status, 404);
        QCOMPARE(httpRequest(port, "GET", "/api/health").status, 200);
        QCOMPARE(httpRequest(port, "POST", "/api/webhooks/retell", "{}",
                             {{"X-Retell-Signature", "v=1,d=00"}})
                     .status,
                 401);
        QCOMPARE(
            httpRequest(port, "POST", "/api/webhooks/retell/function/check_customer", "{}").status,
            401);
        auto raw = [port](const QByteArray &request) {
            QTcpSocket socket;
            socket.connectToHost(QHostAddress::LocalHost, port);
            if (!socket.waitForConnected(5000))
                return QByteArray();
            socket.write(request);
            QByteArray answer;
            while (socket.waitForReadyRead(3000))
                answer += socket.readAll();
            return answer;
        };
        const QByteArray tooLarge = raw("POST /api/webhooks/retell HTTP/1.1\r\nHost: x\r\n"
                                        "Content-Length: 99999999\r\n\r\n");
        QVERIFY2(tooLarge.startsWith("HTTP/1.1 413"), tooLarge.constData());
        const QByteArray broken = raw("NOT A REQUEST\r\n\r\n");
        QVERIFY2(broken.startsWith("HTTP/1.1 400"), broken.constData());
        // Keep-alive: three answers on one connection are three requests.
        {
            QTcpSocket keep;
            keep.connectToHost(QHostAddress::LocalHost, port);
            QVERIFY(keep.waitForConnected(5000));
            QByteArray answers;
            for (int i = 0; i < 3; ++i) {
                keep.write("GET /api/health/calcom HTTP/1.1\r\nHost: x\r\n\r\n");
                QElapsedTimer t;
                t.start();
                while (answers.count("HTTP/1.1 200") <= i && t.elapsed() < 5000)
                    if (keep.waitForReadyRead(100))
                        answers += keep.readAll();
            }
            QCOMPARE(answers.count("HTTP/1.1 200"), 3);
        }

        const QByteArray text = httpRequest(port, "GET", "/metrics").body;
        auto expect = [&](const QByteArray &line) {
            QVERIFY2(text.contains(line + '\n'), (line + "\n---\n" + text).constData());
        };
        expect("callbook_http_requests_total{route=\"/api/ping\",status=\"200\"} 8");
        expect("callbook_http_requests_total{route=\"other\",status=\"404\"} 1");
        expect("callbook_http_requests_total{route=\"other\",status=\"400\"} 1");
        expect("callbook_http_requests_total{route=\"/api/health\",status=\"200\"} 1");
        expect("callbook_http_requests_total{route=\"/api/webhooks/retell\",status=\"401\"} 1");
        expect("callbook_http_requests_total{route=\"/api/webhooks/retell\",status=\"413\"} 1");
        expect("callbook_http_requests_total{route=\"/api/webhooks/retell/function\","
               "status=\"401\"} 1");
        expect("callbook_http_requests_total{route=\"/api/health/calcom\",status=\"200\"} 3");
        expect("callbook_http_request_duration_seconds_count{route=\"/api/ping\"} 8");
        expect("callbook_http_request_duration_seconds_bucket{route=\"/api/ping\",le=\"+Inf\"} 8");
        // Answered from memory: well under 2.5 ms on loopback, every one of them.
        expect("callbook_http_request_duration_seconds_bucket{route=\"/api/ping\",le=\"0.01\"} 8");
        QVERIFY(!text.contains("/no/such/path")); // raw paths never become labels

        QProcess promtool;
        promtool.start(QStringLiteral("promtool"),
                       {QStringLiteral("check"), QStringLiteral("metrics")});
        QVERIFY2(promtool.waitForStarted(10000), "promtool is missing (package prometheus)");
        promtool.write(text);
        promtool.closeWriteChannel();
        QVERIFY(promtool.waitForFinished(30000));
        QVERIFY2(promtool.exitCode() == 0,
                 (promtool.readAllStandardOutput() + promtool.readAllStandardError()).constData());
        QCOMPARE(service.terminate(), 0);
    }
};

QTEST_GUILESS_MAIN(TestMetrics)
#include "tst_metrics.moc"
