#include "functiondata.h"

#include "core/logmask.h"
#include "store/storesession.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace Callbook::FunctionData {

static QVariant textOrNull(const QString &s) {
    return s.isEmpty() ? QVariant(QMetaType(QMetaType::QString)) : QVariant(s);
}

void ensureCall(StoreSession &s, qint64 companyId, const QString &callId, const QJsonObject &call,
                qint64 nowMs) {
    auto field = [&](const char *name) {
        return textOrNull(call.value(QLatin1String(name)).toString());
    };
    // Rank 0: any event that arrives later moves the call on.
    s.run(QStringLiteral("INSERT INTO calls (call_id, company_id, agent_id, call_type, direction, "
                         "from_number, to_number, status, status_rank, created_at_ms, "
                         "updated_at_ms) VALUES (?, ?, ?, ?, ?, ?, ?, 'ongoing', 0, ?, ?) "
                         "ON CONFLICT (call_id) DO NOTHING"),
          {callId, companyId, field("agent_id"), field("call_type"), field("direction"),
           field("from_number"), field("to_number"), nowMs, nowMs});
}

void markCallBooked(StoreSession &s, qint64 companyId, const QString &callId, qint64 customerId,
                    qint64 nowMs) {
    s.run(QStringLiteral("UPDATE calls SET booked = 1, customer_id = COALESCE(?, customer_id), "
                         "updated_at_ms = ? WHERE call_id = ? AND company_id = ?"),
          {customerId > 0 ? QVariant(customerId) : QVariant(QMetaType(QMetaType::LongLong)), nowMs,
           callId, companyId});
}

static std::optional<Customer> readCustomer(QSqlQuery &q) {
    std::optional<Customer> c;
    if (q.next())
        c = Customer{q.value(0).toLongLong(), q.value(1).toString(), q.value(2).toString(),
                     q.value(3).toString(), q.value(4).toString()};
    q.finish();
    return c;
}

std::optional<Customer> customerByPhone(StoreSession &s, qint64 companyId, const QString &phone) {
    if (phone.isEmpty())
        return std::nullopt;
    return readCustomer(s.run(QStringLiteral("SELECT id, first_name, last_name, phone_e164, email "
                                             "FROM customers WHERE company_id = ? AND "
                                             "phone_e164 = ?"),
                              {companyId, phone}));
}

std::optional<Customer> customerByName(StoreSession &s, qint64 companyId, const QString &name) {
    const QString wanted = name.simplified().toLower();
    if (wanted.isEmpty())
        return std::nullopt;
    // Full name, or the last name alone, case-insensitively.
    return readCustomer(s.run(
        QStringLiteral("SELECT id, first_name, last_name, phone_e164, email FROM customers WHERE "
                       "company_id = ? AND (LOWER(TRIM(COALESCE(first_name, '') || ' ' || "
                       "COALESCE(last_name, ''))) = ? OR LOWER(last_name) = ?) ORDER BY "
                       "updated_at_ms DESC LIMIT 1"),
        {companyId, wanted, wanted}));
}

qint64 upsertCustomer(StoreSession &s, qint64 companyId, const QString &name, const QString &phone,
                      const QString &email, qint64 nowMs) {
    const QString simplified = name.simplified();
    const qsizetype space = simplified.lastIndexOf(QLatin1Char(' '));
    const QString first = space > 0 ? simplified.left(space) : simplified;
    const QString last = space > 0 ? simplified.mid(space + 1) : QString();
    if (phone.isEmpty()) {
        QSqlQuery &q = s.run(
            QStringLiteral("INSERT INTO customers (company_id, first_name, "
                           "last_name, email, created_at_ms, updated_at_ms) "
                           "VALUES (?, ?, ?, ?, ?, ?) RETURNING id"),
            {companyId, textOrNull(first), textOrNull(last), textOrNull(email), nowMs, nowMs});
        const qint64 id = q.next() ? q.value(0).toLongLong() : 0;
        q.finish();
        return id;
    }
    QSqlQuery &q = s.run(
        QStringLiteral("INSERT INTO customers (company_id, phone_e164, first_name, last_name, "
                       "email, created_at_ms, updated_at_ms) VALUES (?, ?, ?, ?, ?, ?, ?) "
                       "ON CONFLICT (company_id, phone_e164) DO UPDATE SET "
                       "first_name = COALESCE(customers.first_name, excluded.first_name), "
                       "last_name = COALESCE(customers.last_name, excluded.last_name), "
                       "email = COALESCE(excluded.email, customers.email), "
                       "updated_at_ms = excluded.updated_at_ms RETURNING id"),
        {companyId, phone, textOrNull(first), textOrNull(last), textOrNull(email), nowMs, nowMs});
    const qint64 id = q.next() ? q.value(0).toLongLong() : 0;
    q.finish();
    return id;
}

// Names, numbers and e-mails in args are masked before they are stored with the timing.
QJsonObject maskedArgs(const QJsonObject &args) {
    QJsonObject out;
    for (auto it = args.begin(); it != args.end(); ++it) {
        const QString key = it.key();
        QString value =
            it.value().isString()
                ? it.value().toString()
                : QString::fromUtf8(
                      QJsonDocument(QJsonArray{it.value()}).toJson(QJsonDocument::Compact));
        if (key.contains(QLatin1String("phone")))
            value = maskPhone(value);
        else if (key.contains(QLatin1String("email")))
            value = maskEmail(value);
        else if (key.contains(QLatin1String("name")))
            value = maskName(value);
        else
            value = maskFreeText(value);
        out.insert(key, value);
    }
    return out;
}

void recordFunctionCalls(StoreSession &s, qint64 companyId,
                         const QList<FunctionCallRecord> &records, qint64 nowMs) {
    constexpr qsizetype kRowsPerStatement = 50;
    for (qsizetype from = 0; from < records.size(); from += kRowsPerStatement) {
        const qsizetype rows = qMin(kRowsPerStatement, records.size() - from);
        QStringList placeholders;
        QVariantList values;
        for (qsizetype i = from; i < from + rows; ++i) {
            const FunctionCallRecord &r = records[i];
            placeholders << QStringLiteral("(?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
            values << companyId << r.callId << r.name
                   << QString::fromUtf8(
                          QJsonDocument(maskedArgs(r.args)).toJson(QJsonDocument::Compact))
                   << r.outcome
                   << QString::fromUtf8(QJsonDocument(r.result).toJson(QJsonDocument::Compact))
                   << r.durationUs << (r.cacheHit ? 1 : 0)
                   << (r.upstreamMs >= 0 ? QVariant(r.upstreamMs)
                                         : QVariant(QMetaType(QMetaType::LongLong)))
                   << nowMs;
        }
        s.run(QStringLiteral("INSERT INTO function_calls (company_id, call_id, name, args, "
                             "outcome, result, duration_us, cache_hit, upstream_ms, "
                             "created_at_ms) VALUES ") +
                  placeholders.join(QStringLiteral(", ")),
              values);
    }
}

} // namespace Callbook::FunctionData
