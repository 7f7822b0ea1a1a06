#pragma once

#include <QJsonObject>
#include <QList>
#include <QString>
#include <optional>

namespace Callbook {

class StoreSession;

struct Customer {
    qint64 id = 0;
    QString firstName, lastName, phone, email;
    QString fullName() const { return (firstName + QLatin1Char(' ') + lastName).trimmed(); }
};

// What the agent functions read and write besides the calendar. Runs inside store tasks
// scoped to the company.
namespace FunctionData {

// A function call for a call we have not seen: create the call from Retell's call object.
void ensureCall(StoreSession &s, qint64 companyId, const QString &callId, const QJsonObject &call,
                qint64 nowMs);
void markCallBooked(StoreSession &s, qint64 companyId, const QString &callId, qint64 customerId,
                    qint64 nowMs);
std::optional<Customer> customerByPhone(StoreSession &s, qint64 companyId, const QString &phone);
std::optional<Customer> customerByName(StoreSession &s, qint64 companyId, const QString &name);
// By phone number (or e-mail when there is no number); names fill in what is missing.
qint64 upsertCustomer(StoreSession &s, qint64 companyId, const QString &name, const QString &phone,
                      const QString &email, qint64 nowMs);

// Names, numbers and e-mails (and anything that looks like one in free text) masked.
QJsonObject maskedArgs(const QJsonObject &args);

struct FunctionCallRecord {
    QString callId, name, outcome;
    QJsonObject args; // as sent; masked when written
    QJsonObject result;
    qint64 durationUs = 0;
    bool cacheHit = false;
    qint64 upstreamMs = -1;
};
// Many at once (one statement per 50 rows), arguments masked.
void recordFunctionCalls(StoreSession &s, qint64 companyId,
                         const QList<FunctionCallRecord> &records, qint64 nowMs);

} // namespace FunctionData
} // namespace Callbook
