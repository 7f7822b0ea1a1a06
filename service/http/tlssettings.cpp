#include "tlssettings.h"

#include <QDateTime>
#include <QFile>
#include <QSslCertificate>
#include <QSslKey>
#include <QSslSocket>

namespace Callbook {

std::optional<QSslConfiguration> loadTlsConfiguration(const QString &certificateFile,
                                                      const QString &keyFile, QString *error) {
    if (!QSslSocket::supportsSsl()) {
        *error = QStringLiteral("HTTPS needs Qt's OpenSSL backend, which is not available");
        return std::nullopt;
    }
    QFile certFile(certificateFile);
    if (!certFile.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("cannot read the TLS certificate %1: %2")
                     .arg(certificateFile, certFile.errorString());
        return std::nullopt;
    }
    const QList<QSslCertificate> chain = QSslCertificate::fromData(certFile.readAll(), QSsl::Pem);
    if (chain.isEmpty() || chain.first().isNull()) {
        *error = QStringLiteral("%1 holds no PEM certificate").arg(certificateFile);
        return std::nullopt;
    }
    QFile key(keyFile);
    if (!key.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("cannot read the TLS private key %1: %2")
                     .arg(keyFile, key.errorString());
        return std::nullopt;
    }
    const QByteArray keyPem = key.readAll();
    QSslKey privateKey;
    for (QSsl::KeyAlgorithm algorithm : {QSsl::Rsa, QSsl::Ec}) {
        privateKey = QSslKey(keyPem, algorithm, QSsl::Pem, QSsl::PrivateKey);
        if (!privateKey.isNull())
            break;
    }
    if (privateKey.isNull()) {
        *error =
            QStringLiteral("%1 is not an unencrypted PEM private key (RSA or EC)").arg(keyFile);
        return std::nullopt;
    }
    if (chain.first().expiryDate() < QDateTime::currentDateTimeUtc()) {
        *error = QStringLiteral("the TLS certificate %1 expired on %2")
                     .arg(certificateFile, chain.first().expiryDate().toString(Qt::ISODate));
        return std::nullopt;
    }
    QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
    tls.setLocalCertificateChain(chain);
    tls.setPrivateKey(privateKey);
    tls.setProtocol(QSsl::TlsV1_2OrLater);
    tls.setPeerVerifyMode(QSslSocket::VerifyNone); // no client certificates
    return tls;
}

} // namespace Callbook
