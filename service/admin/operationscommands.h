#pragma once

#include <QString>
#include <QStringList>

namespace Callbook {

// `callbook breaker|cache clear|purge|export|audit`: the operator's commands that change
// something or reach into personal data. Breaker and cache ask the running service (admin
// endpoint); the others work on the configured database. Every change is audited.
struct OperationsOptions {
    QString command; // breaker, cache, purge, export, audit
    QString tenant;  // breaker --reset TENANT, cache clear [TENANT]
    bool reset = false;
    bool clear = false; // `cache clear`
    int olderThanDays = 0;
    QString phone;
    QString serviceUrl = QStringLiteral("http://127.0.0.1:8787");
    QString serviceCa; // PEM certificate(s) to trust for an https service
    // Shared with the other admin commands.
    QString databaseUrl;
    bool json = false;
    int latest = 20;
};

bool isOperationsCommand(const QString &command);
// Takes args[i] (and its value) if it is one of these commands' options; sets *error when it
// is theirs but wrong. False: not an option of these commands.
bool parseOperationsArgument(const QStringList &args, int &i, OperationsOptions &options,
                             QString *error);
// What is missing once everything is parsed (empty: nothing).
QString checkOperationsOptions(const OperationsOptions &options);
// Prints tables (or JSON) to stdout, problems to stderr; returns the exit code.
int runOperationsCommand(const OperationsOptions &options);

} // namespace Callbook
