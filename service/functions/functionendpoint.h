#pragma once

#include "callregistry.h"
#include "core/metrics.h"
#include "functiondata.h"
#include "http/incomingrequest.h"
#include "http/inflight.h"
#include "http/jsonreply.h"
#include "requestthrottle.h"
#include "serviceevents.h"

#include <QObject>
#include <vector>

namespace Callbook {

class Store;
class Calendars;
class TenantDirectory;
class AgentFunctions;
class FunctionRecorder;
struct RetellKeys;
struct FunctionResult;

// POST /api/webhooks/retell/function[/NAME]: Retell's custom-function calls. Verifies the
// signature (unless the business turned it off), throttles per call (and unsigned requests
// per source address),
// creates the call on first sight, runs the function and answers; the function call is recorded
// afterwards, without delaying the answer.
class FunctionEndpoint final : public QObject {
    Q_OBJECT
public:
    FunctionEndpoint(Store &store, Store &reads, Calendars &calendars,
                     const TenantDirectory &directory, const RetellKeys &keys,
                     InFlightTracker &inFlight, QObject *parent = nullptr);

    void handle(const QString &pathName, const IncomingRequest &request, DeferredResponder reply);
    void setStopping(bool stopping);
    void setMetrics(Metrics *metrics) { m_metrics = metrics; }
    // Function calls are reported there while somebody listens (the console).
    void setEvents(ServiceEvents *events) { m_events = events; }
    // Call events teach the endpoint which business a call belongs to.
    void rememberCall(const QString &callId, qint64 companyId) {
        m_calls.remember(callId, companyId);
    }

    static constexpr int kRequestsPerMinute = 100;

private:
    void record(qint64 companyId, const QString &callId, const QString &name,
                const QJsonObject &args, const FunctionResult &result, qint64 durationUs);
    void report(qint64 companyId, const FunctionData::FunctionCallRecord &record,
                const FunctionResult &result);
    // Where one function's calls and durations are counted, found once per name.
    struct Meters {
        QString function; // the label: the name, or "unknown"
        Metrics::Histogram *duration = nullptr;
        QHash<QString, double *> calls; // by outcome (a bounded set of codes)
    };
    Meters &metersFor(const QString &name);
    QJsonObject resultSummary(const FunctionResult &result);

    Store &m_store;
    Calendars &m_calendars;
    const TenantDirectory &m_directory;
    const RetellKeys &m_keys;
    InFlightTracker &m_inFlight;
    AgentFunctions *m_functions;
    FunctionRecorder *m_recorder;
    RequestThrottle m_perCall{kRequestsPerMinute, 60000};
    RequestThrottle m_perSource{kRequestsPerMinute, 60000};
    CallRegistry m_calls;
    Metrics *m_metrics = nullptr;
    QHash<QString, Meters> m_meters; // function names and "unknown" only
    struct Summary {
        QString code;
        int httpStatus;
        bool success;
        QJsonObject json;
    };
    std::vector<Summary> m_summaries; // by code and status: our own, small set
    ServiceEvents *m_events = nullptr;
    bool m_stopping = false;
};

} // namespace Callbook
