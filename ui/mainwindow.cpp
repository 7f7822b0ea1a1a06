#include "mainwindow.h"

#include "eventlooplag.h"
#include "models/callbacksmodel.h"
#include "models/livecallsmodel.h"
#include "pages/callbackspage.h"
#include "pages/conversionpage.h"
#include "pages/healthpage.h"
#include "pages/latencypage.h"
#include "pages/livecallspage.h"
#include "pages/settingspage.h"
#include "pages/tenantspage.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QLabel>
#include <QStatusBar>
#include <QTabWidget>
#include <QTableView>
#include <QTableWidget>
#include <QTimer>

namespace Callbook {

MainWindow::MainWindow(ServiceEvents *events, ConsoleRequests *requests, quint16 port,
                       QWidget *parent)
    : QMainWindow(parent)
    , m_requests(requests)
    , m_port(port) {
    setWindowTitle(tr("Callbook console"));
    m_liveCalls = new LiveCallsModel(this);
    m_callbacks = new CallbacksModel(this);
    m_tabs = new QTabWidget(this);
    m_tabs->setDocumentMode(true);
    m_livePage = new LiveCallsPage(m_liveCalls, requests, m_tabs);
    m_latencyPage = new LatencyPage(&m_latency, m_tabs);
    m_healthPage = new HealthPage(requests, m_tabs);
    m_conversionPage = new ConversionPage(requests, m_tabs);
    m_callbacksPage = new CallbacksPage(m_callbacks, requests, m_tabs);
    m_tenantsPage = new TenantsPage(requests, m_tabs);
    m_settingsPage = new SettingsPage(requests, m_tabs);
    const std::pair<QWidget *, const char *> names[] = {
        {m_livePage, "live"},           {m_latencyPage, "latency"},
        {m_healthPage, "health"},       {m_conversionPage, "conversion"},
        {m_callbacksPage, "callbacks"}, {m_tenantsPage, "businesses"},
        {m_settingsPage, "settings"}};
    for (const auto &[page, name] : names)
        page->setObjectName(QLatin1String(name));
    m_tabs->addTab(m_livePage, tr("&Live calls"));
    m_tabs->addTab(m_latencyPage, tr("&Function latency"));
    m_tabs->addTab(m_healthPage, tr("Cal.com &health"));
    m_tabs->addTab(m_conversionPage, tr("&Conversion"));
    m_tabs->addTab(m_callbacksPage, tr("Call&backs"));
    m_tabs->addTab(m_tenantsPage, tr("B&usinesses"));
    m_tabs->addTab(m_settingsPage, tr("&Settings"));
    m_tabs->setTabToolTip(0, tr("Calls in progress and recent calls, with each call's timeline"));
    m_tabs->setTabToolTip(1, tr("p50/p95 per function and a latency histogram"));
    m_tabs->setTabToolTip(2, tr("Circuit breaker, cache and rate budget per Cal.com business"));
    m_tabs->setTabToolTip(3, tr("Calls, bookings and conversion per day"));
    m_tabs->setTabToolTip(4, tr("Callers waiting to be called back"));
    m_tabs->setTabToolTip(5, tr("Numbers, services, business hours and closures"));
    m_tabs->setTabToolTip(6, tr("Listen address, database, secrets, language"));
    setCentralWidget(m_tabs);
    m_status = new QLabel(this);
    statusBar()->addWidget(m_status, 1);
    m_lag = new EventLoopLag(20, this);

    connect(events, &ServiceEvents::callEventStored, this, [this](const CallActivity &a) {
        m_liveCalls->apply(a);
        m_livePage->noteActivity(a.callId);
        if (a.event == QLatin1String("call_analyzed") || a.event == QLatin1String("call_ended"))
            updateStatus();
    });
    connect(events, &ServiceEvents::functionCallFinished, this, &MainWindow::onFunction);
    connect(events, &ServiceEvents::calcomHealthUpdated, this, &MainWindow::onHealth);
    connect(events, &ServiceEvents::databaseAvailabilityChanged, this, [this](bool up) {
        m_databaseUp = up;
        updateStatus();
    });
    connect(events, &ServiceEvents::recentCallsReady, m_liveCalls, &LiveCallsModel::seed);
    connect(events, &ServiceEvents::timelineReady, m_livePage, &LiveCallsPage::showTimeline);
    connect(events, &ServiceEvents::statsReady, m_conversionPage, &ConversionPage::show);
    connect(events, &ServiceEvents::callbacksReady, m_callbacks, &CallbacksModel::setItems);
    connect(events, &ServiceEvents::tenantsReady, this, &MainWindow::onTenants);
    connect(events, &ServiceEvents::tenantSaved, m_tenantsPage, &TenantsPage::showSaveResult);
    connect(events, &ServiceEvents::breakerReset, m_healthPage,
            [this](qint64, bool ok, const QString &message) {
                m_healthPage->showResetResult(ok, message);
            });
    connect(events, &ServiceEvents::secretDone, m_settingsPage, &SettingsPage::showSecretResult);

    // Once a second: durations of calls in progress, the charts, overdue callbacks.
    auto *tick = new QTimer(this);
    tick->setInterval(1000);
    connect(tick, &QTimer::timeout, this, [this] {
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        m_liveCalls->tick(now);
        m_latencyPage->refresh(now);
        m_callbacks->setNow(now);
        m_callbacksPage->updateSummary();
        updateStatus();
    });
    tick->start();
    // A callback request may have been written: read the queue again, at most once a second.
    m_callbacksSoon = new QTimer(this);
    m_callbacksSoon->setSingleShot(true);
    m_callbacksSoon->setInterval(1000);
    connect(m_callbacksSoon, &QTimer::timeout, requests, &ConsoleRequests::callbacks);
    auto *slow = new QTimer(this);
    slow->setInterval(20000);
    connect(slow, &QTimer::timeout, this, [this] {
        Q_EMIT m_requests->callbacks();
        m_conversionPage->requestStats();
    });
    slow->start();
    connect(m_tabs, &QTabWidget::currentChanged, this, [this] {
        if (m_tabs->currentWidget() == m_conversionPage)
            m_conversionPage->requestStats();
    });

    Q_EMIT requests->recentCalls(200);
    Q_EMIT requests->callbacks();
    Q_EMIT requests->tenants();
    m_conversionPage->requestStats();
    updateStatus();
    resize(1180, 760);
}

void MainWindow::onFunction(const FunctionActivity &a) {
    ++m_functionCalls;
    m_latency.add(a.name, a.durationUs, a.atMs);
    m_liveCalls->apply(a);
    m_livePage->noteActivity(a.callId);
    if ((a.name == QLatin1String("request_callback") ||
         a.outcome == QLatin1String("calendar_unavailable")) &&
        !m_callbacksSoon->isActive())
        m_callbacksSoon->start();
}

void MainWindow::onHealth(const QList<CalcomHealthRow> &rows) {
    m_healthPage->show(rows);
    m_breakersOpen = 0;
    for (const CalcomHealthRow &r : rows)
        m_breakersOpen += r.state == QLatin1String("open");
}

void MainWindow::onTenants(const QList<TenantEntry> &tenants) {
    m_tenantsPage->show(tenants);
    m_conversionPage->setBusinesses(tenants);
    QStringList secretNames;
    for (const TenantEntry &t : tenants) {
        const QJsonObject calendar = QJsonDocument::fromJson(t.configJson)
                                         .object()
                                         .value(QStringLiteral("calendar"))
                                         .toObject();
        for (const char *key : {"api_key_secret", "webhook_secret_secret"}) {
            const QString name = calendar.value(QLatin1String(key)).toString();
            if (!name.isEmpty())
                secretNames << name;
        }
    }
    m_settingsPage->setSecretNames(secretNames);
}

void MainWindow::updateStatus() {
    QStringList parts;
    parts << (m_databaseUp ? tr("Listening on port %1").arg(m_port) : tr("Database unavailable"));
    parts << tr("%n call(s) in progress", nullptr, m_liveCalls->inProgress());
    parts << tr("%n open callback(s)", nullptr, m_callbacks->openCount());
    if (m_breakersOpen)
        parts << tr("%n Cal.com breaker(s) open", nullptr, m_breakersOpen);
    m_status->setText(parts.join(QStringLiteral("  ·  ")));
}

QList<std::pair<QString, QPixmap>> MainWindow::grabPages() {
    QList<std::pair<QString, QPixmap>> pages;
    const int current = m_tabs->currentIndex();
    for (int i = 0; i < m_tabs->count(); ++i) {
        m_tabs->setCurrentIndex(i);
        pages.append({m_tabs->widget(i)->objectName(), grab()});
    }
    m_tabs->setCurrentIndex(current);
    return pages;
}

QJsonObject MainWindow::report() const {
    return QJsonObject{
        {QStringLiteral("live_calls_rows"), m_liveCalls->rowCount()},
        {QStringLiteral("calls_in_progress"), m_liveCalls->inProgress()},
        {QStringLiteral("function_calls_seen"), double(m_functionCalls)},
        {QStringLiteral("latency_chart_points"), m_latencyPage->percentilePoints()},
        {QStringLiteral("histogram_chart_points"), m_latencyPage->histogramPoints()},
        {QStringLiteral("conversion_chart_points"), m_conversionPage->chartPoints()},
        {QStringLiteral("health_rows"), m_healthPage->table()->rowCount()},
        {QStringLiteral("breakers_open"), m_breakersOpen},
        {QStringLiteral("callbacks_rows"), m_callbacks->rowCount()},
        {QStringLiteral("ui_lag_p99_ms"), m_lag->percentileMs(99)},
        {QStringLiteral("ui_lag_max_ms"), m_lag->maxMs()},
        {QStringLiteral("ui_lag_samples"), double(m_lag->samples())},
    };
}

} // namespace Callbook
