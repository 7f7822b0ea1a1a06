#include "livecallsmodel.h"

#include <QBrush>
#include <QDateTime>
#include <QFont>

namespace Callbook {

LiveCallsModel::LiveCallsModel(QObject *parent, int maxRows)
    : QAbstractTableModel(parent)
    , m_maxRows(maxRows) {}

int LiveCallsModel::rowCount(const QModelIndex &parent) const {
    return parent.isValid() ? 0 : int(m_rows.size());
}

int LiveCallsModel::columnCount(const QModelIndex &parent) const {
    return parent.isValid() ? 0 : ColumnCount;
}

static QString durationText(qint64 ms) {
    if (ms < 0)
        return QStringLiteral("–");
    const qint64 s = ms / 1000;
    return QStringLiteral("%1:%2").arg(s / 60).arg(s % 60, 2, 10, QLatin1Char('0'));
}

QString LiveCallsModel::statusText(const Row &row) const {
    if (row.status == QLatin1String("ringing"))
        return tr("Ringing");
    if (row.status == QLatin1String("ongoing"))
        return tr("In progress");
    if (row.status == QLatin1String("ended"))
        return tr("Ended");
    if (row.status == QLatin1String("analyzed"))
        return tr("Analysed");
    return row.status;
}

QVariant LiveCallsModel::data(const QModelIndex &index, int role) const {
    if (!index.isValid() || index.row() >= m_rows.size())
        return {};
    const Row &r = m_rows[index.row()];
    if (role == CallIdRole)
        return r.callId;
    if (role == CompanyIdRole)
        return r.companyId;
    if (role == InProgressRole)
        return !r.ended();
    if (role == Qt::DisplayRole) {
        switch (index.column()) {
        case Time:
            return QDateTime::fromMSecsSinceEpoch(r.startedMs).toString(QStringLiteral("HH:mm:ss"));
        case Business:
            return r.company;
        case Caller:
            return r.caller;
        case Duration:
            return durationText(r.durationMs >= 0 ? r.durationMs
                                : r.ended()       ? -1
                                                  : qMax<qint64>(0, m_nowMs - r.startedMs));
        case Status:
            return statusText(r);
        case Functions:
            return r.functions;
        case Booked:
            return r.booked ? tr("Booked") : QString();
        }
    }
    if (role == Qt::ToolTipRole && index.column() == Caller)
        return tr("Numbers are masked; the full number is in the database only.");
    if (role == Qt::FontRole && !r.ended()) {
        QFont f;
        f.setBold(true);
        return f;
    }
    if (role == Qt::TextAlignmentRole &&
        (index.column() == Duration || index.column() == Functions))
        return int(Qt::AlignRight | Qt::AlignVCenter);
    return {};
}

QVariant LiveCallsModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Time:
        return tr("Time");
    case Business:
        return tr("Business");
    case Caller:
        return tr("Caller");
    case Duration:
        return tr("Duration");
    case Status:
        return tr("Status");
    case Functions:
        return tr("Functions");
    case Booked:
        return tr("Booked");
    }
    return {};
}

int LiveCallsModel::rowOf(const QString &callId) const {
    for (int i = 0; i < m_rows.size(); ++i)
        if (m_rows[i].callId == callId)
            return i;
    return -1;
}

LiveCallsModel::Row &LiveCallsModel::rowFor(const QString &callId, qint64 companyId,
                                            const QString &company, qint64 atMs) {
    const int i = rowOf(callId);
    if (i >= 0)
        return m_rows[i];
    beginInsertRows({}, 0, 0);
    Row r;
    r.callId = callId;
    r.companyId = companyId;
    r.company = company;
    r.status = QStringLiteral("ongoing");
    r.startedMs = atMs;
    m_rows.prepend(r);
    endInsertRows();
    trim();
    return m_rows.first();
}

void LiveCallsModel::changed(int row) {
    if (row >= 0)
        Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1));
}

void LiveCallsModel::trim() {
    if (m_rows.size() <= m_maxRows)
        return;
    beginRemoveRows({}, m_maxRows, int(m_rows.size()) - 1);
    m_rows.resize(m_maxRows);
    endRemoveRows();
}

void LiveCallsModel::seed(const QList<CallSummary> &calls) {
    for (auto it = calls.crbegin(); it != calls.crend(); ++it) { // oldest first, so newest on top
        if (rowOf(it->callId) >= 0)
            continue;
        Row &r = rowFor(it->callId, it->companyId, it->companyName, it->startedMs);
        r.caller = it->callerMasked;
        r.status = it->status;
        r.durationMs = it->durationMs;
        r.functions = it->functionCount;
        r.booked = it->booked;
        changed(0);
    }
}

void LiveCallsModel::apply(const CallActivity &a) {
    Row &r = rowFor(a.callId, a.companyId, a.companyName, a.atMs);
    if (!a.callerMasked.isEmpty())
        r.caller = a.callerMasked;
    // A late event never moves a call back (the service's rule too).
    static const QStringList order = {QStringLiteral("ringing"), QStringLiteral("ongoing"),
                                      QStringLiteral("ended"), QStringLiteral("analyzed")};
    QString status = r.status;
    if (a.event == QLatin1String("call_inbound"))
        status = QStringLiteral("ringing");
    else if (a.event == QLatin1String("call_started"))
        status = QStringLiteral("ongoing");
    else if (a.event == QLatin1String("call_ended"))
        status = QStringLiteral("ended");
    else if (a.event == QLatin1String("call_analyzed"))
        status = QStringLiteral("analyzed");
    if (order.indexOf(status) > order.indexOf(r.status))
        r.status = status;
    if (a.durationMs >= 0)
        r.durationMs = a.durationMs;
    else if (r.ended() && r.durationMs < 0)
        r.durationMs = qMax<qint64>(0, a.atMs - r.startedMs);
    changed(rowOf(a.callId));
}

void LiveCallsModel::apply(const FunctionActivity &a) {
    if (a.callId.isEmpty())
        return;
    Row &r = rowFor(a.callId, a.companyId, a.companyName, a.atMs);
    ++r.functions;
    r.booked = r.booked || a.booked;
    changed(rowOf(a.callId));
}

void LiveCallsModel::tick(qint64 nowMs) {
    m_nowMs = nowMs;
    for (int i = 0; i < m_rows.size(); ++i)
        if (!m_rows[i].ended() && m_rows[i].durationMs < 0)
            Q_EMIT dataChanged(index(i, Duration), index(i, Duration));
}

int LiveCallsModel::inProgress() const {
    int n = 0;
    for (const Row &r : m_rows)
        n += !r.ended();
    return n;
}

} // namespace Callbook
