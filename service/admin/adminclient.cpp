#include "adminclient.h"

#include "store/auditlog.h"

#include <QEventLoop>
#include <QHostAddress>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSslConfiguration>
#include <QTimer>

namespace Callbook {

bool AdminClient::isAcceptableServiceUrl(const QUrl &url, QString *problem) {
    if (!url.isValid() ||
        (url.scheme() != QLatin1String("http") && url.scheme() != QLatin1String("https")) ||
        url.host().isEmpty()) {
        *problem = QStringLiteral("--service needs a URL like http://127.0.0.1:8787");
        return false;
    }
    const QHostAddress address(url.host());
    if (url.host() != QLatin1String("localhost") && !address.isLoopback()) {
        *problem = QStringLiteral("--service must be a loopback address (127.0.0.1, ::1 or "
                                  "localhost): the admin token never leaves this machine");
        return false;
    }
    return true;
}

bool AdminClient::trustCertificates(const QString &pemFile, QString *problem) {
    m_trusted = QSslCertificate::fromPath(pemFile, QSsl::Pem);
    if (m_trusted.isEmpty()) {
        *problem = QStringLiteral("--service-ca: no PEM certificate in %1").arg(pemFile);
        return false;
    }
    return true;
}

AdminClient::Reply AdminClient::send(const QByteArray &method, const QString &path) const {
    QNetworkAccessManager network;
    QUrl url = m_service;
    url.setPath(url.path().chopped(url.path().endsWith(QLatin1Char('/')) ? 1 : 0) + path);
    QNetworkRequest request(url);
    request.setRawHeader("Authorization", "Bearer " + m_token);
    request.setRawHeader("X-Callbook-User", AuditLog::osUser().toUtf8());
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    request.setTransferTimeout(m_timeoutMs);
    if (!m_trusted.isEmpty()) {
        QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
        tls.addCaCertificates(m_trusted);
        request.setSslConfiguration(tls);
    }
    QNetworkReply *reply =
        method == "POST" ? network.post(request, QByteArray()) : network.get(request);
    QEventLoop wait;
    QObject::connect(reply, &QNetworkReply::finished, &wait, &QEventLoop::quit);
    wait.exec();
    Reply out;
    out.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    const QByteArray body = reply->readAll();
    out.json = QJsonDocument::fromJson(body).object();
    if (out.status == 0) {
        out.problem = QStringLiteral("cannot reach the service at %1: %2")
                          .arg(m_service.toString(), reply->errorString());
    } else if (!out.ok()) {
        const QJsonObject error = out.json.value(QStringLiteral("error")).toObject();
        out.problem =
            error.isEmpty()
                ? QStringLiteral("the service answered %1").arg(out.status)
                : error.value(QStringLiteral("message")).toString() +
                      QStringLiteral(" (%1)").arg(error.value(QStringLiteral("code")).toString());
    }
    reply->deleteLater();
    return out;
}

} // namespace Callbook
