// The HTTP front: handlers run on the front's own thread with a copy of the request, and answers
// given late (after the client left, or after the front itself is gone) or never (a responder
// dropped on another thread) are handled without touching freed sockets.

#include "http/httpfront.h"

#include <QTcpSocket>
#include <QTest>
#include <atomic>
#include <future>
#include <thread>

using namespace Callbook;

namespace {

// A blocking client on a thread of its own: the test's thread is the front's and must keep its
// event loop running while the request is answered.
std::future<QByteArray> send(quint16 port, QByteArray request, bool waitForAnswer = true) {
    return std::async(std::launch::async, [=] {
        QTcpSocket socket;
        socket.connectToHost(QHostAddress::LocalHost, port);
        if (!socket.waitForConnected(3000))
            return QByteArray("no connection");
        socket.write(request);
        socket.waitForBytesWritten(3000);
        QByteArray answer;
        while (waitForAnswer && !answer.contains("}") && socket.waitForReadyRead(3000))
            answer += socket.readAll();
        return answer;
    });
}

QByteArray await(std::future<QByteArray> &&pending) {
    while (pending.wait_for(std::chrono::milliseconds(0)) != std::future_status::ready)
        QTest::qWait(5);
    return pending.get();
}

} // namespace

class TestHttpFront : public QObject {
    Q_OBJECT

    std::unique_ptr<HttpFront> m_front;
    QThread *m_handlerThread = nullptr;
    std::optional<DeferredResponder> m_kept; // answered later by a test
    int m_dropped = 0;                       // requests /drop left unanswered

    void startFront() {
        m_front = std::make_unique<HttpFront>();
        m_front->route(QStringLiteral("/echo/<arg>"), HttpFront::Method::Post,
                       HttpFront::ArgHandler([this](const QString &arg, const IncomingRequest &r,
                                                    DeferredResponder reply) {
                           m_handlerThread = QThread::currentThread();
                           reply.sendJson(
                               {{QStringLiteral("arg"), arg},
                                {QStringLiteral("body"), QString::fromUtf8(r.body())},
                                {QStringLiteral("header"), QString::fromUtf8(r.value("x-probe"))}},
                               QHttpServerResponder::StatusCode::Ok);
                       }));
        m_front->route(QStringLiteral("/keep"), HttpFront::Method::Get,
                       HttpFront::Handler([this](const IncomingRequest &, DeferredResponder reply) {
                           m_kept = reply;
                       }));
        m_front->route(QStringLiteral("/drop"), HttpFront::Method::Get,
                       HttpFront::Handler(
                           [this](const IncomingRequest &, DeferredResponder) { ++m_dropped; }));
        m_front->route(QStringLiteral("/ping"), HttpFront::Method::Get,
                       HttpFront::Handler([](const IncomingRequest &, DeferredResponder reply) {
                           reply.sendRaw("{}", "application/json",
                                         QHttpServerResponder::StatusCode::Ok);
                       }));
        HttpFront::Listen listen;
        listen.address = QHostAddress::LocalHost;
        QString error;
        QVERIFY2(m_front->start(listen, &error), qPrintable(error));
        QVERIFY(m_front->port() > 0);
    }

private Q_SLOTS:
    void init() { startFront(); }
    void cleanup() {
        m_front.reset();
        m_kept.reset();
        m_dropped = 0;
    }

    void handlersRunOnTheFrontsThreadWithACopyOfTheRequest() {
        const QByteArray answer =
            await(send(m_front->port(), "POST /echo/abc HTTP/1.1\r\nHost: x\r\nX-Probe: seen\r\n"
                                        "Content-Length: 5\r\n\r\nhello"));
        QVERIFY2(answer.startsWith("HTTP/1.1 200"), answer.constData());
        QVERIFY(answer.contains("\"arg\":\"abc\""));
        QVERIFY(answer.contains("\"body\":\"hello\""));
        QVERIFY(answer.contains("\"header\":\"seen\"")); // looked up case-insensitively
        QCOMPARE(m_handlerThread, QThread::currentThread());
    }

    void keepAliveConnectionsServeRequestAfterRequest() {
        const QByteArray request = "GET /ping HTTP/1.1\r\nHost: x\r\n\r\n";
        const QByteArray answers = await(std::async(std::launch::async, [&] {
            QTcpSocket socket;
            socket.connectToHost(QHostAddress::LocalHost, m_front->port());
            QByteArray all;
            if (!socket.waitForConnected(3000))
                return all;
            for (int i = 0; i < 3; ++i) {
                socket.write(request);
                QByteArray one;
                while (!one.endsWith("{}") && socket.waitForReadyRead(3000))
                    one += socket.readAll();
                all += one;
            }
            return all;
        }));
        QCOMPARE(answers.count("HTTP/1.1 200"), 3);
    }

