#pragma once

#include "demobusinesses.h"
#include "serviceoptions.h"

#include <QByteArray>
#include <QDate>
#include <QString>
#include <memory>

namespace Callbook {

class DemoCalcomThread;
class DemoCalcomServer;

// Everything `callbook --demo` runs on, made up at start: a new data directory
// `<data dir>/demo/<UTC time>` (kept afterwards, so the calls can be looked at with
// `callbook calls --database …`), the demo configuration written there, fresh random secrets
// handed to the service through CALLBOOK_SECRET_* (the keychain is left alone), and the demo
// Cal.com server on loopback for the workshop.
class DemoEnvironment {
public:
    DemoEnvironment();
    ~DemoEnvironment();

    // Call before the service starts (it reads the secrets from the environment then).
    bool prepare(const QString &parentDataDir, QString *error);

    ServiceOptions serviceOptions() const; // 127.0.0.1, port 0, SQLite in dataDir()
    QString dataDir() const { return m_dataDir; }
    QString databasePath() const;
    QByteArray retellApiKey() const { return m_retellKey; }
    const QList<DemoBusiness> &businesses() const { return m_businesses; }
    DemoCalcomServer *calcom() const; // for the outage switch

    // The configuration document (`--config` format) for these businesses.
    static QByteArray configJson(const QList<DemoBusiness> &businesses, const QString &calcomUrl,
                                 const QDate &today);

private:
    QString m_dataDir;
    QString m_configFile;
    QByteArray m_retellKey;
    QList<DemoBusiness> m_businesses;
    std::unique_ptr<DemoCalcomThread> m_calcom;
};

} // namespace Callbook
