#include "callbookservice.h"

#include "admin/adminendpoint.h"
#include "admin/retention.h"
#include "calcom/calcomwebhookendpoint.h"
#include "calendar/calendars.h"
#include "console/consolebridge.h"
#include "core/logging.h"
#include "functions/functionendpoint.h"
#include "http/httpfront.h"
#include "http/jsonreply.h"
#include "http/tlssettings.h"
#include "retell/calleventendpoint.h"
#include "secrets/secretstore.h"
#include "store/auditlog.h"
#include "store/connection.h"
#include "store/invalidationbus.h"
#include "store/migrator.h"
#include "store/store.h"
#include "store/storesession.h"
#include "store/tenantrepository.h"

#include <QDateTime>
#include <QEventLoop>
#include <QFile>
#include <QJsonObject>
#include <QTimer>

namespace Callbook {

CallbookService::CallbookService(QObject *parent)
    : QObject(parent) {
    registerServiceEventTypes();
}

CallbookService::~CallbookService() {
    m_front.reset(); // first: no request reaches the endpoints any more
    if (m_store)
        m_store->stop();
    if (m_reads)
        m_reads->stop();
    if (m_owner)
        m_owner->stop();
}

static std::optional<DatabaseSettings> settingsFrom(const QString &url, QString *error) {
    auto settings = DatabaseSettings::fromUrl(url, error);
    if (settings && settings->isPostgres() && settings->password.isEmpty()) {
        SecretStore secrets;
        if (auto pw = secrets.resolveWithoutKeychain(QStringLiteral("database-password")))
            settings->password = QString::fromUtf8(*pw);
    }
    return settings;
}

bool CallbookService::prepareDatabase(const ServiceOptions &options, QString *error, int *applied) {
    const auto service = settingsFrom(options.databaseUrl, error);
    const auto admin = settingsFrom(
        options.adminDatabaseUrl.isEmpty() ? options.databaseUrl : options.adminDatabaseUrl, error);
    if (!service || !admin)
        return false;
    std::optional<QList<CompanyConfig>> companies;
    if (!options.configFile.isEmpty()) {
        QFile file(options.configFile);
        if (!file.open(QIODevice::ReadOnly)) {
            *error = QStringLiteral("cannot read the configuration %1: %2")
                         .arg(options.configFile, file.errorString());
            return false;
        }
        QStringList problems;
        companies = parseCompanyConfig(file.readAll(), &problems);
        if (!companies) {
            *error = QStringLiteral("configuration %1 is invalid:\n  ").arg(options.configFile) +
                     problems.join(QStringLiteral("\n  "));
            return false;
        }
    }
    // The service role gets data rights only; row-level security then applies to it.
    const QString appRole =
        service->isPostgres() && service->user != admin->user ? service->user : QString();
    Store adminStore(*admin);
    if (!adminStore.start(error)) {
        *error = QStringLiteral("cannot open the database %1: %2").arg(admin->describe(), *error);
        return false;
    }
    const StoreResult migrated = adminStore.runAndWait(
        0, [&](StoreSession &s) { return QVariant(Migrator(s, appRole).migrate()); });
    if (!migrated.ok()) {
        *error = QStringLiteral("migration failed: ") + migrated.error;
        return false;
    }
    if (applied)
        *applied = migrated.value.toInt();
    if (companies) {
        const StoreResult stored = adminStore.runAndWait(0, [&](StoreSession &s) {
            TenantRepository::upsert(s, *companies, QDateTime::currentMSecsSinceEpoch());
            return QVariant(int(companies->size()));
        });
        if (!stored.ok()) {
            *error = QStringLiteral("storing the configuration failed: ") + stored.error;
            return false;
        }
        qCInfo(lcConfig) << "configuration applied:" << stored.value.toInt() << "companies";
    }
    adminStore.stop();
    return true;
}

bool CallbookService::start(const ServiceOptions &options, QString *error) {
    m_uptime.start();
    m_shutdownGraceMs = options.shutdownGraceMs;
    if (!prepareDatabase(options, error))
        return false;
    const auto settings = settingsFrom(options.databaseUrl, error);
    if (!settings)
        return false;
    m_store = std::make_unique<Store>(*settings, settings->isPostgres() ? 2 : 1);
    connect(m_store.get(), &Store::availabilityChanged, &m_events,
            &ServiceEvents::databaseAvailabilityChanged);
    if (!m_store->start(error)) {
        *error =
            QStringLiteral("cannot open the database %1: %2").arg(settings->describe(), *error);
        return false;
    }
    if (!loadRouting(error))
        return false;
    m_secrets = std::make_unique<SecretStore>();
    resolveRetellKeys(options);
    // Lookups for the agent functions get a connection of their own, so a caller's question
    // never waits behind the writes the store is committing.
    m_reads = std::make_unique<Store>(*settings, 1);
    if (!m_reads->start(error)) {
        *error = QStringLiteral("cannot open a read connection to %1: %2")
                     .arg(settings->describe(), *error);
        return false;
    }
    m_calendars = new Calendars(*m_store, steadyClock(), this);
    m_calendars->setReadStore(m_reads.get());
    // Several instances on one PostgreSQL forget cached availability together.
    m_bus = new InvalidationBus(this);
    connect(m_calendars, &Calendars::calcomChanged, this,
            [this](qint64 companyId) { m_bus->publish(*m_store, companyId); });
    connect(m_bus, &InvalidationBus::changedElsewhere, m_calendars,
            &Calendars::invalidateFromElsewhere);
    m_bus->start(*settings);
    QList<qint64> companies;
    for (const TenantInfo &t : m_directory.all())
        companies.append(t.id);
    if (!m_calendars->load(companies, *m_secrets, error))
        return false;
    // Each business's retention_days: at start, then every hour, on the store thread.
    m_retention = new RetentionScheduler(*m_store, companies, 3600 * 1000, this);
    m_retention->start();
    if (m_consoleEnabled && !startConsole(options, error))
        return false;
    return startHttp(options, error);
}

bool CallbookService::startConsole(const ServiceOptions &options, QString *error) {
    Store *owner = m_store.get();
    if (!options.adminDatabaseUrl.isEmpty() && options.adminDatabaseUrl != options.databaseUrl) {
        const auto admin = settingsFrom(options.adminDatabaseUrl, error);
        if (!admin)
            return false;
        m_owner = std::make_unique<Store>(*admin, 1);
        if (!m_owner->start(error))
            return false;
        owner = m_owner.get();
    }
    m_audit = std::make_unique<AuditLog>(*m_store);
    m_console = new ConsoleBridge({*m_store, *m_reads, *owner, *m_calendars, m_directory,
                                   *m_secrets, *m_audit, m_events, m_requests},
                                  this);
    return true;
}

bool CallbookService::loadRouting(QString *error) {
    const StoreResult r = m_store->runAndWait(0, [](StoreSession &s) {
        return QVariant::fromValue(
            std::make_shared<TenantRepository::Routing>(TenantRepository::loadRouting(s)));
    });
    if (!r.ok()) {
        *error = QStringLiteral("cannot load the businesses: ") + r.error;
        return false;
    }
    auto routing = r.value.value<std::shared_ptr<TenantRepository::Routing>>();
    m_directory.replace(routing->companies, routing->numbers, routing->agents);
    qCInfo(lcConfig) << "serving" << m_directory.size() << "businesses," << routing->numbers.size()
                     << "numbers";
    return true;
}

bool CallbookService::resolveRetellKeys(const ServiceOptions &options) {
    QEventLoop wait; // start-up only: nothing is being served yet
    std::optional<QByteArray> key;
    m_secrets->resolve(options.retellKeySecret, this,
                       [&](std::optional<QByteArray> value, QString source) {
                           key = value;
                           if (value)
                               qCInfo(lcSecrets).noquote()
                                   << "secret" << options.retellKeySecret << "from" << source;
                           wait.quit();
                       });
    if (!key)
        wait.exec();
    if (!key || key->isEmpty()) {
        qCCritical(lcSecrets).noquote()
            << "secret" << options.retellKeySecret
            << "not found (keychain, CALLBOOK_SECRET_RETELL_API_KEY, $CREDENTIALS_DIRECTORY):"
               " every Retell request will be rejected with 401";
        return false;
    }
    m_retellKeys.keys = {*key};
    return true;
}

bool CallbookService::startHttp(const ServiceOptions &options, QString *error) {
    m_front = std::make_unique<HttpFront>();
    m_callEvents =
        new CallEventEndpoint(*m_store, m_directory, m_retellKeys, m_inFlight, m_events, this);
    m_calcomWebhook = new CalcomWebhookEndpoint(*m_store, *m_calendars, m_inFlight, this);
    connect(m_callEvents, &CallEventEndpoint::callStarting, m_calendars, &Calendars::prefetch);
    connect(m_callEvents, &CallEventEndpoint::customersChanged, m_calendars,
            &Calendars::customersChanged);
    m_functions = new FunctionEndpoint(*m_store, *m_reads, *m_calendars, m_directory, m_retellKeys,
                                       m_inFlight, this);
    connect(m_callEvents, &CallEventEndpoint::callRouted, m_functions,
            &FunctionEndpoint::rememberCall);
    if (!m_audit) // the console may have made it already
        m_audit = std::make_unique<AuditLog>(*m_store);
    m_admin = new AdminEndpoint(*m_calendars, m_directory, *m_audit,
                                m_secrets->resolveAndWait(QStringLiteral("admin-token")), this);
    describeMetrics();
    m_callEvents->setMetrics(&m_metrics);
    m_functions->setMetrics(&m_metrics);
    m_functions->setEvents(&m_events);
    registerRoutes();
    HttpFront::Listen listen;
    listen.address = options.listenAddress;
    listen.port = options.port;
    listen.limits = options.limits;
    listen.metrics = &m_httpMetrics;
    if (!options.tlsCertificateFile.isEmpty()) {
        listen.tls = loadTlsConfiguration(options.tlsCertificateFile, options.tlsKeyFile, error);
        if (!listen.tls)
            return false;
    }
    if (!m_front->start(listen, error))
        return false;
    m_port = m_front->port();
    qCInfo(lcHttp).noquote() << "listening on"
                             << options.listenAddress.toString() + QLatin1Char(':') +
                                    QString::number(m_port);
    Q_EMIT m_events.listening(m_port);
    return true;
}

void CallbookService::registerRoutes() {
    using Method = HttpFront::Method;
    HttpFront &http = *m_front;
    // Rules are tried in order: the agent's function calls first, they are most of the traffic
    // (and before /api/webhooks/retell, which would otherwise take these paths too).
    http.route(QStringLiteral("/api/webhooks/retell/function/<arg>"), Method::Post,
               HttpFront::ArgHandler([this](const QString &name, const IncomingRequest &request,
                                            DeferredResponder reply) {
                   m_functions->handle(name, request, std::move(reply));
               }));
    http.route(QStringLiteral("/api/webhooks/retell/function"), Method::Post,
               HttpFront::Handler([this](const IncomingRequest &request, DeferredResponder reply) {
                   m_functions->handle(QString(), request, std::move(reply));
               }));
    http.route(QStringLiteral("/api/webhooks/retell"), Method::Post,
               HttpFront::Handler([this](const IncomingRequest &request, DeferredResponder reply) {
                   m_callEvents->handle(request, std::move(reply));
               }));
    http.route(QStringLiteral("/api/calcom/webhook"), Method::Post,
               HttpFront::Handler([this](const IncomingRequest &request, DeferredResponder reply) {
                   m_calcomWebhook->handle(request, std::move(reply));
               }));
    m_admin->registerRoutes(http);
    http.route(QStringLiteral("/api/health/calcom"), Method::Get,
               HttpFront::Handler([this](const IncomingRequest &, DeferredResponder reply) {
                   reply.sendResponse(jsonResponse(
                       QJsonObject{{QStringLiteral("tenants"), m_calendars->calcomHealth()}}));
               }));
    http.route(QStringLiteral("/api/health"), Method::Get,
               HttpFront::Handler([this](const IncomingRequest &, DeferredResponder reply) {
                   reply.sendResponse(health());
               }));
    http.route(QStringLiteral("/metrics"), Method::Get,
               HttpFront::Handler([this](const IncomingRequest &, DeferredResponder reply) {
                   serveMetrics(std::move(reply));
               }));
    // The trivial route: answered through the same front as every other route.
    http.route(QStringLiteral("/api/ping"), Method::Get,
               HttpFront::Handler([](const IncomingRequest &, DeferredResponder reply) {
                   reply.sendRaw(QByteArrayLiteral("{\"pong\":true}"), "application/json",
                                 QHttpServerResponder::StatusCode::Ok);
               }));
}

QHttpServerResponse CallbookService::health() const {
    const bool dbOk = m_store && m_store->isAvailable();
    const bool ok = dbOk && !m_stopping;
    const QJsonObject body{
        {QStringLiteral("status"), m_stopping ? QStringLiteral("stopping")
                                   : ok       ? QStringLiteral("ok")
                                              : QStringLiteral("degraded")},
        {QStringLiteral("version"), QStringLiteral(CALLBOOK_VERSION)},
        {QStringLiteral("uptime_s"), double(m_uptime.elapsed()) / 1000.0},
        {QStringLiteral("database"),
         QJsonObject{
             {QStringLiteral("ok"), dbOk},
             {QStringLiteral("engine"), m_store && m_store->engine() == DatabaseEngine::PostgreSQL
                                            ? QStringLiteral("postgresql")
                                            : QStringLiteral("sqlite")},
             {QStringLiteral("pending_writes"), m_store ? m_store->pendingTasks() : 0}}},
        {QStringLiteral("businesses"), m_directory.size()},
        {QStringLiteral("retell_key_configured"), !m_retellKeys.isEmpty()},
    };
    return jsonResponse(body, ok ? QHttpServerResponse::StatusCode::Ok
                                 : QHttpServerResponse::StatusCode::ServiceUnavailable);
}

void CallbookService::describeMetrics() {
    m_metrics.describe(QStringLiteral("callbook_function_calls_total"), QStringLiteral("counter"),
                       QStringLiteral("Agent function calls by function and outcome."));
    m_metrics.describe(QStringLiteral("callbook_function_duration_seconds"),
                       QStringLiteral("histogram"),
                       QStringLiteral("Time from request to answer per agent function."));
    m_metrics.describe(QStringLiteral("callbook_webhook_events_total"), QStringLiteral("counter"),
                       QStringLiteral("Retell call events by event and outcome."));
}

// GET /metrics: counters kept as requests pass, Cal.com figures from the calendars, and the
// open callbacks, active holds and upcoming bookings read (off this thread) per business.
void CallbookService::serveMetrics(DeferredResponder reply) {
    QMap<QString, Metrics::Gauge> gauges;
    auto gauge = [&](const char *name, const char *help) -> Metrics::Gauge & {
        Metrics::Gauge &g = gauges[QString::fromLatin1(name)];
        g.help = QString::fromLatin1(help);
        return g;
    };
    gauge("callbook_calcom_breaker_state", "1 for the breaker's current state per business.");
    gauge("callbook_calcom_consecutive_failures", "Cal.com failures in a row.");
    gauge("callbook_calcom_upstream_p95_seconds", "Cal.com answer time, 95th percentile.");
    gauge("callbook_calcom_upstream_failures", "Cal.com requests that failed since start.");
    gauge("callbook_calcom_cache_hits", "Availability questions answered from the cache.");
    gauge("callbook_calcom_cache_misses", "Availability questions that needed Cal.com.");
    gauge("callbook_calcom_rate_budget_remaining", "Cal.com requests left this minute.");
    for (const QJsonValue &v : m_calendars->calcomHealth()) {
        const QJsonObject t = v.toObject();
        const Metrics::Labels company = {
            {QStringLiteral("company"), t.value(QStringLiteral("company")).toString()}};
        const QJsonObject breaker = t.value(QStringLiteral("breaker")).toObject();
        for (const char *state : {"closed", "open", "half_open"}) {
            Metrics::Labels labels = company;
            labels.append({QStringLiteral("state"), QString::fromLatin1(state)});
            gauges[QStringLiteral("callbook_calcom_breaker_state")].samples.append(
                {labels, breaker.value(QStringLiteral("state")).toString() == QLatin1String(state)
                             ? 1.0
                             : 0.0});
        }
        gauges[QStringLiteral("callbook_calcom_consecutive_failures")].samples.append(
            {company, breaker.value(QStringLiteral("consecutive_failures")).toDouble()});
        const QJsonObject up = t.value(QStringLiteral("upstream")).toObject();
        gauges[QStringLiteral("callbook_calcom_upstream_p95_seconds")].samples.append(
            {company, up.value(QStringLiteral("p95_ms")).toDouble() / 1000.0});
        gauges[QStringLiteral("callbook_calcom_upstream_failures")].samples.append(
            {company, up.value(QStringLiteral("failures")).toDouble()});
        const QJsonObject cache = t.value(QStringLiteral("cache")).toObject();
        gauges[QStringLiteral("callbook_calcom_cache_hits")].samples.append(
            {company, cache.value(QStringLiteral("hits")).toDouble()});
        gauges[QStringLiteral("callbook_calcom_cache_misses")].samples.append(
            {company, cache.value(QStringLiteral("misses")).toDouble()});
        gauges[QStringLiteral("callbook_calcom_rate_budget_remaining")].samples.append(
            {company, t.value(QStringLiteral("rate_budget"))
                          .toObject()
                          .value(QStringLiteral("remaining"))
                          .toDouble()});
    }
    gauge("callbook_callbacks_open", "Callback requests nobody has handled yet.");
    gauge("callbook_holds_active", "Slots held for callers who are booking right now.");
    gauge("callbook_appointments_upcoming", "Booked appointments from now on.");
    const QList<TenantInfo> companies = m_directory.all();
    auto collected = std::make_shared<QMap<QString, Metrics::Gauge>>(gauges);
    auto pending = std::make_shared<int>(int(companies.size()));
    auto finish = [this, reply, collected]() mutable {
        reply.sendRaw(m_metrics.render(*collected) + m_httpMetrics.render(),
                      "text/plain; version=0.0.4; charset=utf-8",
                      QHttpServerResponder::StatusCode::Ok);
    };
    if (companies.isEmpty())
        return finish();
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    for (const TenantInfo &t : companies) {
        auto counts = std::make_shared<std::array<qint64, 3>>();
        m_reads->submit(
            t.id,
            [id = t.id, now, counts](StoreSession &s) {
                const char *queries[3] = {
                    "SELECT COUNT(*) FROM callback_requests WHERE company_id = ? AND status = "
                    "'open'",
                    "SELECT COUNT(*) FROM booking_holds WHERE company_id = ? AND status = 'held' "
                    "AND expires_at_ms > ?",
                    "SELECT COUNT(*) FROM appointments WHERE company_id = ? AND status = 'booked' "
                    "AND starts_at_ms >= ?"};
                for (int i = 0; i < 3; ++i) {
                    QVariantList args{id};
                    if (i > 0)
                        args << now;
                    QSqlQuery &q = s.run(QString::fromLatin1(queries[i]), args);
                    (*counts)[size_t(i)] = q.next() ? q.value(0).toLongLong() : 0;
                    q.finish();
                }
                return QVariant();
            },
            this,
            [=](const StoreResult &r) mutable {
                if (r.ok()) {
                    const Metrics::Labels company = {{QStringLiteral("company"), t.slug}};
                    (*collected)[QStringLiteral("callbook_callbacks_open")].samples.append(
                        {company, double((*counts)[0])});
                    (*collected)[QStringLiteral("callbook_holds_active")].samples.append(
                        {company, double((*counts)[1])});
                    (*collected)[QStringLiteral("callbook_appointments_upcoming")].samples.append(
                        {company, double((*counts)[2])});
                }
                if (--*pending == 0)
                    finish();
            });
    }
}

void CallbookService::shutdown(std::function<void()> done) {
    if (m_stopping)
        return;
    m_stopping = true;
    qCInfo(lcApp) << "shutting down:" << m_inFlight.count() << "requests in flight";
    if (m_front)
        m_front->stopListening(); // no new connections
    if (m_callEvents)
        m_callEvents->setStopping(true);
    if (m_functions)
        m_functions->setStopping(true);
    auto finish = [this, done = std::move(done)]() mutable {
        if (!done)
            return;
        if (m_bus)
            m_bus->stop();
        if (m_store)
            m_store->stop(); // commits whatever is still queued
        if (m_reads)
            m_reads->stop();
        qCInfo(lcApp) << "stopped";
        auto d = std::move(done);
        done = nullptr;
        // Answers already written sit in socket buffers until the event loop flushes them.
        QTimer::singleShot(100, this, std::move(d));
    };
    auto shared = std::make_shared<decltype(finish)>(std::move(finish));
    m_inFlight.watch();
    connect(&m_inFlight, &InFlightTracker::drained, this, [shared] { (*shared)(); });
    if (m_inFlight.count() == 0) {
        (*shared)();
        return;
    }
    QTimer::singleShot(m_shutdownGraceMs, this, [shared] { (*shared)(); });
}

} // namespace Callbook
