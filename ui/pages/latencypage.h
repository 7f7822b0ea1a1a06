#pragma once

#include "models/functionlatencystats.h"

#include <QWidget>

class QComboBox;
class QSpinBox;
class QTableWidget;
class QChart;
class QChartView;
class QBarSeries;
class QBarSet;
class QBarCategoryAxis;
class QValueAxis;
class QLineSeries;

namespace Callbook {

// p50/p95 per function over a chosen window, a latency histogram, and the functions slower
// than the threshold (the point where callers notice the silence) marked.
class LatencyPage final : public QWidget {
    Q_OBJECT
public:
    LatencyPage(const FunctionLatencyStats *stats, QWidget *parent = nullptr);

    // Redraws from the statistics (the console calls it a few times a second at most).
    void refresh(qint64 nowMs);
    double thresholdMs() const;
    qint64 windowMs() const;
    // For tests: how many bars the two charts show.
    int percentilePoints() const;
    int histogramPoints() const;

private:
    const FunctionLatencyStats *m_stats;
    QComboBox *m_window;
    QComboBox *m_function;
    QSpinBox *m_threshold;
    QTableWidget *m_table;
    QChart *m_percentileChart;
    QBarSeries *m_percentiles;
    QBarSet *m_p50;
    QBarSet *m_p95;
    QBarCategoryAxis *m_functionAxis;
    QValueAxis *m_msAxis;
    QLineSeries *m_thresholdLine;
    QChart *m_histogramChart;
    QBarSeries *m_histogram;
    QBarSet *m_histogramSet;
    QBarCategoryAxis *m_bucketAxis;
    QValueAxis *m_countAxis;
};

} // namespace Callbook
