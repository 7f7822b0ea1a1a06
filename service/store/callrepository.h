#pragma once

#include "retell/callevent.h"
#include "tenants/tenantdirectory.h"

namespace Callbook {

class StoreSession;

struct RecordedEvent {
    bool isNew = false; // false: a redelivery, nothing changed
    // New, but the call id is another business's call: the delivery is kept, no call changed.
    bool callOfAnotherBusiness = false;
    bool callerKnown = false;
    QString callerFirstName;
};

// Calls and their webhook events. Runs inside store tasks.
namespace CallRepository {

// Stores one delivery and applies it to the call (created on first sight of any event).
RecordedEvent recordEvent(StoreSession &session, const TenantInfo &tenant, const CallEvent &event,
                          const QByteArray &rawBody, qint64 nowMs);

// Keeps a delivery whose business could not be resolved, so that nothing is lost.
bool recordUnrouted(StoreSession &session, const CallEvent &event, const QByteArray &rawBody,
                    qint64 nowMs);

QString dedupeKey(const CallEvent &event, const QByteArray &rawBody);

} // namespace CallRepository
} // namespace Callbook

Q_DECLARE_METATYPE(Callbook::RecordedEvent)
