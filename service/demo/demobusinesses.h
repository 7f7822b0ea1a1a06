#pragma once

#include <QList>
#include <QString>
#include <QStringList>

namespace Callbook {

struct DemoService {
    QString name;
    int durationMin = 30;
    double priceEur = 0;
    qint64 eventTypeId = 0; // Cal.com only
};

// One business of the demo, as the configuration declares it and as its callers see it.
struct DemoBusiness {
    QString slug;
    QString name;
    QString locale; // de, en
    QString timezone;
    QString phoneNumber; // the line callers dial
    QString agentId;
    QString transferNumber; // empty: transfer_to_staff offers a callback
    bool calcom = false;
    QList<DemoService> services;
    // What callers say when they want an appointment (parsed by parse_date).
    QStringList datePhrases;
};

// A German hair salon on the built-in calendar and an English-speaking workshop on Cal.com.
QList<DemoBusiness> demoBusinesses();

} // namespace Callbook
