#pragma once

#include "busytimescache.h"
#include "calendarprovider.h"
#include "core/clock.h"

#include <QObject>

namespace Callbook {

class Store;
struct StoreResult;

// A store failure as a calendar error: Unavailable when the database cannot be reached (the agent
// offers a callback), else Rejected; the detail names the database.
CalendarError calendarErrorOf(const StoreResult &failed);

// Callbook's own calendar: opening hours, closures, service durations and buffers, and the
// appointments table. Every change runs in one store transaction that first locks the
// company row, so two callers (or two service instances) never get overlapping times.
class LocalCalendar final : public QObject, public CalendarProvider {
    Q_OBJECT
public:
    explicit LocalCalendar(Store &store, QObject *parent = nullptr,
                           BusyTimesCache::Settings cacheSettings = {});

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
    // Free-time questions go to this connection, so they never queue behind bookings and
    // other writes (nullptr: the main store).
    void setReadStore(Store *reads) { m_reads = reads; }
    // A business's appointments or holds changed (here or in another instance): free-time
    // answers come from the database again.
    void forget(qint64 companyId) { m_busy.forget(companyId); }
    void forgetAll() { m_busy.forgetAll(); }

private:
    void runAppointmentTask(qint64 companyId,
                            std::function<CalendarReply<Appointment>(StoreSession &)> task,
                            AppointmentCallback done);

    void readBusyTimes(qint64 companyId, const TimeRange &span, qint64 atMs,
                       BusyTimesCache::FetchDone done);

    Store &m_store;
    Store *m_reads = nullptr;
    BusyTimesCache m_busy;
};

} // namespace Callbook
