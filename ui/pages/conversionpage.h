#pragma once

#include "serviceevents.h"

#include <QWidget>

class QComboBox;
class QDateEdit;
class QLabel;
class QTableWidget;
class QBarSet;
class QBarCategoryAxis;
class QValueAxis;
class QLineSeries;

namespace Callbook {

// Calls, bookings and conversion per day, average call duration, function error rate and cost,
// read from the database for a chosen range and business.
class ConversionPage final : public QWidget {
    Q_OBJECT
public:
    ConversionPage(ConsoleRequests *requests, QWidget *parent = nullptr);

    void setBusinesses(const QList<TenantEntry> &tenants);
    void show(const QList<DailyStats> &days);
    void requestStats();
    int chartPoints() const;

private:
    ConsoleRequests *m_requests;
    QComboBox *m_business;
    QDateEdit *m_from;
    QDateEdit *m_to;
    QLabel *m_totals;
    QTableWidget *m_table;
    QBarSet *m_calls;
    QBarSet *m_booked;
    QLineSeries *m_rate;
    QBarCategoryAxis *m_days;
    QValueAxis *m_countAxis;
};

} // namespace Callbook
