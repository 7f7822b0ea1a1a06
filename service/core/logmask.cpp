#include "logmask.h"

#include <QRegularExpression>

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

QString maskFreeText(QStringView input) {
    QString text = input.toString();
    static const QRegularExpression jsonPersonal(QStringLiteral(
        "(\"(?:name|first_name|last_name|customer_name|caller_name|attendee_name|email|phone|"
        "from_number|to_number|caller|attendee|caller_first_name)\"\\s*:\\s*\")([^\"]*)(\")"));
    static const QRegularExpression email(
        QStringLiteral("[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\\.[A-Za-z]{2,}"));
    static const QRegularExpression phone(
        QStringLiteral("(?<![\\w-])\\+?\\d[\\d ()/-]{5,}\\d(?![\\w:-])"));
    QString out;
    qsizetype last = 0;
    for (auto it = jsonPersonal.globalMatch(text); it.hasNext();) {
        const auto m = it.next();
        out += QStringView(text).mid(last, m.capturedStart(2) - last);
        out += QStringLiteral("***");
        last = m.capturedEnd(2);
    }
    out += QStringView(text).mid(last);
    text = out;
    out.clear();
    last = 0;
    for (auto it = email.globalMatch(text); it.hasNext();) {
        const auto m = it.next();
        out += QStringView(text).mid(last, m.capturedStart() - last);
        out += maskEmail(m.capturedView());
        last = m.capturedEnd();
    }
    out += QStringView(text).mid(last);
    text = out;
    out.clear();
    last = 0;
    for (auto it = phone.globalMatch(text); it.hasNext();) {
        const auto m = it.next();
        int digits = 0;
        for (QChar c : m.capturedView())
            digits += c.isDigit() ? 1 : 0;
        static const QRegularExpression isoDate(QStringLiteral("^\\d{4}-\\d{2}-\\d{2}$"));
        if (digits < 6 ||
            isoDate.match(m.capturedView()).hasMatch()) // dates and counts stay readable
            continue;
        out += QStringView(text).mid(last, m.capturedStart() - last);
        out += maskPhone(m.capturedView());
        last = m.capturedEnd();
    }
    out += QStringView(text).mid(last);
    return out;
}

} // namespace Callbook
