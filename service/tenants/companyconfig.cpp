#include "companyconfig.h"

#include "calendar/tenantcalendar.h"

#include <QDate>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QTimeZone>

namespace Callbook {

bool isE164(const QString &number) {
    static const QRegularExpression re(QStringLiteral("^\\+[1-9][0-9]{6,14}$"));
    return re.match(number).hasMatch();
}

namespace {

const QStringList kWeekdays = {QStringLiteral("mon"), QStringLiteral("tue"), QStringLiteral("wed"),
                               QStringLiteral("thu"), QStringLiteral("fri"), QStringLiteral("sat"),
                               QStringLiteral("sun")};

class ConfigReader {
public:
    explicit ConfigReader(QStringList *errors)
        : m_errors(errors) {}

    void error(const QString &path, const QString &message) {
        m_errors->append(path + QStringLiteral(": ") + message);
    }

    QString requiredString(const QJsonObject &o, const QString &key, const QString &path) {
        const QJsonValue v = o.value(key);
        if (!v.isString() || v.toString().trimmed().isEmpty()) {
            error(path + QLatin1Char('.') + key, QStringLiteral("required text is missing"));
            return {};
        }
        return v.toString().trimmed();
    }

    QStringList stringList(const QJsonObject &o, const QString &key, const QString &path) {
        QStringList out;
        const QJsonValue v = o.value(key);
        if (v.isUndefined() || v.isNull())
            return out;
        if (!v.isArray()) {
            error(path + QLatin1Char('.') + key, QStringLiteral("must be a list of texts"));
            return out;
        }
        const QJsonArray a = v.toArray();
        for (int i = 0; i < a.size(); ++i) {
            if (!a.at(i).isString())
                error(QStringLiteral("%1.%2[%3]").arg(path, key).arg(i),
                      QStringLiteral("must be text"));
            else
                out.append(a.at(i).toString().trimmed());
        }
        return out;
    }

    std::optional<double> optionalNumber(const QJsonObject &o, const QString &key,
                                         const QString &path) {
        const QJsonValue v = o.value(key);
        if (v.isUndefined() || v.isNull())
            return std::nullopt;
        if (!v.isDouble() || v.toDouble() < 0) {
            error(path + QLatin1Char('.') + key, QStringLiteral("must be a number of at least 0"));
            return std::nullopt;
        }
        return v.toDouble();
    }

    // "09:00-18:00" → minutes; "24:00" allowed as a closing time.
    std::optional<OpeningRange> openingRange(const QString &text, int weekday,
                                             const QString &path) {
        static const QRegularExpression re(
            QStringLiteral("^(\\d{1,2}):(\\d{2})\\s*-\\s*(\\d{1,2}):(\\d{2})$"));
        const auto m = re.match(text);
        if (!m.hasMatch()) {
            error(path, QStringLiteral("expected HH:MM-HH:MM, got \"%1\"").arg(text));
            return std::nullopt;
        }
        const int opens = m.captured(1).toInt() * 60 + m.captured(2).toInt();
        const int closes = m.captured(3).toInt() * 60 + m.captured(4).toInt();
        if (m.captured(2).toInt() > 59 || m.captured(4).toInt() > 59 || opens >= 24 * 60 ||
            closes > 24 * 60 || opens >= closes) {
            error(path, QStringLiteral("\"%1\" is not a valid opening time range").arg(text));
            return std::nullopt;
        }
        return OpeningRange{weekday, opens, closes};
    }

    void readHours(const QJsonObject &company, const QString &path, CompanyConfig &c) {
        const QJsonValue v = company.value(QStringLiteral("business_hours"));
        if (v.isUndefined() || v.isNull())
            return;
        if (!v.isObject()) {
            error(path + QStringLiteral(".business_hours"),
                  QStringLiteral("must be an object like {\"mon\":[\"09:00-18:00\"]}"));
            return;
        }
        const QJsonObject hours = v.toObject();
        for (auto it = hours.begin(); it != hours.end(); ++it) {
            const QString dayPath = path + QStringLiteral(".business_hours.") + it.key();
            const int weekday = int(kWeekdays.indexOf(it.key().toLower())) + 1;
            if (weekday == 0) {
                error(dayPath,
                      QStringLiteral("unknown weekday; use mon, tue, wed, thu, fri, sat, sun"));
                continue;
            }
            const QStringList ranges =
                stringList(hours, it.key(), path + QStringLiteral(".business_hours"));
            QList<OpeningRange> day;
            for (int i = 0; i < ranges.size(); ++i) {
                if (auto r = openingRange(ranges[i], weekday,
                                          QStringLiteral("%1[%2]").arg(dayPath).arg(i))) {
                    for (const OpeningRange &other : day) {
                        if (r->opensMin < other.closesMin && other.opensMin < r->closesMin)
                            error(dayPath, QStringLiteral("opening ranges overlap"));
                    }
                    day.append(*r);
                }
            }
            c.hours += day;
        }
    }

