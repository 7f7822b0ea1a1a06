// How a custom-function request is read: envelope or args at the root, the function name from
// body or path, and the canonical call id (placeholders never win).

#include "functions/functionrequest.h"

#include <QJsonDocument>
#include <QTest>

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
};

QTEST_APPLESS_MAIN(TestFunctionRequest)
#include "tst_functionrequest.moc"
