#include "translation.h"

#include <QCoreApplication>
#include <QLocale>
#include <QTranslator>

namespace Callbook {

QString installConsoleTranslation(QCoreApplication &app, const QString &language) {
    const QLocale locale = language.isEmpty() ? QLocale::system() : QLocale(language);
    auto *translator = new QTranslator(&app);
    if (translator->load(locale, QStringLiteral("callbook"), QStringLiteral("_"),
                         QStringLiteral(":/i18n"))) {
        QCoreApplication::installTranslator(translator);
        return translator->language().section(QLatin1Char('_'), 0, 0);
    }
    delete translator;
    return QStringLiteral("en");
}

} // namespace Callbook
