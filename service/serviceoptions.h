#pragma once

#include "http/httplimits.h"

#include <QHostAddress>
#include <QString>

namespace Callbook {

struct ServiceOptions {
    QHostAddress listenAddress = QHostAddress::LocalHost;
    quint16 port = 8787;      // 0: any free port (tests)
    QString databaseUrl;      // the service's connection (non-owner role on PostgreSQL)
    QString adminDatabaseUrl; // migrations and configuration; defaults to databaseUrl
    QString configFile;
    QString retellKeySecret = QStringLiteral("retell-api-key");
    HttpLimits limits;
    int shutdownGraceMs = 10000;
    QString tlsCertificateFile, tlsKeyFile; // both set: the listener speaks HTTPS only
};

} // namespace Callbook
