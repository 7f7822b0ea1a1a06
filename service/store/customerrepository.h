#pragma once

#include <QString>
#include <optional>

namespace Callbook {

class StoreSession;

struct Customer {
    qint64 id = 0;
    QString firstName, lastName, phone, email;
    QString fullName() const { return (firstName + QLatin1Char(' ') + lastName).trimmed(); }
};

// A business's customers, known by the number they call from. Runs inside store tasks scoped
// to the company.
namespace CustomerRepository {

std::optional<Customer> byPhone(StoreSession &s, qint64 companyId, const QString &phone);
// Full name, or the last name alone, case-insensitively; the most recently seen one.
std::optional<Customer> byName(StoreSession &s, qint64 companyId, const QString &name);
// By phone number (a new row when there is none). Names already known are kept; an e-mail given
// replaces the old one. Returns the customer's id.
qint64 upsert(StoreSession &s, qint64 companyId, const QString &phone, const QString &firstName,
              const QString &lastName, const QString &email, qint64 nowMs);
// "Erika Maria Mustermann" → {"Erika Maria", "Mustermann"}.
std::pair<QString, QString> splitName(const QString &fullName);

} // namespace CustomerRepository
} // namespace Callbook
