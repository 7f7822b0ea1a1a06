#pragma once

#include "calendartypes.h"
#include "tenantcalendar.h"

#include <functional>

namespace Callbook {

// What the agent functions ask of a business's calendar, whoever keeps it. Every call
// returns at once; its callback runs later on the service thread (or at once when the answer
// is known without any I/O, e.g. a refused request).
class CalendarProvider {
public:
    virtual ~CalendarProvider() = default;

    using AvailabilityCallback = std::function<void(CalendarReply<Availability>)>;
    using AppointmentCallback = std::function<void(CalendarReply<Appointment>)>;
    using EventTypesCallback = std::function<void(CalendarReply<QList<EventTypeInfo>>)>;

    // Free slots for a service over local days. `mustBeFresh` skips any cache (booking checks).
    virtual void availability(const TenantCalendar &tenant, const AvailabilityQuery &query,
                              bool mustBeFresh, AvailabilityCallback done) = 0;
    virtual void book(const TenantCalendar &tenant, const BookingDraft &draft,
                      AppointmentCallback done) = 0;
    virtual void cancel(const TenantCalendar &tenant, qint64 appointmentId, const QString &reason,
                        AppointmentCallback done) = 0;
    virtual void reschedule(const TenantCalendar &tenant, qint64 appointmentId, qint64 newStartMs,
                            AppointmentCallback done) = 0;
    virtual void lookUp(const TenantCalendar &tenant, qint64 appointmentId,
                        AppointmentCallback done) = 0;
    virtual void eventTypes(const TenantCalendar &tenant, EventTypesCallback done) = 0;
};

// The service an appointment was booked for; when it is no longer offered, one as long as the
// appointment (without buffers).
inline ServiceInfo serviceOf(const TenantCalendar &tenant, const Appointment &appointment) {
    if (const ServiceInfo *known = tenant.service(appointment.serviceId))
        return *known;
    ServiceInfo service;
    service.durationMin = int((appointment.range.endMs - appointment.range.startMs) / 60000);
    return service;
}

// The time a service blocks from `startMs` on: the appointment, and with its buffers.
inline TimeRange appointmentRange(const ServiceInfo &service, qint64 startMs) {
    return {startMs, startMs + qint64(service.durationMin) * 60000};
}
inline TimeRange blockedRange(const ServiceInfo &service, qint64 startMs) {
    const TimeRange r = appointmentRange(service, startMs);
    return {r.startMs - qint64(service.bufferBeforeMin) * 60000,
            r.endMs + qint64(service.bufferAfterMin) * 60000};
}

} // namespace Callbook
