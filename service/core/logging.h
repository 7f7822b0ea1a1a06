#pragma once

#include <QLoggingCategory>
#include <QString>

Q_DECLARE_LOGGING_CATEGORY(lcHttp)
Q_DECLARE_LOGGING_CATEGORY(lcRetell)
Q_DECLARE_LOGGING_CATEGORY(lcStore)
Q_DECLARE_LOGGING_CATEGORY(lcConfig)
Q_DECLARE_LOGGING_CATEGORY(lcSecrets)
Q_DECLARE_LOGGING_CATEGORY(lcCalendar)
Q_DECLARE_LOGGING_CATEGORY(lcApp)

namespace Callbook {

// One line per message on stderr (UTC time, level, category), personal data masked.
void installLogging(bool jsonLines);

struct LogContext {
    QString callId;
    QString company;
    QString function;
};
// "[call=… company=… fn=…] message"
QString withContext(const LogContext &context, const QString &message);

} // namespace Callbook
