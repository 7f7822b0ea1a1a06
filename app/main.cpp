// callbook: the service with the desktop console, or headless (--headless), or a command.

#include "admin/adminreports.h"
#include "callbookservice.h"
#include "commandline.h"
#include "core/logging.h"
#include "dates/dateparser.h"
#include "demo.h"
#include "mainwindow.h"
#include "savedconsolesettings.h"
#include "selfreport.h"
#include "signalwatcher.h"
#include "translation.h"

#include <QApplication>
#include <QCoreApplication>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSettings>
#include <QThread>
#include <cstdio>
#include <memory>

using namespace Callbook;

static void printLine(FILE *stream, const QString &text) {
    std::fputs(qPrintable(text + QLatin1Char('\n')), stream);
    std::fflush(stream);
}

static int runMigrate(const CommandLine &cl) {
    QString error;
    int applied = 0;
    if (!CallbookService::prepareDatabase(cl.service, &error, &applied)) {
        printLine(stderr, QStringLiteral("callbook: ") + error);
        return 1;
    }
    printLine(
        stdout,
        QStringLiteral("callbook: database is up to date (%1 migrations applied)").arg(applied));
    return 0;
}

// `callbook parse-date`: one JSON object on stdout; exit 1 when the text is not understood.
static int runParseDate(const CommandLine &cl) {
    const QTimeZone zone(cl.parseDate.timeZone.toUtf8());
    if (!zone.isValid()) {
        printLine(stderr, QStringLiteral("callbook: unknown time zone ") + cl.parseDate.timeZone);
        return 2;
    }
    QDateTime now = QDateTime::currentDateTime();
    if (!cl.parseDate.now.isEmpty()) {
        now = QDateTime::fromString(cl.parseDate.now, Qt::ISODateWithMs);
        if (!now.isValid()) {
            printLine(stderr,
                      QStringLiteral("callbook: --now is not ISO 8601: ") + cl.parseDate.now);
            return 2;
        }
        if (now.timeSpec() == Qt::LocalTime) // no offset: wall-clock time in --tz
            now = QDateTime(now.date(), now.time(), zone);
    }
    const ParsedDate parsed = DateParser(now, zone, cl.parseDate.locale).parse(cl.parseDate.text);
    printLine(stdout,
              QString::fromUtf8(QJsonDocument(parsed.toJson()).toJson(QJsonDocument::Compact)));
    return parsed.ok ? 0 : 1;
}

// `callbook calls|session|stats|callbacks`: tables for people, --json for scripts.
static int runAdmin(const CommandLine &cl) {
    if (isOperationsCommand(cl.admin.command)) {
        OperationsOptions operations = cl.operations;
        operations.databaseUrl = cl.service.databaseUrl;
        operations.json = cl.admin.json;
        operations.latest = cl.admin.latest;
        return runOperationsCommand(operations);
    }
    QString error;
    const auto settings = DatabaseSettings::fromUrl(cl.service.databaseUrl, &error);
    if (!settings) {
        printLine(stderr, QStringLiteral("callbook: ") + error);
        return 2;
    }
    AdminReports reports(*settings);
    const QString &command = cl.admin.command;
    QList<std::pair<QString, std::optional<AdminTable>>> tables;
    if (command == QLatin1String("calls"))
        tables.append({QStringLiteral("calls"), reports.latestCalls(cl.admin.latest, &error)});
    else if (command == QLatin1String("session"))
        tables.append({QStringLiteral("timeline"), reports.session(cl.admin.callId, &error)});
    else if (command == QLatin1String("callbacks"))
        tables.append({QStringLiteral("callbacks"), reports.callbacks(cl.admin.openOnly, &error)});
    else {
        tables.append({QStringLiteral("days"), reports.dailyStats(cl.admin.days, &error)});
        tables.append({QStringLiteral("functions"), reports.functionStats(cl.admin.days, &error)});
    }
    QJsonObject json;
    QStringList text;
    for (const auto &[name, table] : tables) {
        if (!table) {
            printLine(stderr, QStringLiteral("callbook: ") + error);
            return 1;
        }
        json.insert(name, table->toJson());
        text << table->toText();
    }
    if (command == QLatin1String("session") && tables.first().second->rows.isEmpty()) {
        printLine(stderr, QStringLiteral("callbook: no call %1").arg(cl.admin.callId));
        return 1;
    }
    printLine(stdout, cl.admin.json
                          ? QString::fromUtf8(QJsonDocument(json).toJson(QJsonDocument::Indented))
                          : text.join(QStringLiteral("\n\n")));
    return 0;
}

// Headless: the service, its HTTP front included, runs on the main thread.
static int runHeadless(QCoreApplication &app, const CommandLine &cl, DemoSession *demo = nullptr) {
    CallbookService service;
    SignalWatcher watcher;
    QString error;
    if (!service.start(cl.service, &error)) {
        printLine(stderr, QStringLiteral("callbook: ") + error);
        return 1;
    }
    printLine(stdout, QStringLiteral("callbook: listening on %1:%2")
                          .arg(cl.service.listenAddress.toString())
                          .arg(service.port()));
    auto stop = [&service, demo](int) {
        if (demo)
            demo->stop();
        service.shutdown([] { QCoreApplication::exit(0); });
    };
    QObject::connect(&watcher, &SignalWatcher::terminationRequested, &app, stop);
    if (demo) {
        demo->begin(service.port(), true);
        QObject::connect(demo, &DemoSession::durationElapsed, &app, [stop] { stop(0); });
    }
    return app.exec();
}

