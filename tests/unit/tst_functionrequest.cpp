// How a custom-function request is read: envelope or args at the root, the function name from
// body or path, and the canonical call id (placeholders never win). And how an answer is
// written: the same JSON as QJsonDocument would write, byte for byte where it can be.

#include "core/jsonscan.h"
#include "functions/functionrequest.h"
#include "functions/functionresult.h"
#include "http/jsonwriter.h"
#include "testsupport.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QRandomGenerator>
#include <QTest>
#include <limits>

using namespace Callbook;

namespace {

// What a reading of a body comes to, for comparing the two ways of reading it.
QString outcome(const FunctionRequestParse &p) {
    if (!p.request)
        return p.errorCode + QLatin1Char('|') + p.errorMessage;
    const FunctionRequest &r = *p.request;
    const CallFields &c = r.call;
    return r.name + QLatin1Char('|') + r.callId + QLatin1Char('|') +
           QStringList{c.agentId, c.callId, c.callType, c.direction, c.fromNumber, c.toNumber}.join(
               QLatin1Char(',')) +
           (r.callGiven ? QLatin1String("|given|") : QLatin1String("|none|")) +
           QString::fromUtf8(QJsonDocument(r.args).toJson(QJsonDocument::Compact));
}

QString bothReadings(const QByteArray &body, const QString &pathName = {}) {
    const QString fast = outcome(parseFunctionRequest(
        body, pathName, QStringLiteral("call_header1"), {}, EnvelopeReading::Scanned));
    const QString qt = outcome(parseFunctionRequest(body, pathName, QStringLiteral("call_header1"),
                                                    {}, EnvelopeReading::QtOnly));
    return fast == qt ? QString() : QStringLiteral("scanned: %1\nQt:      %2").arg(fast, qt);
}

QByteArray midCallBody(int turns) {
    return CallbookTest::midCallFunctionCallBody(
        QStringLiteral("check_availability"),
        {{QStringLiteral("service"), QStringLiteral("Herrenhaarschnitt")},
         {QStringLiteral("date"), QStringLiteral("nächsten Dienstag")},
         {QStringLiteral("time"), QStringLiteral("halb drei")}},
        QStringLiteral("call_6f3a9c1e2b"), QStringLiteral("+493012345678"),
        QStringLiteral("+4915112345678"), turns);
}

// Bodies near valid ones: bytes replaced, inserted, dropped or repeated, from an alphabet of
// JSON's own characters, escapes, UTF-8 (good and broken) and control characters.
QList<QByteArray> mutations(const QList<QByteArray> &seeds, int count) {
    static const QByteArray alphabet =
        QByteArrayLiteral("{}[]\":,\\ -.+0123456789eEtrufalsnbu/x\t\n\r\x01\x7f\x80\xbf\xc3\xa4"
                          "\xed\xa0\xef\xbb\xf4\x90\xff");
    QRandomGenerator random(20261202); // the same bodies every run
    QList<QByteArray> out;
    for (int i = 0; i < count; ++i) {
        QByteArray b = seeds[random.bounded(int(seeds.size()))];
        const int edits = 1 + random.bounded(3);
        for (int e = 0; e < edits && !b.isEmpty(); ++e) {
            const int at = random.bounded(int(b.size()));
            const char c = alphabet[random.bounded(int(alphabet.size()))];
            switch (random.bounded(4)) {
            case 0:
                b[at] = c;
                break;
            case 1:
                b.insert(at, c);
                break;
            case 2:
                b.remove(at, 1 + random.bounded(4));
                break;
            default:
                b.insert(at, b.mid(at, 1 + random.bounded(12)));
            }
        }
        out.append(b);
    }
    return out;
}

QList<QByteArray> seedBodies() {
    return {
        midCallBody(3),
        R"({"name":"check_customer","call":{"call_id":"call_abc123","from_number":"+4915112345678","to_number":"+493012345678","direction":"inbound"},"args":{}})",
        "{\"name\":\"parse_date\",\"call\":{\"call_id\":\"call_abc123\",\"agent_id\":\"a\"},"
        "\"args\":{\"text\":\"am 5.1. um 14 "
        "Uhr\",\"n\":[1,-0.5,0,true,null,{\"k\":\"\\u00e4\\\"\\n\"}]}}",
        R"({"service":"Herrenhaarschnitt","call_id":"call_root12"})",
        R"( { "call" : { "call_id" : "call_abc123" } , "name" : "x" , "args" : { } } )",
    };
}

} // namespace

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
        QVERIFY(p.request->call == CallFields());
        QVERIFY(!p.request->callGiven);
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

    // The scan takes only bodies Qt takes, and finds the members Qt finds.
    void scanTakesOnlyWhatQtTakes() {
        int taken = 0;
        for (const QByteArray &body : mutations(seedBodies(), 20000) + seedBodies()) {
            const auto members = scanJsonObject(body);
            if (!members)
                continue;
            ++taken;
            QJsonParseError error;
            const QJsonDocument doc = QJsonDocument::fromJson(body, &error);
            QVERIFY2(error.error == QJsonParseError::NoError && doc.isObject(), body.constData());
            QHash<QByteArray, QByteArrayView> last; // the last of duplicates, as Qt keeps
            for (const JsonMember &m : *members)
                if (!m.keyHasEscapes)
                    last.insert(m.key.toByteArray(), m.value);
            for (auto it = last.cbegin(); it != last.cend(); ++it) {
                const QByteArray wrapped = "[" + it.value().toByteArray() + "]";
                const QJsonValue alone = QJsonDocument::fromJson(wrapped).array().first();
                QVERIFY2(alone == doc.object().value(QString::fromUtf8(it.key())),
                         body.constData());
            }
        }
        QVERIFY2(taken > 1000, qPrintable(QString::number(taken))); // the scan does take most
    }

    // Qt's leniencies and limits: the scan leaves these to Qt.
    void scanLeavesOddBodiesToQt_data() {
        QTest::addColumn<QByteArray>("body");
        QTest::newRow("byte order mark") << QByteArray("\xef\xbb\xbf{\"a\":1}");
        QTest::newRow("control character") << QByteArray("{\"a\":\"\x01\"}");
        QTest::newRow("unknown escape") << QByteArray("{\"a\":\"\\x\"}");
        QTest::newRow("short unicode escape") << QByteArray("{\"a\":\"\\u12\"}");
        QTest::newRow("1.") << QByteArray(R"({"a":1.})");
        QTest::newRow(".5") << QByteArray(R"({"a":.5})");
        QTest::newRow("exponent") << QByteArray(R"({"a":1e5})");
        QTest::newRow("too large") << QByteArray(R"({"a":1e5000})");
        QTest::newRow("surrogate in UTF-8") << QByteArray("{\"a\":\"\xed\xa0\x80\"}");
        QTest::newRow("overlong UTF-8") << QByteArray("{\"a\":\"\xc0\xaf\"}");
        QTest::newRow("beyond U+10FFFF") << QByteArray("{\"a\":\"\xf4\x90\x80\x80\"}");
        QTest::newRow("NUL after") << QByteArray("{\"a\":1}\0", 8);
        QTest::newRow("array") << QByteArray("[1]");
        QTest::newRow("deep") << QByteArray("{\"a\":" + QByteArray(600, '[') +
                                            QByteArray(600, ']') + "}");
        QTest::newRow("trailing comma") << QByteArray(R"({"a":1,})");
        QTest::newRow("leading zero") << QByteArray(R"({"a":01})");
    }

    void scanLeavesOddBodiesToQt() {
        QFETCH(QByteArray, body);
        QVERIFY(!scanJsonObject(body));
        QVERIFY2(bothReadings(body).isEmpty(), qPrintable(bothReadings(body)));
    }

    void scanTakesRealBodies() {
        const QByteArray body = midCallBody(40);
        QVERIFY(body.size() > 8000);
        const auto members = scanJsonObject(body);
        QVERIFY(members);
        QCOMPARE(members->size(), 3);
        QCOMPARE(members->at(1).key, QByteArrayView("call"));
        QVERIFY(members->at(1).value.startsWith("{\"agent_id\":"));
    }

    // Reading the envelope by scanning or all by Qt: the same request or the same error.
    void bothReadingsAgree() {
        QList<QByteArray> bodies = seedBodies() + mutations(seedBodies(), 20000);
        bodies += {
            R"({"name":"a","call":{"call_id":"call_first1"},"call":{"call_id":"call_second"},"args":{}})",
            R"({"name":"a","call":{"call_id":"call_111111","call_id":"call_222222"},"args":{}})",
            "{\"na\\u006de\":\"a\",\"call\":{\"call_id\":\"call_111111\"},\"args\":{}}",
            "{\"name\":\"a\",\"call\":{\"call\\u005fid\":\"call_111111\"},\"args\":{}}",
            R"({"name":"a","call":{"transcript":"only this"},"args":{}})",
            R"({"name":"a","call":{},"args":{}})",
            R"({"name":"a","call":5,"args":{"call_id":"call_argsid"}})",
            R"({"name":"a","call":{"call_id":"call_111111"},"args":"x"})",
            R"({"name":7,"call":{"call_id":"call_111111"},"args":{}})",
            R"({"name":"a","call":{"call_id":"call_111111","to_number":null,"direction":5},"args":{}})",
            R"({"args":[],"call":[]})",
        };
        for (const QByteArray &body : bodies) {
            for (const QString &path : {QString(), QStringLiteral("check_customer")}) {
                const QString difference = bothReadings(body, path);
                QVERIFY2(difference.isEmpty(),
                         qPrintable(QString::fromUtf8(body.toPercentEncoding("{}[]\":,_ ")) +
                                    QLatin1Char('\n') + difference));
            }
        }
    }

    // Only the call fields the service reads are kept; whether a call object came is known.
    void callFieldsKept() {
        const auto p = parseFunctionRequest(midCallBody(4), {}, {}, {});
        QVERIFY(p.request);
        QVERIFY(p.request->callGiven);
        const CallFields &call = p.request->call;
        QCOMPARE(call.callId, QStringLiteral("call_6f3a9c1e2b"));
        QCOMPARE(call.fromNumber, QStringLiteral("+4915112345678"));
        QCOMPARE(call.toNumber, QStringLiteral("+493012345678"));
        QCOMPARE(call.direction, QStringLiteral("inbound"));
        QCOMPARE(call.agentId, QStringLiteral("agent_mia"));
        QCOMPARE(call.callType, QStringLiteral("phone_call"));
        QCOMPARE(p.request->callId, QStringLiteral("call_6f3a9c1e2b"));
        QCOMPARE(p.request->args.value(QStringLiteral("date")).toString(),
                 QStringLiteral("nächsten Dienstag"));
        const auto none = parseFunctionRequest(R"({"name":"a","call":{},"args":{}})", {},
                                               QStringLiteral("call_header1"), {});
        QVERIFY(none.request);
        QVERIFY(!none.request->callGiven);
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
        // Members written as JSON already, next to the object's (the slot lists).
        FunctionResult raw = FunctionResult::ok(QStringLiteral("Frei wären 9:00 Uhr."),
                                                {{QStringLiteral("stale"), true}});
        raw.addMember(QLatin1StringView("available"), true);
        raw.addMember(QLatin1StringView("service"), QStringLiteral("Haar \"kurz\" ä"));
        raw.addRawMember(QLatin1StringView("free_slots"),
                         QByteArray(R"(["2026-12-14T09:00:00+01:00"])"));
        raw.addMember(QLatin1StringView("free_count"), qint64(12));
        FunctionResult rawFailed = FunctionResult::failure(
            QStringLiteral("slot_taken"), QStringLiteral("Leider vergeben."), 200, raw.fields());
        for (const FunctionResult &r : {ok, failed, raw, rawFailed}) {
            const QJsonDocument parsed = QJsonDocument::fromJson(r.toJsonBytes());
            QVERIFY2(parsed.isObject(), r.toJsonBytes().constData());
            QCOMPARE(parsed.object(), r.toJson());
        }
        const QJsonObject fields = raw.fields();
        QCOMPARE(fields.value(QStringLiteral("service")).toString(),
                 QStringLiteral("Haar \"kurz\" ä"));
        QCOMPARE(fields.value(QStringLiteral("free_count")).toInt(), 12);
        QCOMPARE(fields.value(QStringLiteral("free_slots")).toArray().size(), 1);
        QVERIFY(fields.value(QStringLiteral("stale")).toBool());
        QVERIFY(fields.value(QStringLiteral("available")).toBool());
        QCOMPARE(rawFailed.toJson().value(QStringLiteral("free_count")).toInt(), 12);
    }
};

QTEST_APPLESS_MAIN(TestFunctionRequest)
#include "tst_functionrequest.moc"
