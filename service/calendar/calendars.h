#pragma once

#include "calcom/availabilitycache.h"
#include "calcom/circuitbreaker.h"
#include "calendarprovider.h"
#include "callercache.h"

#include <QHash>
#include <QJsonArray>
#include <QObject>
#include <memory>

class QNetworkAccessManager;

namespace Callbook {

class Store;
class SecretStore;
class LocalCalendar;
class CalcomCalendar;
class CalcomConnection;

// Every business's calendar behind one asynchronous interface: the local calendar or Cal.com
// (through cache, breaker and rate budget), chosen per business. Lives on the service thread.
class Calendars final : public QObject {
    Q_OBJECT
public:
    // `clock` drives the cache TTL, breaker cool-down and rate windows (tests move it on).
    explicit Calendars(Store &store, Clock clock = steadyClock(), QObject *parent = nullptr);
    ~Calendars() override;

    // Start-up only (blocks): reads the businesses' calendar settings and resolves their
    // Cal.com secrets. A business whose key is missing is still served (its Cal.com requests
    // fail and bookings become callback requests) and logged loudly.
    bool load(const QList<qint64> &companyIds, SecretStore &secrets, QString *error);
    // For tests and benchmarks: use this business's settings as given.
    void setTenant(const TenantCalendar &tenant, const QByteArray &calcomApiKey = {},
                   const QByteArray &webhookSecret = {});

    const TenantCalendar *tenant(qint64 companyId) const;
    QList<qint64> companyIds() const { return m_tenants.keys(); }

    void availability(const AvailabilityQuery &query, bool mustBeFresh,
                      CalendarProvider::AvailabilityCallback done);
    void book(const BookingDraft &draft, CalendarProvider::AppointmentCallback done);
    void cancel(qint64 companyId, qint64 appointmentId, const QString &reason,
                CalendarProvider::AppointmentCallback done);
    void reschedule(qint64 companyId, qint64 appointmentId, qint64 newStartMs,
                    CalendarProvider::AppointmentCallback done);
    void lookUp(qint64 companyId, qint64 appointmentId, CalendarProvider::AppointmentCallback done);
    void eventTypes(qint64 companyId, CalendarProvider::EventTypesCallback done);

    // At call start: warm the cache for the business's services (Cal.com), the built-in
    // calendar's coming week, and the caller's record, so that the greeting needs no wait.
    void prefetch(qint64 companyId, const QString &callerNumber = {});
    // Cal.com told us something changed (webhook), or a person changed it in the console.
    void invalidate(qint64 companyId);
    // Another service instance changed it (its notification; kAnyCompanyChanged: ours may have
    // been missed): only what is cached here is affected.
    void invalidateFromElsewhere(qint64 companyId);
    // Our own writes outside the calendar interface: a hold placed, released or confirmed, a
    // customer stored. Forget what is cached about the business, here and in other instances.
    void holdsChanged(qint64 companyId);
    void customersChanged(qint64 companyId);
    // Who calls from a number and their coming appointments, from memory when warm.
    CallerCache &callers() { return m_callers; }
    // Operator actions (admin endpoint, console); immediate, on the service thread.
    // Closes the business's Cal.com breaker (shared by every business on the same key);
    // false when the business has no Cal.com connection.
    bool resetBreaker(qint64 companyId);
    // Forgets cached availability of one business or of all (unlike invalidate(), nothing is
    // kept to serve as stale); returns the number of day entries removed.
    int clearCache(std::optional<qint64> companyId = std::nullopt);
    // A business's settings changed (the console saved them): reads them again and resolves its
    // secrets, without waiting; until then the old settings serve.
    void reloadTenant(qint64 companyId, SecretStore &secrets);
    // A second connection for the built-in calendar's free-time questions.
    void setReadStore(Store *reads);

    std::optional<QByteArray> webhookSecret(qint64 companyId) const;
    AvailabilityCache &cache() { return m_cache; }
    CalcomConnection *connectionFor(qint64 companyId) const;

    // GET /api/health/calcom: one entry per Cal.com business.
    QJsonArray calcomHealth() const;

Q_SIGNALS:
    void breakerStateChanged(qint64 companyId, const QString &state);
    void appointmentsChanged(qint64 companyId);
    // This instance learned that a business's calendar or callers changed (its own booking,
    // hold or customer, a webhook): other instances should forget what they cached about it.
    // (Named when only Cal.com availability was cached; the built-in calendar's too now.)
    void calcomChanged(qint64 companyId);

private:
    CalendarProvider *providerFor(const TenantCalendar &tenant);
    // Drops the built-in calendar's busy times and the caller records of the business.
    void forgetCached(qint64 companyId);
    // A change made through this instance to a built-in calendar: forget, and tell the others.
    void changedHere(qint64 companyId);
    void afterLocalWrite(qint64 companyId, bool changed);
    void readCaller(qint64 companyId, const QString &phone, qint64 nowMs,
                    CallerCache::FetchDone done);
    void attachConnection(const TenantCalendar &tenant, const QByteArray &apiKey);

    Store &m_store;
    Store *m_reads = nullptr;
    Clock m_clock;
    AvailabilityCache m_cache;
    CallerCache m_callers;
    QNetworkAccessManager *m_network;
    LocalCalendar *m_local;
    CalcomCalendar *m_calcom;
    QHash<qint64, TenantCalendar> m_tenants;
    // One connection (breaker, budget) per Cal.com host and key, shared by the businesses
    // that use the same key.
    QHash<QString, CalcomConnection *> m_connections;
    QHash<qint64, CalcomConnection *> m_connectionOf;
    QHash<qint64, QByteArray> m_webhookSecrets;
};

} // namespace Callbook
