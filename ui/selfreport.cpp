#include "selfreport.h"

#include "mainwindow.h"

#include <QApplication>
#include <QFile>
#include <QJsonDocument>
#include <QPixmap>
#include <QTimer>

namespace Callbook {

void scheduleSelfReport(MainWindow &window) {
    const QString file = qEnvironmentVariable("CALLBOOK_UI_REPORT");
    if (file.isEmpty())
        return;
    bool ok = false;
    int afterMs = qEnvironmentVariableIntValue("CALLBOOK_UI_REPORT_AFTER_MS", &ok);
    if (!ok)
        afterMs = 15000;
    QTimer::singleShot(afterMs, &window, [&window, file] {
        window.grab().save(file + QStringLiteral(".png"));
        for (const auto &[name, picture] : window.grabPages())
            picture.save(file + QLatin1Char('-') + name + QStringLiteral(".png"));
        QFile out(file);
        if (out.open(QIODevice::WriteOnly | QIODevice::Truncate))
            out.write(QJsonDocument(window.report()).toJson(QJsonDocument::Indented));
        out.close();
        QApplication::quit();
    });
}

} // namespace Callbook
