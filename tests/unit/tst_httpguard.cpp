// The guarded front against raw sockets: limits, malformed requests, timeouts, Connection:
// close and late answers to clients that went away.

#include "http/guardedtcpserver.h"
#include "http/jsonreply.h"

#include <QElapsedTimer>
#include <QHttpServer>
#include <QHttpServerRequest>
#include <QTcpSocket>
#include <QTest>
#include <QTimer>

using namespace Callbook;

class TestHttpGuard : public QObject {
    Q_OBJECT
    QHttpServer m_server;
    quint16 m_port = 0;
    int m_lateAnswers = 0;

    struct Exchange {
        QByteArray raw;
        bool closed = false;
        qint64 elapsedMs = 0;
        int status() const { return raw.startsWith("HTTP/1.1 ") ? raw.mid(9, 3).toInt() : 0; }
    };

    // Sends bytes and collects what comes back until the server closes or `waitMs` passes.
    Exchange exchange(const QByteArray &request, int waitMs = 3000, QTcpSocket *keep = nullptr) {
        QTcpSocket own;
        QTcpSocket &s = keep ? *keep : own;
        if (s.state() != QAbstractSocket::ConnectedState) {
            s.connectToHost(QHostAddress::LocalHost, m_port);
            s.waitForConnected(3000);
        }
        Exchange e;
        QElapsedTimer t;
        t.start();
        s.write(request);
        // The server runs on this thread: wait by spinning the event loop, never by blocking.
        while (t.elapsed() < waitMs) {
            QTest::qWait(5);
            e.raw += s.readAll();
            if (s.state() != QAbstractSocket::ConnectedState) {
                e.raw += s.readAll();
                e.closed = true;
                break;
            }
            if (keep && e.raw.contains("\r\n\r\n") && e.raw.endsWith("}"))
                break;
        }
        e.elapsedMs = t.elapsed();
        return e;
    }

private Q_SLOTS:
    void initTestCase() {
        m_server.route(QStringLiteral("/ping"), [] {
            return jsonResponse(QJsonObject{{QStringLiteral("pong"), true}});
        });
        m_server.route(
            QStringLiteral("/echo"), QHttpServerRequest::Method::Post,
            [](const QHttpServerRequest &r) {
                return jsonResponse(QJsonObject{{QStringLiteral("bytes"), r.body().size()}});
            });
        m_server.route(QStringLiteral("/slow"),
                       [this](const QHttpServerRequest &, RouteResponder responder) {
                           DeferredResponder reply(std::move(responder));
                           QTimer::singleShot(300, this, [this, reply]() mutable {
                               ++m_lateAnswers;
                               reply.sendJson(QJsonObject{{QStringLiteral("late"), true}},
                                              QHttpServerResponder::StatusCode::Ok);
                           });
                       });
        auto *listener = new GuardedTcpServer;
        HttpLimits limits;
        limits.maxBodyBytes = 1 << 20;
        limits.maxHeaderBytes = 8192;
        limits.idleTimeoutMs = 600;
        limits.requestTimeoutMs = 900;
        listener->setLimits(limits);
        QVERIFY(listener->listen(QHostAddress::LocalHost, 0));
        m_port = listener->serverPort();
        m_server.bind(listener);
    }

    void keepAliveServesTwoRequests() {
        QTcpSocket s;
        const Exchange a = exchange("GET /ping HTTP/1.1\r\nHost: x\r\n\r\n", 2000, &s);
        QCOMPARE(a.status(), 200);
        QVERIFY(!a.closed);
        const Exchange b = exchange("GET /ping HTTP/1.1\r\nHost: x\r\n\r\n", 2000, &s);
        QCOMPARE(b.status(), 200);
    }

    void bodyJustUnderLimitIsAccepted() {
        const QByteArray body((1 << 20) - 1, 'x');
        const Exchange e =
            exchange("POST /echo HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Length: " +
                     QByteArray::number(body.size()) + "\r\n\r\n" + body);
        QCOMPARE(e.status(), 200);
        QVERIFY(e.raw.contains(QByteArray::number(body.size())));
    }

    void oversizedContentLengthIs413BeforeTheBody() {
        const Exchange e =
            exchange("POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 5242880\r\n\r\n");
        QCOMPARE(e.status(), 413);
        QVERIFY(e.raw.contains("\"code\":\"payload_too_large\""));
        QVERIFY(e.closed);
    }

    void oversizedChunkedBodyIs413() {
        QByteArray request = "POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n";
        const QByteArray chunk(64 * 1024, 'y');
        for (int i = 0; i < 32; ++i)
            request += QByteArray::number(chunk.size(), 16) + "\r\n" + chunk + "\r\n";
        const Exchange e = exchange(request);
        QCOMPARE(e.status(), 413);
    }

    void hugeHeaderIs431() {
        const Exchange e = exchange(
            "GET /ping HTTP/1.1\r\nHost: x\r\nX-Big: " + QByteArray(16 * 1024, 'h') + "\r\n\r\n");
        QCOMPARE(e.status(), 431);
        QVERIFY(e.raw.contains("headers_too_large"));
    }

