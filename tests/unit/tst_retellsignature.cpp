#include "retell/retellsignature.h"

#include <QTest>

using namespace Callbook;

// Test vectors from Retell's SDKs (shared/docs/retell-contract.md §1.4).
static const QByteArray kKey = "key_test";
static const qint64 kTs = 1700000000000;

class TestRetellSignature : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void vectors_data() {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QByteArray>("header");
        QTest::newRow("1")
            << QByteArray(R"({"event":"call_started"})")
            << QByteArray("v=1700000000000,d="
                          "a65c1dbdd803b142ecf433784069f7dab8db2038c440e0dfa3d211f36cc90fb9");
        QTest::newRow("2")
            << QByteArray(R"({"event":"call_ended","call":{"call_id":"abc"}})")
            << QByteArray("v=1700000000000,d="
                          "3ff1aecb352d020e0b3c12ec93648c80ba9d1186c8d0c412e8a998291fe35c9c");
        QTest::newRow("3 empty")
            << QByteArray()
            << QByteArray("v=1700000000000,d="
                          "e1d11e60dc88d2e1d150866588727558f000282e48468d71d841fbebdd30f1cc");
        QTest::newRow("4 utf-8")
            << QString::fromUtf8(u8R"({"event":"call_ended","call":{"transcript":"¿Qué tal?"}})")
                   .toUtf8()
            << QByteArray("v=1700000000000,d="
                          "d30f7aa19b55868ee203123b03ba27ae37d3dfe77e6c9ad1913ec4193b65d2d6");
    }

    void vectors() {
        QFETCH(QByteArray, body);
        QFETCH(QByteArray, header);
        QCOMPARE(signRetellBody(body, kKey, kTs), header);
        QCOMPARE(verifyRetellSignature(header, body, kKey, kTs), SignatureResult::Valid);
    }

    void vector4IsFiftyEightBytes() {
        QCOMPARE(QString::fromUtf8(u8R"({"event":"call_ended","call":{"transcript":"¿Qué tal?"}})")
                     .toUtf8()
                     .size(),
                 58);
    }

    void freshnessWindowIsInclusive() {
        const QByteArray body = R"({"event":"call_started"})";
        const QByteArray h = signRetellBody(body, kKey, kTs);
        QCOMPARE(verifyRetellSignature(h, body, kKey, kTs + 300000), SignatureResult::Valid);
        QCOMPARE(verifyRetellSignature(h, body, kKey, kTs - 300000), SignatureResult::Valid);
        QCOMPARE(verifyRetellSignature(h, body, kKey, kTs + 300001), SignatureResult::Stale);
        QCOMPARE(verifyRetellSignature(h, body, kKey, kTs - 300001), SignatureResult::Stale);
    }

    void rejections() {
        const QByteArray body = R"({"event":"call_started"})";
        const QByteArray h = signRetellBody(body, kKey, kTs);
        QCOMPARE(verifyRetellSignature({}, body, kKey, kTs), SignatureResult::Missing);
        QCOMPARE(verifyRetellSignature(h.toUpper().replace("V=", "v=").replace(",D=", ",d="), body,
                                       kKey, kTs),
                 SignatureResult::Malformed);
        QCOMPARE(verifyRetellSignature(QByteArray(h).replace(",", ", "), body, kKey, kTs),
                 SignatureResult::Malformed);
        QCOMPARE(verifyRetellSignature(h + ' ', body, kKey, kTs), SignatureResult::Malformed);
        QCOMPARE(verifyRetellSignature("v=1700000000000,d=", body, kKey, kTs),
                 SignatureResult::Malformed);
        QCOMPARE(verifyRetellSignature("v=99999999999999999999999,d=" + QByteArray(64, 'a'), body,
                                       kKey, kTs),
                 SignatureResult::Malformed);
        QCOMPARE(verifyRetellSignature(h, body, "other_key", kTs), SignatureResult::Mismatch);
        QByteArray altered = body;
        altered[5] = 'X';
        QCOMPARE(verifyRetellSignature(h, altered, kKey, kTs), SignatureResult::Mismatch);
        QVERIFY(!describe(SignatureResult::Stale).isEmpty());
    }

    void keyRotation() {
        const QByteArray body = "{}";
        const QByteArray h = signRetellBody(body, "new_key", kTs);
        QCOMPARE(verifyRetellSignatureAny(h, body, {"old_key", "new_key"}, kTs),
                 SignatureResult::Valid);
        QCOMPARE(verifyRetellSignatureAny(h, body, {"old_key"}, kTs), SignatureResult::Mismatch);
        QCOMPARE(verifyRetellSignatureAny(h, body, {}, kTs), SignatureResult::Mismatch);
    }
};

QTEST_GUILESS_MAIN(TestRetellSignature)
#include "tst_retellsignature.moc"
