#include "operationscommands.h"

#include "adminclient.h"
#include "adminreports.h"
#include "callerexport.h"
#include "core/logmask.h"
#include "retention.h"
#include "secrets/secretstore.h"
#include "store/auditlog.h"
#include "store/store.h"
#include "store/storesession.h"
#include "tenants/companyconfig.h"
#include "tenants/tenantdirectory.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <cstdio>

namespace Callbook {

namespace {

void printLine(FILE *stream, const QString &text) {
    std::fputs(qPrintable(text + QLatin1Char('\n')), stream);
    std::fflush(stream);
}

int fail(const QString &message, int code = 1) {
    printLine(stderr, QStringLiteral("callbook: ") + message);
    return code;
}

void printJson(const QJsonObject &json) {
    printLine(stdout, QString::fromUtf8(QJsonDocument(json).toJson(QJsonDocument::Indented)));
}

QVariant jsonCell(const QJsonValue &v) {
    return v.isNull() || v.isUndefined() ? QVariant() : v.toVariant();
}

// The running service, with the token from this machine's secret store.
std::optional<AdminClient> connectToService(const OperationsOptions &o, int *exitCode) {
    QString problem;
    const QUrl url(o.serviceUrl);
    if (!AdminClient::isAcceptableServiceUrl(url, &problem)) {
        *exitCode = fail(problem, 2);
        return std::nullopt;
    }
    SecretStore secrets;
    const auto token = secrets.resolveAndWait(QStringLiteral("admin-token"));
    if (!token || token->isEmpty()) {
        *exitCode = fail(QStringLiteral(
            "no admin token: set the secret admin-token (keychain, CALLBOOK_SECRET_ADMIN_TOKEN or "
            "$CREDENTIALS_DIRECTORY/admin-token) to the value the service uses"));
        return std::nullopt;
    }
    AdminClient client(url, *token);
    if (!o.serviceCa.isEmpty() && !client.trustCertificates(o.serviceCa, &problem)) {
        *exitCode = fail(problem, 2);
        return std::nullopt;
    }
    return client;
}

int runBreaker(const OperationsOptions &o) {
    int code = 0;
    auto client = connectToService(o, &code);
    if (!client)
        return code;
    if (o.reset) {
        const auto r = client->post(QStringLiteral("/api/admin/breaker/reset/") +
                                    QString::fromUtf8(QUrl::toPercentEncoding(o.tenant)));
        if (!r.ok())
            return fail(r.problem);
        if (o.json)
            printJson(r.json);
        else
            printLine(stdout,
                      QStringLiteral("breaker of %1: %2 -> %3")
                          .arg(o.tenant, r.json.value(QStringLiteral("previous_state")).toString(),
                               r.json.value(QStringLiteral("state")).toString()));
        return 0;
    }
    const auto r = client->get(QStringLiteral("/api/admin/breaker"));
    if (!r.ok())
        return fail(r.problem);
    if (o.json) {
        printJson(r.json);
        return 0;
    }
    AdminTable table{{QStringLiteral("company"), QStringLiteral("state"),
                      QStringLiteral("failures"), QStringLiteral("retry_in_s"),
                      QStringLiteral("times_opened"), QStringLiteral("last_error")},
                     {}};
    for (const QJsonValue &v : r.json.value(QStringLiteral("breakers")).toArray()) {
        const QJsonObject b = v.toObject();
        table.rows.append({b.value(QStringLiteral("company")).toString(),
                           b.value(QStringLiteral("state")).toString(),
                           jsonCell(b.value(QStringLiteral("consecutive_failures"))),
                           jsonCell(b.value(QStringLiteral("retry_in_s"))),
                           jsonCell(b.value(QStringLiteral("times_opened"))),
                           b.value(QStringLiteral("last_error")).toString()});
    }
    printLine(stdout,
              table.rows.isEmpty() ? QStringLiteral("no business uses Cal.com") : table.toText());
    return 0;
}

int runCacheClear(const OperationsOptions &o) {
    int code = 0;
    auto client = connectToService(o, &code);
    if (!client)
        return code;
    const auto r =
        client->post(o.tenant.isEmpty() ? QStringLiteral("/api/admin/cache/clear")
                                        : QStringLiteral("/api/admin/cache/clear/") +
                                              QString::fromUtf8(QUrl::toPercentEncoding(o.tenant)));
    if (!r.ok())
        return fail(r.problem);
    if (o.json) {
        printJson(r.json);
        return 0;
    }
    QStringList companies;
    for (const QJsonValue &v : r.json.value(QStringLiteral("cleared")).toArray())
        companies << v.toString();
    printLine(stdout, QStringLiteral("cache cleared for %1: %2 entries removed")
                          .arg(companies.join(QStringLiteral(", ")))
                          .arg(r.json.value(QStringLiteral("entries_removed")).toInt()));
    return 0;
}

std::optional<DatabaseSettings> database(const OperationsOptions &o, int *exitCode) {
    QString error;
    auto settings = DatabaseSettings::fromUrl(o.databaseUrl, &error);
    if (!settings)
        *exitCode = fail(error, 2);
    return settings;
}

// Runs `task` once in a transaction of its own that no business is scoped to.
bool runUnscoped(const DatabaseSettings &settings, const StoreTask &task, QString *error) {
    Store store(settings);
    if (!store.start(error))
        return false;
    const StoreResult r = store.runAndWait(0, task);
    store.stop();
    if (!r.ok())
        *error = r.error;
    return r.ok();
}

// `callbook purge --older-than DAYS`: every business, then the unrouted deliveries; each
// business's purge and its audit entry commit together.
int runPurge(const OperationsOptions &o) {
    int code = 0;
    const auto settings = database(o, &code);
    if (!settings)
        return code;
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    const qint64 cutoff = now - qint64(o.olderThanDays) * Retention::kDayMs;
    const QString actor = AuditLog::osUser();
    QJsonObject details{{QStringLiteral("older_than_days"), o.olderThanDays}};
    QString error;
    auto table = acrossCompanies(
        *settings, QStringList{QStringLiteral("company")} + PurgeCounts::columns(),
        [&](StoreSession &s, const TenantInfo &t, AdminTable &out) {
            const PurgeCounts c = Retention::purgeCompany(s, t.id, cutoff);
            QJsonObject d = c.toJson();
            d.insert(QStringLiteral("older_than_days"), o.olderThanDays);
            AuditLog::insert(s, actor, QStringLiteral("purge"), t.id, d, now);
            out.rows.append(QVariantList{t.slug} + c.row());
        },
        &error);
    if (!table)
        return fail(QStringLiteral("purge failed: ") + error);
    PurgeCounts unrouted;
    const bool ok = runUnscoped(
        *settings,
        [&](StoreSession &s) {
            unrouted.unroutedEvents = Retention::purgeUnrouted(s, cutoff);
            QJsonObject d = unrouted.toJson();
            d.insert(QStringLiteral("older_than_days"), o.olderThanDays);
            AuditLog::insert(s, actor, QStringLiteral("purge"), 0, d, now);
            return QVariant();
        },
        &error);
    if (!ok)
        return fail(QStringLiteral("purge of unrouted deliveries failed: ") + error);
    table->rows.append(QVariantList{QStringLiteral("(unrouted)")} + unrouted.row());
    if (o.json) {
        printJson(
            QJsonObject{{QStringLiteral("older_than_days"), o.olderThanDays},
                        {QStringLiteral("cutoff"),
                         QDateTime::fromMSecsSinceEpoch(cutoff, Qt::UTC).toString(Qt::ISODate)},
                        {QStringLiteral("removed"), table->toJson()}});
        return 0;
    }
    printLine(stdout,
              QStringLiteral("Removed transcripts and personal data older than %1 days (before "
                             "%2):\n")
                      .arg(o.olderThanDays)
                      .arg(QDateTime::fromMSecsSinceEpoch(cutoff, Qt::UTC).toString(Qt::ISODate)) +
                  table->toText());
    return 0;
}

// `callbook export --phone NUMBER`: JSON on stdout; the export itself is audited (masked).
int runExport(const OperationsOptions &o) {
    if (!isE164(o.phone))
        return fail(QStringLiteral("--phone needs a number in E.164 form, like +4915112345678"), 2);
    int code = 0;
    const auto settings = database(o, &code);
    if (!settings)
        return code;
    QJsonArray companies;
    QString error;
    const auto table = acrossCompanies(
        *settings, {},
        [&](StoreSession &s, const TenantInfo &t, AdminTable &) {
            QJsonObject found = CallerExport::forCompany(s, t.id, o.phone);
            if (found.isEmpty())
                return;
            found.insert(QStringLiteral("company"), t.slug);
            companies.append(found);
        },
        &error);
    if (!table)
        return fail(QStringLiteral("export failed: ") + error);
    QJsonArray unrouted;
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    const bool ok = runUnscoped(
        *settings,
        [&](StoreSession &s) {
            unrouted = CallerExport::unroutedEvents(s, o.phone);
            AuditLog::insert(s, AuditLog::osUser(), QStringLiteral("export"), 0,
                             {{QStringLiteral("phone"), maskPhone(o.phone)},
                              {QStringLiteral("companies"), companies.size()}},
                             now);
            return QVariant();
        },
        &error);
    if (!ok)
        return fail(QStringLiteral("export failed: ") + error);
    printJson({{QStringLiteral("phone"), o.phone},
               {QStringLiteral("exported_at"),
                QDateTime::fromMSecsSinceEpoch(now, Qt::UTC).toString(Qt::ISODate)},
               {QStringLiteral("companies"), companies},
               {QStringLiteral("unrouted_events"), unrouted}});
    return 0;
}

// `callbook audit [--latest N]`: every business's entries and those for all, newest first.
int runAudit(const OperationsOptions &o) {
    int code = 0;
    const auto settings = database(o, &code);
    if (!settings)
        return code;
    const QStringList columns{QStringLiteral("at"), QStringLiteral("actor"),
                              QStringLiteral("action"), QStringLiteral("company"),
                              QStringLiteral("details")};
    auto toRow = [](const AuditEntry &e, const QString &company) {
        return QVariantList{
            QDateTime::fromMSecsSinceEpoch(e.atMs, Qt::UTC).toString(Qt::ISODateWithMs), e.actor,
            e.action, company,
            QString::fromUtf8(QJsonDocument(e.details).toJson(QJsonDocument::Compact))};
    };
    QString error;
    auto table = acrossCompanies(
        *settings, columns,
        [&](StoreSession &s, const TenantInfo &t, AdminTable &out) {
            for (const AuditEntry &e : AuditLog::latest(s, t.id, o.latest))
                out.rows.append(toRow(e, t.slug));
        },
        &error);
    if (!table)
        return fail(error);
    const bool ok = runUnscoped(
        *settings,
        [&](StoreSession &s) {
            for (const AuditEntry &e : AuditLog::latest(s, 0, o.latest))
                table->rows.append(toRow(e, QStringLiteral("(all)")));
            return QVariant();
        },
        &error);
    if (!ok)
        return fail(error);
    std::sort(table->rows.begin(), table->rows.end(),
              [](const QVariantList &a, const QVariantList &b) {
                  return a[0].toString() > b[0].toString();
              });
    if (table->rows.size() > o.latest)
        table->rows.resize(o.latest);
    if (o.json)
        printJson({{QStringLiteral("audit"), table->toJson()}});
    else
        printLine(stdout, table->toText());
    return 0;
}

} // namespace

bool isOperationsCommand(const QString &command) {
    static const QStringList commands{QStringLiteral("breaker"), QStringLiteral("cache"),
                                      QStringLiteral("purge"), QStringLiteral("export"),
                                      QStringLiteral("audit")};
    return commands.contains(command);
}

bool parseOperationsArgument(const QStringList &args, int &i, OperationsOptions &o,
                             QString *error) {
    const QString &a = args[i];
    auto value = [&](const QString &what) -> std::optional<QString> {
        if (i + 1 >= args.size() || args[i + 1].startsWith(QLatin1String("--"))) {
            *error = QStringLiteral("%1 needs %2").arg(a, what);
            return std::nullopt;
        }
        return args[++i];
    };
    if (a == QLatin1String("--service") &&
        (o.command == QLatin1String("breaker") || o.command == QLatin1String("cache"))) {
        if (auto v = value(QStringLiteral("a URL like http://127.0.0.1:8787")))
            o.serviceUrl = *v;
        return true;
    }
    if (a == QLatin1String("--service-ca") &&
        (o.command == QLatin1String("breaker") || o.command == QLatin1String("cache"))) {
        if (auto v = value(QStringLiteral("a PEM certificate file")))
            o.serviceCa = *v;
        return true;
    }
    if (o.command == QLatin1String("breaker") && a == QLatin1String("--reset")) {
        if (auto v = value(QStringLiteral("a business slug"))) {
            o.reset = true;
            o.tenant = *v;
        }
        return true;
    }
    if (o.command == QLatin1String("cache") && !a.startsWith(QLatin1String("--"))) {
        if (!o.clear && a == QLatin1String("clear"))
            o.clear = true;
        else if (o.clear && o.tenant.isEmpty())
            o.tenant = a;
        else
            *error = QStringLiteral("usage: callbook cache clear [TENANT]");
        return true;
    }
    if (o.command == QLatin1String("purge") && a == QLatin1String("--older-than")) {
        bool ok = false;
        const auto v = value(QStringLiteral("a number of days"));
        if (!v)
            return true;
        o.olderThanDays = v->toInt(&ok);
        if (!ok || o.olderThanDays < 1 || o.olderThanDays > 36500)
            *error = QStringLiteral("--older-than needs a number of days from 1 to 36500");
        return true;
    }
    if (o.command == QLatin1String("export") && a == QLatin1String("--phone")) {
        if (auto v = value(QStringLiteral("a number in E.164 form, like +4915112345678")))
            o.phone = *v;
        return true;
    }
    return false;
}

QString checkOperationsOptions(const OperationsOptions &o) {
    if (o.command == QLatin1String("cache") && !o.clear)
        return QStringLiteral("usage: callbook cache clear [TENANT]");
    if (o.command == QLatin1String("purge") && o.olderThanDays == 0)
        return QStringLiteral("purge needs --older-than DAYS");
    if (o.command == QLatin1String("export") && o.phone.isEmpty())
        return QStringLiteral("export needs --phone NUMBER");
    return {};
}

int runOperationsCommand(const OperationsOptions &o) {
    if (o.command == QLatin1String("breaker"))
        return runBreaker(o);
    if (o.command == QLatin1String("cache"))
        return runCacheClear(o);
    if (o.command == QLatin1String("purge"))
        return runPurge(o);
    if (o.command == QLatin1String("export"))
        return runExport(o);
    if (o.command == QLatin1String("audit"))
        return runAudit(o);
    return fail(QStringLiteral("unknown command %1").arg(o.command), 2);
}

} // namespace Callbook