    void malformedRequestsAre400_data() {
        QTest::addColumn<QByteArray>("request");
        QTest::newRow("request line") << QByteArray("GARBAGE\r\n\r\n");
        QTest::newRow("http version") << QByteArray("GET /ping HTTP/9.9\r\n\r\n");
        QTest::newRow("content-length")
            << QByteArray("POST /echo HTTP/1.1\r\nContent-Length: abc\r\n\r\n");
        QTest::newRow("header without colon") << QByteArray("GET /ping HTTP/1.1\r\nHost x\r\n\r\n");
        QTest::newRow("length and chunked") << QByteArray(
            "POST /echo HTTP/1.1\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n");
        QTest::newRow("binary") << QByteArray("\x01\x02\x03\xff\xfe\r\n\r\n", 9);
        QTest::newRow("lower-case method") << QByteArray("get /ping HTTP/1.1\r\n\r\n");
        QTest::newRow("two spaces") << QByteArray("GET  /ping HTTP/1.1\r\n\r\n");
        QTest::newRow("space in target") << QByteArray("GET /pi ng HTTP/1.1\r\n\r\n");
        QTest::newRow("no target") << QByteArray("GET HTTP/1.1\r\n\r\n");
        QTest::newRow("long method") << QByteArray("ABCDEFGHIJKLMNOPQ /ping HTTP/1.1\r\n\r\n");
        QTest::newRow("negative length")
            << QByteArray("POST /echo HTTP/1.1\r\nContent-Length: -1\r\n\r\n");
        QTest::newRow("two lengths") << QByteArray(
            "POST /echo HTTP/1.1\r\nContent-Length: 3\r\ncontent-length: 4\r\n\r\nabcd");
        QTest::newRow("empty header name") << QByteArray("GET /ping HTTP/1.1\r\n: x\r\n\r\n");
    }

    // Two requests in one segment, and a head split across segments with its body behind it:
    // the guard keeps its place in the stream, so both answers come and nothing is rejected.
    void pipelinedAndSplitRequestsAreServed() {
        QTcpSocket s;
        const Exchange both = exchange("POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\n\r\n"
                                       "abcGET /ping HTTP/1.1\r\nHost: x\r\n\r\n",
                                       2000, &s);
        QVERIFY2(both.raw.contains("\"bytes\":3") && both.raw.contains("\"pong\":true"),
                 both.raw.constData());
        s.write("POST /echo HTTP/1.1\r\nHo");
        s.flush();
        QTest::qWait(50);
        s.write("st: x\r\nContent-Length: 5\r\n\r");
        s.flush();
        QTest::qWait(50);
        const Exchange split = exchange("\nhel", 300, &s);
        QVERIFY(split.raw.isEmpty()); // the body is not complete yet
        const Exchange rest = exchange("lo", 2000, &s);
        QCOMPARE(rest.status(), 200);
        QVERIFY2(rest.raw.contains("\"bytes\":5"), rest.raw.constData());
        QVERIFY(!rest.closed);
    }

    void malformedRequestsAre400() {
        QFETCH(QByteArray, request);
        const Exchange e = exchange(request);
        QCOMPARE(e.status(), 400);
        QVERIFY(e.raw.contains("\"code\":\"bad_request\""));
        QVERIFY(e.closed);
    }

    void connectionCloseIsHonoured() {
        const Exchange e = exchange("GET /ping HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
        QCOMPARE(e.status(), 200);
        QVERIFY(e.closed);
        QVERIFY2(e.elapsedMs < 500, "closed by us, not by the idle timeout");
    }

    void http10ClosesAfterResponse() {
        const Exchange e = exchange("GET /ping HTTP/1.0\r\n\r\n");
        QCOMPARE(e.status(), 200);
        QVERIFY(e.closed);
        QVERIFY(e.elapsedMs < 500);
    }

    void idleConnectionIsClosed() {
        QTcpSocket s;
        s.connectToHost(QHostAddress::LocalHost, m_port);
        QVERIFY(s.waitForConnected(2000));
        QElapsedTimer t;
        t.start();
        QTRY_VERIFY_WITH_TIMEOUT(s.state() == QAbstractSocket::UnconnectedState, 3000);
        QVERIFY(t.elapsed() >= 500);
    }

    void slowlorisGets408() {
        const Exchange e =
            exchange("POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n{\"half", 3000);
        QCOMPARE(e.status(), 408);
        QVERIFY(e.closed);
        QVERIFY(e.elapsedMs >= 800 && e.elapsedMs < 2500);
    }

    void lateAnswerToGoneClientIsDropped() {
        const int before = m_lateAnswers;
        {
            QTcpSocket s;
            s.connectToHost(QHostAddress::LocalHost, m_port);
            QVERIFY(s.waitForConnected(2000));
            s.write("GET /slow HTTP/1.1\r\nHost: x\r\n\r\n");
            QTest::qWait(100);
            s.abort();
        }
        QTRY_COMPARE_WITH_TIMEOUT(m_lateAnswers, before + 1, 2000);
        QTest::qWait(50);
        // Still alive and serving.
        QCOMPARE(exchange("GET /ping HTTP/1.1\r\nConnection: close\r\n\r\n").status(), 200);
        QCOMPARE(exchange("GET /slow HTTP/1.1\r\nConnection: close\r\n\r\n").status(), 200);
    }

    void expectContinueIsAnswered() {
        QTcpSocket s;
        s.connectToHost(QHostAddress::LocalHost, m_port);
        QVERIFY(s.waitForConnected(2000));
        s.write(
            "POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\nExpect: 100-continue\r\n\r\n");
        QTRY_VERIFY_WITH_TIMEOUT(s.bytesAvailable() > 0, 1000);
        QVERIFY(s.readAll().startsWith("HTTP/1.1 100 Continue"));
    }
};

QTEST_GUILESS_MAIN(TestHttpGuard)
#include "tst_httpguard.moc"
