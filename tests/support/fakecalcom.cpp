#include "fakecalcom.h"

#include <QJsonDocument>
#include <QTcpServer>
#include <QTcpSocket>
#include <QThread>
#include <QTimer>
#include <QUuid>

namespace CallbookTest {

FakeCalcom::FakeCalcom(QObject *parent)
    : QObject(parent)
    , m_server(new QTcpServer(this)) {
    connect(m_server, &QTcpServer::newConnection, this, &FakeCalcom::onNewConnection);
}

FakeCalcom::~FakeCalcom() = default;

bool FakeCalcom::start(quint16 port) {
    return m_server->listen(QHostAddress::LocalHost, port);
}

quint16 FakeCalcom::port() const {
    return m_server->serverPort();
}

QString FakeCalcom::baseUrl() const {
    return QStringLiteral("http://127.0.0.1:%1").arg(port());
}

int FakeCalcom::requestCount(const QString &pathPrefix, const QByteArray &method) const {
    int n = 0;
    for (const Request &r : m_requests)
        if (r.path.startsWith(pathPrefix) && (method.isEmpty() || r.method == method))
            ++n;
    return n;
}

// --- HTTP -----------------------------------------------------------------------------------

void FakeCalcom::onNewConnection() {
    while (QTcpSocket *socket = m_server->nextPendingConnection()) {
        connect(socket, &QTcpSocket::readyRead, this, [this, socket] { onReadyRead(socket); });
        connect(socket, &QTcpSocket::disconnected, this, [this, socket] {
            m_buffers.remove(socket);
            socket->deleteLater();
        });
    }
}

void FakeCalcom::onReadyRead(QTcpSocket *socket) {
    QByteArray &buffer = m_buffers[socket];
    buffer += socket->readAll();
    for (;;) {
        const qsizetype headerEnd = buffer.indexOf("\r\n\r\n");
        if (headerEnd < 0)
            return;
        const QList<QByteArray> lines = buffer.left(headerEnd).split('\n');
        const QList<QByteArray> requestLine = lines.value(0).trimmed().split(' ');
        Request request;
        request.method = requestLine.value(0);
        const QUrl target(QString::fromLatin1(requestLine.value(1)));
        request.path = target.path();
        request.query = QUrlQuery(target.query());
        qsizetype contentLength = 0;
        for (qsizetype i = 1; i < lines.size(); ++i) {
            const QByteArray line = lines[i].trimmed();
            const qsizetype colon = line.indexOf(':');
            if (colon < 0)
                continue;
            const QByteArray name = line.left(colon).trimmed().toLower();
            const QByteArray value = line.mid(colon + 1).trimmed();
            if (name == "content-length")
                contentLength = value.toLongLong();
            else if (name == "cal-api-version")
                request.apiVersion = value;
            else if (name == "authorization")
                request.authorization = value;
        }
        if (buffer.size() < headerEnd + 4 + contentLength)
            return;
        const QByteArray body = buffer.mid(headerEnd + 4, contentLength);
        buffer.remove(0, headerEnd + 4 + contentLength);
        request.body = QJsonDocument::fromJson(body).object();
        request.receivedMs = QDateTime::currentMSecsSinceEpoch();
        handle(socket, std::move(request));
    }
}

void FakeCalcom::handle(QTcpSocket *socket, Request request) {
    Reply reply;
    if (m_hangs > 0) {
        --m_hangs;
        reply.hang = true;
    } else if (!m_failures.isEmpty()) {
        reply = m_calcom.failure(m_failures.first().second, request);
        if (--m_failures.first().first <= 0)
            m_failures.removeFirst();
    } else {
        reply = m_calcom.answer(request);
        const bool created = request.method == "POST" &&
                             request.path == QLatin1String("/v2/bookings") && reply.status == 201;
        if (created && m_swallowCreates > 0) {
            --m_swallowCreates;
            reply.hang = true;
        }
    }
    request.status = reply.hang ? 0 : reply.status;
    m_requests.append(request);
    if (reply.hang)
        return; // the connection stays open and silent until the client gives up
    if (m_latencyMs <= 0) {
        send(socket, reply);
        return;
    }
    QTimer::singleShot(m_latencyMs, socket, [this, socket, reply] { send(socket, reply); });
}

void FakeCalcom::send(QTcpSocket *socket, const Reply &reply) {
    const QByteArray body = QJsonDocument(reply.body).toJson(QJsonDocument::Compact);
    QByteArray out = "HTTP/1.1 " + QByteArray::number(reply.status) + ' ' +
                     Callbook::InMemoryCalcom::reasonPhrase(reply.status) + "\r\n";
    out += "Content-Type: application/json; charset=utf-8\r\n";
    out += "Content-Length: " + QByteArray::number(body.size()) + "\r\n";
    out += "Connection: keep-alive\r\n";
    out += "X-Request-Id: " + QUuid::createUuid().toByteArray(QUuid::WithoutBraces) + "\r\n";
    for (const auto &[name, value] : reply.headers)
        out += name + ": " + value + "\r\n";
    out += "\r\n" + body;
    socket->write(out);
}

FakeCalcomThread::FakeCalcomThread()
    : m_thread(new QThread)
    , m_anchor(new QObject) {
    m_thread->start();
    m_anchor->moveToThread(m_thread);
    run([this](FakeCalcom &) {});
}

FakeCalcomThread::~FakeCalcomThread() {
    QMetaObject::invokeMethod(
        m_anchor, [this] { delete m_fake; }, Qt::BlockingQueuedConnection);
    m_thread->quit();
    m_thread->wait();
    delete m_anchor;
    delete m_thread;
}

void FakeCalcomThread::run(const std::function<void(FakeCalcom &)> &f) {
    QMetaObject::invokeMethod(
        m_anchor,
        [&] {
            if (!m_fake) {
                m_fake = new FakeCalcom;
                m_fake->start();
            }
            f(*m_fake);
        },
        Qt::BlockingQueuedConnection);
}

QString FakeCalcomThread::baseUrl() {
    QString url;
    run([&](FakeCalcom &fake) { url = fake.baseUrl(); });
    return url;
}

} // namespace CallbookTest