#pragma once

#include <QObject>

namespace Callbook {

class SecretStore;
class ServiceEvents;
class ConsoleRequests;

// The console's Settings page stores, checks and removes secrets through this: values go to
// the OS keychain only and never come back; the answer (or why there is no keychain) arrives
// as ServiceEvents::secretDone.
class SecretRequests final : public QObject {
    Q_OBJECT
public:
    SecretRequests(SecretStore &secrets, ConsoleRequests &requests, ServiceEvents &events,
                   QObject *parent = nullptr);

private:
    SecretStore &m_secrets;
    ServiceEvents &m_events;
};

} // namespace Callbook
