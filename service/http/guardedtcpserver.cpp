#include "guardedtcpserver.h"

#include <QRegularExpression>
#include <QSslSocket>
#include <QTcpSocket>
#include <QTimer>
#include <chrono>
#include <deque>

namespace Callbook {

namespace {

// Follows one connection's byte stream request by request (headers, then a Content-Length or
// chunked body) without consuming anything: QHttpServer reads the same bytes after us.
class ConnectionGuard final : public QObject {
public:
    ConnectionGuard(QTcpSocket *socket, GuardedTcpServer *server)
        : QObject(socket)
        , m_socket(socket)
        , m_server(server)
        , m_limits(server->limits())
        , m_metrics(server->requestMetrics()) {
        m_idle.setSingleShot(true);
        m_request.setSingleShot(true);
        connect(&m_idle, &QTimer::timeout, m_socket, [this] { m_socket->abort(); });
        connect(&m_request, &QTimer::timeout, this, [this] {
            reject(408, "Request Timeout", "request_timeout",
                   "The request was not completed in time.");
        });
        connect(m_socket, &QTcpSocket::readyRead, this, &ConnectionGuard::inspect);
        connect(m_socket, &QTcpSocket::bytesWritten, this, &ConnectionGuard::written);
        m_idle.start(m_limits.idleTimeoutMs);
    }

    // The socket is about to send `data`: the start of an answer carries its status.
    void observeWrite(const char *data, qint64 size) {
        if (!m_metrics || m_pending.empty())
            return;
        if (m_statusProbe.isEmpty() && (size == 0 || data[0] != 'H'))
            return;
        m_statusProbe.append(data, qMin<qint64>(size, 12 - m_statusProbe.size()));
        if (!QByteArrayView("HTTP/1.").startsWith(m_statusProbe.left(7))) {
            m_statusProbe.clear(); // not a status line after all
            return;
        }
        if (m_statusProbe.size() < 12)
            return; // "HTTP/1.1 " and the code may come in separate writes
        bool ok = false;
        const int status = m_statusProbe.mid(9, 3).toInt(&ok);
        m_statusProbe.clear();
        if (!ok || status < 200) // 100 Continue is not the answer
            return;
        const Pending p = m_pending.front();
        m_pending.pop_front();
        m_metrics->record(p.route, status,
                          std::chrono::duration<double>(Clock::now() - p.since).count());
    }

private:
    enum class State { Headers, Body, Chunked, Rejected };
    using Clock = std::chrono::steady_clock;
    struct Pending {
        HttpRequestMetrics::Route route;
        Clock::time_point since;
    };

    // A request whose headers are complete waits for its answer.
    void expectAnswer(QByteArrayView target) {
        if (m_metrics)
            m_pending.push_back({HttpRequestMetrics::routeOf(target), Clock::now()});
    }

    void inspect() {
        const QByteArray fresh = m_socket->peek(m_socket->bytesAvailable());
        m_idle.stop();
        if (!m_request.isActive() && m_state == State::Headers)
            m_request.start(m_limits.requestTimeoutMs);
        consume(fresh);
    }

    void consume(QByteArray data) {
        while (!data.isEmpty() && m_state != State::Rejected) {
            if (m_state == State::Headers) {
                m_header += data;
                const int end = int(m_header.indexOf("\r\n\r\n"));
                if (end < 0) {
                    if (m_header.size() > m_limits.maxHeaderBytes)
                        reject(431, "Request Header Fields Too Large", "headers_too_large",
                               "The request headers are too large.");
                    return;
                }
                if (end + 4 > m_limits.maxHeaderBytes + 4) {
                    reject(431, "Request Header Fields Too Large", "headers_too_large",
                           "The request headers are too large.");
                    return;
                }
                data = m_header.mid(end + 4);
                const QByteArray head = m_header.left(end);
                m_header.clear();
                if (!startRequest(head))
                    return;
            } else if (m_state == State::Body) {
                const qint64 take = qMin<qint64>(m_remaining, data.size());
                m_remaining -= take;
                data = data.mid(take);
                if (m_remaining == 0)
                    finishRequest();
            } else if (m_state == State::Chunked) {
                m_bodyBytes += data.size();
                if (m_bodyBytes > m_limits.maxBodyBytes + 64 * 1024) {
                    reject(413, "Payload Too Large", "payload_too_large",
                           "The request body is too large.");
                    return;
                }
                // Approximate end detection: the last-chunk marker at the end of what we have.
                m_chunkTail = (m_chunkTail + data).right(5);
                data.clear();
                if (m_chunkTail == "0\r\n\r\n")
                    finishRequest();
            }
        }
    }

