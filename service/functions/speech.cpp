#include "speech.h"

namespace Callbook {

namespace {

// The locale's names of days and months and its AM/PM, looked up once: QLocale's date and time
// formatting parses its format string and looks them up on every call.
struct Words {
    QString weekdays[7]; // Monday first
    QString months[12];
    QString am, pm;
};

Words wordsOf(const QLocale &locale) {
    Words w;
    for (int i = 0; i < 7; ++i)
        w.weekdays[i] = locale.dayName(i + 1);
    for (int i = 0; i < 12; ++i)
        w.months[i] = locale.monthName(i + 1);
    w.am = locale.toString(QTime(1, 0), QStringLiteral("AP"));
    w.pm = locale.toString(QTime(13, 0), QStringLiteral("AP"));
    return w;
}

void appendNumber(QString &out, int n, bool twoDigits) {
    if (n >= 10 || twoDigits)
        out += QChar(u'0' + n / 10 % 10);
    out += QChar(u'0' + n % 10);
}

const QLocale &localeOf(bool german) {
    static const QLocale de(QLocale::German, QLocale::Germany);
    static const QLocale en(QLocale::English, QLocale::UnitedStates);
    return german ? de : en;
}

const Words &words(bool german) {
    static const Words de = wordsOf(localeOf(true));
    static const Words en = wordsOf(localeOf(false));
    return german ? de : en;
}

} // namespace

Speech::Speech(const QString &locale)
    : m_german(!locale.startsWith(QLatin1String("en")))
    , m_locale(&localeOf(m_german)) {}

// Same text as QLocale::toString(d, "dddd, d. MMMM") / "dddd, MMMM d" (tst_speech compares).
QString Speech::day(const QDate &d) const {
    if (!d.isValid())
        return m_locale->toString(d, m_german ? QStringLiteral("dddd, d. MMMM")
                                              : QStringLiteral("dddd, MMMM d"));
    const Words &w = words(m_german);
    const QString &weekday = w.weekdays[d.dayOfWeek() - 1];
    const QString &month = w.months[d.month() - 1];
    QString out;
    out.reserve(weekday.size() + month.size() + 6);
    out += weekday;
    out += QLatin1String(", ");
    if (m_german) {
        appendNumber(out, d.day(), false);
        out += QLatin1String(". ");
        out += month;
    } else {
        out += month;
        out += QLatin1Char(' ');
        appendNumber(out, d.day(), false);
    }
    return out;
}

// Same text as "H:mm Uhr" / QLocale::toString(t, "h:mm AP").
QString Speech::time(const QTime &t) const {
    if (!t.isValid())
        return m_german ? t.toString(QStringLiteral("H:mm")) + QStringLiteral(" Uhr")
                        : m_locale->toString(t, QStringLiteral("h:mm AP"));
    QString out;
    out.reserve(9);
    const int h = t.hour();
    appendNumber(out, m_german ? h : (h % 12 == 0 ? 12 : h % 12), false);
    out += QLatin1Char(':');
    appendNumber(out, t.minute(), true);
    if (m_german) {
        out += QLatin1String(" Uhr");
    } else {
        out += QLatin1Char(' ');
        out += h < 12 ? words(false).am : words(false).pm;
    }
    return out;
}

QString Speech::moment(const QDateTime &dt) const {
    return moment(dt.date(), dt.time());
}

QString Speech::moment(const QDate &d, const QTime &t) const {
    return day(d) + pick(" um ", " at ") + time(t);
}

QString Speech::list(const QStringList &items) const {
    if (items.size() <= 1)
        return items.value(0);
    return QStringList(items.mid(0, items.size() - 1)).join(QStringLiteral(", ")) +
           pick(" und ", " and ") + items.last();
}

QString Speech::price(double eur) const {
    const QString amount = m_locale->toString(eur, 'f', qFuzzyCompare(eur, qRound(eur)) ? 0 : 2);
    return amount + pick(" Euro", " euros");
}

} // namespace Callbook
