#include "callbacksmodel.h"

#include "uicolors.h"

#include <QBrush>
#include <QColor>
#include <QDateTime>
#include <QFont>
#include <algorithm>

namespace Callbook {

CallbacksModel::CallbacksModel(QObject *parent)
    : QAbstractTableModel(parent)
    , m_nowMs(QDateTime::currentMSecsSinceEpoch()) {}

int CallbacksModel::rowCount(const QModelIndex &parent) const {
    return parent.isValid() ? 0 : int(m_items.size());
}

int CallbacksModel::columnCount(const QModelIndex &parent) const {
    return parent.isValid() ? 0 : ColumnCount;
}

bool CallbacksModel::isOverdue(const CallbackItem &c) const {
    return c.status == QLatin1String("open") &&
           m_nowMs - c.createdMs > qint64(m_overdueMinutes) * 60000;
}

QVariant CallbacksModel::data(const QModelIndex &index, int role) const {
    if (!index.isValid() || index.row() >= m_items.size())
        return {};
    const CallbackItem &c = m_items[index.row()];
    switch (role) {
    case OverdueRole:
        return isOverdue(c);
    case IdRole:
        return c.id;
    case CompanyIdRole:
        return c.companyId;
    case Qt::DisplayRole:
        switch (index.column()) {
        case Created:
            return QDateTime::fromMSecsSinceEpoch(c.createdMs)
                .toString(QStringLiteral("yyyy-MM-dd HH:mm"));
        case Business:
            return c.companyName;
        case Caller:
            return c.nameMasked.isEmpty() ? c.phoneMasked
                                          : c.nameMasked + QStringLiteral(" · ") + c.phoneMasked;
        case Reason:
            return c.reason;
        case Preferred:
            return c.preferredTime;
        case Status:
            if (c.status == QLatin1String("done"))
                return tr("Done");
            return isOverdue(c) ? tr("Overdue") : tr("Open");
        case Note:
            return c.note;
        }
        return {};
    case Qt::ToolTipRole:
        if (isOverdue(c))
            return tr("Waiting for more than %n minute(s).", nullptr, m_overdueMinutes);
        return index.column() == Reason ? c.reason : QVariant();
    case Qt::BackgroundRole:
        if (isOverdue(c))
            return QBrush(alarmColor(70)); // translucent: readable on light and dark
        return {};
    case Qt::FontRole:
        if (isOverdue(c)) {
            QFont f;
            f.setBold(true);
            return f;
        }
        return {};
    }
    return {};
}

QVariant CallbacksModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Created:
        return tr("Requested");
    case Business:
        return tr("Business");
    case Caller:
        return tr("Who");
    case Reason:
        return tr("Why");
    case Preferred:
        return tr("Preferred time");
    case Status:
        return tr("Status");
    case Note:
        return tr("Note");
    }
    return {};
}

void CallbacksModel::setItems(const QList<CallbackItem> &items) {
    beginResetModel();
    m_items = items;
    std::stable_sort(m_items.begin(), m_items.end(),
                     [](const CallbackItem &a, const CallbackItem &b) {
                         const bool aOpen = a.status == QLatin1String("open");
                         const bool bOpen = b.status == QLatin1String("open");
                         if (aOpen != bOpen)
                             return aOpen;
                         return aOpen ? a.createdMs < b.createdMs : a.doneMs > b.doneMs;
                     });
    endResetModel();
}

void CallbacksModel::setNow(qint64 nowMs) {
    m_nowMs = nowMs;
    if (!m_items.isEmpty())
        Q_EMIT dataChanged(index(0, 0), index(int(m_items.size()) - 1, ColumnCount - 1));
}

void CallbacksModel::setOverdueAfterMinutes(int minutes) {
    m_overdueMinutes = minutes;
    setNow(m_nowMs);
}

const CallbackItem *CallbacksModel::item(int row) const {
    return row >= 0 && row < m_items.size() ? &m_items[row] : nullptr;
}

int CallbacksModel::openCount() const {
    return int(std::count_if(m_items.begin(), m_items.end(), [](const CallbackItem &c) {
        return c.status == QLatin1String("open");
    }));
}

int CallbacksModel::overdueCount() const {
    return int(std::count_if(m_items.begin(), m_items.end(),
                             [this](const CallbackItem &c) { return isOverdue(c); }));
}

} // namespace Callbook
