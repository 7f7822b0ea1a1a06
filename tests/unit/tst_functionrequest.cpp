// How a custom-function request is read: envelope or args at the root, the function name from
// body or path, and the canonical call id (placeholders never win). And how an answer is
// written: the same JSON as QJsonDocument would write, byte for byte where it can be.

#include "functions/functionrequest.h"
#include "functions/functionresult.h"
#include "http/jsonwriter.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>
#include <limits>

using namespace Callbook;

class TestFunctionRequest : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void envelope() {
        const auto p = parseFunctionRequest(
            R"({"name":"check_availability","call":{"call_id":"call_abc123"},"args":{"service":"x","call_id":"None"}})",
            {}, {}, {});
        QVERIFY(p.request);
        QCOMPARE(p.request->name, QStringLiteral("check_availability"));
        QCOMPARE(p.request->callId, QStringLiteral("call_abc123"));
        QCOMPARE(p.request->args.value(QStringLiteral("service")).toString(), QStringLiteral("x"));
    }

    void placeholderCallIds() {
        for (const char *id :
             {"", "   ", "None", "NULL", "nil", "UNDEFINED", " Current ", "current_call",
              "Dummy_Call_Id", "call_id", "unknown", "{{call_id}}", "abc12", "call abc123",
              "call_abc123?", "call_äbc123", "call\tabc123"})
            QVERIFY2(isPlaceholderCallId(QString::fromUtf8(id)), id);
        QVERIFY(isPlaceholderCallId(QString(129, QLatin1Char('a'))));
        for (const char *id :
             {"call_abc123", " call_abc123 ", "abc123", "a-b:c.d_e1", "undefined1"})
            QVERIFY2(!isPlaceholderCallId(QString::fromUtf8(id)), id);
        QVERIFY(!isPlaceholderCallId(QString(128, QLatin1Char('a'))));
    }

    void callIdOrder_data() {
        QTest::addColumn<QString>("callObjectId");
        QTest::addColumn<QString>("argsId");
        QTest::addColumn<QString>("headerId");
        QTest::addColumn<QString>("queryId");
        QTest::addColumn<QString>("expected");
        QTest::newRow("call object first") << "call_111111"
                                           << "call_222222"
                                           << "call_333333"
                                           << "call_444444"
                                           << "call_111111";
        QTest::newRow("args next") << ""
                                   << "call_222222"
                                   << "call_333333"
                                   << ""
                                   << "call_222222";
        QTest::newRow("placeholder args skipped") << ""
                                                  << "{{call_id}}"
                                                  << "call_333333"
                                                  << ""
                                                  << "call_333333";
        QTest::newRow("None skipped") << "None"
                                      << "undefined"
                                      << ""
                                      << "call_444444"
                                      << "call_444444";
        QTest::newRow("current skipped") << "current"
                                         << "null"
                                         << "current_call"
                                         << "call_444444"
                                         << "call_444444";
        QTest::newRow("nothing usable") << ""
                                        << "dummy_call_id"
                                        << ""
                                        << ""
                                        << "";
    }
    void callIdOrder() {
        QFETCH(QString, callObjectId);
        QFETCH(QString, argsId);
        QFETCH(QString, headerId);
        QFETCH(QString, queryId);
        QFETCH(QString, expected);
        QJsonObject body{
            {QStringLiteral("name"), QStringLiteral("parse_date")},
            {QStringLiteral("args"), QJsonObject{{QStringLiteral("call_id"), argsId}}}};
        if (!callObjectId.isEmpty())
            body.insert(QStringLiteral("call"),
                        QJsonObject{{QStringLiteral("call_id"), callObjectId}});
        const auto p = parseFunctionRequest(QJsonDocument(body).toJson(), {}, headerId, queryId);
        if (expected.isEmpty()) {
            QVERIFY(!p.request);
            QCOMPARE(p.errorCode, QStringLiteral("missing_call_id"));
        } else {
            QVERIFY(p.request);
            QCOMPARE(p.request->callId, expected);
        }
    }

    void argsAtRootTakeTheNameFromThePath() {
        const auto p = parseFunctionRequest(R"({"service":"Herrenhaarschnitt"})",
                                            QStringLiteral("get_service_info"),
                                            QStringLiteral("call_header1"), {});
        QVERIFY(p.request);
        QCOMPARE(p.request->name, QStringLiteral("get_service_info"));
        QVERIFY(p.request->call.isEmpty());
        QCOMPARE(p.request->args.value(QStringLiteral("service")).toString(),
                 QStringLiteral("Herrenhaarschnitt"));
    }

    void problems() {
        QCOMPARE(parseFunctionRequest("{not json", {}, {}, {}).errorCode,
                 QStringLiteral("invalid_json"));
        QCOMPARE(parseFunctionRequest("[1,2]", {}, {}, {}).errorCode,
                 QStringLiteral("invalid_json"));
        QCOMPARE(parseFunctionRequest(R"({"call":{"call_id":"call_abcdef"},"args":{}})", {}, {}, {})
                     .errorCode,
                 QStringLiteral("missing_function_name"));
        QCOMPARE(parseFunctionRequest(R"({"name":"a","call":{"call_id":"call_abcdef"},"args":{}})",
                                      QStringLiteral("b"), {}, {})
                     .errorCode,
                 QStringLiteral("function_name_mismatch"));
        QCOMPARE(parseFunctionRequest(R"({"name":"a","call":{"call_id":"call_abcdef"},"args":5})",
                                      {}, {}, {})
                     .errorCode,
                 QStringLiteral("invalid_args"));
    }

    void answersAreWrittenAsQtWouldWriteThem_data() {
        QTest::addColumn<QJsonValue>("value");
        QTest::newRow("ascii") << QJsonValue(QStringLiteral("Herrenhaarschnitt, 30 Minuten"));
        QTest::newRow("umlauts") << QJsonValue(QStringLiteral("Grüße aus Köln – übermorgen"));
        QTest::newRow("emoji and a lone surrogate")
            << QJsonValue(QStringLiteral("ok \U0001F600 ") + QChar(0xD800) + QStringLiteral("x"));
        QTest::newRow("escapes") << QJsonValue(QStringLiteral("\"quoted\" back\\slash\n\t\r\b\f") +
                                               QChar(0x01) + QChar(0x1F) + QChar(0x7F));
        QTest::newRow("whole numbers") << QJsonValue(
            QJsonArray{0, 30, -7, qint64(1) << 53, std::numeric_limits<qint64>::min()});
        QTest::newRow("fractions") << QJsonValue(QJsonArray{0.5, -12.25, 1e-7, 1.0 / 3.0, 2.5e20});
        QTest::newRow("nested") << QJsonValue(
            QJsonObject{{QStringLiteral("services"),
                         QJsonArray{QJsonObject{{QStringLiteral("name"), QStringLiteral("Färben")},
                                                {QStringLiteral("duration_min"), 90},
                                                {QStringLiteral("price"), 59.9}}}},
                        {QStringLiteral("open"), true},
                        {QStringLiteral("closed_reason"), QJsonValue::Null},
                        {QStringLiteral("empty"), QJsonObject{}},
                        {QStringLiteral("none"), QJsonArray{}}});
    }

    void answersAreWrittenAsQtWouldWriteThem() {
        QFETCH(QJsonValue, value);
        QByteArray ours;
        appendJson(ours, value);
        const QByteArray qt = QJsonDocument(QJsonArray{value}).toJson(QJsonDocument::Compact);
        QCOMPARE('[' + ours + ']', qt);
    }

    void resultBytesMatchTheResultObject() {
        FunctionResult ok = FunctionResult::ok(QStringLiteral("Wir haben für Sie geöffnet."),
                                               {{QStringLiteral("open_now"), true},
                                                {QStringLiteral("message"), QStringLiteral("x")},
                                                {QStringLiteral("slots"), QJsonArray{1, 2}}});
        FunctionResult failed = FunctionResult::failure(
            QStringLiteral("slot_taken"), QStringLiteral("Der Termin ist leider vergeben."), 200,
            {{QStringLiteral("error"), QStringLiteral("shadowed")},
             {QStringLiteral("alternatives"), QJsonArray{QStringLiteral("10:30")}}});
        for (const FunctionResult &r : {ok, failed}) {
            const QJsonDocument parsed = QJsonDocument::fromJson(r.toJsonBytes());
            QVERIFY(parsed.isObject());
            QCOMPARE(parsed.object(), r.toJson());
        }
    }
};

QTEST_APPLESS_MAIN(TestFunctionRequest)
#include "tst_functionrequest.moc"
