#include "demoenvironment.h"

#include "democalcomserver.h"
#include "secrets/secretstore.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>

namespace Callbook {

namespace {

const QString kRetellKeySecret = QStringLiteral("demo-retell-api-key");
const QString kCalcomKeySecret = QStringLiteral("demo-calcom-workshop");
const QString kCalcomWebhookSecret = QStringLiteral("demo-calcom-webhook-workshop");

QByteArray randomKey(const char *prefix) {
    QByteArray bytes(24, Qt::Uninitialized);
    QRandomGenerator::system()->fillRange(reinterpret_cast<quint32 *>(bytes.data()),
                                          bytes.size() / 4);
    return QByteArray(prefix) + bytes.toHex();
}

void setSecret(const QString &name, const QByteArray &value) {
    qputenv(SecretStore::environmentName(name).toLatin1().constData(), value);
}

} // namespace

DemoEnvironment::DemoEnvironment()
    : m_businesses(demoBusinesses()) {}

DemoEnvironment::~DemoEnvironment() = default;

bool DemoEnvironment::prepare(const QString &parentDataDir, QString *error) {
    const QString stamp =
        QDateTime::currentDateTimeUtc().toString(QStringLiteral("yyyyMMdd-HHmmss-zzz"));
    m_dataDir = QDir(parentDataDir).absoluteFilePath(QStringLiteral("demo/") + stamp);
    if (!QDir().mkpath(m_dataDir)) {
        *error = QStringLiteral("cannot create the demo data directory ") + m_dataDir;
        return false;
    }
    // Demo secrets come from the environment only: no keychain prompt, and a key the user
    // stored for real use is neither read nor overwritten.
    qputenv("CALLBOOK_NO_KEYCHAIN", "1");
    m_retellKey = randomKey("key_demo_");
    const QByteArray calcomKey = randomKey("cal_demo_");
    setSecret(kRetellKeySecret, m_retellKey);
    setSecret(kCalcomKeySecret, calcomKey);
    setSecret(kCalcomWebhookSecret, randomKey("whsec_demo_"));

    const DemoBusiness *workshop = nullptr;
    for (const DemoBusiness &b : m_businesses)
        if (b.calcom)
            workshop = &b;
    m_calcom = std::make_unique<DemoCalcomThread>();
    const bool calcomStarted = m_calcom->start(
        [&](InMemoryCalcom &calcom) {
            calcom.setApiKey(calcomKey);
            // Wide hours, so the demo books whenever it runs.
            calcom.setWorkingHours(QTimeZone(workshop->timezone.toUtf8()), QTime(7, 0),
                                   QTime(22, 0));
            for (const DemoService &s : workshop->services)
                calcom.addEventType({s.eventTypeId,
                                     s.name.toLower().replace(QLatin1Char(' '), QLatin1Char('-')),
                                     s.name, s.durationMin});
        },
        error);
    if (!calcomStarted)
        return false;

    m_configFile = QDir(m_dataDir).absoluteFilePath(QStringLiteral("demo-config.json"));
    QFile file(m_configFile);
    if (!file.open(QIODevice::WriteOnly) ||
        file.write(configJson(m_businesses, m_calcom->baseUrl(), QDate::currentDate())) < 0) {
        *error = QStringLiteral("cannot write ") + m_configFile;
        return false;
    }
    return true;
}

QString DemoEnvironment::databasePath() const {
    return QDir(m_dataDir).absoluteFilePath(QStringLiteral("callbook.db"));
}

ServiceOptions DemoEnvironment::serviceOptions() const {
    ServiceOptions options;
    options.listenAddress = QHostAddress::LocalHost;
    options.port = 0; // never collides with a real instance on 8787
    options.databaseUrl = QStringLiteral("sqlite://") + databasePath();
    options.configFile = m_configFile;
    options.retellKeySecret = kRetellKeySecret;
    return options;
}

DemoCalcomServer *DemoEnvironment::calcom() const {
    return m_calcom ? m_calcom->server() : nullptr;
}

QByteArray DemoEnvironment::configJson(const QList<DemoBusiness> &businesses,
                                       const QString &calcomUrl, const QDate &today) {
    QJsonObject everyDay;
    for (const char *day : {"mon", "tue", "wed", "thu", "fri", "sat", "sun"})
        everyDay.insert(QLatin1String(day), QJsonArray{QStringLiteral("07:00-22:00")});
    QJsonArray companies;
    for (const DemoBusiness &b : businesses) {
        QJsonArray services;
        for (const DemoService &s : b.services) {
            QJsonObject service{{QStringLiteral("name"), s.name},
                                {QStringLiteral("duration_min"), s.durationMin},
                                {QStringLiteral("price_eur"), s.priceEur}};
            if (b.calcom)
                service.insert(QStringLiteral("event_type_id"), double(s.eventTypeId));
            services.append(service);
        }
        QJsonObject calendar{{QStringLiteral("provider"), QStringLiteral("local")}};
        if (b.calcom)
            calendar = {{QStringLiteral("provider"), QStringLiteral("calcom")},
                        {QStringLiteral("base_url"), calcomUrl},
                        {QStringLiteral("api_key_secret"), kCalcomKeySecret},
                        {QStringLiteral("webhook_secret_secret"), kCalcomWebhookSecret},
                        {QStringLiteral("username"), QStringLiteral("riverside")},
                        {QStringLiteral("connect_timeout_ms"), 1000},
                        {QStringLiteral("total_timeout_ms"), 2500},
                        {QStringLiteral("prefetch_days"), 7}};
        QJsonObject company{
            {QStringLiteral("slug"), b.slug},
            {QStringLiteral("name"), b.name},
            {QStringLiteral("timezone"), b.timezone},
            {QStringLiteral("locale"), b.locale},
            {QStringLiteral("phone_numbers"), QJsonArray{b.phoneNumber}},
            {QStringLiteral("agent_ids"), QJsonArray{b.agentId}},
            {QStringLiteral("business_hours"), everyDay},
            // Three weeks ahead: listed by get_opening_hours, never in the way of a booking.
            {QStringLiteral("closures"), QJsonArray{today.addDays(21).toString(Qt::ISODate)}},
            {QStringLiteral("price_per_minute_eur"), b.calcom ? 0.10 : 0.12},
            {QStringLiteral("calendar"), calendar},
            {QStringLiteral("services"), services}};
        if (!b.transferNumber.isEmpty())
            company.insert(QStringLiteral("transfer_number"), b.transferNumber);
        companies.append(company);
    }
    return QJsonDocument(QJsonObject{{QStringLiteral("companies"), companies}})
        .toJson(QJsonDocument::Indented);
}

} // namespace Callbook
