#include "calleventendpoint.h"

#include "core/logging.h"
#include "core/logmask.h"
#include "core/metrics.h"
#include "http/jsonreply.h"
#include "inboundvariables.h"
#include "retellkeys.h"
#include "retellsignature.h"
#include "serviceevents.h"
#include "store/callrepository.h"
#include "store/store.h"
#include "tenants/tenantdirectory.h"

#include <QDateTime>
#include <QHttpServerResponder>

namespace Callbook {

using Status = QHttpServerResponder::StatusCode;

CallEventEndpoint::CallEventEndpoint(Store &store, const TenantDirectory &directory,
                                     const RetellKeys &keys, InFlightTracker &inFlight,
                                     ServiceEvents &events, QObject *parent)
    : QObject(parent)
    , m_store(store)
    , m_directory(directory)
    , m_keys(keys)
    , m_inFlight(inFlight)
    , m_events(events) {}

static QJsonObject inboundAnswer(const QJsonObject &variables) {
    return QJsonObject{{QStringLiteral("call_inbound"),
                        QJsonObject{{QStringLiteral("dynamic_variables"), variables}}}};
}

void CallEventEndpoint::count(const QString &event, const char *outcome) {
    if (m_metrics)
        m_metrics->increment(
            QStringLiteral("callbook_webhook_events_total"),
            {{QStringLiteral("event"), event.isEmpty() ? QStringLiteral("unknown") : event},
             {QStringLiteral("outcome"), QString::fromLatin1(outcome)}});
}

void CallEventEndpoint::handle(const IncomingRequest &request, DeferredResponder reply) {
    if (m_stopping) {
        reply.sendError(Status::ServiceUnavailable, QStringLiteral("shutting_down"),
                        QStringLiteral("The service is shutting down; retry shortly."));
        return;
    }
    const QByteArray body = request.body();
    const qint64 nowMs = QDateTime::currentMSecsSinceEpoch();
    const SignatureResult signature =
        verifyRetellSignatureAny(request.value("x-retell-signature"), body, m_keys.keys, nowMs);
    if (signature != SignatureResult::Valid) {
        qCWarning(lcRetell) << "rejected call event:" << describe(signature);
        count({}, "invalid_signature");
        reply.sendError(Status::Unauthorized, QStringLiteral("invalid_signature"),
                        describe(signature));
        return;
    }
    const CallEventParseResult parsed = parseCallEvent(body);
    if (!parsed.event) {
        count({}, "invalid");
        reply.sendError(Status::BadRequest, parsed.errorCode, parsed.errorMessage);
        return;
    }
    const CallEvent event = *parsed.event;
    const std::optional<TenantInfo> tenant =
        m_directory.resolve(event.businessNumber(), event.agentId);
    InFlightTracker::Token token = m_inFlight.begin();

    if (!tenant) {
        qCWarning(lcRetell).noquote()
            << withContext({event.callId, QString(), QString()},
                           QStringLiteral("no business for number %1 / agent %2; kept as unrouted")
                               .arg(maskPhone(event.businessNumber()), event.agentId));
        m_store.submit(
            0,
            [event, body, nowMs](StoreSession &s) {
                return CallRepository::recordUnrouted(s, event, body, nowMs);
            },
            this,
            [this, reply, token, inbound = event.isInbound(),
             name = event.event](const StoreResult &r) mutable {
                count(name, r.ok() ? "unrouted" : "storage_unavailable");
                if (!r.ok()) {
                    reply.sendError(Status::ServiceUnavailable,
                                    QStringLiteral("storage_unavailable"),
                                    QStringLiteral("The event could not be stored; retry later."));
                    return;
                }
                reply.sendJson(inbound ? inboundAnswer({})
                                       : QJsonObject{{QStringLiteral("stored"), true}},
                               Status::Ok);
            });
        return;
    }

    const TenantInfo t = *tenant;
    if (event.isInbound() || event.event == QLatin1String("call_started"))
        Q_EMIT callStarting(t.id, event.direction == QLatin1String("outbound") ? event.toNumber
                                                                               : event.fromNumber);
    if (!event.callId.isEmpty())
        Q_EMIT callRouted(event.callId, t.id);
    m_store.submit(
        t.id,
        [t, event, body, nowMs](StoreSession &s) {
            return QVariant::fromValue(CallRepository::recordEvent(s, t, event, body, nowMs));
        },
        this,
        [this, reply, token, t, event, nowMs](const StoreResult &r) mutable {
            const LogContext context{event.callId, t.slug, QString()};
            if (!r.ok())
                count(event.event, r.status == StoreResult::Status::Unavailable
                                       ? "storage_unavailable"
                                       : "storage_failed");
            if (r.status == StoreResult::Status::Unavailable) {
                qCWarning(lcRetell).noquote()
                    << withContext(context, QStringLiteral("database unavailable: answering 503"));
                reply.sendError(Status::ServiceUnavailable, QStringLiteral("storage_unavailable"),
                                QStringLiteral("The event could not be stored; retry later."));
                return;
            }
            if (!r.ok()) {
                qCWarning(lcRetell).noquote()
                    << withContext(context, QStringLiteral("storing failed: ") + r.error);
                reply.sendError(Status::InternalServerError, QStringLiteral("storage_failed"),
                                QStringLiteral("The event could not be stored."));
                return;
            }
            const RecordedEvent recorded = r.value.value<RecordedEvent>();
            count(event.event, recorded.callOfAnotherBusiness ? "other_business"
                               : recorded.isNew               ? "stored"
                                                              : "duplicate");
            if (event.isInbound()) {
                reply.sendJson(inboundAnswer(inboundDynamicVariables(
                                   t, QDateTime::fromMSecsSinceEpoch(nowMs, Qt::UTC),
                                   recorded.callerKnown, recorded.callerFirstName)),
                               Status::Ok);
            } else {
                reply.sendJson(QJsonObject{{QStringLiteral("stored"), true},
                                           {QStringLiteral("duplicate"), !recorded.isNew}},
                               Status::Ok);
            }
            if (recorded.callOfAnotherBusiness) {
                // Misrouted or forged: kept for an admin to see, shown nowhere as a call.
                qCWarning(lcRetell).noquote() << withContext(
                    context, QStringLiteral("%1 kept, but the call id belongs to another "
                                            "business: no call changed")
                                 .arg(event.event));
            } else if (recorded.isNew) {
                qCDebug(lcRetell).noquote()
                    << withContext(context, QStringLiteral("stored ") + event.event);
                if (event.event == QLatin1String("call_analyzed"))
                    Q_EMIT customersChanged(t.id);
                Q_EMIT m_events.callEventStored(CallActivity{
                    event.callId, t.id, t.name, event.event, event.callStatus,
                    maskPhone(event.fromNumber), nowMs, event.durationMs.value_or(-1)});
            }
        });
}

} // namespace Callbook
