#pragma once

#include <QJsonObject>
#include <QList>
#include <QStringList>
#include <optional>

namespace Callbook {

struct ServiceConfig {
    QString name;
    QStringList aliases;
    int durationMin = 0;
    std::optional<double> priceEur;
    std::optional<qint64> eventTypeId;
    int bufferBeforeMin = 0;
    int bufferAfterMin = 0;
};

struct OpeningRange {
    int weekday = 1;  // ISO: 1 = Monday … 7 = Sunday
    int opensMin = 0; // minutes after local midnight
    int closesMin = 0;
};

// One business as declared in the `--config` file (and edited in the console).
struct CompanyConfig {
    QString slug;
    QString name;
    QString timezone;
    QString locale = QStringLiteral("de");
    QStringList phoneNumbers; // E.164
    QStringList agentIds;     // Retell agents answering for this business
    QList<OpeningRange> hours;
    QStringList closures; // ISO dates
    double pricePerMinuteEur = 0;
    QString calendarProvider = QStringLiteral("local");
    QJsonObject calendar; // provider settings (secrets by name only)
    QString transferNumber;
    int retentionDays = 90;
    // Agent functions: verify Retell's signature (on unless the business turns it off) and
    // how long start_booking holds a slot for the caller to confirm.
    bool verifyFunctionSignatures = true;
    int holdMinutes = 5;
    QList<ServiceConfig> services;
};

// Parses and validates a whole configuration document. Every problem is reported with
// its JSON path (e.g. "companies[0].phone_numbers[1]: not an E.164 number").
std::optional<QList<CompanyConfig>> parseCompanyConfig(const QByteArray &json, QStringList *errors);

bool isE164(const QString &number);

} // namespace Callbook
