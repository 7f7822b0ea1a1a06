#pragma once

#include "serviceevents.h"

#include <QAbstractTableModel>
#include <QHash>

namespace Callbook {

// Calls in progress and the recent ones, newest first, kept current by the service's events
// (never by polling). Durations of calls in progress grow with tick().
class LiveCallsModel final : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { Time, Business, Caller, Duration, Status, Functions, Booked, ColumnCount };
    enum Role { CallIdRole = Qt::UserRole + 1, CompanyIdRole, InProgressRole };

    explicit LiveCallsModel(QObject *parent = nullptr, int maxRows = 500);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

    void seed(const QList<CallSummary> &calls); // recent calls from the database
    void apply(const CallActivity &activity);
    void apply(const FunctionActivity &activity);
    // Moves the clock of calls in progress on (the console calls it once a second).
    void tick(qint64 nowMs);

    int inProgress() const;

private:
    struct Row {
        QString callId;
        qint64 companyId = 0;
        QString company;
        QString caller;
        QString status; // internal: ringing, ongoing, ended, analyzed
        qint64 startedMs = 0;
        qint64 durationMs = -1;
        int functions = 0;
        bool booked = false;
        bool ended() const {
            return status == QLatin1String("ended") || status == QLatin1String("analyzed");
        }
    };
    int rowOf(const QString &callId) const;
    Row &rowFor(const QString &callId, qint64 companyId, const QString &company, qint64 atMs);
    void changed(int row);
    void trim();
    QString statusText(const Row &row) const;

    QList<Row> m_rows; // newest first
    int m_maxRows;
    qint64 m_nowMs = 0;
};

} // namespace Callbook
