#pragma once

#include "serviceevents.h"

#include <QWidget>

class QTableWidget;
class QPushButton;
class QLabel;

namespace Callbook {

// Cal.com per business: breaker state, failures, seconds until the next try, last error, cache
// hit rate, upstream latency and rate budget; and a manual reset of the breaker.
class HealthPage final : public QWidget {
    Q_OBJECT
public:
    HealthPage(ConsoleRequests *requests, QWidget *parent = nullptr);

    void show(const QList<CalcomHealthRow> &rows);
    void showResetResult(bool ok, const QString &message);
    QTableWidget *table() const { return m_table; }
    static QString stateText(const QString &state);

private:
    ConsoleRequests *m_requests;
    QTableWidget *m_table;
    QPushButton *m_reset;
    QLabel *m_message;
    QList<CalcomHealthRow> m_rows;
};

} // namespace Callbook
