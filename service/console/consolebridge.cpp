#include "consolebridge.h"

#include "admin/reportqueries.h"
#include "calcom/calcomconnection.h"
#include "calendar/calendars.h"
#include "core/logging.h"
#include "secretrequests.h"
#include "secrets/secretstore.h"
#include "store/auditlog.h"
#include "store/store.h"
#include "store/storesession.h"
#include "store/tenantrepository.h"
#include "tenants/companyconfig.h"
#include "tenants/tenantdirectory.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <algorithm>
#include <memory>

namespace Callbook {

ConsoleBridge::ConsoleBridge(Parts parts, QObject *parent)
    : QObject(parent)
    , m_p(parts) {
    ConsoleRequests *r = &m_p.requests;
    connect(r, &ConsoleRequests::recentCalls, this, &ConsoleBridge::recentCalls);
    connect(r, &ConsoleRequests::timeline, this, &ConsoleBridge::timeline);
    connect(r, &ConsoleRequests::stats, this, &ConsoleBridge::stats);
    connect(r, &ConsoleRequests::callbacks, this, &ConsoleBridge::callbacks);
    connect(r, &ConsoleRequests::markCallbackDone, this, &ConsoleBridge::markCallbackDone);
    connect(r, &ConsoleRequests::resetBreaker, this, &ConsoleBridge::resetBreaker);
    connect(r, &ConsoleRequests::tenants, this, &ConsoleBridge::tenants);
    connect(r, &ConsoleRequests::saveTenant, this, &ConsoleBridge::saveTenant);
    new SecretRequests(m_p.secrets, m_p.requests, m_p.events, this);
    m_healthTick.setInterval(1000);
    connect(&m_healthTick, &QTimer::timeout, this,
            [this] { Q_EMIT m_p.events.calcomHealthUpdated(healthRows()); });
    m_healthTick.start();
}

QList<CalcomHealthRow> ConsoleBridge::healthRows() const {
    QList<CalcomHealthRow> rows;
    for (qint64 id : m_p.calendars.companyIds()) {
        const TenantCalendar *t = m_p.calendars.tenant(id);
        if (!t || !t->usesCalcom())
            continue;
        CalcomHealthRow row;
        row.companyId = id;
        row.company = t->slug;
        const AvailabilityCache::Stats cache = m_p.calendars.cache().statsFor(id);
        row.cacheHits = cache.hits;
        row.cacheMisses = cache.misses;
        if (const CalcomConnection *c = m_p.calendars.connectionFor(id)) {
            row.configured = true;
            const CircuitBreaker &b = c->breaker();
            row.state = toString(b.state());
            row.consecutiveFailures = b.consecutiveFailures();
            row.retryInS = double(b.retryInMs()) / 1000.0;
            row.lastError = b.lastError();
            row.timesOpened = b.timesOpened();
            row.upstreamP50Ms = double(c->latency().percentile(50));
            row.upstreamP95Ms = double(c->latency().percentile(95));
            row.upstreamFailures = c->failures();
            row.budgetRemaining = c->budget().remaining();
            row.budgetLimit = c->budget().limit();
        } else {
            row.lastError = tr("The Cal.com API key was not found.");
        }
        rows.append(row);
    }
    std::sort(rows.begin(), rows.end(), [](const CalcomHealthRow &a, const CalcomHealthRow &b) {
        return a.company < b.company;
    });
    return rows;
}

void ConsoleBridge::acrossCompanies(
    qint64 companyId, PerCompany perCompany,
    std::function<void(QList<QVariant> results, QString error)> done) {
    QList<TenantInfo> companies;
    for (const TenantInfo &t : m_p.directory.all())
        if (companyId == 0 || t.id == companyId)
            companies.append(t);
    std::sort(companies.begin(), companies.end(),
              [](const TenantInfo &a, const TenantInfo &b) { return a.slug < b.slug; });
    if (companies.isEmpty()) {
        done({}, companyId ? tr("No such business.") : QString());
        return;
    }
    struct Gather {
        QList<QVariant> results;
        qsizetype waiting = 0;
        QString error;
    };
    auto gather = std::make_shared<Gather>();
    gather->results.resize(companies.size());
    gather->waiting = companies.size();
    for (qsizetype i = 0; i < companies.size(); ++i) {
        const TenantInfo t = companies[i];
        m_p.reads.submit(
            t.id, [perCompany, t](StoreSession &s) { return perCompany(s, t); }, this,
            [gather, i, done](const StoreResult &r) {
                if (r.ok())
                    gather->results[i] = r.value;
                else if (gather->error.isEmpty())
                    gather->error = r.error;
                if (--gather->waiting == 0)
                    done(gather->results, gather->error);
            });
    }
}

void ConsoleBridge::recentCalls(int limit) {
    acrossCompanies(
        0,
        [limit](StoreSession &s, const TenantInfo &t) {
            return QVariant::fromValue(ReportQueries::recentCalls(s, t, limit));
        },
        [this, limit](QList<QVariant> results, QString error) {
            QList<CallSummary> calls;
            for (const QVariant &v : results)
                calls += v.value<QList<CallSummary>>();
            if (!error.isEmpty())
                qCWarning(lcStore).noquote() << "console: recent calls not read:" << error;
            std::sort(calls.begin(), calls.end(), [](const CallSummary &a, const CallSummary &b) {
                return a.startedMs > b.startedMs;
            });
            Q_EMIT m_p.events.recentCallsReady(calls.mid(0, limit));
        });
}

void ConsoleBridge::timeline(qint64 companyId, const QString &callId) {
    m_p.reads.submit(
        companyId,
        [companyId, callId](StoreSession &s) {
            return QVariant::fromValue(ReportQueries::timeline(s, companyId, callId));
        },
        this,
        [this, callId](const StoreResult &r) {
            CallTimeline t;
            if (r.ok()) {
                t = r.value.value<CallTimeline>();
            } else {
                t.callId = callId;
                t.error = r.error;
            }
            Q_EMIT m_p.events.timelineReady(t);
        });
}

void ConsoleBridge::stats(qint64 companyId, const QDate &from, const QDate &to) {
    acrossCompanies(
        companyId,
        [from, to](StoreSession &s, const TenantInfo &t) {
            return QVariant::fromValue(ReportQueries::dailyStats(s, t, from, to));
        },
        [this](QList<QVariant> results, QString error) {
            QList<DailyStats> days;
            for (const QVariant &v : results)
                ReportQueries::accumulate(days, v.value<QList<DailyStats>>());
            if (!error.isEmpty())
                qCWarning(lcStore).noquote() << "console: statistics not read:" << error;
            Q_EMIT m_p.events.statsReady(days);
        });
}

void ConsoleBridge::callbacks() {
    // Open ones, and those done in the last week (what was done about them).
    const qint64 doneSince = QDateTime::currentMSecsSinceEpoch() - 7 * 86400000LL;
    acrossCompanies(
        0,
        [doneSince](StoreSession &s, const TenantInfo &t) {
            return QVariant::fromValue(ReportQueries::callbacks(s, t, doneSince));
        },
        [this](QList<QVariant> results, QString error) {
            QList<CallbackItem> items;
            for (const QVariant &v : results)
                items += v.value<QList<CallbackItem>>();
            if (!error.isEmpty())
                qCWarning(lcStore).noquote() << "console: callbacks not read:" << error;
            std::sort(items.begin(), items.end(), [](const CallbackItem &a, const CallbackItem &b) {
                return a.createdMs < b.createdMs;
            });
            Q_EMIT m_p.events.callbacksReady(items);
        });
}

void ConsoleBridge::markCallbackDone(qint64 companyId, qint64 callbackId, const QString &note) {
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    m_p.writes.submit(
        companyId,
        [=](StoreSession &s) {
            return QVariant(ReportQueries::markCallbackDone(s, companyId, callbackId, note, now));
        },
        this,
        [this, companyId, callbackId](const StoreResult &r) {
            if (!r.ok() || !r.value.toBool())
                qCWarning(lcStore).noquote()
                    << "console: callback not marked done:" << (r.ok() ? "not open" : r.error);
            else
                m_p.audit.record(QStringLiteral("console"), QStringLiteral("callback_done"),
                                 companyId, {{QStringLiteral("callback_id"), callbackId}});
            callbacks();
        });
}

void ConsoleBridge::resetBreaker(qint64 companyId) {
    if (!m_p.calendars.resetBreaker(companyId)) {
        Q_EMIT m_p.events.breakerReset(companyId, false,
                                       tr("This business has no Cal.com connection."));
        return;
    }
    qCInfo(lcCalendar) << "console: breaker of company" << companyId << "reset by hand";
    m_p.audit.record(QStringLiteral("console"), QStringLiteral("breaker_reset"), companyId, {});
    Q_EMIT m_p.events.breakerReset(companyId, true, tr("The breaker is closed again."));
    Q_EMIT m_p.events.calcomHealthUpdated(healthRows());
}

void ConsoleBridge::tenants() {
    acrossCompanies(
        0,
        [](StoreSession &s, const TenantInfo &t) {
            return QVariant::fromValue(
                TenantEntry{t.id, t.slug, t.name, ReportQueries::companyConfigJson(s, t.id)});
        },
        [this](QList<QVariant> results, QString error) {
            if (!error.isEmpty())
                qCWarning(lcStore).noquote() << "console: businesses not read:" << error;
            QList<TenantEntry> out;
            for (const QVariant &v : results)
                if (v.isValid())
                    out.append(v.value<TenantEntry>());
            Q_EMIT m_p.events.tenantsReady(out);
        });
}

void ConsoleBridge::saveTenant(const QByteArray &companyJson) {
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(companyJson, &parseError);
    if (!doc.isObject()) {
        Q_EMIT m_p.events.tenantSaved(false, tr("Not a JSON object: %1 (at character %2).")
                                                 .arg(parseError.errorString())
                                                 .arg(parseError.offset));
        return;
    }
    // The same validation as --config, so the console cannot store what a file could not.
    const QByteArray document =
        QJsonDocument(QJsonObject{{QStringLiteral("companies"), QJsonArray{doc.object()}}})
            .toJson(QJsonDocument::Compact);
    QStringList problems;
    const auto companies = parseCompanyConfig(document, &problems);
    if (!companies) {
        Q_EMIT m_p.events.tenantSaved(false, problems.join(QLatin1Char('\n')));
        return;
    }
    const QString slug = companies->first().slug;
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    m_p.owner.submit(
        0,
        [companies = *companies, now](StoreSession &s) {
            TenantRepository::upsert(s, companies, now);
            return QVariant();
        },
        this,
        [this, slug](const StoreResult &r) {
            if (!r.ok()) {
                Q_EMIT m_p.events.tenantSaved(false, tr("Not stored: %1").arg(r.error));
                return;
            }
            qCInfo(lcConfig).noquote() << "console: business" << slug << "saved";
            m_p.audit.record(QStringLiteral("console"), QStringLiteral("business_saved"), 0,
                             {{QStringLiteral("slug"), slug}});
            reloadRouting(slug);
        });
}

// A saved business is served at once: routing first, then its calendar.
void ConsoleBridge::reloadRouting(const QString &slug) {
    m_p.writes.submit(
        0,
        [](StoreSession &s) {
            return QVariant::fromValue(
                std::make_shared<TenantRepository::Routing>(TenantRepository::loadRouting(s)));
        },
        this,
        [this, slug](const StoreResult &r) {
            if (!r.ok()) {
                Q_EMIT m_p.events.tenantSaved(
                    false, tr("Stored, but not yet served (restart the service): %1").arg(r.error));
                return;
            }
            auto routing = r.value.value<std::shared_ptr<TenantRepository::Routing>>();
            m_p.directory.replace(routing->companies, routing->numbers, routing->agents);
            for (const TenantInfo &t : routing->companies)
                if (t.slug == slug)
                    m_p.calendars.reloadTenant(t.id, m_p.secrets);
            Q_EMIT m_p.events.tenantSaved(true, tr("Saved. The business is served with the "
                                                   "new settings."));
            tenants();
        });
}

} // namespace Callbook

namespace Callbook {

void registerServiceEventTypes() {
    qRegisterMetaType<CallActivity>();
    qRegisterMetaType<FunctionActivity>();
    qRegisterMetaType<QList<CalcomHealthRow>>();
    qRegisterMetaType<QList<CallSummary>>();
    qRegisterMetaType<CallTimeline>();
    qRegisterMetaType<QList<DailyStats>>();
    qRegisterMetaType<QList<CallbackItem>>();
    qRegisterMetaType<QList<TenantEntry>>();
}

} // namespace Callbook
