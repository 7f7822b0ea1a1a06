#include "guardedtcpserver.h"

#include <QSslSocket>
#include <QTcpSocket>
#include <QTimer>
#include <chrono>
#include <deque>
#include <optional>
#include <utility>

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
        const qint64 available = m_socket->bytesAvailable();
        m_idle.stop();
        if (!m_request.isActive() && m_state == State::Headers)
            m_request.start(m_limits.requestTimeoutMs);
        // Inside a body only the count matters: no need to look at the bytes.
        if (m_state == State::Body && available <= m_remaining) {
            m_remaining -= available;
            if (m_remaining == 0)
                finishRequest();
            return;
        }
        const QByteArray fresh = m_socket->peek(available);
        consume(fresh);
    }

    void consume(QByteArrayView data) {
        while (!data.isEmpty() && m_state != State::Rejected) {
            if (m_state == State::Headers) {
                if (!consumeHeaders(data))
                    return;
            } else if (m_state == State::Body) {
                const qint64 take = qMin<qint64>(m_remaining, data.size());
                m_remaining -= take;
                data = data.sliced(take);
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
                m_chunkTail.append(data.last(qMin<qsizetype>(5, data.size())));
                m_chunkTail = m_chunkTail.right(5);
                data = {};
                if (m_chunkTail == "0\r\n\r\n")
                    finishRequest();
            }
        }
    }

    // Takes the headers off the front of `data` once they are complete (false: wait or stop).
    bool consumeHeaders(QByteArrayView &data) {
        QByteArray head;
        if (m_header.isEmpty()) { // the usual case: the whole head in one segment
            const qsizetype end = data.indexOf("\r\n\r\n");
            if (end < 0) {
                m_header = data.toByteArray();
                rejectLargeHeaders(m_header.size() > m_limits.maxHeaderBytes);
                return false;
            }
            if (rejectLargeHeaders(end > m_limits.maxHeaderBytes))
                return false;
            head = data.first(end).toByteArray();
            data = data.sliced(end + 4);
        } else {
            const qsizetype before = m_header.size();
            m_header += data;
            const qsizetype end = m_header.indexOf("\r\n\r\n", qMax<qsizetype>(0, before - 3));
            if (end < 0) {
                rejectLargeHeaders(m_header.size() > m_limits.maxHeaderBytes);
                return false;
            }
            if (rejectLargeHeaders(end > m_limits.maxHeaderBytes))
                return false;
            head = m_header.left(end);
            data = data.sliced(end + 4 - before);
            m_header.clear();
        }
        return startRequest(head);
    }

    bool rejectLargeHeaders(bool tooLarge) {
        if (tooLarge)
            reject(431, "Request Header Fields Too Large", "headers_too_large",
                   "The request headers are too large.");
        return tooLarge;
    }

    // "METHOD target HTTP/1.x": an upper-case method of 1–16 letters, a target of 1–4096
    // characters without spaces. Returns the target and whether it is HTTP/1.0.
    static std::optional<std::pair<QByteArrayView, bool>> parseRequestLine(QByteArrayView line) {
        const qsizetype methodEnd = line.indexOf(' ');
        const qsizetype versionStart = line.lastIndexOf(' ') + 1;
        if (methodEnd < 1 || methodEnd > 16 || versionStart <= methodEnd + 1)
            return std::nullopt;
        for (char c : line.first(methodEnd))
            if (c < 'A' || c > 'Z')
                return std::nullopt;
        const QByteArrayView target = line.sliced(methodEnd + 1, versionStart - methodEnd - 2);
        if (target.isEmpty() || target.size() > 4096 || target.contains(' '))
            return std::nullopt;
        const QByteArrayView version = line.sliced(versionStart);
        if (version != "HTTP/1.0" && version != "HTTP/1.1")
            return std::nullopt;
        return std::make_pair(target, version == "HTTP/1.0");
    }

    static bool isDecimal(QByteArrayView value) {
        if (value.isEmpty() || value.size() > 18)
            return false;
        for (char c : value)
            if (c < '0' || c > '9')
                return false;
        return true;
    }

    bool startRequest(QByteArrayView head) {
        qsizetype lineEnd = head.indexOf('\n');
        const auto requestLine =
            parseRequestLine((lineEnd < 0 ? head : head.first(lineEnd)).trimmed());
        if (!requestLine) {
            reject(400, "Bad Request", "bad_request", "Malformed request line.");
            return false;
        }
        const auto [target, http10] = *requestLine;
        expectAnswer(target);
        qint64 contentLength = 0;
        bool chunked = false, hasLength = false, keepAlive = false, close = false,
             expectContinue = false;
        while (lineEnd >= 0) {
            const qsizetype start = lineEnd + 1;
            lineEnd = head.indexOf('\n', start);
            const QByteArrayView line =
                (lineEnd < 0 ? head.sliced(start) : head.sliced(start, lineEnd - start)).trimmed();
            const qsizetype colon = line.indexOf(':');
            if (colon <= 0) {
                reject(400, "Bad Request", "bad_request", "Malformed header line.");
                return false;
            }
            const QByteArrayView name = line.first(colon).trimmed();
            const QByteArrayView value = line.sliced(colon + 1).trimmed();
            auto is = [&](QByteArrayView header) { // the length first: most names differ there
                return name.size() == header.size() &&
                       name.compare(header, Qt::CaseInsensitive) == 0;
            };
            if (is("content-length")) {
                const qint64 length = isDecimal(value) ? value.toLongLong() : -1;
                if (length < 0 || (hasLength && contentLength != length)) {
                    reject(400, "Bad Request", "bad_request", "Invalid Content-Length.");
                    return false;
                }
                contentLength = length;
                hasLength = true;
            } else if (is("transfer-encoding")) {
                chunked = value.toByteArray().toLower().contains("chunked");
            } else if (is("connection")) {
                const QByteArray lower = value.toByteArray().toLower();
                close = lower.contains("close");
                keepAlive = lower.contains("keep-alive");
            } else if (is("expect")) {
                expectContinue = value.compare("100-continue", Qt::CaseInsensitive) == 0;
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
