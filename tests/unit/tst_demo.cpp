// `callbook --demo` from the outside: the real binary, headless (no display), with calls every
// 300 ms and a Cal.com outage after 5 s. The one-line summaries must appear and grow, the
// workshop's breaker must open during the outage (in the summary and in GET
// /api/health/calcom), and afterwards the demo's SQLite database must hold the calls, their
// function calls, a booking and the callback requests the outage caused. The demo always uses
// SQLite, so this runs once (tests/unit), not once per engine.

#include "testsupport.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QProcess>
#include <QRegularExpression>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace CallbookTest;

namespace {

constexpr int kDurationS = 32;

struct Summary {
    int calls = 0, active = 0, booked = 0, callbacks = 0;
    QString breaker;
};

QList<Summary> summaries(const QString &output) {
    static const QRegularExpression line(
        QStringLiteral("callbook demo: (\\d+) calls, (\\d+) active, (\\d+) booked, (\\d+)% "
                       "conversion, (\\d+) callbacks, breaker (\\w+)"));
    QList<Summary> out;
    for (auto it = line.globalMatch(output); it.hasNext();) {
        const auto m = it.next();
        out.append({m.captured(1).toInt(), m.captured(2).toInt(), m.captured(3).toInt(),
                    m.captured(5).toInt(), m.captured(6)});
    }
    return out;
}

QString readFile(const QString &path) {
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? QString::fromUtf8(f.readAll()) : QString();
}

} // namespace

class TestDemo : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void headlessDemoPlaysCallsAndOpensTheBreaker() {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString outFile = dir.filePath(QStringLiteral("stdout.txt"));
        const QString errFile = dir.filePath(QStringLiteral("stderr.txt"));
        QProcess demo;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        for (const char *name : {"DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"})
            env.remove(QLatin1String(name));
        demo.setProcessEnvironment(env);
        demo.setStandardOutputFile(outFile);
        demo.setStandardErrorFile(errFile);
        QElapsedTimer clock;
        clock.start();
        demo.start(QStringLiteral(CALLBOOK_BINARY),
                   {QStringLiteral("--demo"), QStringLiteral("--demo-call-interval-ms"),
                    QStringLiteral("300"), QStringLiteral("--demo-outage-every-s"),
                    QStringLiteral("5"), QStringLiteral("--demo-duration-s"),
                    QString::number(kDurationS), QStringLiteral("--data-dir"), dir.path()});
        QVERIFY2(demo.waitForStarted(), qPrintable(demo.errorString()));

        // While it runs: the port and the database from its first lines, then the breaker as
        // the service reports it.
        const QRegularExpression listening(QStringLiteral("callbook: listening on [^:]+:(\\d+)"));
        const QRegularExpression database(
            QStringLiteral("callbook demo: database sqlite://(\\S+)"));
        quint16 port = 0;
        QString dbPath;
        bool breakerOpenInHealth = false;
        while (demo.state() != QProcess::NotRunning && clock.elapsed() < (kDurationS + 30) * 1000) {
            demo.waitForFinished(500);
            const QString out = readFile(outFile);
            if (!port) {
                const auto m = listening.match(out);
                if (m.hasMatch())
                    port = quint16(m.captured(1).toUInt());
            }
            if (dbPath.isEmpty()) {
                const auto m = database.match(out);
                if (m.hasMatch())
                    dbPath = m.captured(1);
            }
            if (port && !breakerOpenInHealth && demo.state() == QProcess::Running) {
                const HttpResult health =
                    httpRequest(port, "GET", "/api/health/calcom", {}, {}, 2000);
                for (const QJsonValue &t : health.json().value(QStringLiteral("tenants")).toArray())
                    breakerOpenInHealth |= t.toObject()
                                               .value(QStringLiteral("breaker"))
                                               .toObject()
                                               .value(QStringLiteral("state"))
                                               .toString() == QLatin1String("open");
            }
        }
        const QString out = readFile(outFile);
        const QString diagnostics =
            out + QStringLiteral("\n--- stderr (tail) ---\n") + readFile(errFile).right(4000);
        QVERIFY2(demo.state() == QProcess::NotRunning, qPrintable(diagnostics));
        QVERIFY2(demo.exitStatus() == QProcess::NormalExit && demo.exitCode() == 0,
                 qPrintable(diagnostics));
        qInfo("demo ran %.1f s", double(clock.elapsed()) / 1000.0);
        QVERIFY2(port != 0, qPrintable(diagnostics));
        QVERIFY2(!dbPath.isEmpty(), qPrintable(diagnostics));
        QVERIFY2(dbPath.startsWith(dir.path()), qPrintable(dbPath)); // --data-dir was honoured

