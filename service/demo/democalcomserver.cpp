#include "democalcomserver.h"

#include <QHttpServer>
#include <QHttpServerRequest>
#include <QHttpServerResponse>
#include <QJsonDocument>
#include <QTcpServer>
#include <QThread>

namespace Callbook {

namespace {

QByteArray methodName(QHttpServerRequest::Method method) {
    switch (method) {
    case QHttpServerRequest::Method::Get:
        return "GET";
    case QHttpServerRequest::Method::Post:
        return "POST";
    case QHttpServerRequest::Method::Put:
        return "PUT";
    case QHttpServerRequest::Method::Patch:
        return "PATCH";
    case QHttpServerRequest::Method::Delete:
        return "DELETE";
    default:
        return "OTHER";
    }
}

} // namespace

DemoCalcomServer::DemoCalcomServer(QObject *parent)
    : QObject(parent) {
    m_calcom.setApiKey({}); // no key is valid until the environment sets one
}

DemoCalcomServer::~DemoCalcomServer() = default;

bool DemoCalcomServer::start(QString *error) {
    m_http = std::make_unique<QHttpServer>();
    // The routes the Cal.com provider uses; InMemoryCalcom routes them once more itself.
    using Method = QHttpServerRequest::Method;
    auto plain = [this](const QHttpServerRequest &request) { return answer(request); };
    auto withUid = [this](const QString &, const QHttpServerRequest &request) {
        return answer(request);
    };
    m_http->route(QStringLiteral("/v2/slots"), Method::Get, plain);
    m_http->route(QStringLiteral("/v2/event-types"), Method::Get, plain);
    m_http->route(QStringLiteral("/v2/bookings"), Method::Get | Method::Post, plain);
    m_http->route(QStringLiteral("/v2/bookings/<arg>"), Method::Get, withUid);
    m_http->route(QStringLiteral("/v2/bookings/<arg>/cancel"), Method::Post, withUid);
    m_http->route(QStringLiteral("/v2/bookings/<arg>/reschedule"), Method::Post, withUid);
    auto *listener = new QTcpServer();
    if (!listener->listen(QHostAddress::LocalHost, 0)) {
        *error = QStringLiteral("demo Cal.com server cannot listen: ") + listener->errorString();
        delete listener;
        return false;
    }
    m_port = listener->serverPort();
#if QT_VERSION >= QT_VERSION_CHECK(6, 8, 0)
    if (!m_http->bind(listener)) {
        *error = QStringLiteral("demo Cal.com server cannot bind");
        delete listener;
        return false;
    }
#else
    m_http->bind(listener); // takes ownership
#endif
    return true;
}

QHttpServerResponse DemoCalcomServer::answer(const QHttpServerRequest &request) {
    InMemoryCalcom::Request in;
    in.method = methodName(request.method());
    in.path = request.url().path();
    in.query = request.query();
    in.apiVersion = request.value("cal-api-version");
    in.authorization = request.value("authorization");
    in.body = QJsonDocument::fromJson(request.body()).object();
    in.receivedMs = QDateTime::currentMSecsSinceEpoch();
    const InMemoryCalcom::Reply reply =
        m_outage.load() ? m_calcom.failure(503, in) : m_calcom.answer(in);
    ++m_answered;
    return QHttpServerResponse(QByteArrayLiteral("application/json"),
                               QJsonDocument(reply.body).toJson(QJsonDocument::Compact),
                               QHttpServerResponse::StatusCode(reply.status));
}

DemoCalcomThread::DemoCalcomThread()
    : m_thread(std::make_unique<QThread>()) {
    m_thread->setObjectName(QStringLiteral("callbook-demo-calcom"));
}

DemoCalcomThread::~DemoCalcomThread() {
    if (m_server)
        QMetaObject::invokeMethod(
            m_server, [this] { delete m_server; }, Qt::BlockingQueuedConnection);
    m_thread->quit();
    m_thread->wait();
}

bool DemoCalcomThread::start(const std::function<void(InMemoryCalcom &)> &setup, QString *error) {
    m_thread->start();
    m_server = new DemoCalcomServer();
    m_server->moveToThread(m_thread.get());
    bool ok = false;
    QMetaObject::invokeMethod(
        m_server,
        [&] {
            setup(m_server->calcom());
            ok = m_server->start(error);
        },
        Qt::BlockingQueuedConnection);
    return ok;
}

QString DemoCalcomThread::baseUrl() const {
    return QStringLiteral("http://127.0.0.1:%1").arg(m_server ? m_server->port() : 0);
}

} // namespace Callbook
