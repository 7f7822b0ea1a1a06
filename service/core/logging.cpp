#include "logging.h"

#include "logmask.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QMutex>
#include <cstdio>

Q_LOGGING_CATEGORY(lcHttp, "callbook.http")
Q_LOGGING_CATEGORY(lcRetell, "callbook.retell")
Q_LOGGING_CATEGORY(lcStore, "callbook.store")
Q_LOGGING_CATEGORY(lcConfig, "callbook.config")
Q_LOGGING_CATEGORY(lcSecrets, "callbook.secrets")
Q_LOGGING_CATEGORY(lcCalendar, "callbook.calendar")
Q_LOGGING_CATEGORY(lcApp, "callbook.app")

namespace Callbook {

static bool g_jsonLines = false;

static const char *levelName(QtMsgType type) {
    switch (type) {
    case QtDebugMsg:
        return "debug";
    case QtInfoMsg:
        return "info";
    case QtWarningMsg:
        return "warning";
    case QtCriticalMsg:
        return "error";
    case QtFatalMsg:
        return "fatal";
    }
    return "info";
}

static void writeLine(QtMsgType type, const QMessageLogContext &context, const QString &message) {
    static QMutex mutex;
    const QString masked = maskFreeText(message);
    const QString time = QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs);
    const char *category = context.category ? context.category : "default";
    QByteArray line;
    if (g_jsonLines) {
        line = QJsonDocument(
                   QJsonObject{{QStringLiteral("time"), time},
                               {QStringLiteral("level"), QString::fromLatin1(levelName(type))},
                               {QStringLiteral("category"), QString::fromLatin1(category)},
                               {QStringLiteral("message"), masked}})
                   .toJson(QJsonDocument::Compact);
    } else {
        line = time.toUtf8() + ' ' + levelName(type) + ' ' + category + ": " + masked.toUtf8();
    }
    line += '\n';
    QMutexLocker lock(&mutex);
    std::fwrite(line.constData(), 1, size_t(line.size()), stderr);
    std::fflush(stderr);
}

void installLogging(bool jsonLines) {
    g_jsonLines = jsonLines;
    qInstallMessageHandler(writeLine);
    // A line per stored event is for troubleshooting (CALLBOOK_DEBUG=1 or QT_LOGGING_RULES),
    // not for a busy service: writing it costs more than storing the event.
    if (!qEnvironmentVariableIsSet("CALLBOOK_DEBUG") &&
        !qEnvironmentVariableIsSet("QT_LOGGING_RULES"))
        QLoggingCategory::setFilterRules(QStringLiteral("callbook.*.debug=false"));
}

QString withContext(const LogContext &c, const QString &message) {
    QString prefix =
        QStringLiteral("[call=") + (c.callId.isEmpty() ? QStringLiteral("-") : c.callId);
    if (!c.company.isEmpty())
        prefix += QStringLiteral(" company=") + c.company;
    if (!c.function.isEmpty())
        prefix += QStringLiteral(" fn=") + c.function;
    return prefix + QStringLiteral("] ") + message;
}

} // namespace Callbook
