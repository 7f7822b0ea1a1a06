#include "localcalendar.h"

#include "appointmentrepository.h"
#include "dates/zonetime.h"
#include "localbookings.h"
#include "store/store.h"
#include "store/storesession.h"

#include <QDateTime>
#include <memory>

namespace Callbook {

LocalCalendar::LocalCalendar(Store &store, QObject *parent, BusyTimesCache::Settings cacheSettings)
    : QObject(parent)
    , m_store(store)
    , m_busy(
          [this](qint64 companyId, const TimeRange &span, qint64 atMs,
                 BusyTimesCache::FetchDone done) {
              readBusyTimes(companyId, span, atMs, std::move(done));
          },
          cacheSettings) {}

static qint64 nowMs() {
    return QDateTime::currentMSecsSinceEpoch();
}

CalendarError calendarErrorOf(const StoreResult &failed) {
    return {failed.status == StoreResult::Status::Unavailable ? CalendarFailure::Unavailable
                                                              : CalendarFailure::Rejected,
            QStringLiteral("database: ") + failed.error};
}

// Runs `task` on the store and hands its reply (or the store's failure) to `done`.
template<typename T>
static void runTask(Store &store, QObject *context, qint64 companyId,
                    std::function<CalendarReply<T>(StoreSession &)> task,
                    std::function<void(CalendarReply<T>)> done) {
    auto result = std::make_shared<CalendarReply<T>>();
    store.submit(
        companyId,
        [task = std::move(task), result](StoreSession &s) {
            *result = task(s);
            return QVariant();
        },
        context,
        [result, done = std::move(done)](const StoreResult &r) {
            if (!r.ok()) {
                const CalendarError error = calendarErrorOf(r);
                done(CalendarReply<T>::failure(error.failure, error.detail));
                return;
            }
            done(std::move(*result));
        });
}

void LocalCalendar::runAppointmentTask(
    qint64 companyId, std::function<CalendarReply<Appointment>(StoreSession &)> task,
    AppointmentCallback done) {
    runTask<Appointment>(m_store, this, companyId, std::move(task), std::move(done));
}

static TimeRange localDaysInUtc(const OpeningRules &rules, const QDate &first, const QDate &last) {
    return {ZoneTime::toUtcMs(first, QTime(0, 0), rules.zone),
            ZoneTime::toUtcMs(last.addDays(1), QTime(0, 0), rules.zone)};
}

void LocalCalendar::readBusyTimes(qint64 companyId, const TimeRange &span, qint64 atMs,
                                  BusyTimesCache::FetchDone done) {
    auto busy = std::make_shared<QList<BusyTime>>();
    (m_reads ? *m_reads : m_store)
        .submit(
            companyId,
            [=](StoreSession &s) {
                *busy = LocalBookings::busyTimesWithExpiry(s, companyId, span, atMs);
                return QVariant();
            },
            this,
            [busy, done = std::move(done)](const StoreResult &r) {
                if (!r.ok())
                    return done(std::nullopt, calendarErrorOf(r));
                done(std::move(*busy), {});
            });
}

void LocalCalendar::availability(const TenantCalendar &tenant, const AvailabilityQuery &query,
                                 bool mustBeFresh, AvailabilityCallback done) {
    const ServiceInfo *service = tenant.service(query.serviceId);
    if (!service) {
        done(CalendarReply<Availability>::failure(CalendarFailure::NotFound,
                                                  QStringLiteral("unknown service")));
        return;
    }
    const OpeningRules rules = tenant.rules;
    SlotQuery slotQuery;
    slotQuery.firstDay = query.firstDay;
    slotQuery.lastDay = query.lastDay;
    slotQuery.durationMin = service->durationMin;
    slotQuery.bufferBeforeMin = service->bufferBeforeMin;
    slotQuery.bufferAfterMin = service->bufferAfterMin;
    slotQuery.stepMin = qMin(30, service->durationMin);
    const qint64 now = nowMs();
    slotQuery.notBeforeMs = now;
    const TimeRange within = localDaysInUtc(rules, query.firstDay, query.lastDay.addDays(1));
    // Widened by a day on each side so buffers reaching over midnight are seen.
    const TimeRange wide{within.startMs - 86400000, within.endMs};
    auto answer = [rules, slotQuery, done = std::move(done)](CalendarReply<QList<TimeRange>> busy,
                                                             bool fromMemory) {
        if (!busy.ok())
            return done(
                CalendarReply<Availability>::failure(busy.error.failure, busy.error.detail));
        Availability a;
        a.openSlots = freeSlots(rules, slotQuery, *busy.value);
        a.fromCache = fromMemory;
        done(CalendarReply<Availability>::success(a));
    };
    if (!mustBeFresh)
        return m_busy.busyTimes(query.companyId, wide, now, std::move(answer));
    readBusyTimes(query.companyId, wide, now,
                  [answer](std::optional<QList<BusyTime>> busy, CalendarError error) {
                      if (!busy)
                          return answer(
                              CalendarReply<QList<TimeRange>>::failure(error.failure, error.detail),
                              false);
                      QList<TimeRange> ranges;
                      for (const BusyTime &b : *busy)
                          ranges.append(b.range);
                      answer(CalendarReply<QList<TimeRange>>::success(ranges), false);
                  });
}

static CalendarReply<Appointment> outcomeReply(StoreSession &s, qint64 companyId,
                                               const BookingResult &result, bool replayed) {
    switch (result.outcome) {
    case BookingResult::Outcome::Booked:
    case BookingResult::Outcome::AlreadyBooked: {
        auto appointment = AppointmentRepository::byId(s, companyId, result.appointmentId);
        if (!appointment)
            return CalendarReply<Appointment>::failure(CalendarFailure::NotFound, {});
        appointment->replayed = replayed || result.outcome == BookingResult::Outcome::AlreadyBooked;
        return CalendarReply<Appointment>::success(*appointment);
    }
    case BookingResult::Outcome::SlotTaken:
        return CalendarReply<Appointment>::failure(CalendarFailure::SlotTaken,
                                                   QStringLiteral("overlaps another appointment"));
    case BookingResult::Outcome::OutsideOpeningHours:
        return CalendarReply<Appointment>::failure(CalendarFailure::OutsideOpeningHours,
                                                   QStringLiteral("outside opening hours"));
    case BookingResult::Outcome::NotFound:
        break;
    }
    return CalendarReply<Appointment>::failure(CalendarFailure::NotFound,
                                               QStringLiteral("no such appointment"));
}

void LocalCalendar::book(const TenantCalendar &tenant, const BookingDraft &draft,
                         AppointmentCallback done) {
    const ServiceInfo *service = tenant.service(draft.serviceId);
    if (!service) {
        done(CalendarReply<Appointment>::failure(CalendarFailure::NotFound,
                                                 QStringLiteral("unknown service")));
        return;
    }
    const qint64 now = nowMs();
    if (draft.startMs < now) {
        done(CalendarReply<Appointment>::failure(CalendarFailure::OutsideOpeningHours,
                                                 QStringLiteral("in the past")));
        return;
    }
    BookingRequest request;
    request.companyId = draft.companyId;
    request.serviceId = service->id;
    request.range = appointmentRange(*service, draft.startMs);
    request.idempotencyKey = draft.idempotencyKey;
    request.callId = draft.callId;
    request.attendeeName = draft.attendee.name;
    request.attendeePhone = draft.attendee.phone;
    request.bufferBeforeMin = service->bufferBeforeMin;
    request.bufferAfterMin = service->bufferAfterMin;
    const OpeningRules rules = tenant.rules;
    runAppointmentTask(
        draft.companyId,
        [=](StoreSession &s) {
            return outcomeReply(s, request.companyId, LocalBookings::book(s, rules, request, now),
                                false);
        },
        std::move(done));
}

void LocalCalendar::cancel(const TenantCalendar &tenant, qint64 appointmentId, const QString &,
                           AppointmentCallback done) {
    const qint64 companyId = tenant.companyId;
    const qint64 now = nowMs();
    runAppointmentTask(
        companyId,
        [=](StoreSession &s) {
            auto appointment = AppointmentRepository::byId(s, companyId, appointmentId);
            if (!appointment)
                return CalendarReply<Appointment>::failure(CalendarFailure::NotFound,
                                                           QStringLiteral("no such appointment"));
            const bool changed = LocalBookings::cancel(s, companyId, appointmentId, now);
            appointment->replayed = !changed; // cancelled before: a repeat
            appointment->status = QStringLiteral("cancelled");
            return CalendarReply<Appointment>::success(*appointment);
        },
        std::move(done));
}

void LocalCalendar::reschedule(const TenantCalendar &tenant, qint64 appointmentId,
                               qint64 newStartMs, AppointmentCallback done) {
    const qint64 companyId = tenant.companyId;
    const qint64 now = nowMs();
    if (newStartMs < now) {
        done(CalendarReply<Appointment>::failure(CalendarFailure::OutsideOpeningHours,
                                                 QStringLiteral("in the past")));
        return;
    }
    const TenantCalendar t = tenant;
    runAppointmentTask(
        companyId,
        [=](StoreSession &s) {
            auto appointment = AppointmentRepository::byId(s, companyId, appointmentId);
            if (!appointment || appointment->status != QLatin1String("booked"))
                return CalendarReply<Appointment>::failure(CalendarFailure::NotFound,
                                                           QStringLiteral("no such appointment"));
            if (appointment->range.startMs == newStartMs) { // a repeat of a done move
                appointment->replayed = true;
                return CalendarReply<Appointment>::success(*appointment);
            }
            const ServiceInfo service = serviceOf(t, *appointment);
            const BookingResult result = LocalBookings::reschedule(
                s, t.rules, companyId, appointmentId, appointmentRange(service, newStartMs), now,
                blockedRange(service, newStartMs));
            return outcomeReply(s, companyId, result, false);
        },
        std::move(done));
}

void LocalCalendar::lookUp(const TenantCalendar &tenant, qint64 appointmentId,
                           AppointmentCallback done) {
    const qint64 companyId = tenant.companyId;
    runAppointmentTask(
        companyId,
        [=](StoreSession &s) {
            auto appointment = AppointmentRepository::byId(s, companyId, appointmentId);
            if (!appointment)
                return CalendarReply<Appointment>::failure(CalendarFailure::NotFound,
                                                           QStringLiteral("no such appointment"));
            return CalendarReply<Appointment>::success(*appointment);
        },
        std::move(done));
}

void LocalCalendar::eventTypes(const TenantCalendar &tenant, EventTypesCallback done) {
    QList<EventTypeInfo> types;
    for (const ServiceInfo &s : tenant.services)
        types.append(EventTypeInfo{s.id, s.name, s.name, s.durationMin});
    done(CalendarReply<QList<EventTypeInfo>>::success(types));
}

} // namespace Callbook
