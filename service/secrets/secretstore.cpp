#include "secretstore.h"

#include "core/logging.h"

#include <QDir>
#include <QEventLoop>
#include <QFile>
#include <QPointer>
#include <QRegularExpression>
#include <qt6keychain/keychain.h>

namespace Callbook {

static const QString kService = QStringLiteral("callbook");

SecretStore::SecretStore(QObject *parent)
    : QObject(parent) {}

bool SecretStore::keychainDisabled() {
    return qEnvironmentVariableIntValue("CALLBOOK_NO_KEYCHAIN") == 1;
}

bool SecretStore::isValidName(const QString &name) {
    static const QRegularExpression re(QStringLiteral("^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$"));
    return re.match(name).hasMatch() && !name.contains(QLatin1String(".."));
}

QString SecretStore::environmentName(const QString &name) {
    QString env = name.toUpper();
    env.replace(QLatin1Char('-'), QLatin1Char('_')).replace(QLatin1Char('.'), QLatin1Char('_'));
    return QStringLiteral("CALLBOOK_SECRET_") + env;
}

QString SecretStore::noKeychainMessage(const QString &name) {
    return QStringLiteral("No keychain available (no D-Bus session or no unlocked Secret Service). "
                          "Use %1 or $CREDENTIALS_DIRECTORY instead.")
        .arg(environmentName(name));
}

std::optional<QByteArray> SecretStore::resolveWithoutKeychain(const QString &name) const {
    if (!isValidName(name))
        return std::nullopt;
    const QByteArray env = qgetenv(environmentName(name).toLatin1().constData());
    if (!env.isEmpty())
        return env;
    const QString dir = qEnvironmentVariable("CREDENTIALS_DIRECTORY");
    if (!dir.isEmpty()) {
        QFile file(QDir(dir).filePath(name));
        if (file.open(QIODevice::ReadOnly)) {
            QByteArray value = file.readAll();
            if (value.endsWith('\n'))
                value.chop(1);
            return value;
        }
    }
    return std::nullopt;
}

std::optional<QByteArray> SecretStore::resolveAndWait(const QString &name) {
    if (name.isEmpty())
        return std::nullopt;
    std::optional<QByteArray> value;
    bool answered = false;
    QEventLoop wait;
    QObject context;
    resolve(name, &context, [&](std::optional<QByteArray> v, QString source) {
        value = v;
        answered = true;
        if (v)
            qCInfo(lcSecrets).noquote() << "secret" << name << "from" << source;
        wait.quit();
    });
    if (!answered)
        wait.exec();
    return value;
}

static void deliverLater(QObject *context, std::function<void()> f) {
    QMetaObject::invokeMethod(context, std::move(f), Qt::QueuedConnection);
}

void SecretStore::finishResolve(const QString &name, std::optional<QByteArray> keychainValue,
                                QObject *context, ResolveCallback done) {
    QString source = QStringLiteral("keychain");
    std::optional<QByteArray> value = keychainValue;
    if (!value) {
        value = resolveWithoutKeychain(name);
        source = qEnvironmentVariableIsSet(environmentName(name).toLatin1().constData())
                     ? QStringLiteral("environment")
                     : QStringLiteral("credentials directory");
    }
    if (value) {
        QMutexLocker lock(&m_mutex);
        m_cache.insert(name, *value);
    }
    deliverLater(context, [done = std::move(done), value, source] {
        done(value, value ? source : QString());
    });
}

void SecretStore::resolve(const QString &name, QObject *context, ResolveCallback done) {
    {
        QMutexLocker lock(&m_mutex);
        if (m_cache.contains(name)) {
            const QByteArray v = m_cache.value(name);
            deliverLater(context,
                         [done = std::move(done), v] { done(v, QStringLiteral("cache")); });
            return;
        }
    }
    if (!isValidName(name)) {
        deliverLater(context, [done = std::move(done)] { done(std::nullopt, QString()); });
        return;
    }
    if (keychainDisabled()) {
        finishResolve(name, std::nullopt, context, std::move(done));
        return;
    }
    auto *job = new QKeychain::ReadPasswordJob(kService);
    job->setAutoDelete(true);
    job->setKey(name);
    QPointer<QObject> guard(context);
    connect(job, &QKeychain::Job::finished, this,
            [this, name, guard, done = std::move(done)](QKeychain::Job *j) mutable {
                auto *read = static_cast<QKeychain::ReadPasswordJob *>(j);
                std::optional<QByteArray> value;
                if (read->error() == QKeychain::NoError)
                    value = read->binaryData();
                else if (read->error() != QKeychain::EntryNotFound)
                    qCInfo(lcSecrets).noquote()
                        << "keychain unavailable for" << name << "-" << read->errorString();
                if (guard)
                    finishResolve(name, value, guard, std::move(done));
            });
    job->start();
}

void SecretStore::store(const QString &name, const QByteArray &value, QObject *context,
                        DoneCallback done) {
    if (!isValidName(name) || keychainDisabled()) {
        const QString error =
            isValidName(name) ? noKeychainMessage(name) : QStringLiteral("invalid secret name");
        deliverLater(context, [done = std::move(done), error] { done(false, error); });
        return;
    }
    auto *job = new QKeychain::WritePasswordJob(kService);
    job->setAutoDelete(true);
    job->setKey(name);
    job->setBinaryData(value);
    QPointer<QObject> guard(context);
    connect(job, &QKeychain::Job::finished, this,
            [this, name, value, guard, done = std::move(done)](QKeychain::Job *j) {
                const bool ok = j->error() == QKeychain::NoError;
                if (ok) {
                    QMutexLocker lock(&m_mutex);
                    m_cache.insert(name, value);
                }
                // 0.13.2 reports a missing bus or keyring as OtherError: say what to do instead.
                const QString error = ok ? QString()
                                         : noKeychainMessage(name) + QStringLiteral(" (") +
                                               j->errorString() + QLatin1Char(')');
                if (guard)
                    deliverLater(guard, [done, ok, error] { done(ok, error); });
            });
    job->start();
}

void SecretStore::remove(const QString &name, QObject *context, DoneCallback done) {
    invalidate(name);
    if (!isValidName(name) || keychainDisabled()) {
        deliverLater(context,
                     [done = std::move(done), name] { done(false, noKeychainMessage(name)); });
        return;
    }
    auto *job = new QKeychain::DeletePasswordJob(kService);
    job->setAutoDelete(true);
    job->setKey(name);
    QPointer<QObject> guard(context);
    connect(job, &QKeychain::Job::finished, this,
            [guard, name, done = std::move(done)](QKeychain::Job *j) {
                const bool ok =
                    j->error() == QKeychain::NoError || j->error() == QKeychain::EntryNotFound;
                const QString error = ok ? QString() : noKeychainMessage(name);
                if (guard)
                    deliverLater(guard, [done, ok, error] { done(ok, error); });
            });
    job->start();
}

void SecretStore::invalidate(const QString &name) {
    QMutexLocker lock(&m_mutex);
    m_cache.remove(name);
}

} // namespace Callbook
