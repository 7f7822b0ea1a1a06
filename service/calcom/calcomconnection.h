#pragma once

#include "circuitbreaker.h"
#include "latencystats.h"
#include "ratebudget.h"

#include <QJsonObject>
#include <QObject>
#include <QUrl>
#include <QUrlQuery>
#include <functional>

class QNetworkAccessManager;

namespace Callbook {

struct CalcomRequest {
    QByteArray method = "GET";
    QString path; // starting with /v2
    QUrlQuery query;
    QByteArray apiVersion; // the resource's cal-api-version; empty for none
    QJsonObject body;      // sent for POST
    RateBudget::Priority priority = RateBudget::Priority::Read;
};

struct CalcomResponse {
    enum class Outcome {
        Answered,     // Cal.com answered (any HTTP status)
        Timeout,      // no connection in time, or no full answer in time
        NetworkError, // refused, reset, DNS, TLS
        BreakerOpen,  // not sent: Cal.com has been failing
        RateLimited,  // not sent: the request budget is used up
    };
    Outcome outcome = Outcome::Answered;
    int httpStatus = 0;
    QJsonObject json;
    QString errorCode;    // Cal.com's error.code, e.g. BadRequestException
    QString errorMessage; // Cal.com's error.message, or what went wrong locally
    qint64 elapsedMs = 0;

    bool isSuccess() const { return outcome == Outcome::Answered && httpStatus / 100 == 2; }
    QString describe() const;
};

// One Cal.com host and API key: its circuit breaker, request budget and latency figures are
// shared by every business that uses the same key. Fully asynchronous; lives on the service
// thread. Requests refused locally (breaker, budget) are answered before send() returns.
class CalcomConnection final : public QObject {
    Q_OBJECT
public:
    struct Timeouts {
        int connectMs = 2000;
        int totalMs = 4000;
    };

    CalcomConnection(QNetworkAccessManager *network, QUrl baseUrl, QByteArray apiKey,
                     Timeouts timeouts, Clock clock = steadyClock(), QObject *parent = nullptr);

    using Callback = std::function<void(const CalcomResponse &)>;
    void send(const CalcomRequest &request, Callback done);

    CircuitBreaker &breaker() { return m_breaker; }
    const CircuitBreaker &breaker() const { return m_breaker; }
    RateBudget &budget() { return m_budget; }
    const RateBudget &budget() const { return m_budget; }
    const LatencyStats &latency() const { return m_latency; }
    QUrl baseUrl() const { return m_baseUrl; }
    qint64 failures() const { return m_failures; }

Q_SIGNALS:
    void breakerStateChanged(CircuitBreaker::State state);

private:
    void finish(const CalcomResponse &response, const CircuitBreaker::Permit &permit,
                const Callback &done);

    QNetworkAccessManager *m_network;
    QUrl m_baseUrl;
    QByteArray m_authorization;
    Timeouts m_timeouts;
    Clock m_clock;
    CircuitBreaker m_breaker;
    RateBudget m_budget;
    LatencyStats m_latency;
    qint64 m_failures = 0;
};

} // namespace Callbook
