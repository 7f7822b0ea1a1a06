#include "calendars.h"

#include "appointmentrepository.h"
#include "calcom/calcomcalendar.h"
#include "calcom/calcomconnection.h"
#include "core/logging.h"
#include "localcalendar.h"
#include "secrets/secretstore.h"
#include "store/invalidationbus.h"
#include "store/store.h"
#include "store/storesession.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QJsonObject>
#include <QNetworkAccessManager>

namespace Callbook {

Calendars::Calendars(Store &store, Clock clock, QObject *parent)
    : QObject(parent)
    , m_store(store)
    , m_clock(clock)
    , m_cache(AvailabilityCache::Settings{}, clock)
    , m_callers([this](qint64 companyId, const QString &phone, qint64 nowMs,
                       CallerCache::FetchDone done) {
        readCaller(companyId, phone, nowMs, std::move(done));
    })
    , m_network(new QNetworkAccessManager(this))
    , m_local(new LocalCalendar(store, this))
    , m_calcom(new CalcomCalendar(
          store, m_cache, [this](qint64 companyId) { return connectionFor(companyId); }, this)) {
    connect(m_calcom, &CalcomCalendar::appointmentsChanged, this, &Calendars::appointmentsChanged);
    connect(m_calcom, &CalcomCalendar::appointmentsChanged, this, &Calendars::calcomChanged);
    connect(m_calcom, &CalcomCalendar::appointmentsChanged, this, &Calendars::forgetCached);
}

Calendars::~Calendars() = default;

void Calendars::setReadStore(Store *reads) {
    m_reads = reads;
    m_local->setReadStore(reads);
}

void Calendars::readCaller(qint64 companyId, const QString &phone, qint64 nowMs,
                           CallerCache::FetchDone done) {
    auto record = std::make_shared<CallerRecord>();
    (m_reads ? *m_reads : m_store)
        .submit(
            companyId,
            [=](StoreSession &s) {
                record->customer = CustomerRepository::byPhone(s, companyId, phone);
                record->upcoming =
                    AppointmentRepository::upcomingForPhone(s, companyId, phone, nowMs);
                return QVariant();
            },
            this,
            [record, done = std::move(done)](const StoreResult &r) {
                if (!r.ok())
                    return done(std::nullopt, calendarErrorOf(r));
                done(std::move(*record), {});
            });
}

void Calendars::forgetCached(qint64 companyId) {
    m_local->forget(companyId);
    m_callers.forget(companyId);
}

void Calendars::changedHere(qint64 companyId) {
    forgetCached(companyId);
    Q_EMIT calcomChanged(companyId);
}

void Calendars::invalidateFromElsewhere(qint64 companyId) {
    if (companyId != kAnyCompanyChanged) {
        m_cache.invalidateCompany(companyId);
        forgetCached(companyId);
        return;
    }
    for (const TenantCalendar &t : std::as_const(m_tenants))
        m_cache.invalidateCompany(t.companyId);
    m_local->forgetAll();
    m_callers.forgetAll();
}

void Calendars::holdsChanged(qint64 companyId) {
    const TenantCalendar *t = tenant(companyId);
    if (t && !t->usesCalcom()) // Cal.com's free times do not count our holds
        changedHere(companyId);
}

void Calendars::customersChanged(qint64 companyId) {
    m_callers.forget(companyId);
    Q_EMIT calcomChanged(companyId);
}

bool Calendars::load(const QList<qint64> &companyIds, SecretStore &secrets, QString *error) {
    for (qint64 id : companyIds) {
        auto loaded = std::make_shared<TenantCalendar>();
        const StoreResult r = m_store.runAndWait(id, [id, loaded](StoreSession &s) {
            *loaded = CalendarRepository::load(s, id);
            return QVariant();
        });
        if (!r.ok()) {
            *error =
                QStringLiteral("cannot load the calendar of company %1: %2").arg(id).arg(r.error);
            return false;
        }
        QByteArray apiKey, webhookSecret;
        if (loaded->usesCalcom()) {
            const auto key = secrets.resolveAndWait(loaded->calcom.apiKeySecret);
            if (!key)
                qCCritical(lcCalendar).noquote()
                    << "Cal.com key" << loaded->calcom.apiKeySecret << "of" << loaded->slug
                    << "not found: its bookings will become callback requests";
            apiKey = key.value_or(QByteArray());
            webhookSecret =
                secrets.resolveAndWait(loaded->calcom.webhookSecretSecret).value_or(QByteArray());
            if (!loaded->calcom.webhookSecretSecret.isEmpty() && webhookSecret.isEmpty())
                qCCritical(lcCalendar).noquote()
                    << "Cal.com webhook secret" << loaded->calcom.webhookSecretSecret << "of"
                    << loaded->slug << "not found: its webhooks will be rejected";
        }
        setTenant(*loaded, apiKey, webhookSecret);
    }
    return true;
}

void Calendars::reloadTenant(qint64 companyId, SecretStore &secrets) {
    m_store.submit(
        companyId,
        [companyId](StoreSession &s) {
            return QVariant::fromValue(
                std::make_shared<TenantCalendar>(CalendarRepository::load(s, companyId)));
        },
        this,
        [this, &secrets](const StoreResult &r) {
            if (!r.ok()) {
                qCWarning(lcCalendar).noquote() << "calendar not reloaded:" << r.error;
                return;
            }
            auto loaded = r.value.value<std::shared_ptr<TenantCalendar>>();
            if (!loaded->usesCalcom()) {
                setTenant(*loaded);
                forgetCached(loaded->companyId); // it may have been a Cal.com business
                return;
            }
            // The key first, then the webhook secret; both answer on this thread.
            secrets.resolve(
                loaded->calcom.apiKeySecret, this,
                [this, &secrets, loaded](std::optional<QByteArray> key, QString) {
                    const QByteArray apiKey = key.value_or(QByteArray());
                    secrets.resolve(
                        loaded->calcom.webhookSecretSecret, this,
                        [this, loaded, apiKey](std::optional<QByteArray> secret, QString) {
                            setTenant(*loaded, apiKey, secret.value_or(QByteArray()));
                            invalidate(loaded->companyId);
                        });
                });
        });
}

void Calendars::setTenant(const TenantCalendar &tenant, const QByteArray &calcomApiKey,
                          const QByteArray &webhookSecret) {
    m_tenants.insert(tenant.companyId, tenant);
    m_connectionOf.remove(tenant.companyId);
    if (tenant.usesCalcom() && !calcomApiKey.isEmpty())
        attachConnection(tenant, calcomApiKey);
    if (!webhookSecret.isEmpty())
        m_webhookSecrets.insert(tenant.companyId, webhookSecret);
    else
        m_webhookSecrets.remove(tenant.companyId);
}

void Calendars::attachConnection(const TenantCalendar &tenant, const QByteArray &apiKey) {
    // Identified by host and a hash of the key: the key itself stays out of memory dumps of
    // this table and out of logs.
    const QString id =
        tenant.calcom.baseUrl.toString(QUrl::RemoveUserInfo) + QLatin1Char('|') +
        QString::fromLatin1(QCryptographicHash::hash(apiKey, QCryptographicHash::Sha256).toHex());
    CalcomConnection *connection = m_connections.value(id);
    if (!connection) {
        connection = new CalcomConnection(
            m_network, tenant.calcom.baseUrl, apiKey,
            {tenant.calcom.connectTimeoutMs, tenant.calcom.totalTimeoutMs}, m_clock, this);
        m_connections.insert(id, connection);
        connect(connection, &CalcomConnection::breakerStateChanged, this,
                [this, connection](CircuitBreaker::State state) {
                    for (auto it = m_connectionOf.begin(); it != m_connectionOf.end(); ++it)
                        if (it.value() == connection)
                            Q_EMIT breakerStateChanged(it.key(), toString(state));
                });
    }
    m_connectionOf.insert(tenant.companyId, connection);
}

const TenantCalendar *Calendars::tenant(qint64 companyId) const {
    const auto it = m_tenants.constFind(companyId);
    return it == m_tenants.constEnd() ? nullptr : &it.value();
}

CalcomConnection *Calendars::connectionFor(qint64 companyId) const {
    return m_connectionOf.value(companyId);
}

CalendarProvider *Calendars::providerFor(const TenantCalendar &tenant) {
    if (tenant.usesCalcom())
        return m_calcom;
    return m_local;
}

template<typename T> static CalendarReply<T> unknownCompany() {
    return CalendarReply<T>::failure(CalendarFailure::NotFound, QStringLiteral("unknown company"));
}

void Calendars::availability(const AvailabilityQuery &query, bool mustBeFresh,
                             CalendarProvider::AvailabilityCallback done) {
    const TenantCalendar *t = tenant(query.companyId);
    if (!t)
        return done(unknownCompany<Availability>());
    providerFor(*t)->availability(*t, query, mustBeFresh, std::move(done));
}

void Calendars::book(const BookingDraft &draft, CalendarProvider::AppointmentCallback done) {
    const TenantCalendar *t = tenant(draft.companyId);
    if (!t)
        return done(unknownCompany<Appointment>());
    const bool local = !t->usesCalcom();
    providerFor(*t)->book(*t, draft, [this, done, local, companyId = draft.companyId](auto reply) {
        const bool changed = reply.ok() && !reply.value->replayed;
        if (local)
            afterLocalWrite(companyId, changed);
        if (changed)
            Q_EMIT appointmentsChanged(companyId);
        done(std::move(reply));
    });
}

void Calendars::cancel(qint64 companyId, qint64 appointmentId, const QString &reason,
                       CalendarProvider::AppointmentCallback done) {
    const TenantCalendar *t = tenant(companyId);
    if (!t)
        return done(unknownCompany<Appointment>());
    if (t->usesCalcom()) // Cal.com's calendar announces its own changes
        return providerFor(*t)->cancel(*t, appointmentId, reason, std::move(done));
    providerFor(*t)->cancel(*t, appointmentId, reason, [this, companyId, done](auto reply) {
        afterLocalWrite(companyId, reply.ok() && !reply.value->replayed);
        done(std::move(reply));
    });
}

void Calendars::reschedule(qint64 companyId, qint64 appointmentId, qint64 newStartMs,
                           CalendarProvider::AppointmentCallback done) {
    const TenantCalendar *t = tenant(companyId);
    if (!t)
        return done(unknownCompany<Appointment>());
    if (t->usesCalcom())
        return providerFor(*t)->reschedule(*t, appointmentId, newStartMs, std::move(done));
    providerFor(*t)->reschedule(*t, appointmentId, newStartMs, [this, companyId, done](auto reply) {
        afterLocalWrite(companyId, reply.ok() && !reply.value->replayed);
        done(std::move(reply));
    });
}

void Calendars::lookUp(qint64 companyId, qint64 appointmentId,
                       CalendarProvider::AppointmentCallback done) {
    const TenantCalendar *t = tenant(companyId);
    if (!t)
        return done(unknownCompany<Appointment>());
    providerFor(*t)->lookUp(*t, appointmentId, std::move(done));
}

void Calendars::eventTypes(qint64 companyId, CalendarProvider::EventTypesCallback done) {
    const TenantCalendar *t = tenant(companyId);
    if (!t)
        return done(unknownCompany<QList<EventTypeInfo>>());
    providerFor(*t)->eventTypes(*t, std::move(done));
}

void Calendars::prefetch(qint64 companyId, const QString &callerNumber) {
    const TenantCalendar *t = tenant(companyId);
    if (!t)
        return;
    m_callers.caller(companyId, callerNumber, QDateTime::currentMSecsSinceEpoch(),
                     [](CalendarReply<CallerRecord>, bool) {});
    if (t->usesCalcom()) {
        if (connectionFor(companyId))
            m_calcom->prefetch(*t);
        return;
    }
    if (t->services.isEmpty())
        return;
    // The days initialize_call asks about (any service: busy times are per business).
    const QDate today = QDateTime::currentDateTime().toTimeZone(t->rules.zone).date();
    m_local->availability(*t, {companyId, t->services.first().id, today, today.addDays(6)}, false,
                          [](CalendarReply<Availability>) {});
}

void Calendars::afterLocalWrite(qint64 companyId, bool changed) {
    // Even a refused write may mean that what we cached was behind the database.
    if (changed)
        changedHere(companyId);
    else
        forgetCached(companyId);
}

void Calendars::invalidate(qint64 companyId) {
    m_cache.invalidateCompany(companyId);
    forgetCached(companyId);
    Q_EMIT calcomChanged(companyId);
}

bool Calendars::resetBreaker(qint64 companyId) {
    CalcomConnection *c = connectionFor(companyId);
    if (!c)
        return false;
    c->breaker().reset();
    // Every business on the same key shares the breaker, and so its new state.
    for (auto it = m_connectionOf.begin(); it != m_connectionOf.end(); ++it)
        if (it.value() == c)
            Q_EMIT breakerStateChanged(it.key(), toString(c->breaker().state()));
    return true;
}

int Calendars::clearCache(std::optional<qint64> companyId) {
    const int before = m_cache.entryCount();
    m_cache.clear(companyId);
    if (companyId) {
        forgetCached(*companyId);
    } else {
        m_local->forgetAll();
        m_callers.forgetAll();
    }
    // Other instances stop trusting what they cached for these businesses too.
    for (const TenantCalendar &t : std::as_const(m_tenants))
        if (t.usesCalcom() && (!companyId || *companyId == t.companyId))
            Q_EMIT calcomChanged(t.companyId);
    return before - m_cache.entryCount();
}

std::optional<QByteArray> Calendars::webhookSecret(qint64 companyId) const {
    const auto it = m_webhookSecrets.constFind(companyId);
    if (it == m_webhookSecrets.constEnd())
        return std::nullopt;
    return it.value();
}

static QJsonValue agoSeconds(std::optional<qint64> agoMs) {
    return agoMs ? QJsonValue(double(*agoMs) / 1000.0) : QJsonValue();
}

QJsonArray Calendars::calcomHealth() const {
    QJsonArray out;
    for (const TenantCalendar &t : m_tenants) {
        if (!t.usesCalcom())
            continue;
        QJsonObject entry{{QStringLiteral("company"), t.slug},
                          {QStringLiteral("base_url"), t.calcom.baseUrl.toString()}};
        const AvailabilityCache::Stats stats = m_cache.statsFor(t.companyId);
        const qint64 questions = stats.hits + stats.misses;
        entry.insert(QStringLiteral("cache"),
                     QJsonObject{{QStringLiteral("hits"), double(stats.hits)},
                                 {QStringLiteral("misses"), double(stats.misses)},
                                 {QStringLiteral("stale_served"), double(stats.staleServed)},
                                 {QStringLiteral("invalidations"), double(stats.invalidations)},
                                 {QStringLiteral("hit_rate"),
                                  questions ? QJsonValue(double(stats.hits) / double(questions))
                                            : QJsonValue()}});
        const CalcomConnection *c = connectionFor(t.companyId);
        if (!c) {
            entry.insert(QStringLiteral("configured"), false);
            entry.insert(QStringLiteral("problem"), QStringLiteral("API key not found"));
            out.append(entry);
            continue;
        }
        entry.insert(QStringLiteral("configured"), true);
        const CircuitBreaker &b = c->breaker();
        entry.insert(
            QStringLiteral("breaker"),
            QJsonObject{{QStringLiteral("state"), toString(b.state())},
                        {QStringLiteral("consecutive_failures"), b.consecutiveFailures()},
                        {QStringLiteral("retry_in_s"), double(b.retryInMs()) / 1000.0},
                        {QStringLiteral("last_success_ago_s"), agoSeconds(b.lastSuccessAgoMs())},
                        {QStringLiteral("last_failure_ago_s"), agoSeconds(b.lastFailureAgoMs())},
                        {QStringLiteral("last_error"), b.lastError()},
                        {QStringLiteral("times_opened"), b.timesOpened()}});
        auto percentile = [&](double p) {
            const qint64 v = c->latency().percentile(p);
            return v < 0 ? QJsonValue() : QJsonValue(double(v));
        };
        entry.insert(QStringLiteral("upstream"),
                     QJsonObject{{QStringLiteral("requests"), double(c->latency().count())},
                                 {QStringLiteral("failures"), double(c->failures())},
                                 {QStringLiteral("p50_ms"), percentile(50)},
                                 {QStringLiteral("p95_ms"), percentile(95)}});
        entry.insert(QStringLiteral("rate_budget"),
                     QJsonObject{{QStringLiteral("limit_per_minute"), c->budget().limit()},
                                 {QStringLiteral("remaining"), c->budget().remaining()},
                                 {QStringLiteral("blocked_for_s"),
                                  double(c->budget().blockedForMs()) / 1000.0},
                                 {QStringLiteral("refused"), c->budget().refusals()}});
        out.append(entry);
    }
    return out;
}

} // namespace Callbook
