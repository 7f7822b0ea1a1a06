#pragma once

#include "admin/operationscommands.h"
#include "serviceoptions.h"

#include <QStringList>

namespace Callbook {

// The command line as data, so it can be tested without running anything.
struct CommandLine {
    enum class Mode { Console, Headless, Migrate, ParseDate, Admin, Help, Version, Demo };
    Mode mode = Mode::Console;
    ServiceOptions service;
    QString dataDir;
    struct {
        QString text, now, timeZone = QStringLiteral("Europe/Berlin"),
                           locale = QStringLiteral("de");
    } parseDate; // `callbook parse-date`
    struct {
        QString command; // calls, session, stats, callbacks
        QString callId;
        int latest = 20;
        int days = 30;
        bool openOnly = false;
        bool json = false;
    } admin; // the troubleshooting commands
    OperationsOptions operations; // breaker, cache clear, purge, export, audit
    struct {
        bool headless = false; // --demo --headless: no window even with a display
        int callIntervalMs = 4000;
        int outageEverySeconds = 150;
        int durationSeconds = 0; // 0: until SIGTERM/SIGINT
    } demo;                      // `callbook --demo`
    QString error;               // non-empty: print it and exit 2
};

CommandLine parseCommandLine(const QStringList &arguments);
QString usageText();

} // namespace Callbook
