// Two-step booking (start_booking → confirm_booking, release_slot_reservation) and the
// caller's existing appointments (query, reschedule, cancel).

#include "agentfunctions.h"
#include "argreader.h"
#include "calendar/appointmentrepository.h"
#include "calendar/bookingholds.h"
#include "calendar/calendars.h"
#include "functiondata.h"
#include "store/customerrepository.h"
#include "store/store.h"

#include <QJsonArray>

namespace Callbook {

namespace {

FunctionResult storageProblem(const Speech &sp) {
    return FunctionResult::failure(QStringLiteral("storage_unavailable"),
                                   sp.pick("Da ist gerade etwas schiefgelaufen. Bitte versuchen "
                                           "Sie es gleich noch einmal.",
                                           "Something went wrong just now. Please try again in a "
                                           "moment."),
                                   503);
}

QJsonObject holdJson(const BookingHold &h, const QTimeZone &zone, qint64 nowMs) {
    return {{QStringLiteral("hold_id"), h.token},
            {QStringLiteral("start"),
             QDateTime::fromMSecsSinceEpoch(h.range.startMs, zone).toString(Qt::ISODate)},
            {QStringLiteral("expires_in_s"), int(qMax<qint64>(0, h.expiresAtMs - nowMs) / 1000)}};
}

} // namespace

void AgentFunctions::answerRefusal(const FunctionContext &c, const CalendarError &error,
                                   const QDateTime &when, const Done &done) {
    const Speech sp = c.speech();
    switch (error.failure) {
    case CalendarFailure::SlotTaken:
        return done(FunctionResult::failure(
            QStringLiteral("slot_taken"),
            sp.pick("%1 ist leider schon vergeben. Soll ich eine andere Zeit suchen?",
                    "%1 is already taken, sorry. Shall I find another time?")
                .arg(when.isValid() ? sp.moment(when) : sp.pick("Diese Zeit", "That time"))));
    case CalendarFailure::OutsideOpeningHours:
        return done(FunctionResult::failure(QStringLiteral("outside_opening_hours"),
                                            sp.pick("Zu dieser Zeit haben wir leider geschlossen.",
                                                    "We're closed at that time, sorry.")));
    case CalendarFailure::NotFound:
        return done(FunctionResult::failure(
            QStringLiteral("appointment_not_found"),
            sp.pick("Ich finde diesen Termin nicht.", "I can't find that appointment.")));
    case CalendarFailure::Unavailable:
    case CalendarFailure::RateLimited:
        return calendarUnavailable(c, error,
                                   when.isValid() ? when.toString(Qt::ISODate) : QString(), done);
    default:
        return done(FunctionResult::failure(
            QStringLiteral("booking_failed"),
            sp.pick("Das hat leider nicht geklappt. Soll ich einen Rückruf notieren?",
                    "That didn't work, sorry. Shall I note a callback?"),
            200, {{QStringLiteral("detail"), toString(error.failure)}}));
    }
}

void AgentFunctions::startBooking(const FunctionContext &c, Done done) {
    ArgReader args(c.request.args,
                   {QStringLiteral("service"), QStringLiteral("date"), QStringLiteral("time"),
                    QStringLiteral("customer_name"), QStringLiteral("customer_phone"),
                    QStringLiteral("customer_email")});
    const QString name = args.text(QStringLiteral("customer_name"), true);
    const QString phoneArg = args.text(QStringLiteral("customer_phone"));
    const QString email = args.text(QStringLiteral("customer_email"));
    const auto wish = readSlotWish(c, args, true, done);
    if (!wish)
        return;
    const Speech sp = c.speech();
    const QString phone = phoneArg.isEmpty() ? c.callerNumber : phoneArg;
    if (phone.isEmpty() && email.isEmpty())
        return done(
            FunctionResult::failure(QStringLiteral("missing_contact"),
                                    sp.pick("Unter welcher Telefonnummer erreichen wir Sie?",
                                            "Which phone number can we reach you on?")));

    const ServiceInfo service = *wish->service;
    BookingHold wanted;
    wanted.companyId = c.tenant.companyId;
    wanted.serviceId = service.id;
    wanted.callId = c.request.callId;
    wanted.range = appointmentRange(service, wish->when.start.toMSecsSinceEpoch());
    wanted.blocked = blockedRange(service, wanted.range.startMs);
    const qint64 now = c.nowMs;
    wanted.expiresAtMs = now + qint64(c.tenant.holdMinutes) * 60000;
    wanted.customerName = name;
    wanted.customerPhone = phone;
    wanted.customerEmail = email;
    const QDateTime start = wish->when.start;
    const OpeningRules rules = c.tenant.rules;

    auto placeHold = [=, this](qint64 upstreamMs) {
        auto result = std::make_shared<HoldResult>();
        m_store.submit(
            wanted.companyId,
            [=](StoreSession &s) {
                // A repeated start_booking for the same time keeps the caller's hold.
                const auto mine = BookingHolds::latestForCall(s, wanted.companyId, wanted.callId);
                if (mine && mine->status == QLatin1String("held") && !mine->expired(now) &&
                    mine->range == wanted.range && mine->serviceId == wanted.serviceId) {
                    *result = {HoldResult::Outcome::Held, *mine};
                    return QVariant();
                }
                *result = BookingHolds::place(s, rules, wanted, now);
                return QVariant();
            },
            this,
            [=, this](const StoreResult &r) {
                m_calendars.holdsChanged(wanted.companyId);
                if (!r.ok())
                    return done(storageProblem(sp));
                if (result->outcome == HoldResult::Outcome::OutsideOpeningHours)
                    return done(FunctionResult::failure(
                        QStringLiteral("outside_opening_hours"),
                        sp.pick("Zu dieser Zeit haben wir leider geschlossen.",
                                "We're closed at that time, sorry.")));
                if (result->outcome == HoldResult::Outcome::SlotTaken) {
                    SlotWish again = *wish;
                    return answerSlotWish(c, again, true, [=](FunctionResult alt) {
                        FunctionResult taken = FunctionResult::failure(
                            QStringLiteral("slot_taken"),
                            sp.pick("%1 ist leider gerade vergeben. ", "%1 was just taken, sorry. ")
                                    .arg(sp.moment(start)) +
                                alt.message,
                            200, alt.fields());
                        done(taken);
                    });
                }
                FunctionResult ok = FunctionResult::ok(
                    sp.pick("Ich habe %1 am %2 auf den Namen %3 für Sie vorgemerkt. Soll ich "
                            "das verbindlich buchen?",
                            "I've reserved %1 on %2 for %3. Shall I book it?")
                        .arg(service.name, sp.moment(start), name),
                    holdJson(result->hold, rules.zone, now));
                ok.data.insert(QStringLiteral("service"), service.name);
                ok.upstreamMs = upstreamMs;
                done(ok);
            });
    };
    if (!c.tenant.usesCalcom())
        return placeHold(-1); // the hold itself checks the local calendar, atomically
    // Cal.com: ask it fresh (never from the cache) before holding.
    freeSlots(
        c, service, start.date(), start.date(), true, [=, this](CalendarReply<Availability> reply) {
            if (!reply.ok())
                return calendarUnavailable(c, reply.error, start.toString(Qt::ISODate), done);
            const bool free =
                std::any_of(reply.value->openSlots.begin(), reply.value->openSlots.end(),
                            [&](const TimeRange &r) { return r.startMs == wanted.range.startMs; });
            if (!free) {
                SlotWish again = *wish;
                return answerSlotWish(c, again, true, [=](FunctionResult alt) {
                    done(FunctionResult::failure(
                        QStringLiteral("slot_taken"),
                        sp.pick("%1 ist leider nicht mehr frei. ", "%1 is no longer free, sorry. ")
                                .arg(sp.moment(start)) +
                            alt.message,
                        200, alt.fields()));
                });
            }
            placeHold(reply.value->upstreamMs);
        });
}

void AgentFunctions::confirmBooking(const FunctionContext &c, Done done) {
    ArgReader args(c.request.args, {QStringLiteral("hold_id")});
    const QString token = args.text(QStringLiteral("hold_id"));
    const Speech sp = c.speech();
    if (!args.ok())
        return done(args.error(sp.pick("Ungültige Angaben.", "Invalid arguments.")));
    const qint64 companyId = c.tenant.companyId;
    const QString callId = c.request.callId;
    const qint64 now = c.nowMs;
    auto hold = std::make_shared<std::optional<BookingHold>>();
    auto existing = std::make_shared<std::optional<Appointment>>();
    m_store.submit(
        companyId,
        [=](StoreSession &s) {
            *hold = token.isEmpty() ? BookingHolds::latestForCall(s, companyId, callId)
                                    : BookingHolds::byToken(s, companyId, token);
            if (*hold && (*hold)->appointmentId)
                *existing = AppointmentRepository::byId(s, companyId, *(*hold)->appointmentId);
            return QVariant();
        },
        this,
        [=, this](const StoreResult &r) {
            if (!r.ok())
                return done(storageProblem(sp));
            // Another call's hold is not this caller's to confirm.
            if (!*hold || (*hold)->callId != callId)
                return done(FunctionResult::failure(
                    QStringLiteral("no_hold"),
                    sp.pick("Ich habe keine Reservierung für Sie gefunden. Sollen wir einen "
                            "Termin suchen?",
                            "I can't find a reservation for you. Shall we look for a time?")));
            const BookingHold h = **hold;
            if (h.status == QLatin1String("confirmed") && *existing) {
                FunctionResult again = FunctionResult::ok(
                    sp.pick("Ihr Termin ist gebucht: %1.", "Your appointment is booked: %1.")
                        .arg(sp.moment(QDateTime::fromMSecsSinceEpoch((*existing)->range.startMs,
                                                                      c.tenant.rules.zone))),
                    appointmentJson(c, **existing));
                again.data.insert(QStringLiteral("replayed"), true);
                return done(again);
            }
            if (h.status == QLatin1String("released"))
                return done(FunctionResult::failure(
                    QStringLiteral("hold_released"),
                    sp.pick("Diese Reservierung wurde schon aufgehoben. Sollen wir neu suchen?",
                            "That reservation was released. Shall we look again?")));
            if (h.expired(now))
                return done(FunctionResult::failure(
                    QStringLiteral("hold_expired"),
                    sp.pick("Die Reservierung ist leider abgelaufen. Soll ich nachsehen, ob die "
                            "Zeit noch frei ist?",
                            "The reservation has expired. Shall I check whether the time is "
                            "still free?")));
            BookingDraft draft;
            draft.companyId = companyId;
            draft.serviceId = h.serviceId.value_or(0);
            draft.startMs = h.range.startMs;
            draft.attendee = {h.customerName, h.customerPhone, h.customerEmail,
                              QString::fromUtf8(c.tenant.rules.zone.id()), c.tenant.locale};
            draft.callId = callId;
            draft.idempotencyKey = QStringLiteral("hold:") + h.token;
            m_calendars.book(draft, [=, this](CalendarReply<Appointment> booked) {
                if (!booked.ok())
                    return answerRefusal(
                        c, booked.error,
                        QDateTime::fromMSecsSinceEpoch(h.range.startMs, c.tenant.rules.zone), done);
                const Appointment a = *booked.value;
                m_store.submit(
                    companyId,
                    [=](StoreSession &s) {
                        BookingHolds::markConfirmed(s, companyId, h.token, a.id);
                        const auto [first, last] = CustomerRepository::splitName(h.customerName);
                        const qint64 customer = CustomerRepository::upsert(
                            s, companyId, h.customerPhone, first, last, h.customerEmail, now);
                        FunctionData::markCallBooked(s, companyId, callId, customer, now);
                        return QVariant();
                    },
                    this,
                    [=, this](const StoreResult &) {
                        m_calendars.holdsChanged(companyId);
                        m_calendars.customersChanged(companyId);
                        // Booked either way; the hold and the call flag follow on a retry.
                        FunctionResult ok = FunctionResult::ok(
                            sp.pick("Ihr Termin ist gebucht: %1. Wir freuen uns auf Sie!",
                                    "Your appointment is booked: %1. See you then!")
                                .arg(sp.moment(QDateTime::fromMSecsSinceEpoch(
                                    a.range.startMs, c.tenant.rules.zone))),
                            appointmentJson(c, a));
                        ok.data.insert(QStringLiteral("replayed"), a.replayed);
                        done(ok);
                    });
            });
        });
}

void AgentFunctions::releaseHold(const FunctionContext &c, Done done) {
    ArgReader args(c.request.args, {QStringLiteral("hold_id")});
    const QString token = args.text(QStringLiteral("hold_id"));
    const Speech sp = c.speech();
    if (!args.ok())
        return done(args.error(sp.pick("Ungültige Angaben.", "Invalid arguments.")));
    const qint64 companyId = c.tenant.companyId;
    const QString callId = c.request.callId;
    auto released = std::make_shared<bool>(false);
    m_store.submit(
        companyId,
        [=](StoreSession &s) {
            const auto h = token.isEmpty() ? BookingHolds::latestForCall(s, companyId, callId)
                                           : BookingHolds::byToken(s, companyId, token);
            if (h && h->callId == callId)
                *released = BookingHolds::release(s, companyId, h->token);
            return QVariant();
        },
        this,
        [=, this](const StoreResult &r) {
            if (*released)
                m_calendars.holdsChanged(companyId);
            if (!r.ok())
                return done(storageProblem(sp));
            done(FunctionResult::ok(sp.pick("In Ordnung, ich habe die Reservierung aufgehoben.",
                                            "All right, I've released the reservation."),
                                    {{QStringLiteral("released"), *released}}));
        });
}

// The caller's appointment: the one named by id (of this business and, when both are known,
// booked from the caller's number), or their only upcoming one.
static void chooseAppointment(
    Store &store, QObject *context, const FunctionContext &c, std::optional<qint64> id,
    std::function<void(std::optional<Appointment>, QList<Appointment>, bool ok)> then) {
    const qint64 companyId = c.tenant.companyId;
    const QString phone = c.callerNumber;
    const qint64 now = c.nowMs;
    auto chosen = std::make_shared<std::optional<Appointment>>();
    auto upcoming = std::make_shared<QList<Appointment>>();
    store.submit(
        companyId,
        [=](StoreSession &s) {
            if (id) {
                *chosen = AppointmentRepository::byId(s, companyId, *id);
                if (*chosen && !phone.isEmpty() && !(*chosen)->attendeePhone.isEmpty() &&
                    (*chosen)->attendeePhone != phone)
                    chosen->reset();
            } else if (!phone.isEmpty()) {
                *upcoming = AppointmentRepository::upcomingForPhone(s, companyId, phone, now);
                if (upcoming->size() == 1)
                    *chosen = upcoming->first();
            }
            return QVariant();
        },
        context, [=](const StoreResult &r) { then(*chosen, *upcoming, r.ok()); });
}

void AgentFunctions::queryAppointment(const FunctionContext &c, Done done) {
    ArgReader args(c.request.args, {QStringLiteral("phone")});
    const QString phoneArg = args.text(QStringLiteral("phone"));
    const Speech sp = c.speech();
    if (!args.ok())
        return done(args.error(sp.pick("Ungültige Angaben.", "Invalid arguments.")));
    FunctionContext ctx = c;
    if (!phoneArg.isEmpty())
        ctx.callerNumber = phoneArg;
    if (ctx.callerNumber.isEmpty())
        return done(
            FunctionResult::failure(QStringLiteral("missing_phone"),
                                    sp.pick("Unter welcher Telefonnummer haben Sie gebucht?",
                                            "Which phone number did you book with?")));
    m_calendars.callers().caller(
        ctx.tenant.companyId, ctx.callerNumber, ctx.nowMs,
        [=, this](CalendarReply<CallerRecord> caller, bool) {
            if (!caller.ok())
                return done(storageProblem(sp));
            const QList<Appointment> upcoming = caller.value->upcoming;
            QJsonArray list;
            QStringList spoken;
            for (const Appointment &a : upcoming) {
                const QJsonObject o = appointmentJson(ctx, a);
                list.append(o);
                spoken << o.value(QStringLiteral("service")).toString() + sp.pick(" am ", " on ") +
                              o.value(QStringLiteral("spoken")).toString();
            }
            if (upcoming.isEmpty())
                return done(FunctionResult::ok(
                    sp.pick("Ich finde unter Ihrer Nummer keinen kommenden Termin.",
                            "I can't find an upcoming appointment under your "
                            "number."),
                    {{QStringLiteral("appointments"), list}}));
            done(FunctionResult::ok(
                sp.pick("Sie haben folgende Termine: %1.", "You have these appointments: %1.")
                    .arg(sp.list(spoken)),
                {{QStringLiteral("appointments"), list}}));
        });
}

// Speaks why the caller's appointment could not be chosen; true when it could.
static bool appointmentChosen(const Speech &sp, const std::optional<Appointment> &chosen,
                              const QList<Appointment> &upcoming, bool byId,
                              const std::function<void(FunctionResult)> &done) {
    if (chosen && chosen->status != QLatin1String("cancelled"))
        return true;
    if (!byId && upcoming.size() > 1)
        done(FunctionResult::failure(QStringLiteral("which_appointment"),
                                     sp.pick("Sie haben mehrere Termine. Welchen meinen Sie?",
                                             "You have several appointments. Which one?")));
    else
        done(FunctionResult::failure(
            QStringLiteral("appointment_not_found"),
            sp.pick("Ich finde diesen Termin nicht.", "I can't find that appointment.")));
    return false;
}

void AgentFunctions::rescheduleAppointment(const FunctionContext &c, Done done) {
    ArgReader args(c.request.args, {QStringLiteral("appointment_id"), QStringLiteral("date"),
                                    QStringLiteral("time")});
    const auto id = args.id(QStringLiteral("appointment_id"));
    const QString date = args.text(QStringLiteral("date"), true);
    const QString time = args.text(QStringLiteral("time"));
    const Speech sp = c.speech();
    if (!args.ok())
        return done(args.error(sp.pick("Auf wann möchten Sie den Termin verschieben?",
                                       "When would you like to move it to?")));
    const ParsedDate when = c.dates().parse(time.isEmpty() ? date : date + QLatin1Char(' ') + time);
    if (!when.ok || when.ambiguous() || when.granularity != ParsedDate::Granularity::Time)
        return done(FunctionResult::failure(
            when.ok ? QStringLiteral("time_needed") : QStringLiteral("unparseable_date"),
            sp.pick("Auf welchen Tag und welche Uhrzeit genau?", "Which day and time exactly?"),
            200, when.toJson()));
    if (when.start.toMSecsSinceEpoch() < c.nowMs)
        return done(FunctionResult::failure(QStringLiteral("in_past"),
                                            sp.pick("Dieser Zeitpunkt liegt in der Vergangenheit.",
                                                    "That time has already passed.")));
    chooseAppointment(
        m_reads, this, c, id,
        [=, this](std::optional<Appointment> chosen, QList<Appointment> upcoming, bool ok) {
            if (!ok)
                return done(storageProblem(sp));
            if (!appointmentChosen(sp, chosen, upcoming, id.has_value(), done))
                return;
            m_calendars.reschedule(
                c.tenant.companyId, chosen->id, when.start.toMSecsSinceEpoch(),
                [=, this](CalendarReply<Appointment> moved) {
                    if (moved.ok())
                        return done(FunctionResult::ok(sp.pick("Ihr Termin ist verschoben auf %1.",
                                                               "Your appointment is moved to %1.")
                                                           .arg(sp.moment(when.start)),
                                                       appointmentJson(c, *moved.value)));
                    answerRefusal(c, moved.error, when.start, done);
                });
        });
}

void AgentFunctions::cancelAppointment(const FunctionContext &c, Done done) {
    ArgReader args(c.request.args, {QStringLiteral("appointment_id"), QStringLiteral("reason")});
    const auto id = args.id(QStringLiteral("appointment_id"));
    const QString reason = args.text(QStringLiteral("reason"));
    const Speech sp = c.speech();
    if (!args.ok())
        return done(args.error(sp.pick("Welchen Termin möchten Sie absagen?",
                                       "Which appointment would you like to cancel?")));
    chooseAppointment(
        m_reads, this, c, id,
        [=, this](std::optional<Appointment> chosen, QList<Appointment> upcoming, bool ok) {
            if (!ok)
                return done(storageProblem(sp));
            if (!appointmentChosen(sp, chosen, upcoming, id.has_value(), done))
                return;
            m_calendars.cancel(
                c.tenant.companyId, chosen->id, reason,
                [=, this](CalendarReply<Appointment> cancelled) {
                    if (!cancelled.ok())
                        return calendarUnavailable(c, cancelled.error, QString(), done);
                    done(FunctionResult::ok(
                        sp.pick("Ihr Termin am %1 ist abgesagt.",
                                "Your appointment on %1 is cancelled.")
                            .arg(sp.moment(QDateTime::fromMSecsSinceEpoch(
                                cancelled.value->range.startMs, c.tenant.rules.zone))),
                        appointmentJson(c, *cancelled.value)));
                });
        });
}

} // namespace Callbook
