#include "demobusinesses.h"

namespace Callbook {

QList<DemoBusiness> demoBusinesses() {
    DemoBusiness salon;
    salon.slug = QStringLiteral("demo-salon");
    salon.name = QStringLiteral("Salon Sonnenschein");
    salon.locale = QStringLiteral("de");
    salon.timezone = QStringLiteral("Europe/Berlin");
    salon.phoneNumber = QStringLiteral("+493055501234");
    salon.agentId = QStringLiteral("agent_demo_salon");
    salon.transferNumber = QStringLiteral("+493055501299");
    salon.services = {{QStringLiteral("Herrenhaarschnitt"), 30, 28},
                      {QStringLiteral("Damenhaarschnitt"), 60, 49},
                      {QStringLiteral("Färben"), 90, 79},
                      {QStringLiteral("Bartpflege"), 20, 15}};
    salon.datePhrases = {
        QStringLiteral("morgen um halb drei"),  QStringLiteral("nächsten Dienstag 10 Uhr"),
        QStringLiteral("übermorgen um 11 Uhr"), QStringLiteral("Freitag um Viertel nach vier"),
        QStringLiteral("morgen Vormittag"),     QStringLiteral("nächsten Donnerstag um 17 Uhr"),
        QStringLiteral("übermorgen"),           QStringLiteral("Samstag um 9 Uhr")};

    DemoBusiness workshop;
    workshop.slug = QStringLiteral("demo-workshop");
    workshop.name = QStringLiteral("Riverside Auto Workshop");
    workshop.locale = QStringLiteral("en");
    workshop.timezone = QStringLiteral("Europe/London");
    workshop.phoneNumber = QStringLiteral("+442079460123");
    workshop.agentId = QStringLiteral("agent_demo_workshop");
    workshop.calcom = true;
    workshop.services = {{QStringLiteral("Oil change"), 30, 79, 301},
                         {QStringLiteral("Brake inspection"), 60, 120, 302},
                         {QStringLiteral("MOT test"), 60, 55, 303}};
    workshop.datePhrases = {QStringLiteral("tomorrow at 3pm"),
                            QStringLiteral("next Tuesday at 10am"),
                            QStringLiteral("the day after tomorrow at noon"),
                            QStringLiteral("Friday at 9am"),
                            QStringLiteral("tomorrow morning"),
                            QStringLiteral("next Wednesday"),
                            QStringLiteral("Thursday at 4:30pm"),
                            QStringLiteral("in two weeks")};
    return {salon, workshop};
}

} // namespace Callbook