    void readServices(const QJsonObject &company, const QString &path, CompanyConfig &c) {
        const QJsonValue v = company.value(QStringLiteral("services"));
        if (v.isUndefined() || v.isNull())
            return;
        if (!v.isArray()) {
            error(path + QStringLiteral(".services"), QStringLiteral("must be a list"));
            return;
        }
        const QJsonArray list = v.toArray();
        QStringList seen;
        for (int i = 0; i < list.size(); ++i) {
            const QString sp = QStringLiteral("%1.services[%2]").arg(path).arg(i);
            if (!list.at(i).isObject()) {
                error(sp, QStringLiteral("must be an object"));
                continue;
            }
            const QJsonObject o = list.at(i).toObject();
            ServiceConfig s;
            s.name = requiredString(o, QStringLiteral("name"), sp);
            if (seen.contains(s.name, Qt::CaseInsensitive))
                error(sp + QStringLiteral(".name"),
                      QStringLiteral("service \"%1\" is listed twice").arg(s.name));
            seen.append(s.name);
            s.aliases = stringList(o, QStringLiteral("aliases"), sp);
            const QJsonValue duration = o.value(QStringLiteral("duration_min"));
            if (!duration.isDouble() || duration.toDouble() < 5 || duration.toDouble() > 24 * 60 ||
                duration.toDouble() != double(duration.toInt()))
                error(sp + QStringLiteral(".duration_min"),
                      QStringLiteral("must be whole minutes between 5 and 1440"));
            s.durationMin = duration.toInt();
            s.priceEur = optionalNumber(o, QStringLiteral("price_eur"), sp);
            if (auto id = optionalNumber(o, QStringLiteral("event_type_id"), sp))
                s.eventTypeId = qint64(*id);
            s.bufferBeforeMin =
                int(optionalNumber(o, QStringLiteral("buffer_before_min"), sp).value_or(0));
            s.bufferAfterMin =
                int(optionalNumber(o, QStringLiteral("buffer_after_min"), sp).value_or(0));
            c.services.append(s);
        }
    }

