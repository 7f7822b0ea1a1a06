#pragma once

#include "callerbook.h"
#include "demobusinesses.h"
#include "retellclient.h"

#include <QObject>
#include <QStringList>

namespace Callbook {

enum class CallScenario { Booking, Reschedule, Cancel, HangUp, Callback, Transfer, Question };
QString toString(CallScenario scenario);

struct CallPlan {
    QString callId;
    DemoBusiness business;
    DemoCaller caller;
    CallScenario scenario = CallScenario::Booking;
    bool returning = false;
    int pauseMinMs = 300; // between two steps, as the conversation goes on
    int pauseMaxMs = 1200;
};

struct CallOutcome {
    QString callId;
    QString business; // slug
    CallScenario scenario = CallScenario::Booking;
    DemoCaller caller;
    bool booked = false;
    bool rescheduled = false;
    bool cancelled = false;
    bool callbackNoted = false;
    bool hungUp = false;
    bool calendarDown = false; // an answer said the calendar could not be reached
    int functions = 0;
    qint64 durationMs = 0;
};

// Plays one call the way Retell drives it: call_inbound, call_started, the agent's functions
// for the planned scenario (each after a short pause, following what the answers say), then
// call_ended and call_analyzed with a transcript and a summary. Asynchronous.
class SimulatedCall final : public QObject {
    Q_OBJECT
public:
    SimulatedCall(CallPlan plan, RetellClient *client, QObject *parent = nullptr);
    void start();

Q_SIGNALS:
    void functionAnswered(const QString &name, const Callbook::RetellAnswer &answer);
    void finished(const Callbook::CallOutcome &outcome);

private:
    using Next = std::function<void(const RetellAnswer &)>;
    void event(const QJsonObject &body, std::function<void()> next);
    void function(const QString &name, const QJsonObject &args, Next next);
    void after(std::function<void()> next);
    QJsonObject callObject(const QString &status) const;

    void greet();
    void converse();
    void book();
    void checkTime(const QString &date, const QString &time);
    void hold(const QString &date, const QString &time);
    void confirm(const QString &holdId);
    void reschedule();
    void cancel();
    void callback(const QString &reason);
    void transfer();
    void askQuestion();
    void hangUp();
    void finish(const QString &disconnectionReason);

    void agentSays(const RetellAnswer &answer);
    void userSays(const QString &german, const QString &english);
    QString pick(const QString &german, const QString &english) const;
    const DemoService &service() const { return m_plan.business.services.at(m_serviceIndex); }

    CallPlan m_plan;
    RetellClient *m_client;
    CallOutcome m_outcome;
    int m_serviceIndex = 0;
    qint64 m_startMs = 0;
    QStringList m_transcript;
};

} // namespace Callbook

Q_DECLARE_METATYPE(Callbook::CallOutcome)
