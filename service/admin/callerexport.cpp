#include "callerexport.h"

#include "store/storesession.h"

#include <QJsonDocument>
#include <QSqlRecord>

namespace Callbook::CallerExport {

namespace {

// Columns holding JSON text are exported as JSON.
bool isJsonColumn(const QString &name) {
    return name == QLatin1String("payload") || name == QLatin1String("args") ||
           name == QLatin1String("result") || name == QLatin1String("body");
}

QJsonArray rows(StoreSession &s, const QString &sql, const QVariantList &args) {
    QSqlQuery &q = s.run(sql, args);
    QJsonArray out;
    while (q.next()) {
        const QSqlRecord record = q.record();
        QJsonObject row;
        for (int i = 0; i < record.count(); ++i) {
            const QString name = record.fieldName(i);
            const QVariant v = q.value(i);
            if (v.isNull()) {
                row.insert(name, QJsonValue::Null);
                continue;
            }
            if (isJsonColumn(name)) {
                QJsonParseError error;
                const QJsonDocument doc = QJsonDocument::fromJson(v.toString().toUtf8(), &error);
                if (error.error == QJsonParseError::NoError) {
                    row.insert(name,
                               doc.isObject() ? QJsonValue(doc.object()) : QJsonValue(doc.array()));
                    continue;
                }
            }
            row.insert(name, QJsonValue::fromVariant(v));
        }
        out.append(row);
    }
    q.finish();
    return out;
}

} // namespace

QJsonObject forCompany(StoreSession &s, qint64 id, const QString &phone) {
    s.setTenant(id);
    const QString customers =
        QStringLiteral("SELECT id FROM customers WHERE company_id = ? AND phone_e164 = ?");
    const QString calls = QStringLiteral("SELECT call_id FROM calls WHERE company_id = ? AND "
                                         "(from_number = ? OR to_number = ? OR customer_id IN (") +
                          customers + QStringLiteral("))");
    const QVariantList customerArgs{id, phone};
    const QVariantList callArgs{id, phone, phone, id, phone};
    QJsonObject out;
    auto add = [&](const char *key, const QString &sql, const QVariantList &args) {
        const QJsonArray found = rows(s, sql, args);
        if (!found.isEmpty())
            out.insert(QLatin1String(key), found);
    };
    add("customers",
        QStringLiteral("SELECT * FROM customers WHERE company_id = ? AND phone_e164 = ? ORDER BY "
                       "id"),
        customerArgs);
    add("calls",
        QStringLiteral("SELECT * FROM calls WHERE call_id IN (") + calls +
            QStringLiteral(") ORDER BY created_at_ms"),
        callArgs);
    add("call_events",
        QStringLiteral("SELECT * FROM call_events WHERE company_id = ? AND call_id IN (") + calls +
            QStringLiteral(") ORDER BY received_at_ms, id"),
        QVariantList{id} + callArgs);
    add("function_calls",
        QStringLiteral("SELECT * FROM function_calls WHERE company_id = ? AND call_id IN (") +
            calls + QStringLiteral(") ORDER BY created_at_ms, id"),
        QVariantList{id} + callArgs);
    const QString appointments =
        QStringLiteral("company_id = ? AND (attendee_phone = ? OR customer_id IN (") + customers +
        QStringLiteral(") OR call_id IN (") + calls + QStringLiteral("))");
    const QVariantList appointmentArgs = QVariantList{id, phone} + customerArgs + callArgs;
    add("appointments",
        QStringLiteral("SELECT * FROM appointments WHERE ") + appointments +
            QStringLiteral(" ORDER BY starts_at_ms"),
        appointmentArgs);
    add("booking_holds",
        QStringLiteral("SELECT * FROM booking_holds WHERE company_id = ? AND (customer_phone = ? "
                       "OR call_id IN (") +
            calls + QStringLiteral(")) ORDER BY created_at_ms"),
        QVariantList{id, phone} + callArgs);
    add("callback_requests",
        QStringLiteral("SELECT * FROM callback_requests WHERE company_id = ? AND (phone = ? OR "
                       "call_id IN (") +
            calls + QStringLiteral(")) ORDER BY created_at_ms"),
        QVariantList{id, phone} + callArgs);
    add("calcom_webhook_events",
        QStringLiteral("SELECT * FROM calcom_webhook_events WHERE company_id = ? AND (body LIKE ? "
                       "OR booking_uid IN (SELECT external_uid FROM appointments WHERE ") +
            appointments + QStringLiteral(")) ORDER BY received_at_ms"),
        QVariantList{id, QLatin1Char('%') + phone + QLatin1Char('%')} + appointmentArgs);
    return out;
}

QJsonArray unroutedEvents(StoreSession &s, const QString &phone) {
    return rows(s,
                QStringLiteral("SELECT * FROM unrouted_events WHERE payload LIKE ? OR to_number "
                               "= ? ORDER BY received_at_ms"),
                {QLatin1Char('%') + phone + QLatin1Char('%'), phone});
}

} // namespace Callbook::CallerExport
