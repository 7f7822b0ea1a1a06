#include "callerbook.h"

#include <QRandomGenerator>
#include <QStringList>

namespace Callbook {

namespace {

QString pickFrom(const QStringList &list) {
    return list.at(int(QRandomGenerator::global()->bounded(int(list.size()))));
}

QString digits(int count) {
    QString out;
    for (int i = 0; i < count; ++i)
        out += QChar(u'0' + QRandomGenerator::global()->bounded(10));
    return out;
}

std::optional<DemoCaller> anyOf(const QList<DemoCaller> &callers) {
    if (callers.isEmpty())
        return std::nullopt;
    return callers.at(int(QRandomGenerator::global()->bounded(int(callers.size()))));
}

void removeNumber(QList<DemoCaller> &callers, const QString &phone) {
    callers.removeIf([&](const DemoCaller &c) { return c.phone == phone; });
}

} // namespace

DemoCaller CallerBook::newCaller(const QString &locale) {
    static const QStringList germanFirst = {
        QStringLiteral("Anna"),   QStringLiteral("Lukas"), QStringLiteral("Sophie"),
        QStringLiteral("Jonas"),  QStringLiteral("Marie"), QStringLiteral("Felix"),
        QStringLiteral("Lea"),    QStringLiteral("Paul"),  QStringLiteral("Hannah"),
        QStringLiteral("Jürgen"), QStringLiteral("Özlem"), QStringLiteral("Katrin")};
    static const QStringList germanLast = {
        QStringLiteral("Müller"),  QStringLiteral("Schmidt"),  QStringLiteral("Schneider"),
        QStringLiteral("Fischer"), QStringLiteral("Weber"),    QStringLiteral("Becker"),
        QStringLiteral("Wagner"),  QStringLiteral("Hoffmann"), QStringLiteral("Schäfer"),
        QStringLiteral("Yılmaz"),  QStringLiteral("Krüger"),   QStringLiteral("Neumann")};
    static const QStringList englishFirst = {
        QStringLiteral("Oliver"), QStringLiteral("Amelia"), QStringLiteral("Harry"),
        QStringLiteral("Isla"),   QStringLiteral("George"), QStringLiteral("Emily"),
        QStringLiteral("Jack"),   QStringLiteral("Grace"),  QStringLiteral("Priya"),
        QStringLiteral("Daniel"), QStringLiteral("Chloe"),  QStringLiteral("Michael")};
    static const QStringList englishLast = {
        QStringLiteral("Smith"),  QStringLiteral("Jones"),    QStringLiteral("Taylor"),
        QStringLiteral("Brown"),  QStringLiteral("Williams"), QStringLiteral("Wilson"),
        QStringLiteral("Evans"),  QStringLiteral("Patel"),    QStringLiteral("Johnson"),
        QStringLiteral("Walker"), QStringLiteral("O'Brien"),  QStringLiteral("Murphy")};
    DemoCaller caller;
    if (locale == QLatin1String("de")) {
        caller.firstName = pickFrom(germanFirst);
        caller.lastName = pickFrom(germanLast);
        caller.phone = pickFrom({QStringLiteral("+49151"), QStringLiteral("+49160"),
                                 QStringLiteral("+49172"), QStringLiteral("+49176")}) +
                       digits(8);
    } else {
        caller.firstName = pickFrom(englishFirst);
        caller.lastName = pickFrom(englishLast);
        // UK mobiles, and now and then a visitor from North America.
        caller.phone = QRandomGenerator::global()->bounded(4) == 0
                           ? QStringLiteral("+1") +
                                 pickFrom({QStringLiteral("212"), QStringLiteral("415"),
                                           QStringLiteral("617")}) +
                                 QStringLiteral("555") + digits(4)
                           : QStringLiteral("+447700") + digits(6);
    }
    return caller;
}

std::optional<DemoCaller> CallerBook::returningCaller(const QString &business) const {
    return anyOf(m_called.value(business));
}

std::optional<DemoCaller> CallerBook::callerWithAppointment(const QString &business) const {
    return anyOf(m_withAppointment.value(business));
}

void CallerBook::noteCalled(const QString &business, const DemoCaller &caller) {
    QList<DemoCaller> &called = m_called[business];
    removeNumber(called, caller.phone);
    called.append(caller);
    if (called.size() > 200) // a demo that runs for days stays small
        called.removeFirst();
}

void CallerBook::noteBooked(const QString &business, const DemoCaller &caller) {
    QList<DemoCaller> &with = m_withAppointment[business];
    removeNumber(with, caller.phone);
    with.append(caller);
}

void CallerBook::noteNoAppointment(const QString &business, const DemoCaller &caller) {
    removeNumber(m_withAppointment[business], caller.phone);
}

} // namespace Callbook