    void unknownPathsAre404() {
        const QByteArray answer = await(send(m_front->port(), "GET /nowhere HTTP/1.1\r\n\r\n"));
        QVERIFY2(answer.startsWith("HTTP/1.1 404"), answer.constData());
        QVERIFY(answer.contains("not_found"));
    }

    void lateAnswerToAGoneClientIsDropped() {
        await(send(m_front->port(), "GET /keep HTTP/1.1\r\n\r\n", false)); // leaves at once
        QTRY_VERIFY(m_kept.has_value());
        QTest::qWait(100); // the front sees the connection close
        m_kept->sendJson({{QStringLiteral("late"), true}}, QHttpServerResponder::StatusCode::Ok);
        QTest::qWait(50);
        // The front still serves.
        const QByteArray answer = await(send(m_front->port(), "GET /ping HTTP/1.1\r\n\r\n"));
        QVERIFY2(answer.startsWith("HTTP/1.1 200"), answer.constData());
    }

    void answersAfterTheFrontIsGoneAreDropped() {
        auto pending = send(m_front->port(), "GET /keep HTTP/1.1\r\n\r\n");
        QTRY_VERIFY(m_kept.has_value());
        m_front.reset(); // the client's connection closes with the front
        QVERIFY(await(std::move(pending)).isEmpty());
        m_kept->sendJson({{QStringLiteral("late"), true}}, QHttpServerResponder::StatusCode::Ok);
        m_kept.reset(); // and its responder is released here, with nothing left to touch
    }

    // Released at home, never on the thread that let go of it: the release waits for the
    // home's next round (Qt 6.8's responder tells its connection when it goes).
    void aResponderDroppedOnAnotherThreadIsReleasedAtHome() {
        auto pending = send(m_front->port(), "GET /keep HTTP/1.1\r\n\r\n", false);
        QTRY_VERIFY(m_kept.has_value());
        await(std::move(pending));
        QCOMPARE(m_front->unreleasedResponders(), 1);
        // The last copy dies on a thread of its own, as a store callback that never ran would.
        std::thread([kept = std::move(*m_kept)]() mutable {
            DeferredResponder gone = kept;
        }).join();
        m_kept.reset();
        QCOMPARE(m_front->unreleasedResponders(), 1); // not yet: this thread has not run
        QTRY_COMPARE(m_front->unreleasedResponders(), 0);
        const QByteArray answer = await(send(m_front->port(), "GET /ping HTTP/1.1\r\n\r\n"));
        QVERIFY2(answer.startsWith("HTTP/1.1 200"), answer.constData());
    }

    void answeredRespondersAreReleased() {
        for (int i = 0; i < 3; ++i) {
            const QByteArray answer = await(send(m_front->port(), "GET /ping HTTP/1.1\r\n\r\n"));
            QVERIFY2(answer.startsWith("HTTP/1.1 200"), answer.constData());
        }
        QTRY_COMPARE(m_front->unreleasedResponders(), 0);
        auto pending = send(m_front->port(), "GET /keep HTTP/1.1\r\n\r\n");
        QTRY_VERIFY(m_kept.has_value());
        QCOMPARE(m_front->unreleasedResponders(), 1);
        m_kept->sendJson({{QStringLiteral("late"), true}}, QHttpServerResponder::StatusCode::Ok);
        QVERIFY(await(std::move(pending)).contains("\"late\":true"));
        QTRY_COMPARE(m_front->unreleasedResponders(), 0);
    }

    void unansweredRequestsReleaseTheirResponder() {
        auto pending = send(m_front->port(), "GET /drop HTTP/1.1\r\n\r\n", false);
        await(std::move(pending));
        QTRY_COMPARE(m_dropped, 1);
        QCOMPARE(m_front->unreleasedResponders(), 0);
        const QByteArray answer = await(send(m_front->port(), "GET /ping HTTP/1.1\r\n\r\n"));
        QVERIFY2(answer.startsWith("HTTP/1.1 200"), answer.constData());
    }
};

QTEST_GUILESS_MAIN(TestHttpFront)
#include "tst_httpfront.moc"
