#pragma once

#include "serviceevents.h"

#include <QWidget>

class QListWidget;
class QPlainTextEdit;
class QPushButton;
class QLabel;

namespace Callbook {

// The businesses: numbers, services, hours, closures — the same data as the --config file,
// one business at a time, validated by the service exactly as the file would be.
class TenantsPage final : public QWidget {
    Q_OBJECT
public:
    TenantsPage(ConsoleRequests *requests, QWidget *parent = nullptr);

    void show(const QList<TenantEntry> &tenants);
    void showSaveResult(bool ok, const QString &message);

private:
    void select(int row);

    ConsoleRequests *m_requests;
    QList<TenantEntry> m_tenants;
    QListWidget *m_list;
    QPlainTextEdit *m_editor;
    QPushButton *m_save;
    QPushButton *m_revert;
    QPushButton *m_add;
    QLabel *m_result;
};

} // namespace Callbook
