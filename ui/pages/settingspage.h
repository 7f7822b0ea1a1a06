#pragma once

#include "serviceevents.h"

#include <QWidget>

class QLineEdit;
class QComboBox;
class QLabel;

namespace Callbook {

// Where the service listens and which database it uses (taken at the next start), the Retell
// and Cal.com secrets in the OS keychain, and the console's language.
class SettingsPage final : public QWidget {
    Q_OBJECT
public:
    SettingsPage(ConsoleRequests *requests, QWidget *parent = nullptr);

    void setSecretNames(const QStringList &names);
    void showSecretResult(const QString &name, bool ok, const QString &message);
    QLabel *secretMessage() const { return m_secretMessage; }

private:
    ConsoleRequests *m_requests;
    QLineEdit *m_listen;
    QLineEdit *m_database;
    QComboBox *m_secretName;
    QLineEdit *m_secretValue;
    QLabel *m_secretMessage;
    QComboBox *m_language;
};

} // namespace Callbook
