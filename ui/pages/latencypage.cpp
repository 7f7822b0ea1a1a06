#include "latencypage.h"

#include "tablecells.h"

#include <QBarCategoryAxis>
#include <QBarSeries>
#include <QBarSet>
#include <QChart>
#include <QChartView>
#include <QComboBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineSeries>
#include <QSettings>
#include <QSpinBox>
#include <QSplitter>
#include <QTableWidget>
#include <QVBoxLayout>
#include <QValueAxis>

namespace Callbook {

static constexpr int kHistogramGroup = 3; // three 25 % buckets: about a factor of two per bar

static QString msText(double ms) {
    return ms < 1     ? QString::number(ms, 'f', 3)
           : ms < 100 ? QString::number(ms, 'f', 1)
                      : QString::number(ms, 'f', 0);
}

LatencyPage::LatencyPage(const FunctionLatencyStats *stats, QWidget *parent)
    : QWidget(parent)
    , m_stats(stats) {
    m_window = new QComboBox(this);
    m_window->addItem(tr("Last 15 minutes"), 15 * 60000);
    m_window->addItem(tr("Last hour"), 3600000);
    m_window->addItem(tr("Last day"), 86400000);
    m_window->setToolTip(tr("The time window the figures cover."));
    m_function = new QComboBox(this);
    m_function->addItem(tr("All functions"), QString());
    m_function->setToolTip(tr("The function the histogram shows."));
    m_threshold = new QSpinBox(this);
    m_threshold->setRange(50, 10000);
    m_threshold->setSingleStep(50);
    m_threshold->setSuffix(tr(" ms"));
    m_threshold->setValue(QSettings().value(QStringLiteral("ui/slowThresholdMs"), 800).toInt());
    m_threshold->setToolTip(tr("Functions whose p95 is above this are marked slow. Around "
                               "800 ms callers start to notice the silence."));
    connect(m_threshold, &QSpinBox::valueChanged, this,
            [](int v) { QSettings().setValue(QStringLiteral("ui/slowThresholdMs"), v); });

    auto *controls = new QHBoxLayout;
    auto *windowLabel = new QLabel(tr("&Window:"), this);
    windowLabel->setBuddy(m_window);
    auto *functionLabel = new QLabel(tr("&Histogram of:"), this);
    functionLabel->setBuddy(m_function);
    auto *thresholdLabel = new QLabel(tr("&Slow above:"), this);
    thresholdLabel->setBuddy(m_threshold);
    controls->addWidget(windowLabel);
    controls->addWidget(m_window);
    controls->addSpacing(12);
    controls->addWidget(functionLabel);
    controls->addWidget(m_function);
    controls->addSpacing(12);
    controls->addWidget(thresholdLabel);
    controls->addWidget(m_threshold);
    controls->addStretch();

    // p50/p95 per function.
    m_p50 = new QBarSet(tr("p50"), this);
    m_p95 = new QBarSet(tr("p95"), this);
    m_percentiles = new QBarSeries(this);
    m_percentiles->append(m_p50);
    m_percentiles->append(m_p95);
    m_percentileChart = new QChart;
    m_percentileChart->setTitle(tr("Latency per function (ms)"));
    m_percentileChart->addSeries(m_percentiles);
    m_functionAxis = new QBarCategoryAxis(m_percentileChart);
    m_functionAxis->setLabelsAngle(-45);
    m_msAxis = new QValueAxis(m_percentileChart);
    m_msAxis->setLabelFormat(QStringLiteral("%.2f"));
    m_percentileChart->addAxis(m_functionAxis, Qt::AlignBottom);
    m_percentileChart->addAxis(m_msAxis, Qt::AlignLeft);
    m_percentiles->attachAxis(m_functionAxis);
    m_percentiles->attachAxis(m_msAxis);
    m_thresholdLine = new QLineSeries(this);
    m_thresholdLine->setName(tr("slow threshold"));
    m_percentileChart->addSeries(m_thresholdLine);
    m_thresholdLine->attachAxis(m_msAxis);
    m_percentileChart->legend()->setAlignment(Qt::AlignBottom);
    auto *percentileView = new QChartView(m_percentileChart, this);
    percentileView->setRenderHint(QPainter::Antialiasing);
    percentileView->setMinimumHeight(220);

    // Histogram.
    m_histogramSet = new QBarSet(tr("calls"), this);
    m_histogram = new QBarSeries(this);
    m_histogram->append(m_histogramSet);
    m_histogram->setBarWidth(0.95);
    m_histogramChart = new QChart;
    m_histogramChart->setTitle(tr("Latency histogram (calls per latency band)"));
    m_histogramChart->addSeries(m_histogram);
    m_bucketAxis = new QBarCategoryAxis(m_histogramChart);
    m_bucketAxis->setLabelsAngle(-45);
    m_countAxis = new QValueAxis(m_histogramChart);
    m_countAxis->setLabelFormat(QStringLiteral("%d"));
    m_histogramChart->addAxis(m_bucketAxis, Qt::AlignBottom);
    m_histogramChart->addAxis(m_countAxis, Qt::AlignLeft);
    m_histogram->attachAxis(m_bucketAxis);
    m_histogram->attachAxis(m_countAxis);
    m_histogramChart->legend()->hide();
    auto *histogramView = new QChartView(m_histogramChart, this);
    histogramView->setRenderHint(QPainter::Antialiasing);
    histogramView->setMinimumHeight(200);

    m_table = new QTableWidget(0, 6, this);
    m_table->setObjectName(QStringLiteral("latencyTable"));
    m_table->setHorizontalHeaderLabels({tr("Function"), tr("Calls"), tr("p50 ms"), tr("p95 ms"),
                                        tr("Max ms"), tr("Slower than threshold")});
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->setToolTip(tr("Functions whose p95 is above the threshold are shown in red."));

    auto *charts = new QSplitter(Qt::Vertical, this);
    charts->addWidget(percentileView);
    charts->addWidget(histogramView);
    auto *split = new QSplitter(Qt::Horizontal, this);
    split->addWidget(charts);
    split->addWidget(m_table);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 2);
    split->setSizes({640, 520});
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(controls);
    layout->addWidget(split);
}

