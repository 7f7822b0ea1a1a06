#include "speech.h"

namespace Callbook {

QString Speech::day(const QDate &d) const {
    return m_locale.toString(d, m_german ? QStringLiteral("dddd, d. MMMM")
                                         : QStringLiteral("dddd, MMMM d"));
}

QString Speech::time(const QTime &t) const {
    if (m_german)
        return t.toString(QStringLiteral("H:mm")) + QStringLiteral(" Uhr");
    return m_locale.toString(t, QStringLiteral("h:mm AP"));
}

QString Speech::moment(const QDateTime &dt) const {
    return day(dt.date()) + pick(" um ", " at ") + time(dt.time());
}

QString Speech::list(const QStringList &items) const {
    if (items.size() <= 1)
        return items.value(0);
    return QStringList(items.mid(0, items.size() - 1)).join(QStringLiteral(", ")) +
           pick(" und ", " and ") + items.last();
}

QString Speech::price(double eur) const {
    const QString amount = m_locale.toString(eur, 'f', qFuzzyCompare(eur, qRound(eur)) ? 0 : 2);
    return amount + pick(" Euro", " euros");
}

} // namespace Callbook
