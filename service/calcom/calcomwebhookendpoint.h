#pragma once

#include "http/incomingrequest.h"
#include "http/inflight.h"
#include "http/jsonreply.h"

#include <QObject>

namespace Callbook {

class Store;
class Calendars;

// POST /api/calcom/webhook[?company=SLUG]: finds the business whose webhook secret signed
// the body, stores the delivery, syncs the appointments table and drops the business's
// cached availability. The 200 leaves only after the commit.
class CalcomWebhookEndpoint final : public QObject {
    Q_OBJECT
public:
    CalcomWebhookEndpoint(Store &store, Calendars &calendars, InFlightTracker &inFlight,
                          QObject *parent = nullptr);
    void handle(const IncomingRequest &request, DeferredResponder reply);

private:
    Store &m_store;
    Calendars &m_calendars;
    InFlightTracker &m_inFlight;
};

} // namespace Callbook
