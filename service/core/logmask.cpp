#include "logmask.h"

#include <QRegularExpression>
#include <algorithm>
#include <functional>

namespace Callbook {

QString maskPhone(QStringView number) {
    QString digits;
    for (QChar c : number) {
        if (c.isDigit() || (c == QLatin1Char('+') && digits.isEmpty()))
            digits.append(c);
    }
    if (digits.size() < 5)
        return QString(digits.size(), QLatin1Char('*'));
    const int keepFront = digits.startsWith(QLatin1Char('+')) ? 3 : 1;
    return digits.left(keepFront) + QString(digits.size() - keepFront - 2, QLatin1Char('*')) +
           digits.right(2);
}

QString maskEmail(QStringView email) {
    const qsizetype at = email.indexOf(QLatin1Char('@'));
    if (at <= 0)
        return QStringLiteral("***");
    const QStringView domain = email.mid(at + 1);
    const qsizetype dot = domain.lastIndexOf(QLatin1Char('.'));
    const QString tld = dot > 0 ? domain.mid(dot).toString() : QString();
    return email.left(1).toString() + QStringLiteral("***@") + domain.left(1).toString() +
           QStringLiteral("***") + tld;
}

QString maskName(QStringView name) {
    QStringList parts;
    for (const QStringView part : name.split(QLatin1Char(' '), Qt::SkipEmptyParts))
        parts.append(part.left(1).toString() + QStringLiteral("***"));
    return parts.join(QLatin1Char(' '));
}

// Replaces capture group `group` of every match with what `mask` makes of it; a mask that
// returns a null string leaves that match alone.
static QString replaceMatches(const QString &text, const QRegularExpression &re, int group,
                              const std::function<QString(QStringView)> &mask) {
    QString out;
    qsizetype last = 0;
    for (auto it = re.globalMatch(text); it.hasNext();) {
        const auto m = it.next();
        const QString replacement = mask(m.capturedView(group));
        if (replacement.isNull())
            continue;
        out += QStringView(text).mid(last, m.capturedStart(group) - last);
        out += replacement;
        last = m.capturedEnd(group);
    }
    out += QStringView(text).mid(last);
    return out;
}

// YYYY-MM-DD in ASCII digits (what \d is in the patterns here: Qt does not set PCRE2_UCP).
static bool isIsoDate(QStringView s) {
    if (s.size() != 10)
        return false;
    for (qsizetype i = 0; i < 10; ++i) {
        const char16_t c = s[i].unicode();
        if ((i == 4 || i == 7) ? c != u'-' : (c < u'0' || c > u'9'))
            return false;
    }
    return true;
}

static QString maskPhoneLike(QStringView candidate) {
    int digits = 0;
    for (QChar c : candidate)
        digits += c.isDigit() ? 1 : 0;
    if (digits < 6 || isIsoDate(candidate)) // dates and counts stay readable
        return {};
    return maskPhone(candidate);
}

QString maskFreeText(QStringView input) {
    static const QRegularExpression jsonPersonal(QStringLiteral(
        "(\"(?:name|first_name|last_name|customer_name|caller_name|attendee_name|email|phone|"
        "from_number|to_number|caller|attendee|caller_first_name)\"\\s*:\\s*\")([^\"]*)(\")"));
    static const QRegularExpression email(
        QStringLiteral("[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\\.[A-Za-z]{2,}"));
    static const QRegularExpression phone(
        QStringLiteral("(?<![\\w-])\\+?\\d[\\d ()/-]{5,}\\d(?![\\w:-])"));
    // A pass is skipped when it cannot change the text (most values are a service name, a
    // date or a time, and every recorded function call masks its arguments): each JSON match
    // starts with a quote, an address has an '@', and a phone-like match is masked only with
    // at least six digits of its own.
    if (isIsoDate(input)) // the most common argument; the phone pass would keep it as it is
        return input.toString();
    QString text = input.toString();
    if (text.contains(QLatin1Char('"')))
        text = replaceMatches(text, jsonPersonal, 2,
                              [](QStringView) { return QStringLiteral("***"); });
    if (text.contains(QLatin1Char('@')))
        text = replaceMatches(text, email, 0, [](QStringView v) { return maskEmail(v); });
    if (std::count_if(text.cbegin(), text.cend(), [](QChar c) { return c.isDigit(); }) >= 6)
        text = replaceMatches(text, phone, 0, maskPhoneLike);
    return text;
}

} // namespace Callbook
