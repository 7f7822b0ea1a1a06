#pragma once

#include <QHash>
#include <QMutex>
#include <QObject>
#include <functional>
#include <optional>

namespace Callbook {

// Secrets by name, never stored by us: the OS keychain (QtKeychain), then the environment
// variable CALLBOOK_SECRET_<NAME>, then the file NAME in $CREDENTIALS_DIRECTORY (systemd).
// Values are never logged; only names and where a value came from.
class SecretStore final : public QObject {
    Q_OBJECT
public:
    explicit SecretStore(QObject *parent = nullptr);

    using ResolveCallback = std::function<void(std::optional<QByteArray> value, QString source)>;
    using DoneCallback = std::function<void(bool ok, QString error)>;

    // Calls `done` exactly once, queued on `context`'s thread.
    void resolve(const QString &name, QObject *context, ResolveCallback done);
    // Environment and credentials directory only; synchronous (start-up, headless).
    std::optional<QByteArray> resolveWithoutKeychain(const QString &name) const;
    // Like resolve(), but waits for the answer (and logs where it came from): start-up and
    // command-line tools only, never while serving.
    std::optional<QByteArray> resolveAndWait(const QString &name);
    void store(const QString &name, const QByteArray &value, QObject *context, DoneCallback done);
    void remove(const QString &name, QObject *context, DoneCallback done);
    void invalidate(const QString &name);

    static QString environmentName(const QString &name);
    static bool isValidName(const QString &name);
    static bool keychainDisabled();
    static QString noKeychainMessage(const QString &name);

private:
    void finishResolve(const QString &name, std::optional<QByteArray> keychainValue,
                       QObject *context, ResolveCallback done);
    mutable QMutex m_mutex;
    QHash<QString, QByteArray> m_cache;
};

} // namespace Callbook
