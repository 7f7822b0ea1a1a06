#include "demo.h"

#include "demo/callsimulator.h"

#include <QTimer>
#include <cstdio>

namespace Callbook {

bool demoHasDisplay() {
    return qEnvironmentVariableIsSet("DISPLAY") || qEnvironmentVariableIsSet("WAYLAND_DISPLAY") ||
           qEnvironmentVariableIsSet("QT_QPA_PLATFORM");
}

static void printLine(const QString &text) {
    std::fputs(qPrintable(text + QLatin1Char('\n')), stdout);
    std::fflush(stdout);
}

DemoSession::DemoSession(const CommandLine &commandLine, QObject *parent)
    : QObject(parent)
    , m_commandLine(commandLine) {
    m_simulatorThread.setObjectName(QStringLiteral("callbook-demo-calls"));
}

DemoSession::~DemoSession() {
    stop();
    if (m_simulator)
        QMetaObject::invokeMethod(
            m_simulator, [this] { delete m_simulator; }, Qt::BlockingQueuedConnection);
    m_simulatorThread.quit();
    m_simulatorThread.wait();
}

bool DemoSession::prepare(QString *error) {
    if (!m_environment.prepare(m_commandLine.dataDir, error))
        return false;
    printLine(QStringLiteral("callbook demo: data in %1").arg(m_environment.dataDir()));
    printLine(
        QStringLiteral("callbook demo: database sqlite://%1").arg(m_environment.databasePath()));
    return true;
}

void DemoSession::begin(quint16 servicePort, bool printSummaries) {
    SimulatorSettings settings;
    settings.callIntervalMs = m_commandLine.demo.callIntervalMs;
    settings.outageEverySeconds = m_commandLine.demo.outageEverySeconds;
    QUrl url;
    url.setScheme(QStringLiteral("http"));
    url.setHost(QStringLiteral("127.0.0.1"));
    url.setPort(servicePort);
    m_simulator = new CallSimulator(settings, url, m_environment.retellApiKey(),
                                    m_environment.businesses(), m_environment.calcom());
    m_simulator->moveToThread(&m_simulatorThread);
    m_simulatorThread.start();
    QMetaObject::invokeMethod(m_simulator, &CallSimulator::start, Qt::QueuedConnection);
    printLine(
        QStringLiteral("callbook demo: playing calls (a new one about every %1 ms, %2)")
            .arg(settings.callIntervalMs)
            .arg(
                settings.outageEverySeconds > 0
                    ? QStringLiteral("a Cal.com outage every %1 s").arg(settings.outageEverySeconds)
                    : QStringLiteral("no Cal.com outages")));
    if (printSummaries) {
        connect(m_simulator, &CallSimulator::outageChanged, this, [](bool down) {
            printLine(down
                          ? QStringLiteral("callbook demo: Cal.com outage begins (the demo Cal.com "
                                           "server answers 503)")
                          : QStringLiteral("callbook demo: Cal.com is back"));
        });
        connect(m_simulator, &CallSimulator::breakerStateChanged, this, [](const QString &state) {
            printLine(QStringLiteral("callbook demo: the workshop's Cal.com breaker is ") + state);
        });
        m_summary = new QTimer(this);
        connect(m_summary, &QTimer::timeout, this,
                [this] { printLine(summaryLine(m_simulator->stats())); });
        m_summary->start(10000);
    }
    if (m_commandLine.demo.durationSeconds > 0)
        QTimer::singleShot(m_commandLine.demo.durationSeconds * 1000, this,
                           &DemoSession::durationElapsed);
}

void DemoSession::stop() {
    if (m_summary)
        m_summary->stop();
    if (m_simulator)
        QMetaObject::invokeMethod(m_simulator, &CallSimulator::stop, Qt::BlockingQueuedConnection);
}

QString DemoSession::summaryLine(const SimulatorStats &s) {
    const QString conversion =
        s.callsEnded > 0 ? QString::number(qRound(100.0 * double(s.booked) / double(s.callsEnded)))
                         : QStringLiteral("0");
    const QString p95 =
        s.functionP95Ms < 0 ? QStringLiteral("-") : QString::number(s.functionP95Ms, 'f', 0);
    return QStringLiteral("callbook demo: %1 calls, %2 active, %3 booked, %4% conversion, "
                          "%5 callbacks, breaker %6%7, p95 %8 ms, %9 requests, %10 errors")
        .arg(s.callsStarted)
        .arg(s.active())
        .arg(s.booked)
        .arg(conversion)
        .arg(s.callbacks)
        .arg(s.breakerState.isEmpty() ? QStringLiteral("unknown") : s.breakerState)
        .arg(s.outage ? QStringLiteral(" (Cal.com down)") : QString())
        .arg(p95)
        .arg(s.requestsSent)
        .arg(s.errors);
}

} // namespace Callbook
