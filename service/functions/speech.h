#pragma once

#include <QDateTime>
#include <QLocale>
#include <QStringList>

namespace Callbook {

// Sentences and dates as the agent says them, in German or English.
class Speech {
public:
    explicit Speech(const QString &locale);

    bool german() const { return m_german; }
    // The German or the English text (both as UTF-8 literals).
    QString pick(const char *de, const char *en) const {
        return QString::fromUtf8(m_german ? de : en);
    }
    QString day(const QDate &d) const;         // "Dienstag, 1. Dezember" / "Tuesday, December 1"
    QString time(const QTime &t) const;        // "14:30 Uhr" / "2:30 PM"
    QString moment(const QDateTime &dt) const; // day + " um " / " at " + time
    QString moment(const QDate &d, const QTime &t) const;
    QString list(const QStringList &items) const; // "A, B und C" / "A, B and C"
    QString price(double eur) const;              // "28 Euro" / "28 euros"

private:
    bool m_german;
    const QLocale *m_locale; // one per language, made once (QLocale is read-only)
};

} // namespace Callbook
