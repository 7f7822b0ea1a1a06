#include "calcomconnection.h"

#include "core/logging.h"

#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QPointer>
#include <QTimer>
#include <memory>

namespace Callbook {

QString CalcomResponse::describe() const {
    switch (outcome) {
    case Outcome::Answered:
        return QStringLiteral("HTTP %1%2")
            .arg(httpStatus)
            .arg(errorMessage.isEmpty() ? QString() : QStringLiteral(": ") + errorMessage);
    case Outcome::Timeout:
        return QStringLiteral("timeout: ") + errorMessage;
    case Outcome::NetworkError:
        return QStringLiteral("network error: ") + errorMessage;
    case Outcome::BreakerOpen:
        return QStringLiteral("circuit breaker open");
    case Outcome::RateLimited:
        return QStringLiteral("request budget used up");
    }
    return {};
}

CalcomConnection::CalcomConnection(QNetworkAccessManager *network, QUrl baseUrl, QByteArray apiKey,
                                   Timeouts timeouts, Clock clock, QObject *parent)
    : QObject(parent)
    , m_network(network)
    , m_baseUrl(std::move(baseUrl))
    , m_authorization(apiKey.isEmpty() ? QByteArray() : "Bearer " + apiKey)
    , m_timeouts(timeouts)
    , m_clock(clock)
    , m_breaker({}, clock)
    , m_budget({}, clock) {}

static std::optional<int> headerInt(QNetworkReply *reply, const char *name) {
    const QByteArray value = reply->rawHeader(name);
    bool ok = false;
    const int n = value.trimmed().toInt(&ok);
    return ok ? std::optional<int>(n) : std::nullopt;
}

// Cal.com's error body: {"status":"error","error":{"code":"…","message":"…"}}
static void readError(CalcomResponse &r) {
    const QJsonObject error = r.json.value(QStringLiteral("error")).toObject();
    r.errorCode = error.value(QStringLiteral("code")).toString();
    r.errorMessage = error.value(QStringLiteral("message")).toString();
    if (r.errorMessage.isEmpty())
        r.errorMessage = r.json.value(QStringLiteral("message")).toString();
}

void CalcomConnection::send(const CalcomRequest &request, Callback done) {
    CalcomResponse refused;
    // An open breaker is the stronger reason; the half-open probe is only taken once the
    // budget allows a request, so a refusal never leaves the probe slot occupied.
    if (m_breaker.state() == CircuitBreaker::State::Open) {
        refused.outcome = CalcomResponse::Outcome::BreakerOpen;
        done(refused);
        return;
    }
    if (!m_budget.canAcquire(request.priority)) {
        refused.outcome = CalcomResponse::Outcome::RateLimited;
        done(refused);
        return;
    }
    const auto before = m_breaker.state();
    const std::optional<CircuitBreaker::Permit> permit = m_breaker.tryPass();
    if (before != m_breaker.state())
        Q_EMIT breakerStateChanged(m_breaker.state());
    if (!permit) {
        refused.outcome = CalcomResponse::Outcome::BreakerOpen;
        done(refused);
        return;
    }
    m_budget.tryAcquire(request.priority);

    QUrl url = m_baseUrl;
    QString basePath = url.path();
    if (basePath.endsWith(QLatin1Char('/')))
        basePath.chop(1);
    url.setPath(basePath + request.path);
    url.setQuery(request.query);
    QNetworkRequest http(url);
    http.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                      QNetworkRequest::ManualRedirectPolicy);
    http.setRawHeader("Accept", "application/json");
    if (!m_authorization.isEmpty())
        http.setRawHeader("Authorization", m_authorization);
    if (!request.apiVersion.isEmpty())
        http.setRawHeader("cal-api-version", request.apiVersion);
    QNetworkReply *reply = nullptr;
    if (request.method == "POST") {
        http.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
        reply = m_network->post(http, QJsonDocument(request.body).toJson(QJsonDocument::Compact));
    } else {
        reply = m_network->sendCustomRequest(http, request.method);
    }

    struct Pending {
        qint64 startedMs = 0;
        bool connected = false;
        bool timedOut = false;
        QString timeoutReason;
    };
    auto pending = std::make_shared<Pending>();
    pending->startedMs = m_clock();
    auto *timer = new QTimer(reply);
    timer->setSingleShot(true);
    // First the connect deadline; once the request is on the wire, the rest of the total.
    timer->start(qMin(m_timeouts.connectMs, m_timeouts.totalMs));
    connect(reply, &QNetworkReply::requestSent, timer, [this, timer, pending] {
        pending->connected = true;
        const qint64 left = m_timeouts.totalMs - (m_clock() - pending->startedMs);
        timer->start(int(qMax<qint64>(1, left)));
    });
    connect(timer, &QTimer::timeout, reply, [reply, pending, this] {
        pending->timedOut = true;
        pending->timeoutReason =
            pending->connected
                ? QStringLiteral("no answer within %1 ms").arg(m_timeouts.totalMs)
                : QStringLiteral("no connection within %1 ms").arg(m_timeouts.connectMs);
        reply->abort();
    });
    const CircuitBreaker::Permit granted = *permit;
    connect(reply, &QNetworkReply::finished, this, [this, reply, pending, granted, done] {
        reply->deleteLater();
        CalcomResponse r;
        r.elapsedMs = m_clock() - pending->startedMs;
        if (pending->timedOut) {
            r.outcome = CalcomResponse::Outcome::Timeout;
            r.errorMessage = pending->timeoutReason;
        } else {
            r.httpStatus = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
            if (r.httpStatus == 0) {
                r.outcome = CalcomResponse::Outcome::NetworkError;
                r.errorMessage = reply->errorString();
            } else {
                r.json = QJsonDocument::fromJson(reply->readAll()).object();
                if (r.httpStatus / 100 != 2)
                    readError(r);
                m_budget.observe(r.httpStatus, headerInt(reply, "X-RateLimit-Remaining-Default"),
                                 headerInt(reply, "X-RateLimit-Reset-Default"));
            }
        }
        finish(r, granted, done);
    });
}

void CalcomConnection::finish(const CalcomResponse &r, const CircuitBreaker::Permit &permit,
                              const Callback &done) {
    const auto before = m_breaker.state();
    const bool upstreamFailed = r.outcome != CalcomResponse::Outcome::Answered ||
                                r.httpStatus >= 500 || r.httpStatus == 429;
    if (upstreamFailed) {
        ++m_failures;
        m_breaker.recordFailure(permit, r.describe());
        qCWarning(lcCalendar).noquote()
            << "Cal.com" << m_baseUrl.host() << "failed:" << r.describe() << "after" << r.elapsedMs
            << "ms";
    } else {
        m_breaker.recordSuccess(permit);
    }
    if (r.outcome != CalcomResponse::Outcome::Timeout)
        m_latency.add(r.elapsedMs);
    else
        m_latency.add(m_timeouts.totalMs);
    if (before != m_breaker.state())
        Q_EMIT breakerStateChanged(m_breaker.state());
    done(r);
}

} // namespace Callbook
