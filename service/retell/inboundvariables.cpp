#include "inboundvariables.h"

#include <QLocale>

namespace Callbook {

static QLocale localeFor(const QString &code) {
    return code == QLatin1String("en") ? QLocale(QLocale::English, QLocale::UnitedStates)
                                       : QLocale(QLocale::German, QLocale::Germany);
}

QString spokenDate(const QDate &date, const QString &locale) {
    if (locale == QLatin1String("en"))
        return localeFor(locale).toString(date, QStringLiteral("dddd, MMMM d, yyyy"));
    return localeFor(locale).toString(date, QStringLiteral("dddd, 'der' d. MMMM yyyy"));
}

QString spokenTime(const QTime &time, const QString &locale) {
    if (locale == QLatin1String("en"))
        return localeFor(locale).toString(time, QStringLiteral("h:mm AP"));
    return localeFor(locale).toString(time, QStringLiteral("H:mm")) + QStringLiteral(" Uhr");
}

QJsonObject inboundDynamicVariables(const TenantInfo &tenant, const QDateTime &nowUtc,
                                    bool callerKnown, const QString &callerFirstName) {
    const QDateTime local = nowUtc.toTimeZone(tenant.timezone);
    const QString lang =
        tenant.locale == QLatin1String("en") ? tenant.locale : QStringLiteral("de");
    // Retell's dynamic variables are string → string.
    return QJsonObject{
        {QStringLiteral("company_name"), tenant.name},
        {QStringLiteral("language"), lang},
        {QStringLiteral("timezone"), QString::fromUtf8(tenant.timezone.id())},
        {QStringLiteral("today"), spokenDate(local.date(), lang)},
        {QStringLiteral("today_iso"), local.date().toString(Qt::ISODate)},
        {QStringLiteral("current_time"), spokenTime(local.time(), lang)},
        {QStringLiteral("current_time_iso"),
         local.toOffsetFromUtc(local.offsetFromUtc()).toString(Qt::ISODate)},
        {QStringLiteral("current_year"), QString::number(local.date().year())},
        {QStringLiteral("caller_known"),
         callerKnown ? QStringLiteral("true") : QStringLiteral("false")},
        {QStringLiteral("caller_first_name"), callerFirstName},
    };
}

} // namespace Callbook
