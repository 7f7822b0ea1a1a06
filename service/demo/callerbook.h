#pragma once

#include <QHash>
#include <QList>
#include <QString>
#include <optional>

namespace Callbook {

struct DemoCaller {
    QString firstName;
    QString lastName;
    QString phone; // E.164
    QString fullName() const { return firstName + QLatin1Char(' ') + lastName; }
};

// The demo's callers: made-up German and English names with plausible mobile numbers (+49…,
// +44…/+1…), and who has called which business before and who still has an appointment there,
// so repeat callers can move or cancel what they booked.
class CallerBook {
public:
    DemoCaller newCaller(const QString &locale);
    std::optional<DemoCaller> returningCaller(const QString &business) const;
    std::optional<DemoCaller> callerWithAppointment(const QString &business) const;

    void noteCalled(const QString &business, const DemoCaller &caller);
    void noteBooked(const QString &business, const DemoCaller &caller);
    void noteNoAppointment(const QString &business, const DemoCaller &caller);

private:
    QHash<QString, QList<DemoCaller>> m_called;          // per business
    QHash<QString, QList<DemoCaller>> m_withAppointment; // per business
};

} // namespace Callbook
