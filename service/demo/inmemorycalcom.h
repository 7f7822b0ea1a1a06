#pragma once

// Cal.com API v2 answered from memory, for the demo's Cal.com server and the tests' fake. It
// follows the official contract (../shared/docs/calcom-contract.md): per-resource
// cal-api-version, Bearer API keys, the real response shapes ({status, data}), 201 for created
// bookings and reschedules, the taken-slot 400, Cal.com's error body, 120 requests per 60 s per
// key with X-RateLimit-*-Default headers and a 429 ThrottlerException (no Retry-After).
//
// No transport and no threads of its own: whoever owns it parses HTTP into a Request, calls
// answer() and writes the Reply, all on one thread.

#include <QDateTime>
#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QSet>
#include <QTimeZone>
#include <QUrlQuery>
#include <optional>

namespace Callbook {

class InMemoryCalcom {
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
        int status = 0; // what was answered (0: not answered)
    };
    struct Reply {
        int status = 200;
        QJsonObject body;
        QList<QPair<QByteArray, QByteArray>> headers;
        bool hang = false; // set by a transport's fault injection, never by answer()
    };

    // The valid API keys; requests with any other Bearer token get 401. Each key has its own
    // rate window.
    void setApiKey(const QByteArray &key) { m_apiKeys = {key}; }
    void addApiKey(const QByteArray &key) { m_apiKeys.insert(key); }
    void addEventType(const EventType &type) { m_eventTypes.insert(type.id, type); }
    // Working hours of the host, in `zone`, every day of the week (default 09:00–17:00).
    void setWorkingHours(const QTimeZone &zone, QTime open, QTime close);
    void setRateLimit(int perWindow, int windowMs);
    // A booking somebody else made (e.g. on Cal.com's own booking page).
    Booking addForeignBooking(qint64 eventTypeId, qint64 startMs, const QString &name,
                              const QJsonObject &metadata = {});

    // Routes one request as Cal.com would: authentication, throttling, the resource.
    Reply answer(Request &request);
    // What Cal.com answers when it fails with `status` (a 429 as when other clients of the
    // same key used it up).
    Reply failure(int status, const Request &request) const;
    static const char *reasonPhrase(int status);

    QList<Booking> bookings() const { return m_bookings; }
    std::optional<Booking> booking(const QString &uid) const;

    // A webhook body exactly as Cal.com sends it for `booking`, and its signature.
    QByteArray webhookBody(const QString &trigger, const Booking &booking) const;
    static QByteArray sign(const QByteArray &body, const QByteArray &secret);

    // The REST representation of a booking (BookingOutput_2024_08_13).
    QJsonObject bookingJson(const Booking &booking) const;

private:
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

    QSet<QByteArray> m_apiKeys = {QByteArrayLiteral("cal_test_fake")};
    QHash<qint64, EventType> m_eventTypes;
    QList<Booking> m_bookings;
    QTimeZone m_zone = QTimeZone("Europe/Berlin");
    QTime m_open{9, 0}, m_close{17, 0};
    int m_rateLimit = 120;
    int m_rateWindowMs = 60000;
    struct RateWindow {
        qint64 startMs = 0;
        int count = 0;
    };
    QHash<QByteArray, RateWindow> m_rateWindows; // per key (or per client without one)
    qint64 m_nextId = 1000;
};

} // namespace Callbook
