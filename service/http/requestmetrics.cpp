#include "requestmetrics.h"

namespace Callbook {

HttpRequestMetrics::Route HttpRequestMetrics::routeOf(QByteArrayView target) {
    const qsizetype query = target.indexOf('?');
    const QByteArrayView path = query < 0 ? target : target.first(query);
    if (path.startsWith("/api/webhooks/retell/function"))
        return Route::Function;
    if (path == "/api/webhooks/retell")
        return Route::RetellWebhook;
    if (path == "/api/calcom/webhook")
        return Route::CalcomWebhook;
    if (path == "/api/health/calcom")
        return Route::HealthCalcom;
    if (path == "/api/health")
        return Route::Health;
    if (path == "/api/ping")
        return Route::Ping;
    if (path == "/metrics")
        return Route::Metrics;
    if (path.startsWith("/api/admin/"))
        return Route::Admin;
    return Route::Other;
}

const char *HttpRequestMetrics::label(Route route) {
    switch (route) {
    case Route::Function:
        return "/api/webhooks/retell/function";
    case Route::RetellWebhook:
        return "/api/webhooks/retell";
    case Route::CalcomWebhook:
        return "/api/calcom/webhook";
    case Route::HealthCalcom:
        return "/api/health/calcom";
    case Route::Health:
        return "/api/health";
    case Route::Ping:
        return "/api/ping";
    case Route::Metrics:
        return "/metrics";
    case Route::Admin:
        return "/api/admin";
    case Route::Other:
    case Route::Count:
        break;
    }
    return "other";
}

void HttpRequestMetrics::record(Route route, int status, double seconds) {
    if (status < 100 || status > 599 || route >= Route::Count)
        return;
    const int r = int(route);
    QMutexLocker lock(&m_mutex);
    ++m_counts[size_t(r)][size_t(status - 100)];
    Histogram &h = m_durations[size_t(r)];
    size_t bucket = 0;
    while (bucket < kBuckets.size() && seconds > kBuckets[bucket])
        ++bucket;
    ++h.counts[bucket];
    ++h.count;
    h.sum += seconds;
}

quint64 HttpRequestMetrics::count(Route route, int status) const {
    if (status < 100 || status > 599 || route >= Route::Count)
        return 0;
    QMutexLocker lock(&m_mutex);
    return m_counts[size_t(route)][size_t(status - 100)];
}

static QByteArray prometheusNumber(double v) {
    return QByteArray::number(v, 'g', 12);
}

QByteArray HttpRequestMetrics::render() const {
    QByteArray out;
    out.reserve(8192);
    QMutexLocker lock(&m_mutex);
    out += "# HELP callbook_http_requests_total HTTP requests answered, by route and status.\n"
           "# TYPE callbook_http_requests_total counter\n";
    for (int r = 0; r < kRoutes; ++r)
        for (int s = 0; s < 500; ++s)
            if (const quint64 n = m_counts[size_t(r)][size_t(s)])
                out += QByteArray("callbook_http_requests_total{route=\"") + label(Route(r)) +
                       "\",status=\"" + QByteArray::number(s + 100) + "\"} " +
                       QByteArray::number(n) + '\n';
    out += "# HELP callbook_http_request_duration_seconds Time from a request's headers to the "
           "start of its answer, by route.\n"
           "# TYPE callbook_http_request_duration_seconds histogram\n";
    for (int r = 0; r < kRoutes; ++r) {
        const Histogram &h = m_durations[size_t(r)];
        if (h.count == 0)
            continue;
        const QByteArray route = QByteArray("route=\"") + label(Route(r)) + '"';
        quint64 cumulative = 0;
        for (size_t b = 0; b < kBuckets.size(); ++b) {
            cumulative += h.counts[b];
            out += "callbook_http_request_duration_seconds_bucket{" + route + ",le=\"" +
                   prometheusNumber(kBuckets[b]) + "\"} " + QByteArray::number(cumulative) + '\n';
        }
        out += "callbook_http_request_duration_seconds_bucket{" + route + ",le=\"+Inf\"} " +
               QByteArray::number(h.count) + '\n';
        out += "callbook_http_request_duration_seconds_sum{" + route + "} " +
               prometheusNumber(h.sum) + '\n';
        out += "callbook_http_request_duration_seconds_count{" + route + "} " +
               QByteArray::number(h.count) + '\n';
    }
    return out;
}

} // namespace Callbook