double LatencyPage::thresholdMs() const {
    return m_threshold->value();
}

qint64 LatencyPage::windowMs() const {
    return m_window->currentData().toLongLong();
}

int LatencyPage::percentilePoints() const {
    return int(m_p50->count() + m_p95->count());
}

int LatencyPage::histogramPoints() const {
    int nonEmpty = 0;
    for (int i = 0; i < m_histogramSet->count(); ++i)
        nonEmpty += m_histogramSet->at(i) > 0;
    return nonEmpty;
}

void LatencyPage::refresh(qint64 nowMs) {
    const QList<FunctionLatencyStats::Summary> rows =
        m_stats->summaries(nowMs, windowMs(), thresholdMs());
    QStringList names;
    QList<qreal> p50, p95;
    for (const auto &s : rows) {
        names << s.function;
        p50 << s.p50Ms;
        p95 << s.p95Ms;
    }
    // Only when the functions change: replacing categories every tick makes the axis flicker.
    if (m_functionAxis->categories() != names) {
        m_functionAxis->clear();
        m_functionAxis->append(names);
        const QString selected = m_function->currentData().toString();
        m_function->blockSignals(true);
        while (m_function->count() > 1)
            m_function->removeItem(1);
        for (const QString &n : names)
            m_function->addItem(n, n);
        m_function->setCurrentIndex(std::max(0, m_function->findData(selected)));
        m_function->blockSignals(false);
    }
    m_p50->remove(0, m_p50->count());
    m_p95->remove(0, m_p95->count());
    m_p50->append(p50);
    m_p95->append(p95);
    // Scaled to the functions, not to the threshold: fast functions stay readable, and the
    // threshold line shows only when something comes near it.
    double slowest = 0.1;
    for (qreal v : p95)
        slowest = std::max(slowest, double(v));
    const bool thresholdInView = slowest >= thresholdMs() * 0.5;
    m_msAxis->setRange(0, (thresholdInView ? std::max(slowest, thresholdMs()) : slowest) * 1.15);
    m_thresholdLine->setVisible(thresholdInView);
    m_thresholdLine->replace({QPointF(-0.5, thresholdMs()),
                              QPointF(std::max<qsizetype>(1, names.size()) - 0.5, thresholdMs())});

    const FunctionLatencyStats::Histogram h =
        m_stats->histogram(nowMs, windowMs(), m_function->currentData().toString());
    // Shown from the first to the last band that has calls, three buckets to a bar.
    int first = FunctionLatencyStats::kBuckets, last = -1;
    for (int b = 0; b < FunctionLatencyStats::kBuckets; ++b)
        if (h[b]) {
            first = std::min(first, b);
            last = b;
        }
    QStringList bands;
    QList<qreal> counts;
    qreal maxCount = 1;
    if (last >= 0) {
        first -= first % kHistogramGroup;
        for (int b = first; b <= last; b += kHistogramGroup) {
            qreal n = 0;
            for (int i = b; i < b + kHistogramGroup && i < FunctionLatencyStats::kBuckets; ++i)
                n += h[i];
            const int upper = std::min(b + kHistogramGroup, FunctionLatencyStats::kBuckets) - 1;
            bands << QStringLiteral("≤%1").arg(msText(FunctionLatencyStats::bucketUpperMs(upper)));
            counts << n;
            maxCount = std::max(maxCount, n);
        }
    }
    if (m_bucketAxis->categories() != bands) {
        m_bucketAxis->clear();
        m_bucketAxis->append(bands);
    }
    m_histogramSet->remove(0, m_histogramSet->count());
    m_histogramSet->append(counts);
    m_countAxis->setRange(0, maxCount * 1.1);

    m_table->setRowCount(int(rows.size()));
    for (int r = 0; r < rows.size(); ++r) {
        const auto &s = rows[r];
        const bool slow = s.p95Ms > thresholdMs();
        const QStringList cells = {s.function,      QString::number(s.count),
                                   msText(s.p50Ms), msText(s.p95Ms),
                                   msText(s.maxMs), QString::number(s.overThreshold)};
        for (int c = 0; c < cells.size(); ++c) {
            QTableWidgetItem *item = setCellText(m_table, r, c, cells[c]);
            item->setTextAlignment(c == 0 ? Qt::AlignLeft | Qt::AlignVCenter
                                          : Qt::AlignRight | Qt::AlignVCenter);
            item->setForeground(slow ? QBrush(alarmColor()) : QBrush());
            item->setToolTip(
                slow ? tr("p95 above %1 ms: callers hear the silence.").arg(thresholdMs())
                     : QString());
        }
    }
}

} // namespace Callbook