        // One summary every 10 s, and the numbers grow.
        const QList<Summary> lines = summaries(out);
        for (const QString &l : out.split(QLatin1Char('\n')))
            if (l.contains(QLatin1String("% conversion")))
                qInfo("%s", qPrintable(l));
        QVERIFY2(lines.size() >= 3, qPrintable(diagnostics));
        for (qsizetype i = 1; i < lines.size(); ++i) {
            QVERIFY2(lines[i].calls > lines[i - 1].calls, qPrintable(out));
            QVERIFY2(lines[i].booked >= lines[i - 1].booked, qPrintable(out));
        }
        QVERIFY2(lines.last().calls >= 20, qPrintable(out));
        QVERIFY2(lines.last().booked >= 1, qPrintable(out));
        QVERIFY2(lines.last().callbacks >= 1, qPrintable(out));
        bool breakerOpenInSummary = false;
        for (const Summary &s : lines)
            breakerOpenInSummary |= s.breaker == QLatin1String("open");
        QVERIFY2(breakerOpenInSummary, qPrintable(out));
        QVERIFY(breakerOpenInHealth);

        // What the demo left in its database.
        {
            QSqlDatabase db =
                QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("demo"));
            db.setDatabaseName(dbPath);
            QVERIFY2(db.open(), qPrintable(db.lastError().text()));
            auto count = [&](const QString &sql) {
                QSqlQuery q(db);
                if (!q.exec(sql) || !q.next()) {
                    qWarning() << sql << q.lastError().text();
                    return qint64(-1);
                }
                return q.value(0).toLongLong();
            };
            QVERIFY(count(QStringLiteral("SELECT COUNT(*) FROM calls")) >= 20);
            QVERIFY(count(QStringLiteral("SELECT COUNT(*) FROM calls WHERE summary IS NOT NULL "
                                         "AND summary <> '' AND transcript <> ''")) >= 5);
            QVERIFY(count(QStringLiteral("SELECT COUNT(DISTINCT company_id) FROM calls")) == 2);
            QVERIFY(count(QStringLiteral("SELECT COUNT(*) FROM appointments")) >= 1);
            QVERIFY(count(QStringLiteral("SELECT COUNT(*) FROM calls WHERE booked = 1")) >= 1);
            QVERIFY(count(QStringLiteral("SELECT COUNT(*) FROM function_calls")) >= 50);
            QVERIFY(count(QStringLiteral("SELECT COUNT(DISTINCT name) FROM function_calls")) >= 8);
            QVERIFY(count(QStringLiteral("SELECT COUNT(*) FROM callback_requests WHERE reason = "
                                         "'calendar_unavailable'")) >= 1);
        }
        QSqlDatabase::removeDatabase(QStringLiteral("demo"));
    }

    // Without --demo-duration-s the demo runs until SIGTERM, then stops the calls, lets the
    // service finish what it accepted, and exits 0.
    void sigtermEndsTheDemoCleanly() {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        QProcess demo;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        for (const char *name : {"DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"})
            env.remove(QLatin1String(name));
        demo.setProcessEnvironment(env);
        const QString errFile = dir.filePath(QStringLiteral("stderr.txt"));
        demo.setStandardErrorFile(errFile);
        demo.start(QStringLiteral(CALLBOOK_BINARY),
                   {QStringLiteral("--demo"), QStringLiteral("--demo-call-interval-ms"),
                    QStringLiteral("200"), QStringLiteral("--data-dir"), dir.path()});
        QByteArray out;
        QElapsedTimer clock;
        clock.start();
        while (!out.contains("playing calls") && clock.elapsed() < 30000 &&
               demo.state() != QProcess::NotRunning) {
            demo.waitForReadyRead(200);
            out += demo.readAllStandardOutput();
        }
        QVERIFY2(out.contains("playing calls"), out.constData());
        QTest::qWait(3000); // calls in flight
        demo.terminate();
        QVERIFY2(demo.waitForFinished(20000), "the demo did not stop on SIGTERM");
        QVERIFY2(demo.exitStatus() == QProcess::NormalExit && demo.exitCode() == 0,
                 qPrintable(readFile(errFile).right(4000)));
    }

    void demoOptionsAreChecked() {
        QProcess p;
        p.start(QStringLiteral(CALLBOOK_BINARY),
                {QStringLiteral("--demo"), QStringLiteral("--demo-call-interval-ms"),
                 QStringLiteral("soon")});
        QVERIFY(p.waitForFinished(10000));
        QCOMPARE(p.exitCode(), 2);
        QVERIFY(p.readAllStandardError().contains("--demo-call-interval-ms needs a number"));
    }
};

QTEST_GUILESS_MAIN(TestDemo)
#include "tst_demo.moc"
