#include "inmemorycalcom.h"

#include <QCryptographicHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QMessageAuthenticationCode>
#include <QUrl>
#include <QUuid>

namespace Callbook {

namespace {

constexpr char kSlotsVersion[] = "2024-09-04";
constexpr char kBookingsVersion[] = "2024-08-13";
constexpr char kEventTypesVersion[] = "2024-06-14";
const QString kTaken =
    QStringLiteral("User either already has booking at this time or is not available");

qint64 nowMs() {
    return QDateTime::currentMSecsSinceEpoch();
}

QString isoUtc(qint64 ms) {
    return QDateTime::fromMSecsSinceEpoch(ms, QTimeZone::utc()).toString(Qt::ISODateWithMs);
}

std::optional<qint64> parseTime(const QString &text, bool endOfDay = false) {
    if (text.size() == 10) { // a bare date: 00:00:00 for start, 23:59:59 for end (UTC)
        const QDate d = QDate::fromString(text, Qt::ISODate);
        if (!d.isValid())
            return std::nullopt;
        const QTime t = endOfDay ? QTime(23, 59, 59) : QTime(0, 0);
        return QDateTime(d, t, QTimeZone::utc()).toMSecsSinceEpoch();
    }
    const QDateTime dt = QDateTime::fromString(text, Qt::ISODateWithMs);
    if (!dt.isValid())
        return std::nullopt;
    return dt.toMSecsSinceEpoch();
}

QString exceptionFor(int status) {
    switch (status) {
    case 400:
        return QStringLiteral("BadRequestException");
    case 401:
        return QStringLiteral("UnauthorizedException");
    case 404:
        return QStringLiteral("NotFoundException");
    case 429:
        return QStringLiteral("ThrottlerException");
    default:
        return QStringLiteral("InternalServerErrorException");
    }
}

} // namespace

const char *InMemoryCalcom::reasonPhrase(int status) {
    switch (status) {
    case 200:
        return "OK";
    case 201:
        return "Created";
    case 400:
        return "Bad Request";
    case 401:
        return "Unauthorized";
    case 404:
        return "Not Found";
    case 429:
        return "Too Many Requests";
    case 500:
        return "Internal Server Error";
    case 502:
        return "Bad Gateway";
    case 503:
        return "Service Unavailable";
    default:
        return "Status";
    }
}

void InMemoryCalcom::setWorkingHours(const QTimeZone &zone, QTime open, QTime close) {
    m_zone = zone;
    m_open = open;
    m_close = close;
}

void InMemoryCalcom::setRateLimit(int perWindow, int windowMs) {
    m_rateLimit = perWindow;
    m_rateWindowMs = windowMs;
    m_rateWindows.clear();
}

InMemoryCalcom::Booking InMemoryCalcom::addForeignBooking(qint64 eventTypeId, qint64 startMs,
                                                          const QString &name,
                                                          const QJsonObject &metadata) {
    Booking b;
    b.id = ++m_nextId;
    b.uid = QUuid::createUuid().toString(QUuid::WithoutBraces);
    b.eventTypeId = eventTypeId;
    b.startMs = startMs;
    b.endMs = startMs + qint64(m_eventTypes.value(eventTypeId).lengthMin) * 60000;
    b.attendee = {{QStringLiteral("name"), name},
                  {QStringLiteral("email"), QStringLiteral("someone@example.org")},
                  {QStringLiteral("timeZone"), QString::fromUtf8(m_zone.id())}};
    b.metadata = metadata;
    m_bookings.append(b);
    return b;
}

std::optional<InMemoryCalcom::Booking> InMemoryCalcom::booking(const QString &uid) const {
    for (const Booking &b : m_bookings)
        if (b.uid == uid)
            return b;
    return std::nullopt;
}

InMemoryCalcom::Reply InMemoryCalcom::failure(int status, const Request &request) const {
    Reply reply = error(status, exceptionFor(status), QStringLiteral("injected failure"), request);
    if (status == 429) // as when other clients of the same key used it up
        reply.headers = {{"X-RateLimit-Limit-Default", QByteArray::number(m_rateLimit)},
                         {"X-RateLimit-Remaining-Default", "0"},
                         {"X-RateLimit-Reset-Default", "30"}};
    return reply;
}

InMemoryCalcom::Reply InMemoryCalcom::error(int status, const QString &code, const QString &message,
                                            const Request &request) const {
    Reply r;
    r.status = status;
    r.body = {{QStringLiteral("status"), QStringLiteral("error")},
              {QStringLiteral("timestamp"), isoUtc(nowMs())},
              {QStringLiteral("path"), request.path},
              {QStringLiteral("error"),
               QJsonObject{{QStringLiteral("code"), code}, {QStringLiteral("message"), message}}}};
    return r;
}

InMemoryCalcom::Reply InMemoryCalcom::answer(Request &request) {
    // Authentication: a wrong key is refused even where auth is optional.
    const QByteArray key =
        request.authorization.startsWith("Bearer ") ? request.authorization.mid(7) : QByteArray();
    const bool authenticated = m_apiKeys.contains(key);
    if (!request.authorization.isEmpty() && !authenticated)
        return error(401, QStringLiteral("UnauthorizedException"),
                     QStringLiteral("ApiAuthStrategy - api key - Your api key is not valid"),
                     request);

    // Throttling per key (per client without one), a fixed 60 s window as in Cal.com.
    const QByteArray tracker = authenticated ? key : QByteArrayLiteral("anonymous");
    RateWindow &window = m_rateWindows[tracker];
    const qint64 now = nowMs();
    if (window.count == 0 || now >= window.startMs + m_rateWindowMs)
        window = {now, 0};
    ++window.count;
    const qint64 resetS = (window.startMs + m_rateWindowMs - now + 999) / 1000;
    const QList<QPair<QByteArray, QByteArray>> rateHeaders = {
        {"X-RateLimit-Limit-Default", QByteArray::number(m_rateLimit)},
        {"X-RateLimit-Remaining-Default", QByteArray::number(qMax(0, m_rateLimit - window.count))},
        {"X-RateLimit-Reset-Default", QByteArray::number(resetS)}};
    Reply reply;
    if (window.count > m_rateLimit) {
        reply = error(429, QStringLiteral("ThrottlerException"),
                      QStringLiteral("CustomThrottlerGuard - Too many requests. Please try again "
                                     "later."),
                      request);
        reply.headers = rateHeaders;
        return reply;
    }

    const QStringList parts = request.path.split(QLatin1Char('/'), Qt::SkipEmptyParts);
    auto needs = [&](const char *version) -> std::optional<Reply> {
        // Cal.com would silently answer from a legacy controller; the fake refuses instead so
        // a wrong header cannot go unnoticed.
        if (request.apiVersion != version)
            return error(400, QStringLiteral("BadRequestException"),
                         QStringLiteral("fake Cal.com: %1 needs cal-api-version %2, got '%3'")
                             .arg(request.path, QString::fromLatin1(version),
                                  QString::fromLatin1(request.apiVersion)),
                         request);
        return std::nullopt;
    };
    if (parts.value(0) != QLatin1String("v2"))
        reply = error(
            404, QStringLiteral("NotFoundException"),
            QStringLiteral("Cannot %1 %2").arg(QString::fromLatin1(request.method), request.path),
            request);
    else if (parts.value(1) == QLatin1String("slots") && parts.size() == 2 &&
             request.method == "GET")
        reply = needs(kSlotsVersion).value_or(availableSlots(request));
    else if (parts.value(1) == QLatin1String("bookings")) {
        if (auto wrong = needs(kBookingsVersion))
            reply = *wrong;
        else if (parts.size() == 2 && request.method == "POST")
            reply = createBooking(request);
        else if (parts.size() == 2 && request.method == "GET")
            reply = authenticated ? listBookings(request)
                                  : error(401, QStringLiteral("UnauthorizedException"),
                                          QStringLiteral("No authentication method provided. "
                                                         "Either pass an API key as 'Bearer' "
                                                         "header or OAuth client credentials"),
                                          request);
        else if (parts.size() == 3 && request.method == "GET")
            reply = getBooking(request, parts[2]);
        else if (parts.size() == 4 && request.method == "POST" &&
                 parts[3] == QLatin1String("cancel"))
            reply = cancelBooking(request, parts[2]);
        else if (parts.size() == 4 && request.method == "POST" &&
                 parts[3] == QLatin1String("reschedule"))
            reply = rescheduleBooking(request, parts[2]);
        else
            reply = error(404, QStringLiteral("NotFoundException"),
                          QStringLiteral("Cannot %1 %2")
                              .arg(QString::fromLatin1(request.method), request.path),
                          request);
    } else if (parts.value(1) == QLatin1String("event-types") && parts.size() == 2 &&
               request.method == "GET")
        reply = needs(kEventTypesVersion).value_or(eventTypes(request));
    else
        reply = error(
            404, QStringLiteral("NotFoundException"),
            QStringLiteral("Cannot %1 %2").arg(QString::fromLatin1(request.method), request.path),
            request);
    reply.headers += rateHeaders;
    return reply;
}

// --- Resources ------------------------------------------------------------------------------

bool InMemoryCalcom::withinHours(qint64 startMs, qint64 endMs) const {
    const QDateTime start = QDateTime::fromMSecsSinceEpoch(startMs, m_zone);
    const QDateTime end = QDateTime::fromMSecsSinceEpoch(endMs, m_zone);
    return start.date() == end.date() && start.time() >= m_open && end.time() <= m_close;
}

bool InMemoryCalcom::slotFree(qint64 startMs, qint64 endMs, const QString &exceptUid) const {
    for (const Booking &b : m_bookings)
        if (b.status != QLatin1String("cancelled") && b.uid != exceptUid && b.startMs < endMs &&
            startMs < b.endMs)
            return false;
    return true;
}

InMemoryCalcom::Reply InMemoryCalcom::availableSlots(const Request &request) {
    const auto start = parseTime(request.query.queryItemValue(QStringLiteral("start")));
    const auto end = parseTime(request.query.queryItemValue(QStringLiteral("end")), true);
    if (!start || !end)
        return error(400, QStringLiteral("BadRequestException"),
                     QStringLiteral("start and end must be ISO dates"), request);
    const qint64 typeId = request.query.queryItemValue(QStringLiteral("eventTypeId")).toLongLong();
    if (!m_eventTypes.contains(typeId))
        return error(404, QStringLiteral("NotFoundException"),
                     QStringLiteral("Event type with id %1 not found.").arg(typeId), request);
    const QString zoneName = request.query.queryItemValue(QStringLiteral("timeZone"));
    const QTimeZone outZone = zoneName.isEmpty() ? QTimeZone::utc() : QTimeZone(zoneName.toUtf8());
    if (!outZone.isValid())
        return error(400, QStringLiteral("BadRequestException"),
                     QStringLiteral("Invalid time zone %1").arg(zoneName), request);
    const qint64 lengthMs = qint64(m_eventTypes.value(typeId).lengthMin) * 60000;
    QJsonObject days;
    const qint64 now = nowMs();
    for (QDate day = QDateTime::fromMSecsSinceEpoch(*start, m_zone).date();
         day <= QDateTime::fromMSecsSinceEpoch(*end, m_zone).date(); day = day.addDays(1)) {
        const qint64 close = QDateTime(day, m_close, m_zone).toMSecsSinceEpoch();
        for (qint64 s = QDateTime(day, m_open, m_zone).toMSecsSinceEpoch(); s + lengthMs <= close;
             s += lengthMs) {
            if (s < *start || s + lengthMs > *end || s < now || !slotFree(s, s + lengthMs))
                continue;
            const QDateTime local = QDateTime::fromMSecsSinceEpoch(s, outZone);
            const QString key = local.date().toString(Qt::ISODate);
            QJsonArray list = days.value(key).toArray();
            list.append(QJsonObject{{QStringLiteral("start"), local.toString(Qt::ISODateWithMs)}});
            days.insert(key, list);
        }
    }
    Reply r;
    r.body = {{QStringLiteral("status"), QStringLiteral("success")},
              {QStringLiteral("data"), days}};
    return r;
}

InMemoryCalcom::Reply InMemoryCalcom::createBooking(const Request &request) {
    const QJsonObject &in = request.body;
    const QJsonObject attendee = in.value(QStringLiteral("attendee")).toObject();
    QStringList problems;
    if (!in.value(QStringLiteral("start")).isString())
        problems << QStringLiteral("start must be a valid ISO 8601 date string");
    if (attendee.value(QStringLiteral("name")).toString().isEmpty())
        problems << QStringLiteral("attendee.name should not be empty");
    if (attendee.value(QStringLiteral("timeZone")).toString().isEmpty())
        problems << QStringLiteral("attendee.timeZone must be a valid IANA time zone");
    if (!problems.isEmpty())
        return error(400, QStringLiteral("BadRequestException"),
                     problems.join(QStringLiteral(", ")), request);
    if (attendee.value(QStringLiteral("email")).toString().isEmpty() &&
        attendee.value(QStringLiteral("phoneNumber")).toString().isEmpty())
        return error(400, QStringLiteral("BadRequestException"),
                     QStringLiteral("Attendee must have at least one contact method (email or "
                                    "phone number)"),
                     request);
    if (!in.value(QStringLiteral("eventTypeId")).isDouble())
        return error(400, QStringLiteral("BadRequestException"),
                     QStringLiteral("Either eventTypeId or eventTypeSlug + username or "
                                    "eventTypeSlug + teamSlug must be provided"),
                     request);
    const qint64 typeId = qint64(in.value(QStringLiteral("eventTypeId")).toDouble());
    if (!m_eventTypes.contains(typeId))
        return error(404, QStringLiteral("NotFoundException"),
                     QStringLiteral("Event type with id %1 not found.").arg(typeId), request);
    const QJsonObject metadata = in.value(QStringLiteral("metadata")).toObject();
    for (auto it = metadata.begin(); it != metadata.end(); ++it)
        if (it.key().size() > 40 || it.value().toString().size() > 500)
            return error(400, QStringLiteral("BadRequestException"),
                         QStringLiteral("metadata: keys at most 40 and values at most 500 "
                                        "characters"),
                         request);
    const auto start = parseTime(in.value(QStringLiteral("start")).toString());
    if (!start)
        return error(400, QStringLiteral("BadRequestException"),
                     QStringLiteral("start must be a valid ISO 8601 date string"), request);
    if (*start < nowMs())
        return error(400, QStringLiteral("BadRequestException"),
                     QStringLiteral("Attempting to book a meeting in the past."), request);
    Booking b;
    b.eventTypeId = typeId;
    b.startMs = *start;
    b.endMs = *start + qint64(m_eventTypes.value(typeId).lengthMin) * 60000;
    if (!withinHours(b.startMs, b.endMs) || !slotFree(b.startMs, b.endMs))
        return error(400, QStringLiteral("BadRequestException"), kTaken, request);
    b.id = ++m_nextId;
    b.uid = QUuid::createUuid().toString(QUuid::WithoutBraces);
    b.attendee = attendee;
    b.metadata = metadata;
    m_bookings.append(b);
    Reply r;
    r.status = 201;
    r.body = {{QStringLiteral("status"), QStringLiteral("success")},
              {QStringLiteral("data"), bookingJson(b)}};
    return r;
}

InMemoryCalcom::Reply InMemoryCalcom::cancelBooking(const Request &request, const QString &uid) {
    for (Booking &b : m_bookings) {
        if (b.uid != uid)
            continue;
        if (b.status == QLatin1String("cancelled"))
            return error(400, QStringLiteral("BadRequestException"),
                         QStringLiteral("This booking has already been cancelled."), request);
        // The key belongs to the host, so Cal.com insists on a reason.
        b.cancellationReason = request.body.value(QStringLiteral("cancellationReason")).toString();
        if (b.cancellationReason.isEmpty())
            return error(400, QStringLiteral("BadRequestException"),
                         QStringLiteral("Cancellation reason is required when you are the host"),
                         request);
        b.status = QStringLiteral("cancelled");
        Reply r;
        r.body = {{QStringLiteral("status"), QStringLiteral("success")},
                  {QStringLiteral("data"), bookingJson(b)}};
        return r;
    }
    return error(404, QStringLiteral("NotFoundException"),
                 QStringLiteral("Booking with uid=%1 was not found in the database").arg(uid),
                 request);
}

InMemoryCalcom::Reply InMemoryCalcom::rescheduleBooking(const Request &request,
                                                        const QString &uid) {
    const auto start = parseTime(request.body.value(QStringLiteral("start")).toString());
    if (!start)
        return error(400, QStringLiteral("BadRequestException"),
                     QStringLiteral("start must be a valid ISO 8601 date string"), request);
    for (qsizetype i = 0; i < m_bookings.size(); ++i) {
        if (m_bookings[i].uid != uid)
            continue;
        if (m_bookings[i].status == QLatin1String("cancelled"))
            return error(400, QStringLiteral("BadRequestException"),
                         QStringLiteral("Can't reschedule a cancelled booking"), request);
        Booking moved = m_bookings[i];
        moved.startMs = *start;
        moved.endMs = *start + (m_bookings[i].endMs - m_bookings[i].startMs);
        if (!withinHours(moved.startMs, moved.endMs) || !slotFree(moved.startMs, moved.endMs, uid))
            return error(400, QStringLiteral("BadRequestException"), kTaken, request);
        moved.id = ++m_nextId;
        moved.uid = QUuid::createUuid().toString(QUuid::WithoutBraces);
        moved.rescheduledFromUid = uid;
        m_bookings[i].status = QStringLiteral("cancelled");
        m_bookings[i].rescheduledToUid = moved.uid;
        m_bookings.append(moved);
        Reply r;
        r.status = 201;
        r.body = {{QStringLiteral("status"), QStringLiteral("success")},
                  {QStringLiteral("data"), bookingJson(moved)}};
        return r;
    }
    return error(404, QStringLiteral("NotFoundException"),
                 QStringLiteral("Booking with uid=%1 was not found in the database").arg(uid),
                 request);
}

InMemoryCalcom::Reply InMemoryCalcom::getBooking(const Request &request, const QString &uid) {
    if (const auto b = booking(uid)) {
        Reply r;
        r.body = {{QStringLiteral("status"), QStringLiteral("success")},
                  {QStringLiteral("data"), bookingJson(*b)}};
        return r;
    }
    return error(404, QStringLiteral("NotFoundException"),
                 QStringLiteral("Booking with uid=%1 was not found in the database").arg(uid),
                 request);
}

InMemoryCalcom::Reply InMemoryCalcom::listBookings(const Request &request) {
    const QString after = request.query.queryItemValue(QStringLiteral("afterStart"));
    const QString before = request.query.queryItemValue(QStringLiteral("beforeEnd"));
    const QString email = request.query.queryItemValue(QStringLiteral("attendeeEmail"));
    const int take = request.query.hasQueryItem(QStringLiteral("take"))
                         ? request.query.queryItemValue(QStringLiteral("take")).toInt()
                         : 100;
    QJsonArray data;
    for (const Booking &b : m_bookings) {
        if (!after.isEmpty() && b.startMs < parseTime(after).value_or(0))
            continue;
        if (!before.isEmpty() && b.endMs > parseTime(before).value_or(0))
            continue;
        if (!email.isEmpty() && b.attendee.value(QStringLiteral("email")).toString() != email)
            continue;
        if (data.size() < take)
            data.append(bookingJson(b));
    }
    Reply r;
    r.body = {
        {QStringLiteral("status"), QStringLiteral("success")},
        {QStringLiteral("data"), data},
        {QStringLiteral("pagination"), QJsonObject{{QStringLiteral("totalItems"), data.size()},
                                                   {QStringLiteral("itemsPerPage"), take},
                                                   {QStringLiteral("currentPage"), 1},
                                                   {QStringLiteral("hasNextPage"), false}}}};
    return r;
}

InMemoryCalcom::Reply InMemoryCalcom::eventTypes(const Request &request) {
    QJsonArray data;
    // At the contract's commit Cal.com answers [] without a username, even when authenticated.
    if (!request.query.queryItemValue(QStringLiteral("username")).isEmpty()) {
        for (const EventType &t : m_eventTypes)
            data.append(QJsonObject{{QStringLiteral("id"), double(t.id)},
                                    {QStringLiteral("slug"), t.slug},
                                    {QStringLiteral("title"), t.title},
                                    {QStringLiteral("lengthInMinutes"), t.lengthMin},
                                    {QStringLiteral("beforeEventBuffer"), 0},
                                    {QStringLiteral("afterEventBuffer"), 0},
                                    {QStringLiteral("hidden"), false}});
    }
    Reply r;
    r.body = {{QStringLiteral("status"), QStringLiteral("success")},
              {QStringLiteral("data"), data}};
    return r;
}

// --- Representations ------------------------------------------------------------------------

QJsonObject InMemoryCalcom::bookingJson(const Booking &b) const {
    const EventType type = m_eventTypes.value(b.eventTypeId);
    QJsonObject attendee = b.attendee;
    attendee.insert(QStringLiteral("absent"), false);
    if (!attendee.contains(QStringLiteral("language")))
        attendee.insert(QStringLiteral("language"), QStringLiteral("en"));
    QJsonObject o{
        {QStringLiteral("id"), double(b.id)},
        {QStringLiteral("uid"), b.uid},
        {QStringLiteral("title"), type.title},
        {QStringLiteral("status"), b.status},
        {QStringLiteral("start"), isoUtc(b.startMs)},
        {QStringLiteral("end"), isoUtc(b.endMs)},
        {QStringLiteral("duration"), int((b.endMs - b.startMs) / 60000)},
        {QStringLiteral("eventTypeId"), double(b.eventTypeId)},
        {QStringLiteral("eventType"), QJsonObject{{QStringLiteral("id"), double(b.eventTypeId)},
                                                  {QStringLiteral("slug"), type.slug}}},
        {QStringLiteral("hosts"),
         QJsonArray{QJsonObject{{QStringLiteral("id"), 1},
                                {QStringLiteral("name"), QStringLiteral("Mia")},
                                {QStringLiteral("email"), QStringLiteral("mia@example.org")},
                                {QStringLiteral("username"), QStringLiteral("mia")},
                                {QStringLiteral("timeZone"), QString::fromUtf8(m_zone.id())}}}},
        {QStringLiteral("attendees"), QJsonArray{attendee}},
        {QStringLiteral("metadata"), b.metadata},
        {QStringLiteral("location"), QStringLiteral("integrations:daily")},
        {QStringLiteral("createdAt"), isoUtc(nowMs())},
    };
    if (b.status == QLatin1String("cancelled") && !b.cancellationReason.isEmpty())
        o.insert(QStringLiteral("cancellationReason"), b.cancellationReason);
    if (!b.rescheduledFromUid.isEmpty())
        o.insert(QStringLiteral("rescheduledFromUid"), b.rescheduledFromUid);
    if (!b.rescheduledToUid.isEmpty())
        o.insert(QStringLiteral("rescheduledToUid"), b.rescheduledToUid);
    return o;
}

QByteArray InMemoryCalcom::webhookBody(const QString &trigger, const Booking &b) const {
    const EventType type = m_eventTypes.value(b.eventTypeId);
    QJsonObject attendee = b.attendee;
    attendee.insert(QStringLiteral("utcOffset"), 60);
    QJsonObject payload{
        {QStringLiteral("type"), type.slug},
        {QStringLiteral("title"), type.title},
        {QStringLiteral("startTime"),
         QDateTime::fromMSecsSinceEpoch(b.startMs, QTimeZone::utc()).toString(Qt::ISODate)},
        {QStringLiteral("endTime"),
         QDateTime::fromMSecsSinceEpoch(b.endMs, QTimeZone::utc()).toString(Qt::ISODate)},
        {QStringLiteral("organizer"),
         QJsonObject{{QStringLiteral("name"), QStringLiteral("Mia")},
                     {QStringLiteral("email"), QStringLiteral("mia@example.org")},
                     {QStringLiteral("timeZone"), QString::fromUtf8(m_zone.id())},
                     {QStringLiteral("utcOffset"), 60}}},
        {QStringLiteral("attendees"), QJsonArray{attendee}},
        {QStringLiteral("uid"), b.uid},
        {QStringLiteral("bookingId"), double(b.id)},
        {QStringLiteral("eventTypeId"), double(b.eventTypeId)},
        {QStringLiteral("length"), int((b.endMs - b.startMs) / 60000)},
        {QStringLiteral("status"), b.status.toUpper()},
        {QStringLiteral("metadata"), b.metadata},
        {QStringLiteral("responses"), QJsonObject{}},
    };
    if (trigger == QLatin1String("BOOKING_CANCELLED")) {
        payload.insert(QStringLiteral("status"), QStringLiteral("CANCELLED"));
        payload.insert(QStringLiteral("cancellationReason"), b.cancellationReason);
        payload.insert(QStringLiteral("cancelledBy"), QStringLiteral("mia@example.org"));
    }
    if (trigger == QLatin1String("BOOKING_RESCHEDULED") && !b.rescheduledFromUid.isEmpty()) {
        payload.insert(QStringLiteral("rescheduleUid"), b.rescheduledFromUid);
        if (const auto old = booking(b.rescheduledFromUid)) {
            payload.insert(QStringLiteral("rescheduleId"), double(old->id));
            payload.insert(QStringLiteral("rescheduleStartTime"), isoUtc(old->startMs));
            payload.insert(QStringLiteral("rescheduleEndTime"), isoUtc(old->endMs));
        }
        payload.insert(QStringLiteral("rescheduledBy"), QStringLiteral("mia@example.org"));
    }
    const QJsonObject body{{QStringLiteral("triggerEvent"), trigger},
                           {QStringLiteral("createdAt"), isoUtc(nowMs())},
                           {QStringLiteral("payload"), payload}};
    return QJsonDocument(body).toJson(QJsonDocument::Compact);
}

QByteArray InMemoryCalcom::sign(const QByteArray &body, const QByteArray &secret) {
    return QMessageAuthenticationCode::hash(body, secret, QCryptographicHash::Sha256).toHex();
}

} // namespace Callbook
