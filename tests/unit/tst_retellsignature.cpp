#include "core/sha256.h"
#include "retell/retellsignature.h"

#include <QCryptographicHash>
#include <QMessageAuthenticationCode>
#include <QRandomGenerator>
#include <QTest>

using namespace Callbook;

// Test vectors from Retell's SDKs (shared/docs/retell-contract.md §1.4).
static const QByteArray kKey = "key_test";
static const qint64 kTs = 1700000000000;

// The hash under the signatures runs on the CPU's SHA extensions where there are any, else
// portably: both are checked against published answers and against Qt's own implementation.
static void addEngines() {
    QTest::addColumn<int>("engine");
    QTest::newRow("portable") << int(Sha256::Engine::Portable);
    QTest::newRow("cpu extensions") << int(Sha256::Engine::CpuExtensions);
}

static Sha256::Engine engineUnderTest() {
    QFETCH(int, engine);
    return Sha256::Engine(engine);
}

class TestRetellSignature : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() {
        // This machine's CPU has them (so the fast path is what runs here); a CI machine
        // without would otherwise test the portable path twice and say nothing about it.
        qInfo("CPU SHA extensions: %s", Sha256::cpuExtensionsAvailable() ? "yes" : "no");
    }

    void sha256KnownAnswers_data() { addEngines(); }
    void sha256KnownAnswers() {
        const Sha256::Engine engine = engineUnderTest();
        if (engine == Sha256::Engine::CpuExtensions && !Sha256::cpuExtensionsAvailable())
            QSKIP("this CPU has no SHA extensions");
        // FIPS 180-4 examples.
        QCOMPARE(Sha256::hash("", engine).toHex(),
                 "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
        QCOMPARE(Sha256::hash("abc", engine).toHex(),
                 "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        QCOMPARE(Sha256::hash("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", engine)
                     .toHex(),
                 "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
        QCOMPARE(Sha256::hash(QByteArray(1000000, 'a'), engine).toHex(),
                 "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
        // RFC 4231 cases 1, 2 and 6 (a key longer than a block is hashed first).
        QCOMPARE(HmacSha256::hash("Hi There", QByteArray(20, '\x0b'), engine).toHex(),
                 "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7");
        QCOMPARE(HmacSha256::hash("what do ya want for nothing?", "Jefe", engine).toHex(),
                 "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
        QCOMPARE(HmacSha256::hash("Test Using Larger Than Block-Size Key - Hash Key First",
                                  QByteArray(131, '\xaa'), engine)
                     .toHex(),
                 "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54");
    }

    // Every length around the block and padding boundaries, fed whole and in random pieces.
    void sha256MatchesQt_data() { addEngines(); }
    void sha256MatchesQt() {
        const Sha256::Engine engine = engineUnderTest();
        if (engine == Sha256::Engine::CpuExtensions && !Sha256::cpuExtensionsAvailable())
            QSKIP("this CPU has no SHA extensions");
        QRandomGenerator random(20261201);
        for (int size = 0; size <= 300; ++size) {
            QByteArray data(size, Qt::Uninitialized);
            for (char &c : data)
                c = char(random.bounded(256));
            const QByteArray expected = QCryptographicHash::hash(data, QCryptographicHash::Sha256);
            QCOMPARE(Sha256::hash(data, engine), expected);
            Sha256 pieces(engine);
            for (qsizetype at = 0; at < size;) {
                const qsizetype n = std::min<qsizetype>(size - at, random.bounded(1, 80));
                pieces.addData(QByteArrayView(data).sliced(at, n));
                at += n;
            }
            QCOMPARE(pieces.result(), expected);
            for (const int keySize : {0, 1, 32, 63, 64, 65, 200}) {
                const QByteArray key = data.left(keySize).leftJustified(keySize, 'k');
                QCOMPARE(HmacSha256::hash(data, key, engine),
                         QMessageAuthenticationCode::hash(data, key, QCryptographicHash::Sha256));
            }
        }
    }

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
        for (const QByteArray &bad :
             {QByteArray("v=,d="), QByteArray("v=17a0000000000,d="),
              QByteArray("w=1700000000000,d="), QByteArray("v=1700000000000;d="),
              QByteArray("v=1700000000000,e=")})
            QCOMPARE(verifyRetellSignature(bad + QByteArray(64, 'a'), body, kKey, kTs),
                     SignatureResult::Malformed);
        QCOMPARE(verifyRetellSignature(h.chopped(1), body, kKey, kTs), SignatureResult::Malformed);
        QCOMPARE(verifyRetellSignature(h.chopped(1) + 'g', body, kKey, kTs),
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
