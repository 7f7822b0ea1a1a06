// The HTTP front on its network thread: handlers run on the service thread with a copy of the
// request, trivial routes on the network thread, and answers given late — after the client
// left, or after the front itself is gone — are dropped without touching freed sockets.

#include "http/httpfront.h"

#include <QTcpSocket>
#include <QTest>
#include <atomic>
#include <future>
#include <thread>

using namespace Callbook;

namespace {

// A blocking client on a thread of its own: the test's thread is the service thread and must
// keep its event loop running while the request is answered.
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
    std::atomic<QThread *> m_pingThread{nullptr};
    QThread *m_handlerThread = nullptr;
    std::optional<DeferredResponder> m_kept; // answered later by a test

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
                       HttpFront::Handler([](const IncomingRequest &, DeferredResponder) {}));
        m_front->routeOnNetworkThread(QStringLiteral("/ping"), HttpFront::Method::Get, [this] {
            m_pingThread = QThread::currentThread();
            return QByteArray("{}");
        });
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
    }

    void handlersRunOnTheServiceThreadWithACopyOfTheRequest() {
        const QByteArray answer =
            await(send(m_front->port(), "POST /echo/abc HTTP/1.1\r\nHost: x\r\nX-Probe: seen\r\n"
                                        "Content-Length: 5\r\n\r\nhello"));
        QVERIFY2(answer.startsWith("HTTP/1.1 200"), answer.constData());
        QVERIFY(answer.contains("\"arg\":\"abc\""));
        QVERIFY(answer.contains("\"body\":\"hello\""));
        QVERIFY(answer.contains("\"header\":\"seen\"")); // looked up case-insensitively
        QCOMPARE(m_handlerThread, QThread::currentThread());
    }

    void trivialRoutesAnswerOnTheNetworkThread() {
        const QByteArray answer = await(send(m_front->port(), "GET /ping HTTP/1.1\r\n\r\n"));
        QVERIFY2(answer.startsWith("HTTP/1.1 200"), answer.constData());
        QVERIFY(m_pingThread.load() != nullptr);
        QVERIFY(m_pingThread.load() != QThread::currentThread());
    }

    void unknownPathsAre404() {
        const QByteArray answer = await(send(m_front->port(), "GET /nowhere HTTP/1.1\r\n\r\n"));
        QVERIFY2(answer.startsWith("HTTP/1.1 404"), answer.constData());
        QVERIFY(answer.contains("not_found"));
    }

    void lateAnswerToAGoneClientIsDropped() {
        await(send(m_front->port(), "GET /keep HTTP/1.1\r\n\r\n", false)); // leaves at once
        QTRY_VERIFY(m_kept.has_value());
        QTest::qWait(100); // the network thread sees the connection close
        m_kept->sendJson({{QStringLiteral("late"), true}}, QHttpServerResponder::StatusCode::Ok);
        QTest::qWait(50);
        // The front still serves.
        const QByteArray answer = await(send(m_front->port(), "GET /ping HTTP/1.1\r\n\r\n"));
        QVERIFY2(answer.startsWith("HTTP/1.1 200"), answer.constData());
    }

    void answersAfterTheFrontIsGoneAreDropped() {
        auto pending = send(m_front->port(), "GET /keep HTTP/1.1\r\n\r\n");
        QTRY_VERIFY(m_kept.has_value());
        m_front.reset(); // the client's connection closes with the network thread
        QVERIFY(await(std::move(pending)).isEmpty());
        m_kept->sendJson({{QStringLiteral("late"), true}}, QHttpServerResponder::StatusCode::Ok);
        m_kept.reset(); // and its responder is released here, with nothing left to touch
    }

    void unansweredRequestsReleaseTheirResponder() {
        auto pending = send(m_front->port(), "GET /drop HTTP/1.1\r\n\r\n", false);
        await(std::move(pending));
        QTest::qWait(50);
        const QByteArray answer = await(send(m_front->port(), "GET /ping HTTP/1.1\r\n\r\n"));
        QVERIFY2(answer.startsWith("HTTP/1.1 200"), answer.constData());
    }
};

QTEST_GUILESS_MAIN(TestHttpFront)
#include "tst_httpfront.moc"
