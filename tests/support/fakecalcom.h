#pragma once

// A scripted Cal.com API v2 server for tests and benchmarks. It follows the official contract
// (../shared/docs/calcom-contract.md): per-resource cal-api-version, Bearer API keys, the real
// response shapes ({status, data}), 201 for created bookings and reschedules, the taken-slot 400,
// Cal.com's error body, 120 requests per 60 s per key with X-RateLimit-*-Default headers and a
// 429 ThrottlerException (no Retry-After). Faults are injected per test: latency, failures with
// any status, hangs, and creates that are stored but never answered (unknown outcome).
//
// Raw HTTP/1.1 with keep-alive on a loopback QTcpServer, on the thread that creates it.

#include <QDateTime>
#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QSet>
#include <QTimeZone>
#include <QUrlQuery>
#include <functional>

class QTcpServer;
class QThread;
class QTcpSocket;

namespace CallbookTest {

class FakeCalcom final : public QObject {
    Q_OBJECT
public:
    struct EventType {
        qint64 id = 0;
        QString slug;
        QString title;
        int lengthMin = 30;
    };
    struct Booking {
        qint64 id = 0;
        QString uid;
        qint64 eventTypeId = 0;
        qint64 startMs = 0;
        qint64 endMs = 0;
        QString status = QStringLiteral("accepted"); // accepted, pending, cancelled
        QJsonObject attendee;
        QJsonObject metadata;
        QString cancellationReason;
        QString rescheduledFromUid, rescheduledToUid;
    };
    struct Request {
        QByteArray method;
        QString path;
        QUrlQuery query;
        QByteArray apiVersion;
        QByteArray authorization;
        QJsonObject body;
        qint64 receivedMs = 0;
        int status = 0; // what the fake answered (0: not answered)
    };

    explicit FakeCalcom(QObject *parent = nullptr);
    ~FakeCalcom() override;

    bool start(quint16 port = 0); // loopback; 0 = ephemeral
    quint16 port() const;
    QString baseUrl() const;

    // The valid API keys; requests with any other Bearer token get 401. Each key has its own
    // rate window.
    void setApiKey(const QByteArray &key) { m_apiKeys = {key}; }
    void addApiKey(const QByteArray &key) { m_apiKeys.insert(key); }
    void addEventType(const EventType &type) { m_eventTypes.insert(type.id, type); }
    // Working hours of the host, in `zone`, every day of the week (default 09:00–17:00).
    void setWorkingHours(const QTimeZone &zone, QTime open, QTime close);
    // A booking somebody else made (e.g. on Cal.com's own booking page).
    Booking addForeignBooking(qint64 eventTypeId, qint64 startMs, const QString &name,
                              const QJsonObject &metadata = {});

    // Faults, applied to the next requests in arrival order.
    void setLatencyMs(int ms) { m_latencyMs = ms; }
    // A 429 comes with the rate headers of a key used up by other clients (reset in 30 s).
    void failNext(int count, int status) { m_failures.append({count, status}); }
    void hangNext(int count) { m_hangs += count; }
    // The next `count` creates are stored but never answered: the client cannot tell.
    void swallowNextCreates(int count) { m_swallowCreates += count; }
    void setRateLimit(int perWindow, int windowMs);

    const QList<Request> &requests() const { return m_requests; }
    int requestCount(const QString &pathPrefix, const QByteArray &method = {}) const;
    void clearRequests() { m_requests.clear(); }
    QList<Booking> bookings() const { return m_bookings; }
    std::optional<Booking> booking(const QString &uid) const;

    // A webhook body exactly as Cal.com sends it for `booking`, and its signature.
    QByteArray webhookBody(const QString &trigger, const Booking &booking) const;
    static QByteArray sign(const QByteArray &body, const QByteArray &secret);

    // The REST representation of a booking (BookingOutput_2024_08_13).
    QJsonObject bookingJson(const Booking &booking) const;

private:
    struct Reply {
        int status = 200;
        QJsonObject body;
        QList<QPair<QByteArray, QByteArray>> headers;
        bool hang = false;
    };
    void onNewConnection();
    void onReadyRead(QTcpSocket *socket);
    void handle(QTcpSocket *socket, Request request);
    Reply route(Request &request);
    Reply availableSlots(const Request &request);
    Reply createBooking(const Request &request);
    Reply cancelBooking(const Request &request, const QString &uid);
    Reply rescheduleBooking(const Request &request, const QString &uid);
    Reply getBooking(const Request &request, const QString &uid);
    Reply listBookings(const Request &request);
    Reply eventTypes(const Request &request);
    Reply error(int status, const QString &code, const QString &message,
                const Request &request) const;
    bool slotFree(qint64 startMs, qint64 endMs, const QString &exceptUid = {}) const;
    bool withinHours(qint64 startMs, qint64 endMs) const;
    void send(QTcpSocket *socket, const Reply &reply);

    QTcpServer *m_server;
    QHash<QTcpSocket *, QByteArray> m_buffers;
    QSet<QByteArray> m_apiKeys = {QByteArrayLiteral("cal_test_fake")};
    QHash<qint64, EventType> m_eventTypes;
    QList<Booking> m_bookings;
    QTimeZone m_zone = QTimeZone("Europe/Berlin");
    QTime m_open{9, 0}, m_close{17, 0};
    int m_latencyMs = 0;
    QList<QPair<int, int>> m_failures; // count, status
    int m_hangs = 0;
    int m_swallowCreates = 0;
    int m_rateLimit = 120;
    int m_rateWindowMs = 60000;
    struct RateWindow {
        qint64 startMs = 0;
        int count = 0;
    };
    QHash<QByteArray, RateWindow> m_rateWindows; // per key (or per client without one)
    QList<Request> m_requests;
    qint64 m_nextId = 1000;
};

// The fake on a thread of its own, for tests that block their own thread (synchronous HTTP to
// the real binary, which then calls the fake) and for benchmarks.
class FakeCalcomThread {
public:
    FakeCalcomThread();
    ~FakeCalcomThread();
    // Runs `f` with the fake on its thread and waits for it.
    void run(const std::function<void(FakeCalcom &)> &f);
    QString baseUrl();

private:
    QThread *m_thread;
    QObject *m_anchor;
    FakeCalcom *m_fake = nullptr;
};

} // namespace CallbookTest
