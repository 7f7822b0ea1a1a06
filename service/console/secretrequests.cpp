#include "secretrequests.h"

#include "secrets/secretstore.h"
#include "serviceevents.h"

namespace Callbook {

SecretRequests::SecretRequests(SecretStore &secrets, ConsoleRequests &requests,
                               ServiceEvents &events, QObject *parent)
    : QObject(parent)
    , m_secrets(secrets)
    , m_events(events) {
    connect(&requests, &ConsoleRequests::storeSecret, this,
            [this](const QString &name, const QByteArray &value) {
                m_secrets.store(name, value, this, [this, name](bool ok, QString error) {
                    Q_EMIT m_events.secretDone(name, ok,
                                               ok ? tr("Stored in the keychain.") : error);
                });
            });
    connect(&requests, &ConsoleRequests::deleteSecret, this, [this](const QString &name) {
        m_secrets.remove(name, this, [this, name](bool ok, QString error) {
            Q_EMIT m_events.secretDone(name, ok, ok ? tr("Removed from the keychain.") : error);
        });
    });
    connect(&requests, &ConsoleRequests::checkSecret, this, [this](const QString &name) {
        m_secrets.invalidate(name); // ask the keychain, not our cache
        m_secrets.resolve(
            name, this, [this, name](std::optional<QByteArray> value, QString source) {
                Q_EMIT m_events.secretDone(name, value.has_value(),
                                           value ? tr("Found (%1).").arg(source)
                                                 : tr("Not found (keychain, %1, "
                                                      "$CREDENTIALS_DIRECTORY).")
                                                       .arg(SecretStore::environmentName(name)));
            });
    });
}

} // namespace Callbook
