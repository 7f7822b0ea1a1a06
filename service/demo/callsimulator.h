#pragma once

#include "callerbook.h"
#include "demobusinesses.h"
#include "simulatedcall.h"

#include <QMutex>
#include <QObject>
#include <QUrl>

class QTimer;

namespace Callbook {

class DemoCalcomServer;
class RetellClient;

struct SimulatorSettings {
    int callIntervalMs = 4000;    // a new call about this often (±50 %)
    int firstCallMs = 300;        // so the console is alive at once
    int outageEverySeconds = 150; // a Cal.com outage starts this often (0: never)
    int outageLengthSeconds = 75; // longer than the breaker's 60 s, so its probe fails once
    int pauseMinMs = 300;         // between two steps of a call
    int pauseMaxMs = 1500;
};

// What the simulator has done so far; a copy, safe to read from any thread.
struct SimulatorStats {
    qint64 callsStarted = 0;
    qint64 callsEnded = 0;
    qint64 booked = 0;
    qint64 rescheduled = 0;
    qint64 cancelled = 0;
    qint64 callbacks = 0;
    qint64 hungUp = 0;
    qint64 requestsSent = 0;
    qint64 errors = 0; // no answer, or not 2xx
    qint64 functionCalls = 0;
    double functionP95Ms = -1; // of the latest function calls; -1 before the first
    QString breakerState;      // of the Cal.com business, from GET /api/health/calcom
    bool outage = false;
    qint64 active() const { return callsStarted - callsEnded; }
};

// Plays realistic calls against the running service through its real HTTP endpoints, signed
// as Retell signs them: a new call every few seconds, several at once, German callers for the
// salon and English ones for the workshop, repeat callers who move or cancel what they booked,
// callers who hang up early, and now and then a Cal.com outage (the demo Cal.com server
// answers 503) that opens the workshop's circuit breaker. Move it to a thread of its own, then
// call start() there; it never blocks.
class CallSimulator final : public QObject {
    Q_OBJECT
public:
    CallSimulator(const SimulatorSettings &settings, const QUrl &serviceUrl,
                  const QByteArray &retellKey, const QList<DemoBusiness> &businesses,
                  DemoCalcomServer *calcom, QObject *parent = nullptr);
    ~CallSimulator() override;

    void start();
    void stop(); // no new calls; the outage ends
    SimulatorStats stats() const;

Q_SIGNALS:
    void callPlayed(const Callbook::CallOutcome &outcome);
    void outageChanged(bool down);
    void breakerStateChanged(const QString &state);

private:
    void startCall();
    void scheduleNextCall();
    CallPlan plan();
    void played(const CallOutcome &outcome);
    void recordFunction(const RetellAnswer &answer);
    void setOutage(bool down);
    void pollHealth();

    SimulatorSettings m_settings;
    QUrl m_serviceUrl;
    QByteArray m_retellKey;
    QList<DemoBusiness> m_businesses;
    DemoCalcomServer *m_calcom;
    RetellClient *m_client = nullptr;
    QTimer *m_nextCall = nullptr;
    QTimer *m_outage = nullptr;
    QTimer *m_health = nullptr;
    CallerBook m_callers;
    bool m_running = false;

    mutable QMutex m_mutex; // guards what stats() reads
    SimulatorStats m_stats;
    QList<qint64> m_latencies; // ms, the latest function calls (a ring)
    qsizetype m_latencyNext = 0;
};

} // namespace Callbook
