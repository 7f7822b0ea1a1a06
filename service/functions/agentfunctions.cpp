#include "agentfunctions.h"

#include "http/jsonwriter.h"

#include "argreader.h"
#include "calendar/appointmentrepository.h"
#include "calendar/calendars.h"
#include "dates/zonetime.h"
#include "functiondata.h"
#include "store/customerrepository.h"
#include "store/store.h"

#include <QHash>
#include <QJsonArray>

namespace Callbook {

AgentFunctions::AgentFunctions(Store &store, Store &reads, Calendars &calendars, QObject *parent)
    : QObject(parent)
    , m_store(store)
    , m_reads(reads)
    , m_calendars(calendars) {}

const QHash<QString, AgentFunctions::Handler> &AgentFunctions::handlers() {
    static const QHash<QString, Handler> table = {
        {QStringLiteral("initialize_call"), &AgentFunctions::initializeCall},
        {QStringLiteral("check_customer"), &AgentFunctions::checkCustomer},
        {QStringLiteral("get_available_services"), &AgentFunctions::availableServices},
        {QStringLiteral("get_service_info"), &AgentFunctions::serviceInfo},
        {QStringLiteral("get_opening_hours"), &AgentFunctions::openingHours},
        {QStringLiteral("parse_date"), &AgentFunctions::parseDate},
        {QStringLiteral("check_availability"), &AgentFunctions::checkAvailability},
        {QStringLiteral("find_next_available"), &AgentFunctions::findNextAvailable},
        {QStringLiteral("get_alternatives"), &AgentFunctions::alternatives},
        {QStringLiteral("start_booking"), &AgentFunctions::startBooking},
        {QStringLiteral("confirm_booking"), &AgentFunctions::confirmBooking},
        {QStringLiteral("release_slot_reservation"), &AgentFunctions::releaseHold},
        {QStringLiteral("query_appointment"), &AgentFunctions::queryAppointment},
        {QStringLiteral("reschedule_appointment"), &AgentFunctions::rescheduleAppointment},
        {QStringLiteral("cancel_appointment"), &AgentFunctions::cancelAppointment},
        {QStringLiteral("request_callback"), &AgentFunctions::requestCallback},
        {QStringLiteral("transfer_to_staff"), &AgentFunctions::transferToStaff},
    };
    return table;
}

const QStringList &AgentFunctions::names() {
    static const QStringList list = [] {
        QStringList l = handlers().keys();
        l.sort();
        return l;
    }();
    return list;
}

void AgentFunctions::run(const FunctionContext &context, Done done) {
    const Handler handler = handlers().value(context.request.name);
    if (!handler) {
        done(FunctionResult::failure(
            QStringLiteral("unknown_function"),
            context.speech().pick("Diese Funktion kenne ich nicht.", "I don't know that function."),
            404, {{QStringLiteral("known_functions"), QJsonArray::fromStringList(names())}}));
        return;
    }
    (this->*handler)(context, std::move(done));
}

// ---- helpers ------------------------------------------------------------------------------

static QString fold(QString s) {
    s = s.toLower().simplified();
    s.replace(QStringLiteral("ä"), QStringLiteral("ae"))
        .replace(QStringLiteral("ö"), QStringLiteral("oe"))
        .replace(QStringLiteral("ü"), QStringLiteral("ue"))
        .replace(QStringLiteral("ß"), QStringLiteral("ss"))
        .remove(QLatin1Char('-'))
        .remove(QLatin1Char(' '));
    return s;
}

// fold(), remembered: the same words come again and again (the business's service names and
// aliases, and what the model passes on from the callers).
static QString folded(const QString &words) {
    thread_local QHash<QString, QString> known;
    const auto it = known.constFind(words);
    if (it != known.constEnd())
        return *it;
    if (known.size() >= 4096) // that many different words: start over
        known.clear();
    return *known.insert(words, fold(words));
}

const ServiceInfo *findService(const TenantCalendar &tenant, const QString &said) {
    bool isId = false;
    const qint64 id = said.toLongLong(&isId);
    if (isId)
        return tenant.service(id);
    const QString wanted = folded(said);
    if (wanted.isEmpty())
        return nullptr;
    QList<const ServiceInfo *> partial;
    for (const ServiceInfo &s : tenant.services) {
        // The name first, then the aliases.
        for (qsizetype i = -1; i < s.aliases.size(); ++i) {
            const QString f = folded(i < 0 ? s.name : s.aliases[i]);
            if (f == wanted)
                return &s;
            if (f.contains(wanted) || wanted.contains(f)) {
                partial.append(&s);
                break;
            }
        }
    }
    return partial.size() == 1 ? partial.first() : nullptr;
}

// "id":…,"name":…,"duration_min":…[,"price_eur":…]: a service as these answers describe it,
// written as JSON text directly.
static QByteArray serviceMembers(const ServiceInfo &s) {
    QByteArray out = "\"id\":";
    appendJson(out, double(s.id));
    out += ",\"name\":";
    appendJsonString(out, s.name);
    out += ",\"duration_min\":";
    appendJson(out, s.durationMin);
    if (s.priceEur) {
        out += ",\"price_eur\":";
        appendJson(out, *s.priceEur);
    }
    return out;
}

static QStringList serviceNames(const TenantCalendar &tenant) {
    QStringList names;
    for (const ServiceInfo &s : tenant.services)
        names << s.name;
    return names;
}

QJsonObject AgentFunctions::appointmentJson(const FunctionContext &c, const Appointment &a) const {
    const ServiceInfo *service = c.tenant.service(a.serviceId);
    const QTimeZone &zone = c.tenant.rules.zone;
    return {
        {QStringLiteral("appointment_id"), double(a.id)},
        {QStringLiteral("service"), service ? service->name : QString()},
        {QStringLiteral("start"), ZoneTime::isoString(a.range.startMs, zone)},
        {QStringLiteral("end"), ZoneTime::isoString(a.range.endMs, zone)},
        {QStringLiteral("spoken"), c.speech().moment(ZoneTime::localDate(a.range.startMs, zone),
                                                     ZoneTime::localTime(a.range.startMs, zone))},
        {QStringLiteral("status"), a.status}};
}

void AgentFunctions::calendarUnavailable(const FunctionContext &c, const CalendarError &error,
                                         const QString &wanted, const Done &done) {
    const Speech sp = c.speech();
    const qint64 companyId = c.tenant.companyId;
    const QString callId = c.request.callId, phone = c.callerNumber;
    const qint64 now = c.nowMs;
    const QString code = error.failure == CalendarFailure::RateLimited
                             ? QStringLiteral("calendar_busy")
                             : QStringLiteral("calendar_unavailable");
    m_store.submit(
        companyId,
        [=](StoreSession &s) {
            return QVariant(AppointmentRepository::requestCallback(
                s, companyId, callId, phone, QString(), QStringLiteral("calendar_unavailable"),
                wanted, now));
        },
        this,
        [=](const StoreResult &r) {
            done(FunctionResult::failure(
                code,
                sp.pick("Ich komme gerade nicht an den Terminkalender. Ich habe notiert, dass "
                        "wir Sie zurückrufen, um den Termin zu vereinbaren.",
                        "I can't reach the calendar right now. I've noted that we'll call you "
                        "back to arrange the appointment."),
                200,
                {{QStringLiteral("callback_requested"), r.ok()},
                 {QStringLiteral("detail"), toString(error.failure)}}));
        });
}

// ---- about the business and the caller -----------------------------------------------------

const QByteArray &AgentFunctions::businessFacts(const TenantCalendar &tenant) {
    const QByteArray zone = tenant.rules.zone.id();
    const QStringList services = serviceNames(tenant);
    Facts &f = m_facts[tenant.companyId]; // one per business, made again when its settings change
    if (f.json.isEmpty() || f.company != tenant.name || f.zone != zone || f.services != services) {
        QByteArray json = "\"company\":";
        appendJsonString(json, tenant.name);
        json += ",\"timezone\":";
        appendJsonString(json, QString::fromUtf8(zone));
        json += ",\"services\":";
        appendJson(json, QJsonArray::fromStringList(services));
        f = {tenant.name, zone, services, json};
    }
    return f.json;
}

void AgentFunctions::initializeCall(const FunctionContext &c, Done done) {
    ArgReader args(c.request.args, {});
    const Speech sp = c.speech();
    if (!args.ok())
        return done(args.error(sp.pick("Ungültige Angaben.", "Invalid arguments.")));
    m_calendars.callers().caller(
        c.tenant.companyId, c.callerNumber, c.nowMs,
        [=, this](CalendarReply<CallerRecord> caller, bool) {
            // Unknown when the database cannot say: the greeting goes on without the name.
            const std::optional<Customer> customer =
                caller.ok() ? caller.value->customer : std::nullopt;
            const QString name = customer ? customer->firstName : QString();
            QString greeting = sp.pick("%1, guten Tag", "%1, hello").arg(c.tenant.name);
            if (!name.isEmpty())
                greeting += QStringLiteral(", ") + name;
            greeting += sp.pick("! Wie kann ich Ihnen helfen?", "! How can I help you?");
            FunctionResult result = FunctionResult::ok(greeting);
            result.rawMembers = businessFacts(c.tenant);
            result.addMember(QLatin1StringView("greeting"), greeting);
            result.addMember(QLatin1StringView("today"), ZoneTime::isoDate(c.today()));
            result.addMember(QLatin1StringView("now"),
                             ZoneTime::isoString(c.nowMs, c.tenant.rules.zone));
            result.addMember(QLatin1StringView("today_spoken"), sp.day(c.today()));
            result.addMember(QLatin1StringView("time_spoken"), sp.time(c.timeNow()));
            result.addMember(QLatin1StringView("caller_known"), customer.has_value());
            result.addMember(QLatin1StringView("caller_first_name"), name);
            if (c.tenant.services.isEmpty())
                return done(result);
            // The next free times of the first service, from the cache the call start warmed.
            const ServiceInfo service = c.tenant.services.first();
            freeSlots(c, service, c.today(), c.today().addDays(6), false,
                      [=, result = std::move(result)](CalendarReply<Availability> reply) mutable {
                          const QList<TimeRange> times =
                              reply.ok() ? reply.value->openSlots : QList<TimeRange>();
                          result.addRawMember(QLatin1StringView("next_free_slots"),
                                              slotsJson(times.mid(0, 3), c.tenant.rules.zone));
                          result.cacheHit = reply.ok() && reply.value->fromCache;
                          result.upstreamMs = reply.ok() ? reply.value->upstreamMs : -1;
                          done(result);
                      });
        });
}

void AgentFunctions::checkCustomer(const FunctionContext &c, Done done) {
    ArgReader args(c.request.args, {QStringLiteral("name"), QStringLiteral("phone")});
    const QString name = args.text(QStringLiteral("name"));
    const QString phone = args.text(QStringLiteral("phone"));
    const Speech sp = c.speech();
    if (!args.ok())
        return done(args.error(sp.pick("Ungültige Angaben.", "Invalid arguments.")));
    const qint64 companyId = c.tenant.companyId;
    const QString number = phone.isEmpty() ? c.callerNumber : phone;
    const qint64 now = c.nowMs;
    auto answer = [sp, done](const std::optional<Customer> &customer, int upcoming) {
        if (!customer)
            return done(FunctionResult::ok(sp.pick("Sie sind noch nicht bei uns gespeichert.",
                                                   "I don't have you on file yet."),
                                           {{QStringLiteral("found"), false}}));
        done(FunctionResult::ok(
            sp.pick("Ich habe Sie gefunden, %1.", "I found you, %1.").arg(customer->fullName()),
            {{QStringLiteral("found"), true},
             {QStringLiteral("customer"),
              QJsonObject{{QStringLiteral("first_name"), customer->firstName},
                          {QStringLiteral("last_name"), customer->lastName}}},
             {QStringLiteral("upcoming_appointments"), upcoming}}));
    };
    const FunctionResult unavailable =
        FunctionResult::failure(QStringLiteral("storage_unavailable"),
                                sp.pick("Ich kann die Kundendaten gerade nicht abrufen.",
                                        "I can't look up customer records right now."));
    // By name (no customer under the number) is rare: from the database.
    auto byName = [=, this] {
        auto customer = std::make_shared<std::optional<Customer>>();
        auto upcoming = std::make_shared<int>(0);
        m_reads.submit(
            companyId,
            [=](StoreSession &s) {
                *customer = CustomerRepository::byName(s, companyId, name);
                if (*customer && !(*customer)->phone.isEmpty())
                    *upcoming = int(AppointmentRepository::upcomingForPhone(s, companyId,
                                                                            (*customer)->phone, now)
                                        .size());
                return QVariant();
            },
            this,
            [=](const StoreResult &r) {
                if (!r.ok())
                    return done(unavailable);
                answer(*customer, *upcoming);
            });
    };
    m_calendars.callers().caller(
        companyId, number, now, [=](CalendarReply<CallerRecord> caller, bool) {
            if (!caller.ok())
                return done(unavailable);
            if (caller.value->customer)
                return answer(caller.value->customer, int(caller.value->upcoming.size()));
            if (name.isEmpty())
                return answer(std::nullopt, 0);
            byName();
        });
}

void AgentFunctions::availableServices(const FunctionContext &c, Done done) {
    ArgReader args(c.request.args, {});
    const Speech sp = c.speech();
    if (!args.ok())
        return done(args.error(sp.pick("Ungültige Angaben.", "Invalid arguments.")));
    QByteArray list = "[";
    for (const ServiceInfo &s : c.tenant.services)
        list += (list.size() > 1 ? ",{" : "{") + serviceMembers(s) + '}';
    list += ']';
    FunctionResult result = FunctionResult::ok(
        sp.pick("Wir bieten %1 an.", "We offer %1.").arg(sp.list(serviceNames(c.tenant))));
    result.addRawMember(QLatin1StringView("services"), list);
    done(std::move(result));
}

void AgentFunctions::serviceInfo(const FunctionContext &c, Done done) {
    ArgReader args(c.request.args, {QStringLiteral("service")});
    const QString said = args.text(QStringLiteral("service"), true);
    const Speech sp = c.speech();
    if (!args.ok())
        return done(args.error(sp.pick("Welche Leistung meinen Sie?", "Which service?")));
    const ServiceInfo *s = findService(c.tenant, said);
    if (!s)
        return done(FunctionResult::failure(
            QStringLiteral("unknown_service"),
            sp.pick("%1 bieten wir nicht an. Wir haben %2.", "We don't offer %1. We have %2.")
                .arg(said, sp.list(serviceNames(c.tenant))),
            200,
            {{QStringLiteral("services"), QJsonArray::fromStringList(serviceNames(c.tenant))}}));
    QString message =
        sp.pick("%1 dauert %2 Minuten", "%1 takes %2 minutes").arg(s->name).arg(s->durationMin);
    if (s->priceEur)
        message += sp.pick(" und kostet %1", " and costs %1").arg(sp.price(*s->priceEur));
    FunctionResult result = FunctionResult::ok(message + QLatin1Char('.'));
    result.rawMembers = serviceMembers(*s);
    done(std::move(result));
}

const AgentFunctions::Week &AgentFunctions::weekOf(const OpeningRules &rules, bool german) {
    auto sameHours = [&](const Week &w) {
        return w.german == german && w.hours.size() == rules.hours.size() &&
               std::equal(w.hours.begin(), w.hours.end(), rules.hours.begin(),
                          [](const OpeningRange &a, const OpeningRange &b) {
                              return a.weekday == b.weekday && a.opensMin == b.opensMin &&
                                     a.closesMin == b.closesMin;
                          });
    };
    const auto known = std::find_if(m_weeks.begin(), m_weeks.end(), sameHours);
    if (known != m_weeks.end())
        return *known;
    if (m_weeks.size() >= 64) // that many different hours: start over
        m_weeks.clear();
    Week w{rules.hours, german, {}, {}};
    QJsonArray days;
    QStringList spokenDays;
    const QLocale locale = german ? QLocale(QLocale::German) : QLocale(QLocale::English);
    for (int wd = 1; wd <= 7; ++wd) {
        QStringList ranges;
        for (const OpeningRange &r : rules.hours)
            if (r.weekday == wd)
                ranges << QStringLiteral("%1–%2").arg(
                    QTime(0, 0).addSecs(r.opensMin * 60).toString(QStringLiteral("H:mm")),
                    QTime(0, 0).addSecs(r.closesMin * 60).toString(QStringLiteral("H:mm")));
        days.append(QJsonObject{{QStringLiteral("weekday"), locale.dayName(wd)},
                                {QStringLiteral("hours"), QJsonArray::fromStringList(ranges)}});
        if (!ranges.isEmpty())
            spokenDays << locale.dayName(wd) + QLatin1Char(' ') + ranges.join(QStringLiteral(", "));
    }
    w.spoken = spokenDays.join(QStringLiteral("; "));
    appendJson(w.daysJson, days);
    m_weeks.push_back(std::move(w));
    return m_weeks.back();
}

void AgentFunctions::openingHours(const FunctionContext &c, Done done) {
    ArgReader args(c.request.args, {QStringLiteral("date")});
    const QString dateText = args.text(QStringLiteral("date"));
    const Speech sp = c.speech();
    if (!args.ok())
        return done(args.error(sp.pick("Ungültige Angaben.", "Invalid arguments.")));
    const OpeningRules &rules = c.tenant.rules;
    const qint64 now = c.nowMs;
    const bool openNow = rules.isOpenFor({now, now + 60000});
    const Week &week = weekOf(rules, sp.german());
    // Written as JSON text directly (the week once per distinct hours): this answer is asked
    // for often and is mostly the same.
    QByteArray closures = "[";
    const QDate today = c.today();
    for (const QDate &d : rules.closures)
        if (d >= today && d <= today.addDays(60)) {
            if (closures.size() > 1)
                closures += ',';
            appendJsonString(closures, ZoneTime::isoDate(d));
        }
    closures += ']';
    FunctionResult result;
    result.addMember(QLatin1StringView("open_now"), openNow);
    result.addRawMember(QLatin1StringView("week"), week.daysJson);
    result.addRawMember(QLatin1StringView("closures"), closures);
    QString message =
        (openNow ? sp.pick("Wir haben gerade geöffnet. ", "We're open right now. ")
                 : sp.pick("Wir haben gerade geschlossen. ", "We're closed right now. ")) +
        sp.pick("Unsere Öffnungszeiten: %1.", "Our hours: %1.").arg(week.spoken);
    if (!dateText.isEmpty()) {
        const ParsedDate when = c.dates().parse(dateText);
        if (!when.ok)
            return done(FunctionResult::failure(
                QStringLiteral("unparseable_date"),
                sp.pick("Welchen Tag meinen Sie?", "Which day do you mean?"), 200,
                {{QStringLiteral("detail"), when.errorMessage}}));
        const QDate day = when.start.date();
        QStringList ranges;
        for (const TimeRange &r : rules.openIntervals(day))
            ranges << sp.time(ZoneTime::localTime(r.startMs, rules.zone)) +
                          sp.pick(" bis ", " to ") +
                          sp.time(ZoneTime::localTime(r.endMs, rules.zone));
        result.addMember(QLatin1StringView("date"), ZoneTime::isoDate(day));
        result.addMember(QLatin1StringView("open_that_day"), !ranges.isEmpty());
        result.addMember(QLatin1StringView("closure"), rules.closures.contains(day));
        message =
            ranges.isEmpty()
                ? sp.pick("Am %1 haben wir geschlossen.", "On %1 we're closed.").arg(sp.day(day))
                : sp.pick("Am %1 haben wir von %2 geöffnet.", "On %1 we're open %2.")
                      .arg(sp.day(day), sp.list(ranges));
    }
    result.message = message;
    done(std::move(result));
}

void AgentFunctions::parseDate(const FunctionContext &c, Done done) {
    ArgReader args(c.request.args, {QStringLiteral("text")});
    const QString text = args.text(QStringLiteral("text"), true);
    const Speech sp = c.speech();
    if (!args.ok())
        return done(args.error(sp.pick("Welches Datum meinen Sie?", "Which date do you mean?")));
    const ParsedDate p = c.dates().parse(text);
    if (!p.ok)
        return done(FunctionResult::failure(
            p.errorCode,
            sp.pick("Das Datum habe ich nicht verstanden. Können Sie es anders sagen?",
                    "I didn't catch that date. Could you say it another way?"),
            200, p.toJson()));
    FunctionResult result;
    if (p.ambiguous()) {
        QStringList options;
        for (const QDateTime &d : p.candidates)
            options << sp.day(d.date());
        result = FunctionResult::failure(QStringLiteral("ambiguous_date"),
                                         sp.pick("Meinen Sie %1?", "Do you mean %1?")
                                             .arg(options.join(sp.pick(" oder ", " or "))));
        result.rawMembers = p.toJsonMembers();
        return done(std::move(result));
    }
    const QString spoken = p.granularity == ParsedDate::Granularity::Time ? sp.moment(p.start)
                                                                          : sp.day(p.start.date());
    result = FunctionResult::ok(spoken);
    result.rawMembers = p.toJsonMembers();
    result.addMember(QLatin1StringView("spoken"), spoken);
    done(std::move(result));
}

void AgentFunctions::requestCallback(const FunctionContext &c, Done done) {
    ArgReader args(c.request.args, {QStringLiteral("reason"), QStringLiteral("preferred_time"),
                                    QStringLiteral("name"), QStringLiteral("phone")});
    const QString reason = args.text(QStringLiteral("reason"), true);
    const QString preferred = args.text(QStringLiteral("preferred_time"));
    const QString name = args.text(QStringLiteral("name"));
    const QString phoneArg = args.text(QStringLiteral("phone"));
    const Speech sp = c.speech();
    if (!args.ok())
        return done(
            args.error(sp.pick("Worum geht es bei dem Rückruf?", "What is the callback about?")));
    const QString phone = phoneArg.isEmpty() ? c.callerNumber : phoneArg;
    if (phone.isEmpty())
        return done(
            FunctionResult::failure(QStringLiteral("missing_phone"),
                                    sp.pick("Unter welcher Nummer dürfen wir Sie zurückrufen?",
                                            "Which number should we call you back on?")));
    const qint64 companyId = c.tenant.companyId;
    const QString callId = c.request.callId;
    const qint64 now = c.nowMs;
    m_store.submit(
        companyId,
        [=](StoreSession &s) {
            return QVariant(AppointmentRepository::requestCallback(s, companyId, callId, phone,
                                                                   name, reason, preferred, now));
        },
        this,
        [=](const StoreResult &r) {
            if (!r.ok())
                return done(FunctionResult::failure(
                    QStringLiteral("storage_unavailable"),
                    sp.pick("Ich konnte den Rückruf gerade nicht notieren. Bitte versuchen Sie "
                            "es später noch einmal.",
                            "I couldn't note the callback right now. Please try again later.")));
            done(FunctionResult::ok(
                sp.pick("Ich habe notiert, dass wir Sie zurückrufen.",
                        "I've noted that we'll call you back."),
                {{QStringLiteral("callback_id"), double(r.value.toLongLong())}}));
        });
}

void AgentFunctions::transferToStaff(const FunctionContext &c, Done done) {
    ArgReader args(c.request.args, {QStringLiteral("reason")});
    args.text(QStringLiteral("reason"));
    const Speech sp = c.speech();
    if (!args.ok())
        return done(args.error(sp.pick("Ungültige Angaben.", "Invalid arguments.")));
    const qint64 now = c.nowMs;
    const bool open = c.tenant.rules.isOpenFor({now, now + 60000});
    if (!c.tenant.transferNumber.isEmpty() && open) {
        FunctionResult result =
            FunctionResult::ok(sp.pick("Ich verbinde Sie jetzt mit einem Mitarbeiter.",
                                       "I'll put you through to a member of staff now."));
        result.addMember(QLatin1StringView("transfer"), true);
        result.addMember(QLatin1StringView("transfer_number"), c.tenant.transferNumber);
        return done(std::move(result));
    }
    FunctionResult result = FunctionResult::ok(
        sp.pick("Gerade ist leider niemand erreichbar. Soll ich einen Rückruf für Sie notieren?",
                "Nobody is available right now. Shall I note a callback for you?"));
    result.addMember(QLatin1StringView("transfer"), false);
    result.addMember(QLatin1StringView("offer_callback"), true);
    result.addMember(QLatin1StringView("reason"), open ? QStringLiteral("no_transfer_number")
                                                       : QStringLiteral("outside_business_hours"));
    done(std::move(result));
}

} // namespace Callbook
