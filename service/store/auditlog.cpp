#include "auditlog.h"

#include "storesession.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QRegularExpression>

namespace Callbook {

void AuditLog::record(const QString &actor, const QString &action, qint64 companyId,
                      const QJsonObject &details, QObject *context, StoreCallback done) {
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    StoreTask task = [=](StoreSession &s) {
        insert(s, actor, action, companyId, details, now);
        return QVariant();
    };
    m_store.submit(companyId, std::move(task), context, std::move(done));
}

void AuditLog::insert(StoreSession &s, const QString &actor, const QString &action,
                      qint64 companyId, const QJsonObject &details, qint64 nowMs) {
    s.run(QStringLiteral("INSERT INTO audit_log (at_ms, actor, action, company_id, details) "
                         "VALUES (?, ?, ?, ?, ?)"),
          {nowMs, actor, action, companyId > 0 ? QVariant(companyId) : nullInt(),
           QString::fromUtf8(QJsonDocument(details).toJson(QJsonDocument::Compact))});
}

QList<AuditEntry> AuditLog::latest(StoreSession &s, qint64 companyId, int limit) {
    static const QString columns =
        QStringLiteral("SELECT id, at_ms, actor, action, company_id, details FROM audit_log ");
    QSqlQuery &q =
        companyId > 0
            ? s.run(columns + QStringLiteral("WHERE company_id = ? ORDER BY at_ms DESC, id DESC "
                                             "LIMIT ?"),
                    {companyId, limit})
            : s.run(columns + QStringLiteral("WHERE company_id IS NULL ORDER BY at_ms DESC, id "
                                             "DESC LIMIT ?"),
                    {limit});
    QList<AuditEntry> out;
    while (q.next())
        out.append({q.value(0).toLongLong(), q.value(1).toLongLong(), q.value(2).toString(),
                    q.value(3).toString(), q.value(4).toLongLong(),
                    QJsonDocument::fromJson(q.value(5).toString().toUtf8()).object()});
    q.finish();
    return out;
}

QString AuditLog::osUser() {
    static const QRegularExpression safe(QStringLiteral("^[A-Za-z0-9._@-]{1,64}$"));
    for (const char *name : {"SUDO_USER", "USER", "LOGNAME"}) {
        const QString user = qEnvironmentVariable(name);
        if (safe.match(user).hasMatch())
            return user;
    }
    return QStringLiteral("unknown");
}

} // namespace Callbook
