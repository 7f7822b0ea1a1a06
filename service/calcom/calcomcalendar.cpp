#include "calcomcalendar.h"

#include "calendar/appointmentrepository.h"
#include "core/logging.h"
#include "store/store.h"
#include "store/storesession.h"

#include <QDateTime>
#include <QJsonArray>

namespace Callbook {

using Outcome = CalcomResponse::Outcome;
using AppointmentReply = CalendarReply<Appointment>;

struct CalcomCalendar::Fetch {
    QDate first, last;
    QList<std::function<void(const CalcomResponse &)>> waiters;
};

CalendarFailure failureOf(const CalcomResponse &r) {
    switch (r.outcome) {
    case Outcome::BreakerOpen:
    case Outcome::Timeout:
    case Outcome::NetworkError:
        return CalendarFailure::Unavailable;
    case Outcome::RateLimited:
        return CalendarFailure::RateLimited;
    case Outcome::Answered:
        break;
    }
    if (r.httpStatus == 429)
        return CalendarFailure::RateLimited;
    if (r.httpStatus >= 500)
        return CalendarFailure::Unavailable;
    if (CalcomApi::isSlotTaken(r))
        return CalendarFailure::SlotTaken;
    if (CalcomApi::isOutsideBookingWindow(r))
        return CalendarFailure::OutsideOpeningHours;
    if (r.httpStatus == 404)
        return CalendarFailure::NotFound;
    return CalendarFailure::Rejected;
}

static qint64 wallNowMs() {
    return QDateTime::currentMSecsSinceEpoch();
}

CalcomCalendar::CalcomCalendar(Store &store, AvailabilityCache &cache, ConnectionFor connectionFor,
                               QObject *parent)
    : QObject(parent)
    , m_store(store)
    , m_cache(cache)
    , m_connectionFor(std::move(connectionFor)) {}

AvailabilityKey CalcomCalendar::keyFor(const TenantCalendar &tenant,
                                       const ServiceInfo &service) const {
    return {tenant.companyId, tenant.calcom.teamId.value_or(0), service.eventTypeId.value_or(0),
            QString::fromUtf8(tenant.rules.zone.id())};
}

// ---- availability -------------------------------------------------------------------------

void CalcomCalendar::availability(const TenantCalendar &tenant, const AvailabilityQuery &query,
                                  bool mustBeFresh, AvailabilityCallback done) {
    const ServiceInfo *service = tenant.service(query.serviceId);
    if (!service || !service->eventTypeId) {
        done(CalendarReply<Availability>::failure(CalendarFailure::NotFound,
                                                  QStringLiteral("no Cal.com event type")));
        return;
    }
    const AvailabilityKey key = keyFor(tenant, *service);
    QDate first = query.firstDay, last = query.lastDay;
    auto &stats = m_cache.stats(tenant.companyId);
    if (!mustBeFresh) {
        const AvailabilityCache::Lookup cached = m_cache.lookup(key, first, last);
        if (cached.fresh) {
            ++stats.hits;
            answerFromCache(tenant, key, query, nullptr, -1, false, std::move(done));
            return;
        }
        ++stats.misses;
        first = cached.firstMissing;
        last = cached.lastMissing;
        // Single flight: wait for a request already under way that covers the missing days.
        for (const auto &fetch : m_fetches.value(key)) {
            if (fetch->first <= first && fetch->last >= last) {
                fetch->waiters.append([=, this](const CalcomResponse &r) {
                    answerFromCache(tenant, key, query, r.isSuccess() ? nullptr : &r, r.elapsedMs,
                                    false, done);
                });
                return;
            }
        }
    }
    fetchDays(tenant, *service, key, first, last, RateBudget::Priority::Read,
              [=, this](const CalcomResponse &r) {
                  answerFromCache(tenant, key, query, r.isSuccess() ? nullptr : &r, r.elapsedMs,
                                  mustBeFresh, done);
              });
}

void CalcomCalendar::fetchDays(const TenantCalendar &tenant, const ServiceInfo &service,
                               const AvailabilityKey &key, const QDate &first, const QDate &last,
                               RateBudget::Priority priority,
                               std::function<void(const CalcomResponse &)> done) {
    auto fetch = std::make_shared<Fetch>();
    fetch->first = first;
    fetch->last = last;
    fetch->waiters.append(std::move(done));
    m_fetches[key].append(fetch);
    auto complete = [this, key, fetch](const CalcomResponse &r) {
        auto &list = m_fetches[key];
        list.removeOne(fetch);
        if (list.isEmpty())
            m_fetches.remove(key);
        for (const auto &waiter : fetch->waiters)
            waiter(r);
    };
    CalcomConnection *connection = m_connectionFor(tenant.companyId);
    if (!connection) {
        CalcomResponse r;
        r.outcome = Outcome::NetworkError;
        r.errorMessage = QStringLiteral("no Cal.com API key configured");
        complete(r);
        return;
    }
    CalcomRequest request =
        CalcomApi::slotsRequest(*service.eventTypeId, tenant.rules.zone, first, last);
    request.priority = priority;
    const AvailabilityCache::Ticket sentAt = m_cache.ticket(tenant.companyId);
    const int duration = service.durationMin;
    ++m_inFlightRequests;
    connection->send(request, [=, this](const CalcomResponse &answer) {
        --m_inFlightRequests;
        CalcomResponse r = answer;
        if (r.isSuccess()) {
            QString error;
            const auto perDay = CalcomApi::parseSlots(r.json, duration, &error);
            if (perDay) {
                m_cache.store(key, first, last, *perDay, sentAt);
            } else {
                qCWarning(lcCalendar) << "unreadable Cal.com slots answer:" << error;
                r.httpStatus = 502;
                r.errorMessage = error;
            }
        }
        complete(r);
    });
}

void CalcomCalendar::answerFromCache(const TenantCalendar &tenant, const AvailabilityKey &key,
                                     const AvailabilityQuery &query, const CalcomResponse *failure,
                                     qint64 upstreamMs, bool mustBeFresh,
                                     AvailabilityCallback done) {
    const AvailabilityCache::Lookup cached = m_cache.lookup(key, query.firstDay, query.lastDay);
    Availability a;
    a.fromCache = upstreamMs < 0;
    a.upstreamMs = upstreamMs;
    if (failure) {
        // A booking check never settles for an old answer.
        if (!cached.complete || mustBeFresh) {
            done(CalendarReply<Availability>::failure(failureOf(*failure), failure->describe()));
            return;
        }
        a.stale = !cached.fresh;
        if (a.stale)
            ++m_cache.stats(tenant.companyId).staleServed;
    } else if (!cached.complete) {
        done(CalendarReply<Availability>::failure(CalendarFailure::Unavailable,
                                                  QStringLiteral("no availability cached")));
        return;
    }
    // Guard against upstream mistakes (e.g. DST bugs): nothing in the past, and nothing
    // outside the business's own opening hours when it declared them.
    const qint64 now = wallNowMs();
    for (const TimeRange &slot : cached.openSlots) {
        if (slot.startMs < now)
            continue;
        if (!tenant.rules.hours.isEmpty() && !tenant.rules.isOpenFor(slot))
            continue;
        a.openSlots.append(slot);
    }
    done(CalendarReply<Availability>::success(a));
}

void CalcomCalendar::prefetch(const TenantCalendar &tenant) {
    const QDate today = QDateTime::currentDateTime().toTimeZone(tenant.rules.zone).date();
    const QDate last = today.addDays(qMax(1, tenant.calcom.prefetchDays) - 1);
    QSet<qint64> seen;
    for (const ServiceInfo &service : tenant.services) {
        if (!service.eventTypeId || seen.contains(*service.eventTypeId))
            continue;
        seen.insert(*service.eventTypeId);
        const AvailabilityKey key = keyFor(tenant, service);
        const AvailabilityCache::Lookup cached = m_cache.lookup(key, today, last);
        if (cached.fresh)
            continue;
        bool underWay = false;
        for (const auto &fetch : m_fetches.value(key))
            underWay |= fetch->first <= cached.firstMissing && fetch->last >= cached.lastMissing;
        if (!underWay)
            fetchDays(tenant, service, key, cached.firstMissing, cached.lastMissing,
                      RateBudget::Priority::Prefetch, [](const CalcomResponse &) {});
    }
}

// ---- bookings -----------------------------------------------------------------------------

void CalcomCalendar::book(const TenantCalendar &tenant, const BookingDraft &draft,
                          AppointmentCallback done) {
    const ServiceInfo *service = tenant.service(draft.serviceId);
    if (!service || !service->eventTypeId) {
        done(AppointmentReply::failure(CalendarFailure::NotFound,
                                       QStringLiteral("no Cal.com event type")));
        return;
    }
    if (draft.attendee.name.trimmed().isEmpty() ||
        (draft.attendee.phone.isEmpty() && draft.attendee.email.isEmpty())) {
        done(AppointmentReply::failure(
            CalendarFailure::Invalid,
            QStringLiteral("attendee needs a name and a phone or e-mail")));
        return;
    }
    const TimeRange range = appointmentRange(*service, draft.startMs);
    if (draft.startMs < wallNowMs() ||
        (!tenant.rules.hours.isEmpty() && !tenant.rules.isOpenFor(range))) {
        done(AppointmentReply::failure(CalendarFailure::OutsideOpeningHours,
                                       QStringLiteral("outside opening hours")));
        return;
    }
    BookingDraft d = draft;
    if (d.idempotencyKey.isEmpty())
        d.idempotencyKey =
            QStringLiteral("%1|%2|%3|%4")
                .arg(d.callId, QString::number(d.serviceId), QString::number(d.startMs),
                     d.attendee.phone + d.attendee.email);
    // A repeat while the first attempt is still under way waits for its answer.
    if (m_creating.contains(d.idempotencyKey)) {
        m_creating[d.idempotencyKey].append([done](AppointmentReply reply) {
            if (reply.value)
                reply.value->replayed = true;
            done(std::move(reply));
        });
        return;
    }
    m_creating.insert(d.idempotencyKey, {std::move(done)});
    const QString key = d.idempotencyKey;
    AppointmentCallback finish = [this, key](AppointmentReply reply) {
        for (const auto &waiter : m_creating.take(key))
            waiter(reply);
    };
    auto known = std::make_shared<std::optional<Appointment>>();
    const TenantCalendar t = tenant;
    const ServiceInfo s = *service;
    m_store.submit(
        d.companyId,
        [known, d](StoreSession &session) {
            *known =
                AppointmentRepository::byIdempotencyKey(session, d.companyId, d.idempotencyKey);
            return QVariant();
        },
        this,
        [=, this](const StoreResult &r) {
            if (r.ok() && known->has_value() && (*known)->status != QLatin1String("cancelled")) {
                Appointment a = **known;
                a.replayed = true;
                finish(AppointmentReply::success(a));
                return;
            }
            createUpstream(t, s, d, finish);
        });
}

void CalcomCalendar::createUpstream(const TenantCalendar &tenant, const ServiceInfo &service,
                                    const BookingDraft &draft, AppointmentCallback done) {
    CalcomConnection *connection = m_connectionFor(tenant.companyId);
    if (!connection) {
        CalcomResponse r;
        r.outcome = Outcome::NetworkError;
        r.errorMessage = QStringLiteral("no Cal.com API key configured");
        refuseWrite(tenant, draft, r, std::move(done));
        return;
    }
    connection->send(
        CalcomApi::createBooking(tenant, service, draft), [=, this](const CalcomResponse &r) {
            if (r.isSuccess()) {
                QJsonObject data = r.json.value(QStringLiteral("data")).toObject();
                if (r.json.value(QStringLiteral("data")).isArray()) // recurring
                    data = r.json.value(QStringLiteral("data")).toArray().first().toObject();
                if (const auto booking = CalcomApi::parseBooking(data)) {
                    storeCreated(tenant, service, draft, *booking, done);
                    return;
                }
            }
            const bool unknownOutcome =
                r.outcome == Outcome::Timeout || r.outcome == Outcome::NetworkError ||
                (r.outcome == Outcome::Answered && r.httpStatus >= 500) || r.isSuccess();
            if (CalcomApi::isSlotTaken(r) || unknownOutcome) {
                reconcileCreate(tenant, service, draft, r, done);
                return;
            }
            if (r.outcome == Outcome::BreakerOpen || r.outcome == Outcome::RateLimited ||
                r.httpStatus == 429) {
                refuseWrite(tenant, draft, r, done);
                return;
            }
            done(AppointmentReply::failure(failureOf(r), r.describe()));
        });
}

// Did an earlier attempt (or a request whose answer we lost) book this already? Cal.com
// refuses a second create for the same slot, so we look for our own key in its bookings.
void CalcomCalendar::reconcileCreate(const TenantCalendar &tenant, const ServiceInfo &service,
                                     const BookingDraft &draft, const CalcomResponse &first,
                                     AppointmentCallback done) {
    CalcomConnection *connection = m_connectionFor(tenant.companyId);
    const TimeRange range = appointmentRange(service, draft.startMs);
    const CalcomRequest lookup =
        CalcomApi::listBookings(range.startMs - 60000, range.endMs + 60000);
    const CalcomResponse firstAnswer = first;
    connection->send(lookup, [=, this](const CalcomResponse &r) {
        if (r.isSuccess()) {
            for (const CalcomApi::Booking &b : CalcomApi::parseBookingList(r.json)) {
                const QString key = b.metadata.value(CalcomApi::kMetaKey).toString();
                if (b.status != QLatin1String("cancelled") &&
                    key == CalcomApi::metadataKey(draft.idempotencyKey)) {
                    qCInfo(lcCalendar) << "Cal.com already has this booking; using it";
                    storeCreated(tenant, service, draft, b, [done](AppointmentReply reply) {
                        if (reply.value)
                            reply.value->replayed = true;
                        done(std::move(reply));
                    });
                    return;
                }
            }
            if (CalcomApi::isSlotTaken(firstAnswer)) {
                m_cache.invalidateCompany(tenant.companyId); // it showed the slot as free
                done(AppointmentReply::failure(CalendarFailure::SlotTaken, firstAnswer.describe()));
                return;
            }
        }
        refuseWrite(tenant, draft, firstAnswer.isSuccess() ? r : firstAnswer, done);
    });
}

void CalcomCalendar::storeCreated(const TenantCalendar &tenant, const ServiceInfo &service,
                                  const BookingDraft &draft, const CalcomApi::Booking &booking,
                                  AppointmentCallback done) {
    AppointmentRepository::ExternalBooking row;
    row.uid = booking.uid;
    row.range = booking.range;
    row.blocked = {booking.range.startMs - qint64(service.bufferBeforeMin) * 60000,
                   booking.range.endMs + qint64(service.bufferAfterMin) * 60000};
    row.status = booking.status;
    row.serviceId = service.id;
    row.callId = draft.callId;
    row.idempotencyKey = draft.idempotencyKey;
    row.attendeeName = draft.attendee.name;
    row.attendeePhone = draft.attendee.phone;
    row.attendeeEmail = draft.attendee.email;
    const qint64 companyId = tenant.companyId;
    const qint64 now = wallNowMs();
    auto stored = std::make_shared<std::optional<Appointment>>();
    m_cache.invalidateCompany(companyId);
    m_store.submit(
        companyId,
        [=](StoreSession &s) {
            const qint64 id = AppointmentRepository::upsertExternal(s, companyId, row, now);
            *stored = AppointmentRepository::byId(s, companyId, id);
            return QVariant();
        },
        this,
        [=, this](const StoreResult &r) {
            Q_EMIT appointmentsChanged(companyId);
            if (r.ok() && stored->has_value()) {
                done(AppointmentReply::success(**stored));
                return;
            }
            // Booked at Cal.com all the same; its webhook will bring the row in later.
            qCWarning(lcCalendar) << "Cal.com booking made but not stored:" << r.error;
            Appointment a;
            a.companyId = companyId;
            a.serviceId = service.id;
            a.range = booking.range;
            a.status = booking.status;
            a.provider = QStringLiteral("calcom");
            a.externalUid = booking.uid;
            a.attendeeName = draft.attendee.name;
            a.attendeePhone = draft.attendee.phone;
            a.callId = draft.callId;
            done(AppointmentReply::success(a));
        });
}

// Cal.com cannot take the change now: say why, and put the caller on the callback list so a
// person follows up.
void CalcomCalendar::refuseWrite(const TenantCalendar &tenant, const BookingDraft &draft,
                                 const CalcomResponse &response, AppointmentCallback done) {
    const CalendarFailure failure = failureOf(response);
    const QString detail = response.describe();
    const QString wanted = CalcomApi::utcIso(draft.startMs);
    const qint64 companyId = tenant.companyId;
    const qint64 now = wallNowMs();
    m_store.submit(
        companyId,
        [=](StoreSession &s) {
            AppointmentRepository::requestCallback(
                s, companyId, draft.callId, draft.attendee.phone, draft.attendee.name,
                QStringLiteral("calendar_unavailable"), wanted, now);
            return QVariant();
        },
        this, [=](const StoreResult &) { done(AppointmentReply::failure(failure, detail)); });
}

void CalcomCalendar::withAppointment(const TenantCalendar &tenant, qint64 appointmentId,
                                     std::function<void(Appointment)> found,
                                     AppointmentCallback done) {
    auto row = std::make_shared<std::optional<Appointment>>();
    const qint64 companyId = tenant.companyId;
    m_store.submit(
        companyId,
        [=](StoreSession &s) {
            *row = AppointmentRepository::byId(s, companyId, appointmentId);
            return QVariant();
        },
        this,
        [=](const StoreResult &r) {
            if (!r.ok()) {
                done(AppointmentReply::failure(CalendarFailure::Unavailable, r.error));
                return;
            }
            if (!row->has_value()) {
                done(AppointmentReply::failure(CalendarFailure::NotFound,
                                               QStringLiteral("no such appointment")));
                return;
            }
            found(**row);
        });
}

void CalcomCalendar::cancel(const TenantCalendar &tenant, qint64 appointmentId,
                            const QString &reason, AppointmentCallback done) {
    const qint64 companyId = tenant.companyId;
    withAppointment(
        tenant, appointmentId,
        [=, this](Appointment a) {
            auto markCancelled = [=, this](bool replayed) mutable {
                const qint64 now = wallNowMs();
                m_cache.invalidateCompany(companyId);
                m_store.submit(
                    companyId,
                    [=](StoreSession &s) {
                        AppointmentRepository::setStatus(s, companyId, a.id,
                                                         QStringLiteral("cancelled"), now);
                        return QVariant();
                    },
                    this,
                    [=, this](const StoreResult &) mutable {
                        Q_EMIT appointmentsChanged(companyId);
                        a.status = QStringLiteral("cancelled");
                        a.replayed = replayed;
                        done(AppointmentReply::success(a));
                    });
            };
            if (a.status == QLatin1String("cancelled") || a.externalUid.isEmpty()) {
                markCancelled(a.status == QLatin1String("cancelled"));
                return;
            }
            CalcomConnection *connection = m_connectionFor(companyId);
            if (!connection) {
                done(AppointmentReply::failure(CalendarFailure::Unavailable,
                                               QStringLiteral("no API key")));
                return;
            }
            connection->send(CalcomApi::cancelBooking(a.externalUid, reason),
                             [=](const CalcomResponse &r) mutable {
                                 if (r.isSuccess() || CalcomApi::isAlreadyCancelled(r)) {
                                     markCancelled(!r.isSuccess());
                                     return;
                                 }
                                 done(AppointmentReply::failure(failureOf(r), r.describe()));
                             });
        },
        done);
}

void CalcomCalendar::reschedule(const TenantCalendar &tenant, qint64 appointmentId,
                                qint64 newStartMs, AppointmentCallback done) {
    const qint64 companyId = tenant.companyId;
    const TenantCalendar t = tenant;
    withAppointment(
        tenant, appointmentId,
        [=, this](Appointment a) {
            if (a.status == QLatin1String("cancelled") || a.externalUid.isEmpty()) {
                done(AppointmentReply::failure(CalendarFailure::NotFound,
                                               QStringLiteral("no active Cal.com booking")));
                return;
            }
            if (a.range.startMs == newStartMs) { // a repeat of a move already made
                a.replayed = true;
                done(AppointmentReply::success(a));
                return;
            }
            const ServiceInfo service = serviceOf(t, a);
            const TimeRange range = appointmentRange(service, newStartMs);
            if (newStartMs < wallNowMs() ||
                (!t.rules.hours.isEmpty() && !t.rules.isOpenFor(range))) {
                done(AppointmentReply::failure(CalendarFailure::OutsideOpeningHours,
                                               QStringLiteral("outside opening hours")));
                return;
            }
            CalcomConnection *connection = m_connectionFor(companyId);
            if (!connection) {
                done(AppointmentReply::failure(CalendarFailure::Unavailable,
                                               QStringLiteral("no API key")));
                return;
            }
            connection->send(
                CalcomApi::rescheduleBooking(a.externalUid, newStartMs, QString()),
                [=, this](const CalcomResponse &r) mutable {
                    const auto booking = r.isSuccess()
                                             ? CalcomApi::parseBooking(
                                                   r.json.value(QStringLiteral("data")).toObject())
                                             : std::nullopt;
                    if (!booking) {
                        if (CalcomApi::isSlotTaken(r))
                            m_cache.invalidateCompany(companyId);
                        if (failureOf(r) == CalendarFailure::Unavailable ||
                            failureOf(r) == CalendarFailure::RateLimited) {
                            BookingDraft d;
                            d.startMs = newStartMs;
                            d.callId = a.callId;
                            d.attendee.name = a.attendeeName;
                            d.attendee.phone = a.attendeePhone;
                            refuseWrite(t, d, r, done);
                            return;
                        }
                        done(AppointmentReply::failure(r.isSuccess() ? CalendarFailure::Rejected
                                                                     : failureOf(r),
                                                       r.describe()));
                        return;
                    }
                    const TimeRange moved = booking->range;
                    const TimeRange blocked{moved.startMs - qint64(service.bufferBeforeMin) * 60000,
                                            moved.endMs + qint64(service.bufferAfterMin) * 60000};
                    const qint64 now = wallNowMs();
                    m_cache.invalidateCompany(companyId);
                    m_store.submit(
                        companyId,
                        [=](StoreSession &s) {
                            AppointmentRepository::moveExternal(s, companyId, a.id, booking->uid,
                                                                moved, blocked, now);
                            return QVariant();
                        },
                        this,
                        [=, this](const StoreResult &) mutable {
                            Q_EMIT appointmentsChanged(companyId);
                            a.range = moved;
                            a.externalUid = booking->uid;
                            a.status = QStringLiteral("booked");
                            done(AppointmentReply::success(a));
                        });
                });
        },
        done);
}

void CalcomCalendar::lookUp(const TenantCalendar &tenant, qint64 appointmentId,
                            AppointmentCallback done) {
    const qint64 companyId = tenant.companyId;
    withAppointment(
        tenant, appointmentId,
        [=, this](Appointment a) {
            CalcomConnection *connection = m_connectionFor(companyId);
            if (a.externalUid.isEmpty() || !connection) {
                done(AppointmentReply::success(a));
                return;
            }
            // Cal.com knows best (the business may have moved it on its own pages); our copy is
            // the answer when it cannot be asked.
            connection->send(CalcomApi::getBooking(a.externalUid),
                             [=](const CalcomResponse &r) mutable {
                                 if (r.isSuccess()) {
                                     if (const auto b = CalcomApi::parseBooking(
                                             r.json.value(QStringLiteral("data")).toObject())) {
                                         a.range = b->range;
                                         a.status = b->status;
                                     }
                                 }
                                 done(AppointmentReply::success(a));
                             });
        },
        done);
}

void CalcomCalendar::eventTypes(const TenantCalendar &tenant, EventTypesCallback done) {
    CalcomConnection *connection = m_connectionFor(tenant.companyId);
    if (!connection) {
        done(CalendarReply<QList<EventTypeInfo>>::failure(CalendarFailure::Unavailable,
                                                          QStringLiteral("no API key")));
        return;
    }
    connection->send(
        CalcomApi::eventTypes(tenant.calcom.username), [done](const CalcomResponse &r) {
            if (!r.isSuccess()) {
                done(CalendarReply<QList<EventTypeInfo>>::failure(failureOf(r), r.describe()));
                return;
            }
            done(CalendarReply<QList<EventTypeInfo>>::success(CalcomApi::parseEventTypes(r.json)));
        });
}

} // namespace Callbook
