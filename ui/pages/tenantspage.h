#pragma once

#include "serviceevents.h"

#include <QWidget>

class QListWidget;
class QPlainTextEdit;
class QPushButton;
class QLabel;
class QTabWidget;

namespace Callbook {

class BusinessForm;

// The businesses: numbers, services, hours, closures — the same data as the --config file,
// one business at a time, as a form or as JSON, validated by the service exactly as the file
// would be.
class TenantsPage final : public QWidget {
    Q_OBJECT
public:
    TenantsPage(ConsoleRequests *requests, QWidget *parent = nullptr);

    void show(const QList<TenantEntry> &tenants);
    void showSaveResult(bool ok, const QString &message);

private:
    void select(int row);
    void edit(const QByteArray &json, bool isNew);
    QByteArray currentJson() const; // from the tab in front

    ConsoleRequests *m_requests;
    QList<TenantEntry> m_tenants;
    QListWidget *m_list;
    QTabWidget *m_views;
    BusinessForm *m_form;
    QPlainTextEdit *m_editor;
    QPushButton *m_save;
    QPushButton *m_revert;
    QPushButton *m_add;
    QLabel *m_result;
    bool m_editingNew = false;
};

} // namespace Callbook
