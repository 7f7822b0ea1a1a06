// GET /metrics of the real binary: counters move with the traffic, gauges come from the
// calendars and the database, and `promtool check metrics` accepts the text.

#include "testsupport.h"

#include <QJsonDocument>
#include <QProcess>
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
};

QTEST_GUILESS_MAIN(TestMetrics)
#include "tst_metrics.moc"
