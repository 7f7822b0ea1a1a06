#include "savedconsolesettings.h"

#include <QSettings>

namespace Callbook {

QStringList withSavedConsoleSettings(const QStringList &arguments) {
    QStringList out = arguments;
    const QSettings settings;
    const std::pair<const char *, const char *> saved[] = {{"service/listen", "--listen"},
                                                           {"service/database", "--database"}};
    for (const auto &[key, option] : saved) {
        const QString value = settings.value(QLatin1String(key)).toString().trimmed();
        if (!value.isEmpty() && !arguments.contains(QLatin1String(option)))
            out << QLatin1String(option) << value;
    }
    return out;
}

} // namespace Callbook