    std::optional<CompanyConfig> company(const QJsonObject &o, const QString &path) {
        const int before = int(m_errors->size());
        CompanyConfig c;
        c.slug = requiredString(o, QStringLiteral("slug"), path);
        static const QRegularExpression slugRe(QStringLiteral("^[a-z0-9][a-z0-9-]{0,62}$"));
        if (!c.slug.isEmpty() && !slugRe.match(c.slug).hasMatch())
            error(path + QStringLiteral(".slug"),
                  QStringLiteral("use lower-case letters, digits and '-'"));
        c.name = requiredString(o, QStringLiteral("name"), path);
        c.timezone = requiredString(o, QStringLiteral("timezone"), path);
        if (!c.timezone.isEmpty() && !QTimeZone(c.timezone.toUtf8()).isValid())
            error(path + QStringLiteral(".timezone"),
                  QStringLiteral("unknown time zone \"%1\"").arg(c.timezone));
        if (o.contains(QStringLiteral("locale"))) {
            c.locale = o.value(QStringLiteral("locale")).toString();
            if (c.locale != QLatin1String("de") && c.locale != QLatin1String("en"))
                error(path + QStringLiteral(".locale"), QStringLiteral("must be \"de\" or \"en\""));
        }
        c.phoneNumbers = stringList(o, QStringLiteral("phone_numbers"), path);
        for (int i = 0; i < c.phoneNumbers.size(); ++i) {
            if (!isE164(c.phoneNumbers[i]))
                error(QStringLiteral("%1.phone_numbers[%2]").arg(path).arg(i),
                      QStringLiteral("not an E.164 number (like +493012345678)"));
        }
        c.agentIds = stringList(o, QStringLiteral("agent_ids"), path);
        readHours(o, path, c);
        c.closures = stringList(o, QStringLiteral("closures"), path);
        for (int i = 0; i < c.closures.size(); ++i) {
            if (!QDate::fromString(c.closures[i], Qt::ISODate).isValid())
                error(QStringLiteral("%1.closures[%2]").arg(path).arg(i),
                      QStringLiteral("expected a date like 2026-12-24"));
        }
        c.pricePerMinuteEur =
            optionalNumber(o, QStringLiteral("price_per_minute_eur"), path).value_or(0);
        const QJsonValue calendar = o.value(QStringLiteral("calendar"));
        if (calendar.isObject()) {
            c.calendar = calendar.toObject();
            c.calendarProvider =
                c.calendar.value(QStringLiteral("provider")).toString(QStringLiteral("local"));
            if (c.calendarProvider != QLatin1String("local") &&
                c.calendarProvider != QLatin1String("calcom"))
                error(path + QStringLiteral(".calendar.provider"),
                      QStringLiteral("must be \"local\" or \"calcom\""));
        } else if (!calendar.isUndefined() && !calendar.isNull()) {
            error(path + QStringLiteral(".calendar"), QStringLiteral("must be an object"));
        }
        c.transferNumber = o.value(QStringLiteral("transfer_number")).toString();
        if (!c.transferNumber.isEmpty() && !isE164(c.transferNumber))
            error(path + QStringLiteral(".transfer_number"), QStringLiteral("not an E.164 number"));
        // Days after which transcripts and personal data are purged; 0 keeps them.
        const double retention =
            optionalNumber(o, QStringLiteral("retention_days"), path).value_or(90);
        if (retention < 0 || retention > 3650 || retention != double(int(retention)))
            error(path + QStringLiteral(".retention_days"),
                  QStringLiteral("must be whole days from 1 to 3650, or 0 to keep everything"));
        c.retentionDays = int(retention);
        const QJsonValue verify = o.value(QStringLiteral("verify_function_signatures"));
        if (verify.isBool())
            c.verifyFunctionSignatures = verify.toBool();
        else if (!verify.isUndefined())
            error(path + QStringLiteral(".verify_function_signatures"),
                  QStringLiteral("must be true or false"));
        c.holdMinutes = int(optionalNumber(o, QStringLiteral("hold_minutes"), path).value_or(5));
        if (c.holdMinutes < 1 || c.holdMinutes > 30)
            error(path + QStringLiteral(".hold_minutes"), QStringLiteral("must be 1 to 30"));
        readServices(o, path, c);
        if (c.calendarProvider == QLatin1String("calcom")) {
            QStringList problems;
            parseCalcomSettings(c.calendar, &problems);
            for (const QString &p : problems)
                error(path + QStringLiteral(".calendar.") + p.section(QLatin1Char(':'), 0, 0),
                      p.section(QLatin1Char(':'), 1).trimmed());
            for (int i = 0; i < c.services.size(); ++i)
                if (!c.services[i].eventTypeId)
                    error(QStringLiteral("%1.services[%2].event_type_id").arg(path).arg(i),
                          QStringLiteral("required when the calendar is Cal.com"));
        }
        if (m_errors->size() != before)
            return std::nullopt;
        return c;
    }

private:
    QStringList *m_errors;
};

} // namespace

std::optional<QList<CompanyConfig>> parseCompanyConfig(const QByteArray &json,
                                                       QStringList *errors) {
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        errors->append(QStringLiteral("not valid JSON at offset %1: %2")
                           .arg(parseError.offset)
                           .arg(parseError.errorString()));
        return std::nullopt;
    }
    const QJsonValue companies = doc.object().value(QStringLiteral("companies"));
    if (!doc.isObject() || !companies.isArray()) {
        errors->append(QStringLiteral("companies: expected {\"companies\": [ … ]}"));
        return std::nullopt;
    }
    ConfigReader reader(errors);
    QList<CompanyConfig> out;
    QStringList slugs, numbers;
    const QJsonArray list = companies.toArray();
    for (int i = 0; i < list.size(); ++i) {
        const QString path = QStringLiteral("companies[%1]").arg(i);
        if (!list.at(i).isObject()) {
            reader.error(path, QStringLiteral("must be an object"));
            continue;
        }
        if (auto c = reader.company(list.at(i).toObject(), path)) {
            if (slugs.contains(c->slug))
                reader.error(path + QStringLiteral(".slug"),
                             QStringLiteral("\"%1\" is used twice").arg(c->slug));
            for (const QString &n : c->phoneNumbers) {
                if (numbers.contains(n))
                    reader.error(path + QStringLiteral(".phone_numbers"),
                                 QStringLiteral("a number belongs to two companies"));
                numbers.append(n);
            }
            slugs.append(c->slug);
            out.append(*c);
        }
    }
    if (!errors->isEmpty())
        return std::nullopt;
    return out;
}

} // namespace Callbook
