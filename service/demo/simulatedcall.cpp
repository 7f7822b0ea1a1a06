#include "simulatedcall.h"

#include <QDateTime>
#include <QJsonArray>
#include <QRandomGenerator>
#include <QTimer>

namespace Callbook {

namespace {

const QString kEventPath = QStringLiteral("/api/webhooks/retell");
const QString kFunctionPath = QStringLiteral("/api/webhooks/retell/function");

int chance(int percent) {
    return int(QRandomGenerator::global()->bounded(100)) < percent;
}

template<typename List> const auto &anyOf(const List &list) {
    return list.at(int(QRandomGenerator::global()->bounded(int(list.size()))));
}

// "2026-12-02T14:30:00+01:00" → date and time as the functions take them.
QString isoDate(const QString &iso) {
    return iso.left(10);
}
QString isoTime(const QString &iso) {
    return iso.mid(11, 5);
}

// The moment parse_date understood; when it was ambiguous ("next Wednesday" on a Tuesday) the
// caller settles for the first candidate the agent offers.
QString understoodStart(const RetellAnswer &a) {
    const QString start = a.json.value(QStringLiteral("start")).toString();
    if (!start.isEmpty())
        return start;
    return a.json.value(QStringLiteral("candidates")).toArray().first().toString();
}

bool understoodTime(const RetellAnswer &a) {
    return a.json.value(QStringLiteral("granularity")).toString() == QLatin1String("time");
}

} // namespace

QString toString(CallScenario scenario) {
    switch (scenario) {
    case CallScenario::Booking:
        return QStringLiteral("booking");
    case CallScenario::Reschedule:
        return QStringLiteral("reschedule");
    case CallScenario::Cancel:
        return QStringLiteral("cancel");
    case CallScenario::HangUp:
        return QStringLiteral("hang-up");
    case CallScenario::Callback:
        return QStringLiteral("callback");
    case CallScenario::Transfer:
        return QStringLiteral("transfer");
    case CallScenario::Question:
        return QStringLiteral("question");
    }
    return {};
}

SimulatedCall::SimulatedCall(CallPlan plan, RetellClient *client, QObject *parent)
    : QObject(parent)
    , m_plan(std::move(plan))
    , m_client(client) {
    m_outcome.callId = m_plan.callId;
    m_outcome.business = m_plan.business.slug;
    m_outcome.scenario = m_plan.scenario;
    m_outcome.caller = m_plan.caller;
    m_serviceIndex = int(QRandomGenerator::global()->bounded(int(m_plan.business.services.size())));
}

void SimulatedCall::start() {
    m_startMs = QDateTime::currentMSecsSinceEpoch();
    const QJsonObject inbound{
        {QStringLiteral("event"), QStringLiteral("call_inbound")},
        {QStringLiteral("call_inbound"),
         QJsonObject{{QStringLiteral("agent_id"), m_plan.business.agentId},
                     {QStringLiteral("agent_version"), 1},
                     {QStringLiteral("from_number"), m_plan.caller.phone},
                     {QStringLiteral("to_number"), m_plan.business.phoneNumber},
                     {QStringLiteral("call_id"), m_plan.callId}}}};
    m_client->post(kEventPath, inbound, this, [this](const RetellAnswer &) {
        event({{QStringLiteral("event"), QStringLiteral("call_started")},
               {QStringLiteral("call"), callObject(QStringLiteral("ongoing"))}},
              [this] { greet(); });
    });
}

QJsonObject SimulatedCall::callObject(const QString &status) const {
    return {{QStringLiteral("call_id"), m_plan.callId},
            {QStringLiteral("agent_id"), m_plan.business.agentId},
            {QStringLiteral("agent_version"), 1},
            {QStringLiteral("call_type"), QStringLiteral("phone_call")},
            {QStringLiteral("call_status"), status},
            {QStringLiteral("direction"), QStringLiteral("inbound")},
            {QStringLiteral("from_number"), m_plan.caller.phone},
            {QStringLiteral("to_number"), m_plan.business.phoneNumber},
            {QStringLiteral("start_timestamp"), double(m_startMs)}};
}

void SimulatedCall::after(std::function<void()> next) {
    const int pause = int(QRandomGenerator::global()->bounded(
        m_plan.pauseMinMs, qMax(m_plan.pauseMinMs + 1, m_plan.pauseMaxMs)));
    QTimer::singleShot(pause, this, std::move(next));
}

void SimulatedCall::event(const QJsonObject &body, std::function<void()> next) {
    after([this, body, next = std::move(next)] {
        // Retell would retry a failed delivery; the call goes on either way.
        m_client->post(kEventPath, body, this, [next](const RetellAnswer &) { next(); });
    });
}

void SimulatedCall::function(const QString &name, const QJsonObject &args, Next next) {
    after([this, name, args, next = std::move(next)] {
        const QJsonObject body{{QStringLiteral("name"), name},
                               {QStringLiteral("call"), callObject(QStringLiteral("ongoing"))},
                               {QStringLiteral("args"), args}};
        m_client->post(kFunctionPath, body, this, [this, name, next](const RetellAnswer &a) {
            ++m_outcome.functions;
            if (a.json.contains(QStringLiteral("callback_id")) ||
                a.json.value(QStringLiteral("callback_requested")).toBool())
                m_outcome.callbackNoted = true;
            const QString code = a.errorCode();
            if (code == QLatin1String("calendar_unavailable") ||
                code == QLatin1String("calendar_busy"))
                m_outcome.calendarDown = true;
            agentSays(a);
            Q_EMIT functionAnswered(name, a);
            next(a);
        });
    });
}

QString SimulatedCall::pick(const QString &german, const QString &english) const {
    return m_plan.business.locale == QLatin1String("de") ? german : english;
}

void SimulatedCall::agentSays(const RetellAnswer &answer) {
    const QString said = answer.json.value(QStringLiteral("message")).toString();
    if (!said.isEmpty())
        m_transcript << QStringLiteral("Agent: ") + said;
}

void SimulatedCall::userSays(const QString &german, const QString &english) {
    m_transcript << QStringLiteral("User: ") + pick(german, english);
}

// ---- the conversation ----------------------------------------------------------------------

void SimulatedCall::greet() {
    function(QStringLiteral("initialize_call"), {}, [this](const RetellAnswer &) {
        if (m_plan.scenario == CallScenario::HangUp)
            return hangUp();
        userSays(QStringLiteral("Hallo, hier ist %1.").arg(m_plan.caller.fullName()),
                 QStringLiteral("Hi, this is %1.").arg(m_plan.caller.fullName()));
        function(QStringLiteral("check_customer"),
                 {{QStringLiteral("name"), m_plan.caller.lastName}},
                 [this](const RetellAnswer &) { converse(); });
    });
}

void SimulatedCall::converse() {
    switch (m_plan.scenario) {
    case CallScenario::Booking:
        return book();
    case CallScenario::Reschedule:
        return reschedule();
    case CallScenario::Cancel:
        return cancel();
    case CallScenario::Callback:
        userSays(QStringLiteral("Ich habe eine Frage zu meiner Rechnung, rufen Sie mich zurück?"),
                 QStringLiteral("I have a question about my invoice, could someone call me back?"));
        return callback(pick(QStringLiteral("Frage zur Rechnung"),
                             QStringLiteral("Question about an invoice")));
    case CallScenario::Transfer:
        return transfer();
    case CallScenario::Question:
        return askQuestion();
    case CallScenario::HangUp:
        return hangUp();
    }
}

void SimulatedCall::book() {
    userSays(QStringLiteral("Ich hätte gern einen Termin für %1.").arg(service().name),
             QStringLiteral("I'd like to book a %1.").arg(service().name.toLower()));
    auto askForDate = [this] {
        const QString phrase = anyOf(m_plan.business.datePhrases);
        m_transcript << QStringLiteral("User: ") + phrase;
        function(QStringLiteral("parse_date"), {{QStringLiteral("text"), phrase}},
                 [this](const RetellAnswer &a) {
                     const QString start = understoodStart(a);
                     if (!start.isEmpty())
                         return checkTime(isoDate(start),
                                          understoodTime(a) ? isoTime(start) : QString());
                     function(QStringLiteral("find_next_available"),
                              {{QStringLiteral("service"), service().name}},
                              [this](const RetellAnswer &next) {
                                  const QString at =
                                      next.json.value(QStringLiteral("start")).toString();
                                  if (next.success() && !at.isEmpty())
                                      return hold(isoDate(at), isoTime(at));
                                  finish(QStringLiteral("user_hangup"));
                              });
                 });
    };
    if (chance(40))
        function(QStringLiteral("get_available_services"), {},
                 [askForDate](const RetellAnswer &) { askForDate(); });
    else
        askForDate();
}

void SimulatedCall::checkTime(const QString &date, const QString &time) {
    QJsonObject args{{QStringLiteral("service"), service().name}, {QStringLiteral("date"), date}};
    if (!time.isEmpty())
        args.insert(QStringLiteral("time"), time);
    function(QStringLiteral("check_availability"), args, [this, date, time](const RetellAnswer &a) {
        if (m_outcome.calendarDown) // the agent said a callback is noted
            return finish(QStringLiteral("user_hangup"));
        if (!time.isEmpty() && a.json.value(QStringLiteral("available")).toBool())
            return hold(date, time);
        QJsonArray offered = a.json.value(QStringLiteral("free_slots")).toArray();
        if (offered.isEmpty())
            offered = a.json.value(QStringLiteral("alternatives")).toArray();
        if (offered.isEmpty()) {
            userSays(QStringLiteral("Schade. Können Sie mich zurückrufen, wenn etwas frei wird?"),
                     QStringLiteral("Pity. Could you call me back when something frees up?"));
            return callback(
                pick(QStringLiteral("Kein freier Termin"), QStringLiteral("No free time")));
        }
        const QString chosen =
            offered.at(int(QRandomGenerator::global()->bounded(qMin(3, int(offered.size())))))
                .toString();
        userSays(QStringLiteral("Dann nehme ich %1 Uhr.").arg(isoTime(chosen)),
                 QStringLiteral("I'll take %1 then.").arg(isoTime(chosen)));
        hold(isoDate(chosen), isoTime(chosen));
    });
}

void SimulatedCall::hold(const QString &date, const QString &time) {
    function(QStringLiteral("start_booking"),
             {{QStringLiteral("service"), service().name},
              {QStringLiteral("date"), date},
              {QStringLiteral("time"), time},
              {QStringLiteral("customer_name"), m_plan.caller.fullName()}},
             [this](const RetellAnswer &a) {
                 const QString holdId = a.json.value(QStringLiteral("hold_id")).toString();
                 if (!a.success() || holdId.isEmpty())
                     return finish(QStringLiteral("user_hangup"));
                 userSays(QStringLiteral("Ja, genau so. Bitte buchen."),
                          QStringLiteral("Yes, that's right. Please book it."));
                 confirm(holdId);
             });
}

void SimulatedCall::confirm(const QString &holdId) {
    function(QStringLiteral("confirm_booking"), {{QStringLiteral("hold_id"), holdId}},
             [this](const RetellAnswer &a) {
                 m_outcome.booked = a.success();
                 finish(QStringLiteral("agent_hangup"));
             });
}

void SimulatedCall::reschedule() {
    userSays(QStringLiteral("Ich muss meinen Termin verschieben."),
             QStringLiteral("I need to move my appointment."));
    function(QStringLiteral("query_appointment"), {}, [this](const RetellAnswer &a) {
        const QJsonArray appointments = a.json.value(QStringLiteral("appointments")).toArray();
        if (appointments.isEmpty())
            return book(); // nothing to move: they book instead
        const double id =
            appointments.first().toObject().value(QStringLiteral("appointment_id")).toDouble();
        const QString phrase = anyOf(m_plan.business.datePhrases);
        m_transcript << QStringLiteral("User: ") + phrase;
        function(QStringLiteral("parse_date"), {{QStringLiteral("text"), phrase}},
                 [this, id](const RetellAnswer &parsed) {
                     const QString start = understoodStart(parsed);
                     if (start.isEmpty())
                         return finish(QStringLiteral("user_hangup"));
                     const bool withTime = understoodTime(parsed);
                     function(QStringLiteral("reschedule_appointment"),
                              {{QStringLiteral("appointment_id"), id},
                               {QStringLiteral("date"), isoDate(start)},
                               {QStringLiteral("time"),
                                withTime ? isoTime(start) : QStringLiteral("11:00")}},
                              [this](const RetellAnswer &moved) {
                                  m_outcome.rescheduled = moved.success();
                                  finish(QStringLiteral("agent_hangup"));
                              });
                 });
    });
}

void SimulatedCall::cancel() {
    userSays(QStringLiteral("Ich kann meinen Termin leider nicht wahrnehmen."),
             QStringLiteral("I'm afraid I can't make my appointment."));
    function(QStringLiteral("query_appointment"), {}, [this](const RetellAnswer &a) {
        const QJsonArray appointments = a.json.value(QStringLiteral("appointments")).toArray();
        if (appointments.isEmpty())
            return finish(QStringLiteral("user_hangup"));
        const double id =
            appointments.first().toObject().value(QStringLiteral("appointment_id")).toDouble();
        function(QStringLiteral("cancel_appointment"),
                 {{QStringLiteral("appointment_id"), id},
                  {QStringLiteral("reason"),
                   pick(QStringLiteral("Terminkollision"), QStringLiteral("Schedule conflict"))}},
                 [this](const RetellAnswer &cancelled) {
                     m_outcome.cancelled = cancelled.success();
                     finish(QStringLiteral("agent_hangup"));
                 });
    });
}

void SimulatedCall::callback(const QString &reason) {
    function(QStringLiteral("request_callback"),
             {{QStringLiteral("reason"), reason},
              {QStringLiteral("preferred_time"),
               pick(QStringLiteral("morgen Vormittag"), QStringLiteral("tomorrow morning"))},
              {QStringLiteral("name"), m_plan.caller.fullName()}},
             [this](const RetellAnswer &) { finish(QStringLiteral("agent_hangup")); });
}

void SimulatedCall::transfer() {
    userSays(QStringLiteral("Kann ich bitte mit jemandem persönlich sprechen?"),
             QStringLiteral("Can I speak to a person, please?"));
    function(QStringLiteral("transfer_to_staff"),
             {{QStringLiteral("reason"),
               pick(QStringLiteral("Reklamation"), QStringLiteral("Complaint about a repair"))}},
             [this](const RetellAnswer &a) {
                 if (a.json.value(QStringLiteral("transfer")).toBool())
                     return finish(QStringLiteral("call_transfer"));
                 userSays(QStringLiteral("Dann bitte ein Rückruf."),
                          QStringLiteral("A callback then, please."));
                 callback(pick(QStringLiteral("Möchte persönlich sprechen"),
                               QStringLiteral("Wants to talk to a person")));
             });
}

void SimulatedCall::askQuestion() {
    if (chance(50)) {
        userSays(QStringLiteral("Haben Sie morgen geöffnet?"),
                 QStringLiteral("Are you open tomorrow?"));
        function(
            QStringLiteral("get_opening_hours"),
            {{QStringLiteral("date"), pick(QStringLiteral("morgen"), QStringLiteral("tomorrow"))}},
            [this](const RetellAnswer &) { finish(QStringLiteral("user_hangup")); });
        return;
    }
    userSays(QStringLiteral("Was kostet %1?").arg(service().name),
             QStringLiteral("How much is a %1?").arg(service().name.toLower()));
    function(QStringLiteral("get_service_info"), {{QStringLiteral("service"), service().name}},
             [this](const RetellAnswer &) { finish(QStringLiteral("user_hangup")); });
}

void SimulatedCall::hangUp() {
    m_outcome.hungUp = true;
    if (chance(50))
        return finish(QStringLiteral("user_hangup"));
    userSays(QStringLiteral("Was bieten Sie denn an?"), QStringLiteral("What do you offer?"));
    function(QStringLiteral("get_available_services"), {},
             [this](const RetellAnswer &) { finish(QStringLiteral("user_hangup")); });
}

void SimulatedCall::finish(const QString &disconnectionReason) {
    const qint64 endMs = QDateTime::currentMSecsSinceEpoch();
    m_outcome.durationMs = endMs - m_startMs;
    const QString transcript = m_transcript.join(QLatin1Char('\n'));
    QJsonObject ended = callObject(QStringLiteral("ended"));
    ended.insert(QStringLiteral("end_timestamp"), double(endMs));
    ended.insert(QStringLiteral("duration_ms"), double(m_outcome.durationMs));
    ended.insert(QStringLiteral("disconnection_reason"), disconnectionReason);
    ended.insert(QStringLiteral("transcript"), transcript);
    // Retell bills about 7 ct a minute for voice and LLM together.
    ended.insert(QStringLiteral("call_cost"),
                 QJsonObject{{QStringLiteral("combined_cost"),
                              qRound(double(m_outcome.durationMs) / 60000.0 * 7.0 * 100) / 100.0}});
    const bool success = m_outcome.booked || m_outcome.rescheduled || m_outcome.cancelled ||
                         m_outcome.callbackNoted ||
                         disconnectionReason == QLatin1String("call_transfer");
    const QString who = m_plan.caller.fullName();
    QString summary;
    if (m_outcome.booked)
        summary = pick(QStringLiteral("%1 hat einen Termin für %2 gebucht."),
                       QStringLiteral("%1 booked a %2."))
                      .arg(who, service().name);
    else if (m_outcome.rescheduled)
        summary = pick(QStringLiteral("%1 hat den Termin verschoben."),
                       QStringLiteral("%1 moved their appointment."))
                      .arg(who);
    else if (m_outcome.cancelled)
        summary = pick(QStringLiteral("%1 hat den Termin abgesagt."),
                       QStringLiteral("%1 cancelled their appointment."))
                      .arg(who);
    else if (m_outcome.calendarDown)
        summary = pick(QStringLiteral("Kalender nicht erreichbar; Rückruf für %1 notiert."),
                       QStringLiteral("Calendar unreachable; callback noted for %1."))
                      .arg(who);
    else if (m_outcome.callbackNoted)
        summary = pick(QStringLiteral("%1 bittet um Rückruf."),
                       QStringLiteral("%1 asked for a callback."))
                      .arg(who);
    else if (m_outcome.hungUp)
        summary = pick(QStringLiteral("Anrufer hat früh aufgelegt."),
                       QStringLiteral("The caller hung up early."));
    else
        summary = pick(QStringLiteral("%1 hatte eine Frage."), QStringLiteral("%1 had a question."))
                      .arg(who);
    event(
        {{QStringLiteral("event"), QStringLiteral("call_ended")}, {QStringLiteral("call"), ended}},
        [this, ended, success, summary] {
            QJsonObject analyzed = ended;
            analyzed.insert(
                QStringLiteral("call_analysis"),
                QJsonObject{{QStringLiteral("call_successful"), success},
                            {QStringLiteral("call_summary"), summary},
                            {QStringLiteral("in_voicemail"), false},
                            {QStringLiteral("user_sentiment"),
                             m_outcome.calendarDown ? QStringLiteral("Negative")
                             : success              ? QStringLiteral("Positive")
                                                    : QStringLiteral("Neutral")},
                            {QStringLiteral("custom_analysis_data"),
                             QJsonObject{{QStringLiteral("first_name"), m_plan.caller.firstName},
                                         {QStringLiteral("last_name"), m_plan.caller.lastName}}}});
            event({{QStringLiteral("event"), QStringLiteral("call_analyzed")},
                   {QStringLiteral("call"), analyzed}},
                  [this] { Q_EMIT finished(m_outcome); });
        });
}

} // namespace Callbook
