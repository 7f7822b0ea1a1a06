#pragma once

#include "availabilitycache.h"
#include "calcomapi.h"
#include "calendar/calendarprovider.h"

#include <QHash>
#include <QObject>
#include <memory>

namespace Callbook {

class Store;

// The Cal.com provider: availability through the cache (single-flight, stale fallback),
// bookings that are safe to retry, and a callback request whenever Cal.com cannot take a
// booking. Lives on the service thread.
class CalcomCalendar final : public QObject, public CalendarProvider {
    Q_OBJECT
public:
    using ConnectionFor = std::function<CalcomConnection *(qint64 companyId)>;
    CalcomCalendar(Store &store, AvailabilityCache &cache, ConnectionFor connectionFor,
                   QObject *parent = nullptr);

    void availability(const TenantCalendar &tenant, const AvailabilityQuery &query,
                      bool mustBeFresh, AvailabilityCallback done) override;
    void book(const TenantCalendar &tenant, const BookingDraft &draft,
              AppointmentCallback done) override;
    void cancel(const TenantCalendar &tenant, qint64 appointmentId, const QString &reason,
                AppointmentCallback done) override;
    void reschedule(const TenantCalendar &tenant, qint64 appointmentId, qint64 newStartMs,
                    AppointmentCallback done) override;
    void lookUp(const TenantCalendar &tenant, qint64 appointmentId,
                AppointmentCallback done) override;
    void eventTypes(const TenantCalendar &tenant, EventTypesCallback done) override;

    // Warms the next days' availability of every service (at call start). Low priority: it
    // gives way when the request budget runs low.
    void prefetch(const TenantCalendar &tenant);
    int upstreamRequestsInFlight() const { return m_inFlightRequests; }

Q_SIGNALS:
    void appointmentsChanged(qint64 companyId);

private:
    struct Fetch;
    void fetchDays(const TenantCalendar &tenant, const ServiceInfo &service,
                   const AvailabilityKey &key, const QDate &first, const QDate &last,
                   RateBudget::Priority priority, std::function<void(const CalcomResponse &)> done);
    void answerFromCache(const TenantCalendar &tenant, const AvailabilityKey &key,
                         const AvailabilityQuery &query, const CalcomResponse *failure,
                         qint64 upstreamMs, bool mustBeFresh, AvailabilityCallback done);
    void createUpstream(const TenantCalendar &tenant, const ServiceInfo &service,
                        const BookingDraft &draft, AppointmentCallback done);
    void reconcileCreate(const TenantCalendar &tenant, const ServiceInfo &service,
                         const BookingDraft &draft, const CalcomResponse &first,
                         AppointmentCallback done);
    void storeCreated(const TenantCalendar &tenant, const ServiceInfo &service,
                      const BookingDraft &draft, const CalcomApi::Booking &booking,
                      AppointmentCallback done);
    void refuseWrite(const TenantCalendar &tenant, const BookingDraft &draft,
                     const CalcomResponse &response, AppointmentCallback done);
    void withAppointment(const TenantCalendar &tenant, qint64 appointmentId,
                         std::function<void(Appointment)> found, AppointmentCallback done);
    AvailabilityKey keyFor(const TenantCalendar &tenant, const ServiceInfo &service) const;

    Store &m_store;
    AvailabilityCache &m_cache;
    ConnectionFor m_connectionFor;
    QHash<AvailabilityKey, QList<std::shared_ptr<Fetch>>> m_fetches; // single-flight
    QHash<QString, QList<AppointmentCallback>> m_creating;           // by idempotency key
    int m_inFlightRequests = 0;
};

CalendarFailure failureOf(const CalcomResponse &response);

} // namespace Callbook
