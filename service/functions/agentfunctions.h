#pragma once

#include "calendar/calendartypes.h"
#include "calendar/tenantcalendar.h"
#include "dates/dateparser.h"
#include "dates/zonetime.h"
#include "functionrequest.h"
#include "functionresult.h"
#include "speech.h"

#include <QHash>
#include <QObject>
#include <functional>
#include <vector>

namespace Callbook {

class Store;
class Calendars;

// Everything one function call needs to know.
struct FunctionContext {
    FunctionRequest request;
    TenantCalendar tenant;
    qint64 nowMs = 0;     // when the request came
    QString callerNumber; // E.164 the caller calls from (empty when unknown)

    // Today and now on the business's wall clock (a QDateTime in the business's zone costs a
    // lookup in the zone's backend; these come from a table of its clock changes).
    QDate today() const { return ZoneTime::localDate(nowMs, tenant.rules.zone); }
    QTime timeNow() const { return ZoneTime::localTime(nowMs, tenant.rules.zone); }
    Speech speech() const { return Speech(tenant.locale); }
    DateParser dates() const { return DateParser(nowMs, tenant.rules.zone, tenant.locale); }
};

// The 17 functions the voice agent calls mid-sentence. Every answer is asynchronous (database
// and calendar work happen off this thread) and comes back on the service thread.
class AgentFunctions final : public QObject {
    Q_OBJECT
public:
    using Done = std::function<void(FunctionResult)>;

    // `reads`: a connection for lookups, so they never queue behind writes (may be `store`).
    AgentFunctions(Store &store, Store &reads, Calendars &calendars, QObject *parent = nullptr);

    static const QStringList &names();
    bool has(const QString &name) const { return names().contains(name); }
    void run(const FunctionContext &context, Done done);

private:
    using Handler = void (AgentFunctions::*)(const FunctionContext &, Done);
    static const QHash<QString, Handler> &handlers();

    // About the business and the caller (agentfunctions.cpp)
    void initializeCall(const FunctionContext &c, Done done);
    void checkCustomer(const FunctionContext &c, Done done);
    void availableServices(const FunctionContext &c, Done done);
    void serviceInfo(const FunctionContext &c, Done done);
    void openingHours(const FunctionContext &c, Done done);
    void parseDate(const FunctionContext &c, Done done);
    void requestCallback(const FunctionContext &c, Done done);
    void transferToStaff(const FunctionContext &c, Done done);
    // Free times (availabilityfunctions.cpp)
    void checkAvailability(const FunctionContext &c, Done done);
    void findNextAvailable(const FunctionContext &c, Done done);
    void alternatives(const FunctionContext &c, Done done);
    // Appointments (bookingfunctions.cpp)
    void startBooking(const FunctionContext &c, Done done);
    void confirmBooking(const FunctionContext &c, Done done);
    void releaseHold(const FunctionContext &c, Done done);
    void queryAppointment(const FunctionContext &c, Done done);
    void rescheduleAppointment(const FunctionContext &c, Done done);
    void cancelAppointment(const FunctionContext &c, Done done);

    // Shared steps
    struct SlotWish {
        const ServiceInfo *service = nullptr;
        ParsedDate when;
    };
    // Reads "service", "date" and "time" (or answers the problem and returns nothing).
    std::optional<SlotWish> readSlotWish(const FunctionContext &c, class ArgReader &args,
                                         bool needTime, const Done &done);
    // Free slots of a service over local days (from the cache unless `fresh`).
    void freeSlots(const FunctionContext &c, const ServiceInfo &service, QDate first, QDate last,
                   bool fresh, std::function<void(CalendarReply<Availability>)> then);
    // Answers a wish for one time: free, or the nearest free times instead.
    void answerSlotWish(const FunctionContext &c, const SlotWish &wish, bool alternativesOnly,
                        const Done &done);
    // What the calendar refused, in words: slot taken, closed, not found, or (unreachable) the
    // callback answer below.
    void answerRefusal(const FunctionContext &c, const CalendarError &error, const QDateTime &when,
                       const Done &done);
    // Cal.com (or the database) could not answer: say so and put the caller on the callback list.
    void calendarUnavailable(const FunctionContext &c, const CalendarError &error,
                             const QString &wanted, const Done &done);
    QJsonObject appointmentJson(const FunctionContext &c, const Appointment &a) const;

    // get_opening_hours' week, which only the opening hours and the language decide: built once
    // per distinct hours (a business's edit makes a new entry; the key is the hours themselves).
    struct Week {
        QList<OpeningRange> hours;
        bool german = true;
        QByteArray daysJson; // [{"weekday":"Montag","hours":["9:00–18:00"]},…]
        QString spoken;      // "Montag 9:00–18:00; …"
    };
    const Week &weekOf(const OpeningRules &rules, bool german);
    std::vector<Week> m_weeks;
    // initialize_call's company, timezone and services, which only the settings decide: per
    // business, checked against its settings on every use.
    struct Facts {
        QString company;
        QByteArray zone;
        QStringList services;
        QByteArray json; // "company":…,"timezone":…,"services":[…] (FunctionResult raw members)
    };
    const QByteArray &businessFacts(const TenantCalendar &tenant);
    QHash<qint64, Facts> m_facts;

    Store &m_store;
    Store &m_reads;
    Calendars &m_calendars;
};

// The service a caller named: by id, name or alias, case- and umlaut-insensitive, also
// partial ("Herrenschnitt" finds "Herrenhaarschnitt" only when unambiguous).
const ServiceInfo *findService(const TenantCalendar &tenant, const QString &said);

// The `n` free times closest to `targetMs` (excluding it), in time order; of two as close, the
// earlier. (The alternatives get_alternatives and check_availability offer.)
QList<TimeRange> nearestTimes(QList<TimeRange> times, qint64 targetMs, int n);

// The times' starts as a JSON array of ISO 8601 strings with the zone's offset (for
// FunctionResult::addRawMember).
QByteArray slotsJson(const QList<TimeRange> &times, const QTimeZone &zone);

} // namespace Callbook
