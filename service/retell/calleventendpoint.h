#pragma once

#include "http/incomingrequest.h"
#include "http/inflight.h"
#include "http/jsonreply.h"

#include <QObject>

namespace Callbook {

class Store;
class TenantDirectory;
class ServiceEvents;
class Metrics;
struct RetellKeys;

// POST /api/webhooks/retell: verify, parse, route to the business, persist, then answer.
// The answer (2xx) leaves only after the delivery is committed; a database that cannot take
// it gives 503 so that Retell retries.
class CallEventEndpoint final : public QObject {
    Q_OBJECT
public:
    CallEventEndpoint(Store &store, const TenantDirectory &directory, const RetellKeys &keys,
                      InFlightTracker &inFlight, ServiceEvents &events, QObject *parent = nullptr);

    void handle(const IncomingRequest &request, DeferredResponder reply);
    void setStopping(bool stopping) { m_stopping = stopping; }
    void setMetrics(Metrics *metrics) { m_metrics = metrics; }

Q_SIGNALS:
    // A verified call_inbound or call_started for a business: time to warm its calendar and
    // what we know about the caller (empty number: unknown).
    void callStarting(qint64 companyId, const QString &callerNumber);
    // A verified event of a call routed to a business.
    void callRouted(const QString &callId, qint64 companyId);
    // A stored event may have created or changed a customer (call_analyzed links the caller).
    void customersChanged(qint64 companyId);

private:
    void count(const QString &event, const char *outcome);

    Store &m_store;
    const TenantDirectory &m_directory;
    const RetellKeys &m_keys;
    InFlightTracker &m_inFlight;
    ServiceEvents &m_events;
    Metrics *m_metrics = nullptr;
    bool m_stopping = false;
};

} // namespace Callbook
