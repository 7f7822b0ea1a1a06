// check_availability, find_next_available, get_alternatives and the steps they share.

#include "agentfunctions.h"
#include "argreader.h"
#include "calendar/calendars.h"
#include "dates/zonetime.h"
#include "http/jsonwriter.h"

#include <QJsonArray>
#include <algorithm>

namespace Callbook {

namespace {

constexpr int kMaxAlternatives = 3;
constexpr int kMaxListed = 5;

// "9:00 Uhr, 9:30 Uhr und 10:00 Uhr" on `day`, or with the day for other days.
QString spokenSlots(const Speech &sp, const QList<TimeRange> &times, const QTimeZone &zone,
                    const QDate &day) {
    QStringList parts;
    for (const TimeRange &r : times) {
        const QDate date = ZoneTime::localDate(r.startMs, zone);
        const QTime time = ZoneTime::localTime(r.startMs, zone);
        parts << (date == day ? sp.time(time) : sp.moment(date, time));
    }
    return sp.list(parts);
}

} // namespace

QByteArray slotsJson(const QList<TimeRange> &times, const QTimeZone &zone) {
    QByteArray out;
    out.reserve(2 + 28 * times.size());
    out += '[';
    for (const TimeRange &r : times) {
        out += out.size() > 1 ? ",\"" : "\""; // ISO times need no escapes
        ZoneTime::appendIsoString(out, r.startMs, zone);
        out += '"';
    }
    out += ']';
    return out;
}

QList<TimeRange> nearestTimes(QList<TimeRange> times, qint64 targetMs, int n) {
    times.removeIf([&](const TimeRange &r) { return r.startMs == targetMs; });
    // In time order (free slots come so: then checking that costs one pass), then outwards from the
    // target, the earlier of two equally near first.
    const auto byStart = [](const TimeRange &a, const TimeRange &b) {
        return a.startMs < b.startMs;
    };
    if (!std::is_sorted(times.cbegin(), times.cend(), byStart)) // stable_sort allocates
        std::stable_sort(times.begin(), times.end(), byStart);
    auto after = std::lower_bound(times.cbegin(), times.cend(), targetMs,
                                  [](const TimeRange &r, qint64 t) { return r.startMs < t; });
    auto before = after; // [before, after) are the picks
    for (int picked = 0; picked < n; ++picked) {
        const bool early = before != times.cbegin();
        const bool late = after != times.cend();
        if (early && (!late || targetMs - (before - 1)->startMs <= after->startMs - targetMs))
            --before;
        else if (late)
            ++after;
        else
            break;
    }
    return QList<TimeRange>(before, after);
}

void AgentFunctions::freeSlots(const FunctionContext &c, const ServiceInfo &service, QDate first,
                               QDate last, bool fresh,
                               std::function<void(CalendarReply<Availability>)> then) {
    m_calendars.availability({c.tenant.companyId, service.id, first, last}, fresh, std::move(then));
}

std::optional<AgentFunctions::SlotWish> AgentFunctions::readSlotWish(const FunctionContext &c,
                                                                     ArgReader &args, bool needTime,
                                                                     const Done &done) {
    const Speech sp = c.speech();
    const QString said = args.text(QStringLiteral("service"), true);
    const QString date = args.text(QStringLiteral("date"), true);
    const QString time = args.text(QStringLiteral("time"));
    if (!args.ok()) {
        done(args.error(
            sp.pick("Für welche Leistung und welchen Tag?", "Which service and which day?")));
        return std::nullopt;
    }
    SlotWish wish;
    wish.service = findService(c.tenant, said);
    if (!wish.service) {
        QStringList names;
        for (const ServiceInfo &s : c.tenant.services)
            names << s.name;
        done(FunctionResult::failure(
            QStringLiteral("unknown_service"),
            sp.pick("%1 bieten wir nicht an. Wir haben %2.", "We don't offer %1. We have %2.")
                .arg(said, sp.list(names)),
            200, {{QStringLiteral("services"), QJsonArray::fromStringList(names)}}));
        return std::nullopt;
    }
    wish.when = c.dates().parse(time.isEmpty() ? date : date + QLatin1Char(' ') + time);
    if (!wish.when.ok) {
        done(FunctionResult::failure(
            QStringLiteral("unparseable_date"),
            sp.pick("Das Datum habe ich nicht verstanden. Können Sie es anders sagen?",
                    "I didn't catch that date. Could you say it another way?"),
            200, wish.when.toJson()));
        return std::nullopt;
    }
    if (wish.when.ambiguous()) {
        QStringList options;
        for (const QDateTime &d : wish.when.candidates)
            options << sp.day(d.date());
        done(FunctionResult::failure(QStringLiteral("ambiguous_date"),
                                     sp.pick("Meinen Sie %1?", "Do you mean %1?")
                                         .arg(options.join(sp.pick(" oder ", " or "))),
                                     200, wish.when.toJson()));
        return std::nullopt;
    }
    const bool exactTime = wish.when.granularity == ParsedDate::Granularity::Time;
    if (needTime && !exactTime) {
        done(FunctionResult::failure(
            QStringLiteral("time_needed"),
            sp.pick("Um welche Uhrzeit möchten Sie kommen?", "What time would you like?")));
        return std::nullopt;
    }
    const QDateTime lastMoment = wish.when.end ? *wish.when.end : wish.when.start;
    if ((exactTime && wish.when.start.toMSecsSinceEpoch() < c.nowMs) ||
        (!exactTime && lastMoment.toMSecsSinceEpoch() <= c.nowMs)) {
        done(FunctionResult::failure(QStringLiteral("in_past"),
                                     sp.pick("Dieser Zeitpunkt liegt in der Vergangenheit.",
                                             "That time has already passed.")));
        return std::nullopt;
    }
    return wish;
}

void AgentFunctions::answerSlotWish(const FunctionContext &c, const SlotWish &wish,
                                    bool alternativesOnly, const Done &done) {
    const Speech sp = c.speech();
    const QTimeZone zone = c.tenant.rules.zone;
    const bool exactTime = wish.when.granularity == ParsedDate::Granularity::Time;
    const QDate first = wish.when.start.date();
    QDate last = first;
    if (!exactTime && wish.when.end)
        last = wish.when.end->addMSecs(-1).date();
    last = std::min(last, first.addDays(13));
    const qint64 from = wish.when.start.toMSecsSinceEpoch();
    const qint64 until = exactTime || !wish.when.end ? std::numeric_limits<qint64>::max()
                                                     : wish.when.end->toMSecsSinceEpoch();
    const ServiceInfo service = *wish.service;
    const QString wanted = ZoneTime::isoString(wish.when.start);
    freeSlots(
        c, service, first, last.addDays(exactTime ? 6 : 0), false,
        [=, this](CalendarReply<Availability> reply) {
            if (!reply.ok())
                return calendarUnavailable(c, reply.error, wanted, done);
            QList<TimeRange> times = reply.value->openSlots;
            const qint64 nowMs = c.nowMs;
            times.removeIf([&](const TimeRange &r) { return r.startMs < nowMs; });
            FunctionResult result;
            const bool closed = c.tenant.rules.openIntervals(first).isEmpty();
            if (exactTime) {
                const bool free = std::any_of(times.begin(), times.end(),
                                              [&](auto &r) { return r.startMs == from; });
                const QList<TimeRange> others = nearestTimes(times, from, kMaxAlternatives);
                QString message;
                if (free && !alternativesOnly)
                    message = sp.pick("%1 ist noch frei. Soll ich den Termin für Sie "
                                      "reservieren?",
                                      "%1 is available. Shall I reserve it for you?")
                                  .arg(sp.moment(wish.when.start));
                else if (others.isEmpty())
                    message = sp.pick("In den Tagen danach ist leider nichts mehr frei.",
                                      "Nothing is free in the following days, sorry.");
                else
                    message = (free     ? QString()
                               : closed ? sp.pick("An dem Tag haben wir geschlossen. ",
                                                  "We're closed that day. ")
                                        : sp.pick("%1 ist leider schon belegt. ",
                                                  "%1 is already taken, sorry. ")
                                              .arg(sp.moment(wish.when.start))) +
                              sp.pick("Ich könnte Ihnen %1 anbieten.", "I could offer you %1.")
                                  .arg(spokenSlots(sp, others, zone, first));
                result = FunctionResult::ok(message);
                result.addMember(QLatin1StringView("available"), free);
                result.addMember(QLatin1StringView("requested"), wanted);
                result.addMember(QLatin1StringView("service"), service.name);
                result.addRawMember(QLatin1StringView("alternatives"), slotsJson(others, zone));
            } else {
                times.removeIf(
                    [&](const TimeRange &r) { return r.startMs < from || r.startMs >= until; });
                const QList<TimeRange> listed = times.mid(0, kMaxListed);
                const QString message =
                    times.isEmpty()
                        ? (closed && first == last ? sp.pick("An dem Tag haben wir geschlossen.",
                                                             "We're closed that day.")
                                                   : sp.pick("Da ist leider nichts mehr frei.",
                                                             "Nothing is free then, sorry."))
                        : sp.pick("Frei wären %1.", "I have %1 free.")
                              .arg(spokenSlots(sp, listed, zone, first == last ? first : QDate()));
                result = FunctionResult::ok(message);
                result.addMember(QLatin1StringView("available"), !times.isEmpty());
                result.addMember(QLatin1StringView("service"), service.name);
                result.addRawMember(QLatin1StringView("free_slots"), slotsJson(listed, zone));
                result.addMember(QLatin1StringView("free_count"), qint64(times.size()));
            }
            result.cacheHit = reply.value->fromCache;
            result.upstreamMs = reply.value->upstreamMs;
            if (reply.value->stale)
                result.data.insert(QStringLiteral("stale"), true);
            done(result);
        });
}

void AgentFunctions::checkAvailability(const FunctionContext &c, Done done) {
    ArgReader args(c.request.args,
                   {QStringLiteral("service"), QStringLiteral("date"), QStringLiteral("time")});
    if (const auto wish = readSlotWish(c, args, false, done))
        answerSlotWish(c, *wish, false, done);
}

void AgentFunctions::alternatives(const FunctionContext &c, Done done) {
    ArgReader args(c.request.args,
                   {QStringLiteral("service"), QStringLiteral("date"), QStringLiteral("time")});
    if (const auto wish = readSlotWish(c, args, false, done))
        answerSlotWish(c, *wish, wish->when.granularity == ParsedDate::Granularity::Time, done);
}

void AgentFunctions::findNextAvailable(const FunctionContext &c, Done done) {
    ArgReader args(c.request.args, {QStringLiteral("service"), QStringLiteral("after")});
    const QString said = args.text(QStringLiteral("service"), true);
    const QString after = args.text(QStringLiteral("after"));
    const Speech sp = c.speech();
    if (!args.ok())
        return done(args.error(sp.pick("Für welche Leistung?", "For which service?")));
    const ServiceInfo *service = findService(c.tenant, said);
    if (!service)
        return done(FunctionResult::failure(
            QStringLiteral("unknown_service"),
            sp.pick("%1 bieten wir nicht an.", "We don't offer %1.").arg(said)));
    qint64 fromMs = c.nowMs;
    if (!after.isEmpty()) {
        const ParsedDate p = c.dates().parse(after);
        if (!p.ok)
            return done(FunctionResult::failure(QStringLiteral("unparseable_date"),
                                                sp.pick("Ab wann genau?", "From when exactly?"),
                                                200, p.toJson()));
        fromMs = std::max(fromMs, p.start.toMSecsSinceEpoch());
    }
    const ServiceInfo s = *service;
    const QTimeZone zone = c.tenant.rules.zone;
    // Two weeks, in two questions of a week each (each one upstream request at most).
    auto firstFree =
        [=](const CalendarReply<Availability> &reply) -> std::optional<FunctionResult> {
        for (const TimeRange &r : reply.value->openSlots) {
            if (r.startMs < fromMs)
                continue;
            const QString spoken = sp.moment(ZoneTime::localDate(r.startMs, zone),
                                             ZoneTime::localTime(r.startMs, zone));
            FunctionResult ok =
                FunctionResult::ok(sp.pick("Der nächste freie Termin für %1 ist am %2.",
                                           "The next free time for %1 is %2.")
                                       .arg(s.name, spoken));
            ok.addMember(QLatin1StringView("available"), true);
            ok.addMember(QLatin1StringView("start"), ZoneTime::isoString(r.startMs, zone));
            ok.addMember(QLatin1StringView("service"), s.name);
            ok.cacheHit = reply.value->fromCache;
            ok.upstreamMs = reply.value->upstreamMs;
            return ok;
        }
        return std::nullopt;
    };
    const QDate first = ZoneTime::localDate(fromMs, zone);
    freeSlots(c, s, first, first.addDays(6), false, [=, this](CalendarReply<Availability> week1) {
        if (!week1.ok())
            return calendarUnavailable(c, week1.error, QString(), done);
        if (const auto found = firstFree(week1))
            return done(*found);
        freeSlots(c, s, first.addDays(7), first.addDays(13), false,
                  [=, this](CalendarReply<Availability> week2) {
                      if (!week2.ok())
                          return calendarUnavailable(c, week2.error, QString(), done);
                      if (const auto found = firstFree(week2))
                          return done(*found);
                      done(FunctionResult::ok(
                          sp.pick("In den nächsten zwei Wochen ist leider nichts frei.",
                                  "Nothing is free in the next two weeks, sorry."),
                          {{QStringLiteral("available"), false}}));
                  });
    });
}

} // namespace Callbook
