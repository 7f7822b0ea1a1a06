#pragma once

#include "localavailability.h"

#include <QStringList>
#include <QUrl>
#include <optional>

namespace Callbook {

class StoreSession;

struct ServiceInfo {
    qint64 id = 0;
    QString name;
    QStringList aliases;
    int durationMin = 30;
    int bufferBeforeMin = 0;
    int bufferAfterMin = 0;
    std::optional<qint64> eventTypeId;
    std::optional<double> priceEur;
};

// The Cal.com part of a business's calendar settings. Secrets are named, never stored.
struct CalcomSettings {
    QUrl baseUrl = QUrl(QStringLiteral("https://api.cal.com"));
    QString apiKeySecret;
    QString username;
    std::optional<qint64> teamId;
    QString webhookSecretSecret;
    bool allowUnsignedWebhooks = false;
    int connectTimeoutMs = 2000;
    int totalTimeoutMs = 4000;
    int prefetchDays = 7;
};

// Everything the calendar needs to know about one business.
struct TenantCalendar {
    qint64 companyId = 0;
    QString slug;
    QString name;
    QString locale;
    QString transferNumber; // E.164; empty: no transfers, callbacks instead
    bool verifyFunctionSignatures = true;
    int holdMinutes = 5;
    QString provider = QStringLiteral("local");
    OpeningRules rules;
    QList<ServiceInfo> services;
    CalcomSettings calcom;

    bool usesCalcom() const { return provider == QLatin1String("calcom"); }
    const ServiceInfo *service(qint64 id) const;
};

// Parses the "calendar" object of a company's configuration; problems go to `errors`.
CalcomSettings parseCalcomSettings(const QJsonObject &calendar, QStringList *errors = nullptr);

namespace CalendarRepository {
// Loads one business (run inside a store task scoped to that company).
TenantCalendar load(StoreSession &session, qint64 companyId);
} // namespace CalendarRepository

} // namespace Callbook
