#pragma once

#include "serviceevents.h"

#include <QAbstractTableModel>

namespace Callbook {

// The callback queue: open requests first (oldest on top), then the ones done recently.
// A request open longer than the overdue limit is highlighted.
class CallbacksModel final : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { Created, Business, Caller, Reason, Preferred, Status, Note, ColumnCount };
    enum Role { OverdueRole = Qt::UserRole + 1, IdRole, CompanyIdRole };

    explicit CallbacksModel(QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

    void setItems(const QList<CallbackItem> &items);
    void setNow(qint64 nowMs);
    void setOverdueAfterMinutes(int minutes);
    const CallbackItem *item(int row) const;
    bool isOverdue(const CallbackItem &item) const;
    int openCount() const;
    int overdueCount() const;

private:
    QList<CallbackItem> m_items;
    qint64 m_nowMs = 0;
    int m_overdueMinutes = 120;
};

} // namespace Callbook
