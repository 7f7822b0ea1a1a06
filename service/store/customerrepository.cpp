#include "customerrepository.h"

#include "storesession.h"

namespace Callbook::CustomerRepository {

static QVariant textOrNull(const QString &s) {
    return s.isEmpty() ? QVariant(QMetaType(QMetaType::QString)) : QVariant(s);
}

static std::optional<Customer> readOne(QSqlQuery &q) {
    std::optional<Customer> c;
    if (q.next())
        c = Customer{q.value(0).toLongLong(), q.value(1).toString(), q.value(2).toString(),
                     q.value(3).toString(), q.value(4).toString()};
    q.finish();
    return c;
}

std::optional<Customer> byPhone(StoreSession &s, qint64 companyId, const QString &phone) {
    if (phone.isEmpty())
        return std::nullopt;
    return readOne(s.run(QStringLiteral("SELECT id, first_name, last_name, phone_e164, email FROM "
                                        "customers WHERE company_id = ? AND phone_e164 = ?"),
                         {companyId, phone}));
}

std::optional<Customer> byName(StoreSession &s, qint64 companyId, const QString &name) {
    const QString wanted = name.simplified().toLower();
    if (wanted.isEmpty())
        return std::nullopt;
    return readOne(s.run(
        QStringLiteral("SELECT id, first_name, last_name, phone_e164, email FROM customers WHERE "
                       "company_id = ? AND (LOWER(TRIM(COALESCE(first_name, '') || ' ' || "
                       "COALESCE(last_name, ''))) = ? OR LOWER(last_name) = ?) ORDER BY "
                       "updated_at_ms DESC LIMIT 1"),
        {companyId, wanted, wanted}));
}

qint64 upsert(StoreSession &s, qint64 companyId, const QString &phone, const QString &firstName,
              const QString &lastName, const QString &email, qint64 nowMs) {
    // Without a number there is nothing to recognise the customer by: a row of its own.
    static const QString insert = QStringLiteral(
        "INSERT INTO customers (company_id, phone_e164, first_name, last_name, email, "
        "created_at_ms, updated_at_ms) VALUES (?, ?, ?, ?, ?, ?, ?) ");
    static const QString merge = QStringLiteral(
        "ON CONFLICT (company_id, phone_e164) DO UPDATE SET "
        "first_name = COALESCE(customers.first_name, excluded.first_name), "
        "last_name = COALESCE(customers.last_name, excluded.last_name), "
        "email = COALESCE(excluded.email, customers.email), "
        "updated_at_ms = excluded.updated_at_ms ");
    QSqlQuery &q = s.run(insert + (phone.isEmpty() ? QString() : merge) +
                             QStringLiteral("RETURNING id"),
                         {companyId, textOrNull(phone), textOrNull(firstName),
                          textOrNull(lastName), textOrNull(email), nowMs, nowMs});
    const qint64 id = q.next() ? q.value(0).toLongLong() : 0;
    q.finish();
    return id;
}

std::pair<QString, QString> splitName(const QString &fullName) {
    const QString simplified = fullName.simplified();
    const qsizetype space = simplified.lastIndexOf(QLatin1Char(' '));
    if (space <= 0)
        return {simplified, QString()};
    return {simplified.left(space), simplified.mid(space + 1)};
}

} // namespace Callbook::CustomerRepository
