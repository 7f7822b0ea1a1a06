#pragma once

#include "commandline.h"
#include "demo/demoenvironment.h"

#include <QObject>
#include <QThread>
#include <memory>

class QTimer;

namespace Callbook {

class CallSimulator;
struct SimulatorStats;

// True when a window can be shown: DISPLAY, WAYLAND_DISPLAY or QT_QPA_PLATFORM is set.
bool demoHasDisplay();

// `callbook --demo`: the embedded environment (DemoEnvironment), then, once the service
// listens, the call simulator on a thread of its own; headless, a one-line summary every 10 s
// on stdout; with --demo-duration-s, durationElapsed() after that many seconds.
class DemoSession final : public QObject {
    Q_OBJECT
public:
    explicit DemoSession(const CommandLine &commandLine, QObject *parent = nullptr);
    ~DemoSession() override; // stops the simulator, then the demo Cal.com server

    bool prepare(QString *error); // before the service starts
    ServiceOptions serviceOptions() const { return m_environment.serviceOptions(); }
    void begin(quint16 servicePort, bool printSummaries);
    void stop(); // no more calls (before the service shuts down)

    static QString summaryLine(const SimulatorStats &stats);

Q_SIGNALS:
    void durationElapsed();

private:
    CommandLine m_commandLine;
    DemoEnvironment m_environment;
    QThread m_simulatorThread;
    CallSimulator *m_simulator = nullptr; // lives on m_simulatorThread
    QTimer *m_summary = nullptr;
};

} // namespace Callbook
