#include "calcomwebhookendpoint.h"

#include "calcomwebhook.h"
#include "calendar/calendars.h"
#include "core/logging.h"
#include "store/store.h"

#include <QDateTime>
#include <QUrlQuery>

namespace Callbook {

using Status = QHttpServerResponder::StatusCode;

CalcomWebhookEndpoint::CalcomWebhookEndpoint(Store &store, Calendars &calendars,
                                             InFlightTracker &inFlight, QObject *parent)
    : QObject(parent)
    , m_store(store)
    , m_calendars(calendars)
    , m_inFlight(inFlight) {}

void CalcomWebhookEndpoint::handle(const IncomingRequest &request, DeferredResponder reply) {
    const QByteArray body = request.body();
    const QByteArray signature = request.value("x-cal-signature-256").trimmed();
    const QString slug = QUrlQuery(request.url()).queryItemValue(QStringLiteral("company"));

    // The business is the one whose secret produced the signature (or the one named).
    const TenantCalendar *tenant = nullptr;
    bool named = false;
    for (qint64 id : m_calendars.companyIds()) {
        const TenantCalendar *candidate = m_calendars.tenant(id);
        if (!candidate->usesCalcom() || (!slug.isEmpty() && candidate->slug != slug))
            continue;
        named = !slug.isEmpty();
        const auto secret = m_calendars.webhookSecret(id);
        if (signature == CalcomWebhook::kUnsigned || signature.isEmpty()) {
            // Unsigned deliveries only for a named business that explicitly allows them and
            // has no secret to check.
            if (named && !secret && candidate->calcom.allowUnsignedWebhooks)
                tenant = candidate;
        } else if (secret && CalcomWebhook::verify(signature, body, *secret)) {
            tenant = candidate;
        }
        if (tenant)
            break;
    }
    if (!tenant) {
        const bool isUnsigned = signature.isEmpty() || signature == CalcomWebhook::kUnsigned;
        qCWarning(lcCalendar).noquote()
            << "rejected Cal.com webhook:"
            << (isUnsigned ? "unsigned" : "signature matches no business");
        reply.sendError(Status::Unauthorized,
                        isUnsigned ? QStringLiteral("unsigned_webhook")
                                   : QStringLiteral("invalid_signature"),
                        isUnsigned ? QStringLiteral("Unsigned Cal.com webhooks are not accepted; "
                                                    "set a webhook secret in Cal.com and Callbook.")
                                   : QStringLiteral("X-Cal-Signature-256 does not match the body "
                                                    "with any configured webhook secret."));
        return;
    }
    const CalcomWebhook::ParseResult parsed = CalcomWebhook::parse(body);
    if (!parsed.delivery) {
        reply.sendError(Status::BadRequest, parsed.errorCode, parsed.errorMessage);
        return;
    }
    const CalcomWebhook::Delivery delivery = *parsed.delivery;
    const TenantCalendar t = *tenant;
    const qint64 nowMs = QDateTime::currentMSecsSinceEpoch();
    auto applied = std::make_shared<CalcomWebhook::Applied>();
    InFlightTracker::Token token = m_inFlight.begin();
    m_store.submit(
        t.companyId,
        [t, delivery, body, nowMs, applied](StoreSession &s) {
            *applied = CalcomWebhook::apply(s, t, delivery, body, nowMs);
            return QVariant();
        },
        this,
        [this, reply, token, t, delivery, applied](const StoreResult &r) mutable {
            if (!r.ok()) {
                reply.sendError(r.status == StoreResult::Status::Unavailable
                                    ? Status::ServiceUnavailable
                                    : Status::InternalServerError,
                                QStringLiteral("storage_unavailable"),
                                QStringLiteral("The delivery could not be stored; retry later."));
                return;
            }
            // Whatever Cal.com reports may change availability, also for unknown triggers.
            if (!applied->duplicate)
                m_calendars.invalidate(t.companyId);
            if (applied->appointmentsChanged)
                Q_EMIT m_calendars.appointmentsChanged(t.companyId);
            qCDebug(lcCalendar).noquote() << "Cal.com" << delivery.trigger << "for" << t.slug
                                          << (applied->duplicate ? "(duplicate)" : "");
            reply.sendJson(QJsonObject{{QStringLiteral("stored"), true},
                                       {QStringLiteral("duplicate"), applied->duplicate},
                                       {QStringLiteral("trigger"), delivery.trigger}},
                           Status::Ok);
        });
}

} // namespace Callbook