// Console: the service gets its own thread so the window never waits on it.
static int runConsole(QApplication &app, const CommandLine &cl, DemoSession *demo = nullptr) {
    installConsoleTranslation(app, QSettings().value(QStringLiteral("ui/language")).toString());
    QThread serviceThread;
    serviceThread.setObjectName(QStringLiteral("callbook-service"));
    auto *service = new CallbookService();
    service->moveToThread(&serviceThread);
    serviceThread.start();
    QString error;
    bool started = false;
    service->enableConsole();
    QMetaObject::invokeMethod(
        service, [&] { started = service->start(cl.service, &error); },
        Qt::BlockingQueuedConnection);
    if (!started) {
        printLine(stderr, QStringLiteral("callbook: ") + error);
        QMetaObject::invokeMethod(
            service, [service] { delete service; }, Qt::BlockingQueuedConnection);
        serviceThread.quit();
        serviceThread.wait();
        return 1;
    }
    MainWindow window(service->events(), service->requests(), service->port());
    window.show();
    scheduleSelfReport(window);
    SignalWatcher watcher;
    QObject::connect(&watcher, &SignalWatcher::terminationRequested, &app, &QApplication::quit);
    if (demo) {
        demo->begin(service->port(), false);
        QObject::connect(demo, &DemoSession::durationElapsed, &app, &QApplication::quit);
    }
    const int code = app.exec();
    if (demo)
        demo->stop();
    QMetaObject::invokeMethod(
        service,
        [service, &serviceThread] {
            service->shutdown([service, &serviceThread] {
                delete service;
                serviceThread.quit();
            });
        },
        Qt::QueuedConnection);
    serviceThread.wait();
    return code;
}

// `callbook --demo`: the console (or headless without a display) on embedded defaults, with
// simulated calls.
static int runDemo(int &argc, char **argv, const QStringList &arguments) {
    const bool window = demoHasDisplay() && !parseCommandLine(arguments).demo.headless;
    std::unique_ptr<QCoreApplication> app;
    if (window)
        app = std::make_unique<QApplication>(argc, argv);
    else
        app = std::make_unique<QCoreApplication>(argc, argv);
    CommandLine resolved = parseCommandLine(arguments); // data dir needs the app name
    DemoSession demo(resolved);
    QString error;
    if (!demo.prepare(&error)) {
        printLine(stderr, QStringLiteral("callbook: ") + error);
        return 1;
    }
    resolved.service = demo.serviceOptions();
    return window ? runConsole(static_cast<QApplication &>(*app), resolved, &demo)
                  : runHeadless(*app, resolved, &demo);
}

int main(int argc, char **argv) {
    QStringList arguments;
    for (int i = 0; i < argc; ++i)
        arguments.append(QString::fromLocal8Bit(argv[i]));
    const CommandLine cl = parseCommandLine(arguments);
    if (!cl.error.isEmpty()) {
        printLine(stderr,
                  QStringLiteral("callbook: ") + cl.error + QStringLiteral("\n\n") + usageText());
        return 2;
    }
    if (cl.mode == CommandLine::Mode::Help) {
        printLine(stdout, usageText());
        return 0;
    }
    if (cl.mode == CommandLine::Mode::Version) {
        printLine(stdout, QStringLiteral("callbook " CALLBOOK_VERSION));
        return 0;
    }
    if (cl.mode == CommandLine::Mode::ParseDate)
        return runParseDate(cl);
    installLogging(qEnvironmentVariableIsSet("CALLBOOK_LOG_JSON"));
    QCoreApplication::setOrganizationName(QStringLiteral("callbook"));
    QCoreApplication::setApplicationName(QStringLiteral("callbook"));
    QCoreApplication::setApplicationVersion(QStringLiteral(CALLBOOK_VERSION));
    if (cl.mode == CommandLine::Mode::Demo)
        return runDemo(argc, argv, arguments);
    // The application class is chosen before it exists: headless never loads a display plugin.
    if (cl.mode == CommandLine::Mode::Console) {
        QApplication app(argc, argv);
        const CommandLine withSaved = parseCommandLine(withSavedConsoleSettings(arguments));
        if (!withSaved.error.isEmpty()) // a bad saved value must not lock the console out
            printLine(stderr,
                      QStringLiteral("callbook: saved settings ignored: ") + withSaved.error);
        return runConsole(app, withSaved.error.isEmpty() ? withSaved : parseCommandLine(arguments));
    }
    QCoreApplication app(argc, argv);
    const CommandLine resolved = parseCommandLine(arguments); // data dir needs the app name
    if (cl.mode == CommandLine::Mode::Admin)
        return runAdmin(resolved);
    return cl.mode == CommandLine::Mode::Migrate ? runMigrate(resolved)
                                                 : runHeadless(app, resolved);
}
