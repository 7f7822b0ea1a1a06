#pragma once

#include "models/functionlatencystats.h"
#include "serviceevents.h"

#include <QJsonObject>
#include <QMainWindow>
#include <QPixmap>

class QLabel;
class QTabWidget;
class QTimer;

namespace Callbook {

class LiveCallsModel;
class CallbacksModel;
class LiveCallsPage;
class LatencyPage;
class HealthPage;
class ConversionPage;
class CallbacksPage;
class TenantsPage;
class SettingsPage;
class EventLoopLag;

// The operations console. Everything it shows arrives as signals from the service
// (ServiceEvents); everything it asks goes out as signals (ConsoleRequests). It never waits.
class MainWindow final : public QMainWindow {
    Q_OBJECT
public:
    MainWindow(ServiceEvents *events, ConsoleRequests *requests, quint16 port,
               QWidget *parent = nullptr);

    // What the window shows, in numbers (the GUI smoke test and benchmarks read it).
    QJsonObject report() const;
    LiveCallsModel *liveCalls() const { return m_liveCalls; }
    EventLoopLag *lag() const { return m_lag; }
    // Each page as a picture, by tab name (the smoke test keeps them as artifacts).
    QList<std::pair<QString, QPixmap>> grabPages();

private:
    void onFunction(const FunctionActivity &activity);
    void onHealth(const QList<CalcomHealthRow> &rows);
    void onTenants(const QList<TenantEntry> &tenants);
    void updateStatus();

    ConsoleRequests *m_requests;
    quint16 m_port;
    FunctionLatencyStats m_latency;
    LiveCallsModel *m_liveCalls;
    CallbacksModel *m_callbacks;
    QTabWidget *m_tabs;
    LiveCallsPage *m_livePage;
    LatencyPage *m_latencyPage;
    HealthPage *m_healthPage;
    ConversionPage *m_conversionPage;
    CallbacksPage *m_callbacksPage;
    TenantsPage *m_tenantsPage;
    SettingsPage *m_settingsPage;
    QLabel *m_status;
    QTimer *m_callbacksSoon;
    EventLoopLag *m_lag;
    bool m_databaseUp = true;
    int m_breakersOpen = 0;
    qint64 m_functionCalls = 0;
};

} // namespace Callbook
