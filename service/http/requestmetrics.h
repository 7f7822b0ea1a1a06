#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QMutex>
#include <array>

namespace Callbook {

// callbook_http_requests_total{route,status} and callbook_http_request_duration_seconds{route}
// for GET /metrics. Routes are a fixed set of path templates (never raw paths, so the label
// count stays bounded) and every update is array arithmetic under an uncontended lock, so any
// thread may record or render.
class HttpRequestMetrics {
public:
    enum class Route : quint8 {
        Function,
        RetellWebhook,
        CalcomWebhook,
        HealthCalcom,
        Health,
        Ping,
        Metrics,
        Admin,
        Other,
        Count
    };
    static constexpr int kRoutes = int(Route::Count);

    static Route routeOf(QByteArrayView target); // path, with or without a query
    static const char *label(Route route);

    // `status` 100–599 (anything else is ignored); `seconds` from the request's headers to the
    // start of its answer.
    void record(Route route, int status, double seconds);
    QByteArray render() const; // both families in Prometheus text format

    quint64 count(Route route, int status) const;

private:
    static constexpr std::array<double, 15> kBuckets = {
        0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 0.8, 1.0, 2.5, 5.0, 10.0};
    struct Histogram {
        std::array<quint64, kBuckets.size() + 1> counts{}; // per bucket, the last is +Inf
        quint64 count = 0;
        double sum = 0;
    };
    mutable QMutex m_mutex;
    std::array<std::array<quint64, 500>, kRoutes> m_counts{}; // [route][status - 100]
    std::array<Histogram, kRoutes> m_durations{};
};

} // namespace Callbook