    bool startRequest(const QByteArray &head) {
        static const QRegularExpression requestLine(
            QStringLiteral("^[A-Z]{1,16} [^ ]{1,4096} HTTP/1\\.([01])$"));
        const QList<QByteArray> lines = head.split('\n');
        const QByteArray first = lines.value(0).trimmed();
        const auto match = requestLine.match(QString::fromLatin1(first));
        if (!match.hasMatch()) {
            reject(400, "Bad Request", "bad_request", "Malformed request line.");
            return false;
        }
        const bool http10 = match.captured(1) == QLatin1String("0");
        const qsizetype targetStart = first.indexOf(' ') + 1;
        expectAnswer(
            QByteArrayView(first).sliced(targetStart, first.lastIndexOf(' ') - targetStart));
        qint64 contentLength = 0;
        bool chunked = false, hasLength = false, keepAlive = false, close = false,
             expectContinue = false;
        for (int i = 1; i < lines.size(); ++i) {
            const QByteArray line = lines[i].trimmed();
            const int colon = int(line.indexOf(':'));
            if (colon <= 0) {
                reject(400, "Bad Request", "bad_request", "Malformed header line.");
                return false;
            }
            const QByteArray name = line.left(colon).trimmed().toLower();
            const QByteArray value = line.mid(colon + 1).trimmed().toLower();
            if (name == "content-length") {
                bool ok = false;
                contentLength = value.toLongLong(&ok);
                static const QRegularExpression digits(QStringLiteral("^[0-9]{1,18}$"));
                if (!ok || !digits.match(QString::fromLatin1(value)).hasMatch() ||
                    (hasLength && contentLength != value.toLongLong())) {
                    reject(400, "Bad Request", "bad_request", "Invalid Content-Length.");
                    return false;
                }
                hasLength = true;
            } else if (name == "transfer-encoding") {
                chunked = value.contains("chunked");
            } else if (name == "connection") {
                close = value.contains("close");
                keepAlive = value.contains("keep-alive");
            } else if (name == "expect") {
                expectContinue = value == "100-continue";
            }
        }
        if (chunked && hasLength) { // request smuggling shape
            reject(400, "Bad Request", "bad_request", "Both Content-Length and chunked encoding.");
            return false;
        }
        if (contentLength > m_limits.maxBodyBytes) {
            reject(413, "Payload Too Large", "payload_too_large",
                   "The request body is larger than the limit of " +
                       QByteArray::number(m_limits.maxBodyBytes) + " bytes.");
            return false;
        }
        m_closeAfterResponse = close || (http10 && !keepAlive);
        if (expectContinue) // QHttpServer 6.4 never answers this itself
            m_socket->write("HTTP/1.1 100 Continue\r\n\r\n");
        if (chunked) {
            m_state = State::Chunked;
            m_bodyBytes = 0;
            m_chunkTail.clear();
        } else if (contentLength > 0) {
            m_state = State::Body;
            m_remaining = contentLength;
        } else {
            finishRequest();
        }
        return true;
    }

    void finishRequest() {
        m_state = State::Headers;
        m_request.stop();
        ++m_completedRequests;
    }

    // A response has been flushed: close if the client asked for it, else wait idle.
    void written() {
        if (m_socket->bytesToWrite() > 0 || m_state == State::Rejected)
            return;
        if (m_closeAfterResponse && m_completedRequests > 0) {
            m_socket->disconnectFromHost();
            return;
        }
        if (m_state == State::Headers && m_header.isEmpty())
            m_idle.start(m_limits.idleTimeoutMs);
    }

    void reject(int status, const char *reason, const char *code, const QByteArray &message) {
        if (m_metrics && m_pending.empty()) // rejected before its request line was read
            m_pending.push_back({HttpRequestMetrics::Route::Other, Clock::now()});
        m_state = State::Rejected;
        m_request.stop();
        m_idle.stop();
        // Detach QHttpServer's parser: it must not see the rest of this connection.
        disconnect(m_socket, &QTcpSocket::readyRead, nullptr, nullptr);
        const QByteArray body =
            "{\"error\":{\"code\":\"" + QByteArray(code) + "\",\"message\":\"" + message + "\"}}";
        m_socket->write("HTTP/1.1 " + QByteArray::number(status) + ' ' + reason +
                        "\r\nContent-Type: application/json\r\nContent-Length: " +
                        QByteArray::number(body.size()) + "\r\nConnection: close\r\n\r\n" + body);
        m_socket->disconnectFromHost();
        Q_EMIT m_server->requestRejected(status, QString::fromLatin1(code));
    }

    QTcpSocket *m_socket;
    GuardedTcpServer *m_server;
    HttpLimits m_limits;
    QTimer m_idle;
    QTimer m_request;
    State m_state = State::Headers;
    QByteArray m_header;
    QByteArray m_chunkTail;
    qint64 m_remaining = 0;
    qint64 m_bodyBytes = 0;
    int m_completedRequests = 0;
    bool m_closeAfterResponse = false;
    HttpRequestMetrics *m_metrics;
    std::deque<Pending> m_pending; // requests not answered yet, oldest first
    QByteArray m_statusProbe;      // the first bytes of an answer being written
};

// A socket that shows its guard what it writes, so answers are counted as they leave.
template<typename Base> class ObservedSocket final : public Base {
public:
    using Base::Base;
    void setGuard(ConnectionGuard *guard) { m_guard = guard; }

protected:
    qint64 writeData(const char *data, qint64 size) override {
        if (m_guard)
            m_guard->observeWrite(data, size);
        return Base::writeData(data, size);
    }

private:
    ConnectionGuard *m_guard = nullptr;
};

} // namespace

GuardedTcpServer::GuardedTcpServer(QObject *parent)
    : QTcpServer(parent) {}

void GuardedTcpServer::incomingConnection(qintptr socketDescriptor) {
    if (m_tls) {
        auto *socket = new ObservedSocket<QSslSocket>(this);
        if (!socket->setSocketDescriptor(socketDescriptor)) {
            delete socket;
            return;
        }
        socket->setSslConfiguration(*m_tls);
        socket->setGuard(new ConnectionGuard(socket, this));
        addPendingConnection(socket);
        socket->startServerEncryption();
        return;
    }
    auto *socket = new ObservedSocket<QTcpSocket>(this);
    if (!socket->setSocketDescriptor(socketDescriptor)) {
        delete socket;
        return;
    }
    // Connects its readyRead slot before QHttpServer's.
    socket->setGuard(new ConnectionGuard(socket, this));
    addPendingConnection(socket);
}

} // namespace Callbook
