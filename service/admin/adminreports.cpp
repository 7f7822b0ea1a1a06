#include "adminreports.h"

#include "reportqueries.h"
#include "store/store.h"
#include "store/storesession.h"
#include "store/tenantrepository.h"

#include <QDateTime>
#include <QJsonObject>
#include <algorithm>
#include <limits>

namespace Callbook {

QString AdminTable::toText() const {
    QList<qsizetype> widths;
    for (const QString &c : columns)
        widths << c.size();
    QList<QStringList> cells;
    for (const QVariantList &row : rows) {
        QStringList line;
        for (qsizetype i = 0; i < row.size(); ++i) {
            const QString text = row[i].isNull() ? QStringLiteral("-") : row[i].toString();
            widths[i] = qMax(widths[i], text.size());
            line << text;
        }
        cells << line;
    }
    auto format = [&](const QStringList &line) {
        QStringList padded;
        for (qsizetype i = 0; i < line.size(); ++i)
            padded << line[i].leftJustified(widths[i]);
        return padded.join(QStringLiteral("  ")).trimmed();
    };
    QStringList out{format(columns)};
    for (const QStringList &line : cells)
        out << format(line);
    return out.join(QLatin1Char('\n'));
}

QJsonArray AdminTable::toJson() const {
    QJsonArray out;
    for (const QVariantList &row : rows) {
        QJsonObject o;
        for (qsizetype i = 0; i < columns.size() && i < row.size(); ++i)
            o.insert(columns[i], QJsonValue::fromVariant(row[i]));
        out.append(o);
    }
    return out;
}

namespace {

QString isoTime(const QVariant &ms, const QTimeZone &zone) {
    if (ms.isNull())
        return {};
    return QDateTime::fromMSecsSinceEpoch(ms.toLongLong(), zone).toString(Qt::ISODate);
}

} // namespace

std::optional<AdminTable> acrossCompanies(
    const DatabaseSettings &settings, const QStringList &columns,
    const std::function<void(StoreSession &, const TenantInfo &, AdminTable &)> &perCompany,
    QString *error) {
    Store store(settings);
    if (!store.start(error))
        return std::nullopt;
    TenantRepository::Routing routing;
    StoreResult r = store.runAndWait(0, [&](StoreSession &s) {
        routing = TenantRepository::loadRouting(s);
        return QVariant();
    });
    AdminTable table{columns, {}};
    QList<TenantInfo> companies = routing.companies.values();
    std::sort(companies.begin(), companies.end(),
              [](const TenantInfo &a, const TenantInfo &b) { return a.slug < b.slug; });
    for (const TenantInfo &t : companies) {
        if (!r.ok())
            break;
        r = store.runAndWait(t.id, [&](StoreSession &s) {
            perCompany(s, t, table);
            return QVariant();
        });
    }
    store.stop();
    if (!r.ok()) {
        *error = r.error;
        return std::nullopt;
    }
    return table;
}

std::optional<AdminTable> AdminReports::latestCalls(int limit, QString *error) {
    auto table = acrossCompanies(
        m_settings,
        {QStringLiteral("created"), QStringLiteral("company"), QStringLiteral("call_id"),
         QStringLiteral("caller"), QStringLiteral("status"), QStringLiteral("duration_s"),
         QStringLiteral("functions"), QStringLiteral("booked")},
        [&](StoreSession &s, const TenantInfo &t, AdminTable &out) {
            for (const CallSummary &c : ReportQueries::recentCalls(s, t, limit))
                out.rows.append({isoTime(c.createdMs, t.timezone), t.slug, c.callId, c.callerMasked,
                                 c.status,
                                 c.durationMs < 0 ? QVariant() : QVariant(c.durationMs / 1000),
                                 qint64(c.functionCount), c.booked});
        },
        error);
    if (table) {
        std::sort(table->rows.begin(), table->rows.end(),
                  [](const QVariantList &a, const QVariantList &b) {
                      return QDateTime::fromString(a[0].toString(), Qt::ISODate) >
                             QDateTime::fromString(b[0].toString(), Qt::ISODate);
                  });
        table->rows = table->rows.mid(0, limit);
    }
    return table;
}

std::optional<AdminTable> AdminReports::session(const QString &callId, QString *error) {
    auto table = acrossCompanies(
        m_settings,
        {QStringLiteral("at"), QStringLiteral("company"), QStringLiteral("kind"),
         QStringLiteral("name"), QStringLiteral("outcome"), QStringLiteral("duration_ms"),
         QStringLiteral("cache_hit"), QStringLiteral("upstream_ms")},
        [&](StoreSession &s, const TenantInfo &t, AdminTable &out) {
            for (const TimelineEntry &e : ReportQueries::timeline(s, t.id, callId).entries) {
                const bool function = e.kind == QLatin1String("function");
                out.rows.append({e.atMs, t.slug, e.kind, e.name,
                                 function ? QVariant(e.outcome) : QVariant(),
                                 function ? QVariant(e.durationMs) : QVariant(),
                                 function ? QVariant(e.cacheHit) : QVariant(),
                                 e.upstreamMs < 0 ? QVariant() : QVariant(e.upstreamMs)});
            }
        },
        error);
    if (table) {
        std::stable_sort(table->rows.begin(), table->rows.end(),
                         [](const QVariantList &a, const QVariantList &b) {
                             return a[0].toLongLong() < b[0].toLongLong();
                         });
        for (QVariantList &row : table->rows)
            row[0] = QDateTime::fromMSecsSinceEpoch(row[0].toLongLong(), QTimeZone::utc())
                         .toString(Qt::ISODateWithMs);
    }
    return table;
}

std::optional<AdminTable> AdminReports::dailyStats(int days, QString *error) {
    const qint64 since = QDateTime::currentMSecsSinceEpoch() - qint64(days) * 86400000;
    return acrossCompanies(
        m_settings,
        {QStringLiteral("day"), QStringLiteral("company"), QStringLiteral("calls"),
         QStringLiteral("booked"), QStringLiteral("conversion_pct"),
         QStringLiteral("avg_duration_s")},
        [&](StoreSession &s, const TenantInfo &t, AdminTable &out) {
            const QDate from = QDateTime::fromMSecsSinceEpoch(since, t.timezone).date();
            const QDate today = QDateTime::currentDateTime().toTimeZone(t.timezone).date();
            for (const DailyStats &d : ReportQueries::dailyStats(s, t, from, today)) {
                if (d.calls == 0) // a day with function calls only (a call begun yesterday)
                    continue;
                out.rows.append(
                    {d.day.toString(Qt::ISODate), t.slug, d.calls, d.booked,
                     qRound(1000.0 * double(d.booked) / double(d.calls)) / 10.0,
                     d.callsWithDuration
                         ? QVariant(qRound(10.0 * d.durationSumS / double(d.callsWithDuration)) /
                                    10.0)
                         : QVariant()});
            }
        },
        error);
}

std::optional<AdminTable> AdminReports::functionStats(int days, QString *error) {
    const qint64 since = QDateTime::currentMSecsSinceEpoch() - qint64(days) * 86400000;
    QHash<QString, std::vector<qint64>> durations;
    QHash<QString, qint64> failures;
    auto table = acrossCompanies(
        m_settings, {},
        [&](StoreSession &s, const TenantInfo &t, AdminTable &) {
            QSqlQuery &q = s.run(QStringLiteral("SELECT name, duration_us, outcome FROM "
                                                "function_calls WHERE company_id = ? AND "
                                                "created_at_ms >= ?"),
                                 {t.id, since});
            while (q.next()) {
                durations[q.value(0).toString()].push_back(q.value(1).toLongLong());
                failures[q.value(0).toString()] += q.value(2).toString() != QLatin1String("ok");
            }
            q.finish();
        },
        error);
    if (!table)
        return std::nullopt;
    AdminTable out{{QStringLiteral("function"), QStringLiteral("calls"), QStringLiteral("avg_ms"),
                    QStringLiteral("p95_ms"), QStringLiteral("not_ok_pct")},
                   {}};
    for (auto it = durations.begin(); it != durations.end(); ++it) {
        std::vector<qint64> &v = it.value();
        std::sort(v.begin(), v.end());
        double sum = 0;
        for (qint64 d : v)
            sum += double(d);
        const qint64 p95 = v[std::min(v.size() - 1, size_t(double(v.size()) * 0.95))];
        out.rows.append(
            {it.key(), qint64(v.size()), qRound(sum / double(v.size()) / 10.0) / 100.0,
             qRound(double(p95) / 10.0) / 100.0,
             qRound(1000.0 * double(failures.value(it.key())) / double(v.size())) / 10.0});
    }
    std::sort(out.rows.begin(), out.rows.end(), [](const QVariantList &a, const QVariantList &b) {
        return a[1].toLongLong() > b[1].toLongLong();
    });
    return out;
}

std::optional<AdminTable> AdminReports::callbacks(bool openOnly, QString *error) {
    const qint64 doneSince = openOnly ? std::numeric_limits<qint64>::max() : 0;
    return acrossCompanies(
        m_settings,
        {QStringLiteral("id"), QStringLiteral("created"), QStringLiteral("company"),
         QStringLiteral("phone"), QStringLiteral("name"), QStringLiteral("reason"),
         QStringLiteral("preferred_time"), QStringLiteral("status")},
        [&](StoreSession &s, const TenantInfo &t, AdminTable &out) {
            for (const CallbackItem &c : ReportQueries::callbacks(s, t, doneSince))
                out.rows.append({c.id, isoTime(c.createdMs, t.timezone), t.slug, c.phoneMasked,
                                 c.nameMasked, c.reason, c.preferredTime, c.status});
        },
        error);
}

} // namespace Callbook
