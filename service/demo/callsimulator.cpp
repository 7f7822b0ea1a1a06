#include "callsimulator.h"

#include "democalcomserver.h"
#include "retellclient.h"

#include <QJsonArray>
#include <QLoggingCategory>
#include <QRandomGenerator>
#include <QTimer>
#include <QUuid>
#include <algorithm>

Q_LOGGING_CATEGORY(lcDemo, "callbook.demo")

namespace Callbook {

namespace {

constexpr int kLatencyWindow = 500; // function calls the p95 is taken over
constexpr int kHealthPollMs = 2000;

int randomBetween(int low, int high) {
    return low + int(QRandomGenerator::global()->bounded(qMax(1, high - low + 1)));
}

} // namespace

CallSimulator::CallSimulator(const SimulatorSettings &settings, const QUrl &serviceUrl,
                             const QByteArray &retellKey, const QList<DemoBusiness> &businesses,
                             DemoCalcomServer *calcom, QObject *parent)
    : QObject(parent)
    , m_settings(settings)
    , m_serviceUrl(serviceUrl)
    , m_retellKey(retellKey)
    , m_businesses(businesses)
    , m_calcom(calcom) {
    qRegisterMetaType<Callbook::CallOutcome>();
}

CallSimulator::~CallSimulator() = default;

void CallSimulator::start() {
    m_running = true;
    {
        QMutexLocker lock(&m_mutex); // stats() reads the client's counters from other threads
        m_client = new RetellClient(m_serviceUrl, m_retellKey, this);
    }
    m_nextCall = new QTimer(this);
    m_nextCall->setSingleShot(true);
    connect(m_nextCall, &QTimer::timeout, this, [this] {
        startCall();
        scheduleNextCall();
    });
    m_nextCall->start(m_settings.firstCallMs);
    m_outage = new QTimer(this);
    m_outage->setSingleShot(true);
    connect(m_outage, &QTimer::timeout, this, [this] { setOutage(!m_stats.outage); });
    // The first outage comes early, so a first look at the console sees the breaker open
    // (after about half a minute of it) and close again (after the 60 s cool-down).
    if (m_settings.outageEverySeconds > 0 && m_calcom)
        m_outage->start(qMin(m_settings.outageEverySeconds, 45) * 1000);
    m_health = new QTimer(this);
    connect(m_health, &QTimer::timeout, this, &CallSimulator::pollHealth);
    m_health->start(kHealthPollMs);
    pollHealth();
}

void CallSimulator::stop() {
    m_running = false;
    if (m_nextCall)
        m_nextCall->stop();
    if (m_outage)
        m_outage->stop();
    if (m_health)
        m_health->stop();
    if (m_calcom)
        m_calcom->setOutage(false);
}

SimulatorStats CallSimulator::stats() const {
    QMutexLocker lock(&m_mutex);
    SimulatorStats s = m_stats;
    if (m_client) {
        s.requestsSent = m_client->requestsSent();
        s.errors = m_client->errors();
    }
    if (!m_latencies.isEmpty()) {
        QList<qint64> sorted = m_latencies;
        std::sort(sorted.begin(), sorted.end());
        s.functionP95Ms = double(sorted.at(qsizetype(double(sorted.size() - 1) * 0.95)));
    }
    return s;
}

void CallSimulator::scheduleNextCall() {
    if (!m_running)
        return;
    const int interval = m_settings.callIntervalMs;
    m_nextCall->start(randomBetween(interval / 2, interval + interval / 2));
}

void CallSimulator::startCall() {
    auto *call = new SimulatedCall(plan(), m_client, this);
    connect(call, &SimulatedCall::functionAnswered, this,
            [this](const QString &, const RetellAnswer &answer) { recordFunction(answer); });
    connect(call, &SimulatedCall::finished, this, [this, call](const CallOutcome &outcome) {
        played(outcome);
        call->deleteLater();
    });
    {
        QMutexLocker lock(&m_mutex);
        ++m_stats.callsStarted;
    }
    call->start();
}

CallPlan CallSimulator::plan() {
    CallPlan p;
    p.callId = QStringLiteral("call_demo_") + QUuid::createUuid().toString(QUuid::Id128).left(24);
    p.pauseMinMs = m_settings.pauseMinMs;
    p.pauseMaxMs = m_settings.pauseMaxMs;
    // During an outage most callers want the workshop, whose calendar is the one that is down.
    const auto calcomBusiness = std::find_if(m_businesses.cbegin(), m_businesses.cend(),
                                             [](const DemoBusiness &b) { return b.calcom; });
    if (m_stats.outage && calcomBusiness != m_businesses.cend() &&
        QRandomGenerator::global()->bounded(100) < 70)
        p.business = *calcomBusiness;
    else
        p.business =
            m_businesses.at(int(QRandomGenerator::global()->bounded(int(m_businesses.size()))));

    // Cal.com's answers are cached, so what reaches it during an outage is mostly the fresh
    // check of a booking: the workshop's callers then mostly want to book.
    const bool calcomDown = m_stats.outage && p.business.calcom;
    const int roll = calcomDown && QRandomGenerator::global()->bounded(100) < 80
                         ? 100
                         : int(QRandomGenerator::global()->bounded(100));
    const auto withAppointment = m_callers.callerWithAppointment(p.business.slug);
    if (roll < 12 && withAppointment)
        p.scenario = CallScenario::Reschedule;
    else if (roll < 20 && withAppointment)
        p.scenario = CallScenario::Cancel;
    else if (roll < 35)
        p.scenario = CallScenario::HangUp;
    else if (roll < 43)
        p.scenario = CallScenario::Callback;
    else if (roll < 50)
        p.scenario = CallScenario::Transfer;
    else if (roll < 57)
        p.scenario = CallScenario::Question;
    else
        p.scenario = CallScenario::Booking;

    if (p.scenario == CallScenario::Reschedule || p.scenario == CallScenario::Cancel) {
        p.caller = *withAppointment;
        p.returning = true;
    } else if (const auto again = m_callers.returningCaller(p.business.slug);
               again && QRandomGenerator::global()->bounded(100) < 25) {
        p.caller = *again;
        p.returning = true;
    } else {
        p.caller = m_callers.newCaller(p.business.locale);
    }
    return p;
}

void CallSimulator::played(const CallOutcome &outcome) {
    m_callers.noteCalled(outcome.business, outcome.caller);
    if (outcome.booked)
        m_callers.noteBooked(outcome.business, outcome.caller);
    if (outcome.cancelled)
        m_callers.noteNoAppointment(outcome.business, outcome.caller);
    {
        QMutexLocker lock(&m_mutex);
        ++m_stats.callsEnded;
        m_stats.booked += outcome.booked;
        m_stats.rescheduled += outcome.rescheduled;
        m_stats.cancelled += outcome.cancelled;
        m_stats.callbacks += outcome.callbackNoted;
        m_stats.hungUp += outcome.hungUp;
    }
    Q_EMIT callPlayed(outcome);
}

void CallSimulator::recordFunction(const RetellAnswer &answer) {
    QMutexLocker lock(&m_mutex);
    ++m_stats.functionCalls;
    if (m_latencies.size() < kLatencyWindow)
        m_latencies.append(answer.elapsedMs);
    else
        m_latencies[m_latencyNext] = answer.elapsedMs;
    m_latencyNext = (m_latencyNext + 1) % kLatencyWindow;
}

void CallSimulator::setOutage(bool down) {
    if (!m_running && down)
        return;
    m_calcom->setOutage(down);
    {
        QMutexLocker lock(&m_mutex);
        m_stats.outage = down;
    }
    qCInfo(lcDemo) << (down ? "Cal.com outage begins (the demo Cal.com server answers 503)"
                            : "Cal.com outage ends");
    Q_EMIT outageChanged(down);
    if (!m_running)
        return;
    const int every = m_settings.outageEverySeconds;
    const int length = m_settings.outageLengthSeconds;
    // The next outage starts `every` seconds after this one began, with at least 30 s of
    // normal service in between.
    m_outage->start(1000 * (down ? length : qMax(every - length, 30)));
}

void CallSimulator::pollHealth() {
    m_client->get(QStringLiteral("/api/health/calcom"), this, [this](const RetellAnswer &a) {
        if (!a.answered())
            return;
        QString state;
        for (const QJsonValue &tenant : a.json.value(QStringLiteral("tenants")).toArray())
            state = tenant.toObject()
                        .value(QStringLiteral("breaker"))
                        .toObject()
                        .value(QStringLiteral("state"))
                        .toString(state);
        {
            QMutexLocker lock(&m_mutex);
            if (state == m_stats.breakerState)
                return;
            m_stats.breakerState = state;
        }
        Q_EMIT breakerStateChanged(state);
    });
}

} // namespace Callbook
