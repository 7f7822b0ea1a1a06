#include "settingspage.h"

#include <QComboBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QVBoxLayout>

namespace Callbook {

SettingsPage::SettingsPage(ConsoleRequests *requests, QWidget *parent)
    : QWidget(parent)
    , m_requests(requests) {
    QSettings settings;
    auto *service = new QGroupBox(tr("Service (used at the next start)"), this);
    m_listen = new QLineEdit(settings.value(QStringLiteral("service/listen")).toString(), service);
    m_listen->setPlaceholderText(QStringLiteral("127.0.0.1:8787"));
    m_listen->setToolTip(tr("Address and port for Retell and Cal.com; a command-line --listen "
                            "wins."));
    m_database =
        new QLineEdit(settings.value(QStringLiteral("service/database")).toString(), service);
    m_database->setPlaceholderText(tr("sqlite:///… or postgresql://user@host/db (default: "
                                      "callbook.db in the data directory)"));
    m_database->setToolTip(tr("The password comes from the keychain (database-password) or "
                              "PGPASSWORD, never from here."));
    auto *saveService = new QPushButton(tr("Save &service settings"), service);
    auto *serviceMessage = new QLabel(service);
    connect(saveService, &QPushButton::clicked, this, [this, serviceMessage] {
        QSettings s;
        s.setValue(QStringLiteral("service/listen"), m_listen->text().trimmed());
        s.setValue(QStringLiteral("service/database"), m_database->text().trimmed());
        serviceMessage->setText(tr("Saved. Restart Callbook to use them."));
    });
    auto *serviceForm = new QFormLayout(service);
    serviceForm->addRow(tr("&Listen on:"), m_listen);
    serviceForm->addRow(tr("&Database:"), m_database);
    serviceForm->addRow(saveService, serviceMessage);

    auto *secrets = new QGroupBox(tr("Secrets (OS keychain)"), this);
    m_secretName = new QComboBox(secrets);
    m_secretName->setEditable(true);
    m_secretName->setToolTip(tr("The secret's name, as the configuration refers to it."));
    m_secretValue = new QLineEdit(secrets);
    m_secretValue->setEchoMode(QLineEdit::Password);
    m_secretValue->setToolTip(tr("Stored in the keychain only; never shown again, never "
                                 "written to a file or the database."));
    auto *store = new QPushButton(tr("S&tore"), secrets);
    auto *check = new QPushButton(tr("&Check"), secrets);
    check->setToolTip(tr("Look the secret up (keychain, environment, credentials directory) "
                         "without showing it."));
    auto *remove = new QPushButton(tr("&Remove"), secrets);
    m_secretMessage = new QLabel(secrets);
    m_secretMessage->setObjectName(QStringLiteral("secretMessage"));
    m_secretMessage->setWordWrap(true);
    connect(store, &QPushButton::clicked, this, [this] {
        if (m_secretValue->text().isEmpty()) {
            m_secretMessage->setText(tr("Enter the value first."));
            return;
        }
        Q_EMIT m_requests->storeSecret(m_secretName->currentText().trimmed(),
                                       m_secretValue->text().toUtf8());
        m_secretValue->clear();
        m_secretMessage->setText(tr("Storing…"));
    });
    connect(check, &QPushButton::clicked, this,
            [this] { Q_EMIT m_requests->checkSecret(m_secretName->currentText().trimmed()); });
    connect(remove, &QPushButton::clicked, this,
            [this] { Q_EMIT m_requests->deleteSecret(m_secretName->currentText().trimmed()); });
    auto *secretButtons = new QHBoxLayout;
    secretButtons->addWidget(store);
    secretButtons->addWidget(check);
    secretButtons->addWidget(remove);
    secretButtons->addStretch();
    auto *secretForm = new QFormLayout(secrets);
    secretForm->addRow(tr("&Name:"), m_secretName);
    secretForm->addRow(tr("&Value:"), m_secretValue);
    secretForm->addRow(secretButtons);
    secretForm->addRow(m_secretMessage);

    auto *language = new QGroupBox(tr("Language"), this);
    m_language = new QComboBox(language);
    m_language->addItem(tr("Follow the system"), QString());
    m_language->addItem(QStringLiteral("Deutsch"), QStringLiteral("de"));
    m_language->addItem(QStringLiteral("English"), QStringLiteral("en"));
    m_language->setCurrentIndex(std::max(
        0, m_language->findData(settings.value(QStringLiteral("ui/language")).toString())));
    auto *languageMessage = new QLabel(language);
    connect(m_language, &QComboBox::currentIndexChanged, this, [this, languageMessage] {
        QSettings().setValue(QStringLiteral("ui/language"), m_language->currentData());
        languageMessage->setText(tr("The console uses it from the next start. What the agent "
                                    "says follows each business's own language."));
    });
    auto *languageForm = new QFormLayout(language);
    languageForm->addRow(tr("Console lan&guage:"), m_language);
    languageForm->addRow(languageMessage);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(service);
    layout->addWidget(secrets);
    layout->addWidget(language);
    layout->addStretch();
    setSecretNames({});
}

void SettingsPage::setSecretNames(const QStringList &names) {
    const QString current = m_secretName->currentText();
    m_secretName->clear();
    QStringList all = {QStringLiteral("retell-api-key"), QStringLiteral("database-password")};
    for (const QString &n : names)
        if (!all.contains(n))
            all << n;
    m_secretName->addItems(all);
    if (!current.isEmpty())
        m_secretName->setCurrentText(current);
}

void SettingsPage::showSecretResult(const QString &name, bool ok, const QString &message) {
    m_secretMessage->setText((ok ? QString() : tr("Problem: ")) + name + QStringLiteral(": ") +
                             message);
}

} // namespace Callbook
