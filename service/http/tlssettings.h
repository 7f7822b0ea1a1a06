#pragma once

#include <QSslConfiguration>
#include <QString>
#include <optional>

namespace Callbook {

// The HTTPS listener's configuration from a PEM certificate (chain) and a PEM private key
// (RSA or EC, unencrypted), through Qt's OpenSSL backend: TLS 1.2 or later, no client
// certificate asked for. nullopt with a sentence in *error when a file is missing or wrong.
std::optional<QSslConfiguration> loadTlsConfiguration(const QString &certificateFile,
                                                      const QString &keyFile, QString *error);

} // namespace Callbook
