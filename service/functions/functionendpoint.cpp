#include "functionendpoint.h"

#include "agentfunctions.h"
#include "calendar/calendars.h"
#include "core/logging.h"
#include "core/logmask.h"
#include "core/metrics.h"
#include "functiondata.h"
#include "functionrecorder.h"
#include "retell/retellkeys.h"
#include "retell/retellsignature.h"
#include "store/store.h"
#include "tenants/tenantdirectory.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QUrlQuery>

namespace Callbook {

using Status = QHttpServerResponder::StatusCode;

FunctionEndpoint::FunctionEndpoint(Store &store, Store &reads, Calendars &calendars,
                                   const TenantDirectory &directory, const RetellKeys &keys,
                                   InFlightTracker &inFlight, QObject *parent)
    : QObject(parent)
    , m_store(store)
    , m_calendars(calendars)
    , m_directory(directory)
    , m_keys(keys)
    , m_inFlight(inFlight)
    , m_functions(new AgentFunctions(store, reads, calendars, this))
    , m_recorder(new FunctionRecorder(store, 50, 500, this)) {}

void FunctionEndpoint::setStopping(bool stopping) {
    m_stopping = stopping;
    if (stopping)
        m_recorder->flush(); // queued before the store's final commit
}

static void answer(DeferredResponder &reply, const FunctionResult &r) {
    reply.sendRaw(r.toJsonBytes(), "application/json", Status(r.httpStatus));
}

// What the agent hears when the request itself is wrong (the code says what).
static FunctionResult requestProblem(int status, const QString &code, const QString &detail,
                                     const QString &locale = QStringLiteral("de")) {
    FunctionResult r = FunctionResult::failure(
        code,
        Speech(locale).pick("Da ist technisch etwas schiefgelaufen. Ich notiere Ihr Anliegen "
                            "gern für einen Rückruf.",
                            "Something went wrong on our side. I can note a callback for you."),
        status, {{QStringLiteral("detail"), detail}});
    return r;
}

void FunctionEndpoint::handle(const QString &pathName, const IncomingRequest &request,
                              DeferredResponder reply) {
    QElapsedTimer timer;
    timer.start();
    if (m_stopping)
        return answer(reply, requestProblem(503, QStringLiteral("shutting_down"),
                                            QStringLiteral("The service is shutting down.")));
    const QByteArray body = request.body();
    const qint64 nowMs = QDateTime::currentMSecsSinceEpoch();
    const bool signatureValid =
        verifyRetellSignatureAny(request.value("x-retell-signature"), body, m_keys.keys, nowMs) ==
        SignatureResult::Valid;
    // Signed requests come from Retell's few addresses and are limited per call; anything
    // unsigned is limited per source address as well.
    if (!signatureValid) {
        const QString source = request.remoteAddress().toString();
        if (!m_perSource.admit(source))
            return answer(reply,
                          requestProblem(429, QStringLiteral("rate_limited"),
                                         QStringLiteral("Too many requests from %1.").arg(source)));
    }
    const QUrl &url = request.url();
    const FunctionRequestParse parsed = parseFunctionRequest(
        body, pathName, QString::fromUtf8(request.value("x-retell-call-id")),
        url.hasQuery() ? QUrlQuery(url).queryItemValue(QStringLiteral("call_id")) : QString());
    if (!parsed.request)
        return answer(reply, requestProblem(signatureValid ? 400 : 401,
                                            signatureValid ? parsed.errorCode
                                                           : QStringLiteral("invalid_signature"),
                                            parsed.errorMessage));
    const FunctionRequest fr = *parsed.request;

    // The business: from the call object (the dialled number, the agent), else the call id.
    // The business's own number is the dialled one on inbound calls, the calling line on
    // outbound ones; the other one is the caller.
    const bool outbound = fr.call.direction == QLatin1String("outbound");
    const QString &ownNumber = outbound ? fr.call.fromNumber : fr.call.toNumber;
    const QString &callerNumber = outbound ? fr.call.toNumber : fr.call.fromNumber;
    std::optional<qint64> companyId;
    if (fr.callGiven) {
        if (const auto t = m_directory.resolve(ownNumber, fr.call.agentId))
            companyId = t->id;
    }
    if (!companyId)
        companyId = m_calls.companyOf(fr.callId);
    const TenantCalendar *tenant = companyId ? m_calendars.tenant(*companyId) : nullptr;
    if (!tenant) {
        if (!signatureValid)
            return answer(reply, requestProblem(401, QStringLiteral("invalid_signature"),
                                                QStringLiteral("Signature missing or wrong.")));
        return answer(reply, requestProblem(400, QStringLiteral("unknown_call"),
                                            QStringLiteral("Call %1 is unknown and the request "
                                                           "names no business (send Retell's "
                                                           "call object).")
                                                .arg(fr.callId)));
    }
    if (tenant->verifyFunctionSignatures && !signatureValid) {
        qCWarning(lcRetell).noquote() << "function call with a bad signature for" << tenant->slug;
        return answer(reply, requestProblem(401, QStringLiteral("invalid_signature"),
                                            QStringLiteral("Signature missing or wrong."),
                                            tenant->locale));
    }
    if (!m_perCall.admit(fr.callId)) {
        FunctionResult slow = FunctionResult::failure(
            QStringLiteral("rate_limited"),
            Speech(tenant->locale)
                .pick("Einen Moment bitte, das waren gerade sehr viele Anfragen.",
                      "One moment please, that was a lot of requests at once."),
            429);
        return answer(reply, slow);
    }

    // Built in place: a default TenantCalendar first would cost as much as the copy (its URL).
    const FunctionContext context{fr, *tenant, nowMs, callerNumber};
    const qint64 company = tenant->companyId;
    if (m_calls.remember(fr.callId, company) && fr.callGiven) {
        // First sight of this call: create it (queued before the function's own work).
        const CallFields call = fr.call;
        const QString callId = fr.callId;
        m_store.submit(
            company,
            [=](StoreSession &s) {
                FunctionData::ensureCall(s, company, callId, call, nowMs);
                return QVariant();
            },
            this, [](const StoreResult &) {});
    }
    InFlightTracker::Token token = m_inFlight.begin();
    const QJsonObject args = fr.args;
    const QString callId = fr.callId, name = fr.name;
    m_functions->run(context, [=, this](FunctionResult result) mutable {
        answer(reply, result);
        const qint64 durationUs = timer.nsecsElapsed() / 1000;
        record(company, callId, name, args, result, durationUs);
        token.reset();
    });
}

void FunctionEndpoint::record(qint64 companyId, const QString &callId, const QString &name,
                              const QJsonObject &args, const FunctionResult &result,
                              qint64 durationUs) {
    if (m_metrics) {
        Meters &meters = metersFor(name);
        const QString outcome = result.success ? QStringLiteral("ok") : result.code;
        auto calls = meters.calls.constFind(outcome);
        if (calls == meters.calls.constEnd())
            calls = meters.calls.insert(
                outcome, &m_metrics->counter(QStringLiteral("callbook_function_calls_total"),
                                             {{QStringLiteral("function"), meters.function},
                                              {QStringLiteral("outcome"), outcome}}));
        ++**calls;
        Metrics::observe(*meters.duration, double(durationUs) / 1e6);
    }
    FunctionData::FunctionCallRecord r;
    r.callId = callId;
    r.name = name;
    r.outcome = result.success ? QStringLiteral("ok") : result.code;
    r.args = args; // masked by the recorder, on the store thread
    r.result = resultSummary(result);
    r.durationUs = durationUs;
    r.cacheHit = result.cacheHit;
    r.upstreamMs = result.upstreamMs;
    if (m_events && m_events->wantsFunctionActivity())
        report(companyId, r, result);
    m_recorder->add(companyId, std::move(r));
    if (m_stopping)
        m_recorder->flush(); // the store stops once the last answer is out
}

// The few distinct outcomes repeat: each summary is built once and then shared (a short list
// searched in place, without building a key for every call).
QJsonObject FunctionEndpoint::resultSummary(const FunctionResult &result) {
    for (const Summary &s : m_summaries)
        if (s.httpStatus == result.httpStatus && s.success == result.success &&
            s.code == result.code)
            return s.json;
    m_summaries.push_back({result.code, result.httpStatus, result.success,
                           QJsonObject{{QStringLiteral("success"), result.success},
                                       {QStringLiteral("code"), result.code},
                                       {QStringLiteral("http_status"), result.httpStatus}}});
    return m_summaries.back().json;
}

FunctionEndpoint::Meters &FunctionEndpoint::metersFor(const QString &name) {
    auto it = m_meters.find(name);
    if (it != m_meters.end())
        return *it;
    // Unknown names are counted together: a caller cannot grow the label set.
    const QString function =
        AgentFunctions::names().contains(name) ? name : QStringLiteral("unknown");
    it = m_meters.find(function);
    if (it == m_meters.end())
        it = m_meters.insert(
            function, {function,
                       &m_metrics->histogram(QStringLiteral("callbook_function_duration_seconds"),
                                             {{QStringLiteral("function"), function}}),
                       {}});
    return *it;
}

void FunctionEndpoint::report(qint64 companyId, const FunctionData::FunctionCallRecord &r,
                              const FunctionResult &result) {
    FunctionActivity a;
    a.callId = r.callId;
    a.companyId = companyId;
    if (const auto t = m_directory.byId(companyId))
        a.companyName = t->name;
    a.name = r.name;
    a.outcome = r.outcome;
    a.durationUs = r.durationUs;
    a.cacheHit = r.cacheHit;
    a.upstreamMs = r.upstreamMs;
    a.atMs = QDateTime::currentMSecsSinceEpoch();
    a.argsMasked = QString::fromUtf8(FunctionData::maskedArgsJson(r.args));
    a.message = maskFreeText(result.message);
    a.booked = result.success && r.name == QLatin1String("confirm_booking");
    Q_EMIT m_events->functionCallFinished(a);
}

} // namespace Callbook
