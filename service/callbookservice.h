#pragma once

#include "core/metrics.h"
#include "http/inflight.h"
#include "http/requestmetrics.h"
#include "retell/retellkeys.h"
#include "serviceevents.h"
#include "serviceoptions.h"
#include "tenants/tenantdirectory.h"

#include <QElapsedTimer>
#include <QObject>
#include <functional>
#include <memory>

class QHttpServerResponse;

namespace Callbook {

class Store;
class DeferredResponder;
class InvalidationBus;
class HttpFront;
class CallEventEndpoint;
class SecretStore;
class Calendars;
class CalcomWebhookEndpoint;
class FunctionEndpoint;
class ConsoleBridge;
class AdminEndpoint;
class AuditLog;
class RetentionScheduler;

// The whole service: storage, routing, HTTP. Lives on one thread (the service thread), where
// requests are read, every route's handler runs and answers are written. Its start-up may block
// the service thread, serving never does.
class CallbookService final : public QObject {
    Q_OBJECT
public:
    explicit CallbookService(QObject *parent = nullptr);
    ~CallbookService() override;

    bool start(const ServiceOptions &options, QString *error);
    // Stops accepting, lets accepted requests finish, flushes the store; then `done`.
    void shutdown(std::function<void()> done);

    quint16 port() const { return m_port; }
    ServiceEvents *events() { return &m_events; }
    // The console's questions; answered only when the console was enabled before start().
    ConsoleRequests *requests() { return &m_requests; }
    void enableConsole() { m_consoleEnabled = true; }
    Calendars *calendars() { return m_calendars; }
    // Changes made by people (console, admin commands); record() from the service thread.
    AuditLog *auditLog() { return m_audit.get(); }

    // Applies migrations (and the configuration file, if any) and returns; used by
    // `callbook migrate` and by start().
    static bool prepareDatabase(const ServiceOptions &options, QString *error,
                                int *applied = nullptr);

private:
    bool loadRouting(QString *error);
    bool resolveRetellKeys(const ServiceOptions &options);
    bool startHttp(const ServiceOptions &options, QString *error);
    void registerRoutes();
    void describeMetrics();
    void serveMetrics(DeferredResponder reply);
    QHttpServerResponse health() const;

    bool startConsole(const ServiceOptions &options, QString *error);

    ServiceEvents m_events;
    ConsoleRequests m_requests;
    bool m_consoleEnabled = false;
    ConsoleBridge *m_console = nullptr;
    std::unique_ptr<Store> m_owner;   // configuration changes from the console (PostgreSQL)
    Metrics m_metrics;                // service thread only
    HttpRequestMetrics m_httpMetrics; // per route and status, as answers leave
    InFlightTracker m_inFlight;
    TenantDirectory m_directory;
    RetellKeys m_retellKeys;
    std::unique_ptr<SecretStore> m_secrets;
    std::unique_ptr<Store> m_store;
    std::unique_ptr<Store> m_reads;     // lookups only
    std::unique_ptr<HttpFront> m_front; // requests are read and answered on its thread
    CallEventEndpoint *m_callEvents = nullptr;
    Calendars *m_calendars = nullptr;
    InvalidationBus *m_bus = nullptr;
    CalcomWebhookEndpoint *m_calcomWebhook = nullptr;
    FunctionEndpoint *m_functions = nullptr;
    std::unique_ptr<AuditLog> m_audit;
    AdminEndpoint *m_admin = nullptr;
    RetentionScheduler *m_retention = nullptr;
    QElapsedTimer m_uptime;
    quint16 m_port = 0;
    int m_shutdownGraceMs = 10000;
    bool m_stopping = false;
};

} // namespace Callbook
