#pragma once

// The narrow interface between the service and anything that watches it (the console):
// plain value types, signals the service emits (ServiceEvents) and signals a watcher emits to
// ask for something (ConsoleRequests). Both objects live on the service thread; signals cross
// threads queued, so neither side ever waits for the other. Personal data is masked before it
// leaves the service.

#include <QDate>
#include <QList>
#include <QMetaMethod>
#include <QMetaType>
#include <QObject>
#include <QString>

namespace Callbook {

// A call event was stored (call_inbound, call_started, call_ended, call_analyzed, …).
struct CallActivity {
    QString callId;
    qint64 companyId = 0;
    QString companyName;
    QString event;
    QString status;
    QString callerMasked;
    qint64 atMs = 0;
    qint64 durationMs = -1;
};

// An agent function was answered.
struct FunctionActivity {
    QString callId;
    qint64 companyId = 0;
    QString companyName;
    QString name;
    QString outcome; // "ok" or the error code
    qint64 durationUs = 0;
    bool cacheHit = false;
    qint64 upstreamMs = -1;
    qint64 atMs = 0;
    QString argsMasked;  // compact JSON
    QString message;     // what the agent was told to say (masked)
    bool booked = false; // confirm_booking succeeded
};

// One Cal.com business as its circuit breaker, cache and rate budget see it.
struct CalcomHealthRow {
    qint64 companyId = 0;
    QString company; // slug
    bool configured = false;
    QString state; // closed, open, half_open
    int consecutiveFailures = 0;
    double retryInS = 0;
    QString lastError;
    int timesOpened = 0;
    qint64 cacheHits = 0;
    qint64 cacheMisses = 0;
    double upstreamP50Ms = -1; // -1: no request yet
    double upstreamP95Ms = -1;
    qint64 upstreamFailures = 0;
    int budgetRemaining = 0;
    int budgetLimit = 0;
};

// A row of the calls list (the recent ones, read from the database at start).
struct CallSummary {
    QString callId;
    qint64 companyId = 0;
    QString companyName;
    QString callerMasked;
    QString status;
    qint64 startedMs = 0; // when it started (when we first heard of it, if not known)
    qint64 createdMs = 0; // when we first heard of it
    qint64 durationMs = -1;
    int functionCount = 0;
    bool booked = false;
};

struct TimelineEntry {
    qint64 atMs = 0;
    QString kind; // "event" or "function"
    QString name;
    QString outcome;
    double durationMs = -1;
    QString args;   // masked
    QString result; // masked
    bool cacheHit = false;
    qint64 upstreamMs = -1; // time spent waiting for Cal.com; -1: none
};

struct CallTimeline {
    QString callId;
    QList<TimelineEntry> entries;
    QString summary;    // masked
    QString transcript; // masked
    QString error;      // non-empty: could not be read
};

struct DailyStats {
    QDate day;
    qint64 calls = 0;
    qint64 booked = 0;
    double durationSumS = 0;
    qint64 callsWithDuration = 0;
    qint64 functionCalls = 0;
    qint64 functionErrors = 0;
    double costCents = 0;
};

struct CallbackItem {
    qint64 id = 0;
    qint64 companyId = 0;
    QString companyName;
    QString callId;
    QString phoneMasked;
    QString nameMasked;
    QString reason;
    QString preferredTime;
    QString status; // open, done
    QString note;
    qint64 createdMs = 0;
    qint64 doneMs = 0;
};

struct TenantEntry {
    qint64 companyId = 0;
    QString slug;
    QString name;
    QByteArray configJson; // one company in the --config format (secrets by name only)
};

class ServiceEvents final : public QObject {
    Q_OBJECT
public:
    using QObject::QObject;

    // Function details are masked and sent only while somebody listens (the console).
    bool wantsFunctionActivity() const {
        return isSignalConnected(QMetaMethod::fromSignal(&ServiceEvents::functionCallFinished));
    }

Q_SIGNALS:
    void callEventStored(const Callbook::CallActivity &activity);
    void functionCallFinished(const Callbook::FunctionActivity &activity);
    void calcomHealthUpdated(const QList<Callbook::CalcomHealthRow> &rows); // once a second
    void databaseAvailabilityChanged(bool available);
    void listening(quint16 port);

    // Answers to ConsoleRequests.
    void recentCallsReady(const QList<Callbook::CallSummary> &calls);
    void timelineReady(const Callbook::CallTimeline &timeline);
    void statsReady(const QList<Callbook::DailyStats> &days);
    void callbacksReady(const QList<Callbook::CallbackItem> &callbacks);
    void tenantsReady(const QList<Callbook::TenantEntry> &tenants);
    void tenantSaved(bool ok, const QString &message);
    void breakerReset(qint64 companyId, bool ok, const QString &message);
    void secretDone(const QString &name, bool ok, const QString &message);
};

// What a watcher may ask of the service. Emit these; the answers arrive on ServiceEvents.
class ConsoleRequests final : public QObject {
    Q_OBJECT
public:
    using QObject::QObject;

Q_SIGNALS:
    void recentCalls(int limit);
    void timeline(qint64 companyId, const QString &callId);
    // companyId 0: every business. Days in each business's own time zone.
    void stats(qint64 companyId, const QDate &from, const QDate &to);
    void callbacks();
    void markCallbackDone(qint64 companyId, qint64 callbackId, const QString &note);
    void resetBreaker(qint64 companyId);
    void tenants();
    void saveTenant(const QByteArray &companyJson);
    void storeSecret(const QString &name, const QByteArray &value);
    void deleteSecret(const QString &name);
    void checkSecret(const QString &name); // secretDone says whether it is found (never the value)
};

// Registers the value types for queued signals; called once by the service.
void registerServiceEventTypes();

} // namespace Callbook

Q_DECLARE_METATYPE(Callbook::CallActivity)
Q_DECLARE_METATYPE(Callbook::FunctionActivity)
Q_DECLARE_METATYPE(Callbook::CalcomHealthRow)
Q_DECLARE_METATYPE(Callbook::CallSummary)
Q_DECLARE_METATYPE(Callbook::CallTimeline)
Q_DECLARE_METATYPE(Callbook::DailyStats)
Q_DECLARE_METATYPE(Callbook::CallbackItem)
Q_DECLARE_METATYPE(Callbook::TenantEntry)
