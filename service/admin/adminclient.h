#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QSslCertificate>
#include <QUrl>

namespace Callbook {

// The command-line side of the admin endpoint: one request at a time to the running service
// over loopback, with the admin token. Blocking (command-line use only).
class AdminClient {
public:
    AdminClient(QUrl service, QByteArray token, int timeoutMs = 10000)
        : m_service(std::move(service))
        , m_token(std::move(token))
        , m_timeoutMs(timeoutMs) {}

    struct Reply {
        int status = 0;   // 0: no answer
        QJsonObject json; // the body
        QString problem;  // why there was no usable answer, or the service's error message
        bool ok() const { return status / 100 == 2; }
    };
    // An https service whose certificate is not in the system's store (self-signed): trust
    // the certificates in this PEM file.
    bool trustCertificates(const QString &pemFile, QString *problem);

    Reply get(const QString &path) const { return send("GET", path); }
    Reply post(const QString &path) const { return send("POST", path); }

    // Loopback http(s) URLs only: the token must not cross the network.
    static bool isAcceptableServiceUrl(const QUrl &url, QString *problem);

private:
    Reply send(const QByteArray &method, const QString &path) const;

    QUrl m_service;
    QByteArray m_token;
    QList<QSslCertificate> m_trusted;
    int m_timeoutMs;
};

} // namespace Callbook
