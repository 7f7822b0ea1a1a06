#include "conversionpage.h"

#include "models/conversion.h"
#include "tablecells.h"

#include <QBarCategoryAxis>
#include <QBarSeries>
#include <QBarSet>
#include <QChart>
#include <QChartView>
#include <QComboBox>
#include <QDateEdit>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineSeries>
#include <QLocale>
#include <QPushButton>
#include <QSplitter>
#include <QTableWidget>
#include <QVBoxLayout>
#include <QValueAxis>

namespace Callbook {

ConversionPage::ConversionPage(ConsoleRequests *requests, QWidget *parent)
    : QWidget(parent)
    , m_requests(requests) {
    m_business = new QComboBox(this);
    m_business->addItem(tr("All businesses"), qint64(0));
    m_from = new QDateEdit(QDate::currentDate().addDays(-13), this);
    m_to = new QDateEdit(QDate::currentDate(), this);
    for (QDateEdit *d : {m_from, m_to}) {
        d->setCalendarPopup(true);
        d->setDisplayFormat(QStringLiteral("yyyy-MM-dd"));
    }
    auto *refresh = new QPushButton(tr("&Show"), this);
    refresh->setToolTip(tr("Read the figures for this range from the database."));
    auto *controls = new QHBoxLayout;
    auto *businessLabel = new QLabel(tr("&Business:"), this);
    businessLabel->setBuddy(m_business);
    auto *fromLabel = new QLabel(tr("&From:"), this);
    fromLabel->setBuddy(m_from);
    auto *toLabel = new QLabel(tr("&To:"), this);
    toLabel->setBuddy(m_to);
    controls->addWidget(businessLabel);
    controls->addWidget(m_business);
    controls->addWidget(fromLabel);
    controls->addWidget(m_from);
    controls->addWidget(toLabel);
    controls->addWidget(m_to);
    controls->addWidget(refresh);
    controls->addStretch();
    connect(refresh, &QPushButton::clicked, this, &ConversionPage::requestStats);
    connect(m_business, &QComboBox::currentIndexChanged, this, &ConversionPage::requestStats);

    m_totals = new QLabel(this);
    m_totals->setObjectName(QStringLiteral("conversionTotals"));
    m_totals->setTextInteractionFlags(Qt::TextSelectableByMouse);

    m_calls = new QBarSet(tr("Calls"), this);
    m_booked = new QBarSet(tr("Bookings"), this);
    auto *bars = new QBarSeries(this);
    bars->append(m_calls);
    bars->append(m_booked);
    m_rate = new QLineSeries(this);
    m_rate->setName(tr("Conversion %"));
    m_rate->setPointsVisible(true);
    auto *chart = new QChart;
    chart->setTitle(tr("Calls, bookings and conversion per day"));
    chart->addSeries(bars);
    chart->addSeries(m_rate);
    m_days = new QBarCategoryAxis(chart);
    m_days->setLabelsAngle(-45);
    m_countAxis = new QValueAxis(chart);
    m_countAxis->setLabelFormat(QStringLiteral("%d"));
    auto *rateAxis = new QValueAxis(chart);
    rateAxis->setRange(0, 100);
    rateAxis->setLabelFormat(QStringLiteral("%d %%"));
    chart->addAxis(m_days, Qt::AlignBottom);
    chart->addAxis(m_countAxis, Qt::AlignLeft);
    chart->addAxis(rateAxis, Qt::AlignRight);
    bars->attachAxis(m_days);
    bars->attachAxis(m_countAxis);
    m_rate->attachAxis(m_days);
    m_rate->attachAxis(rateAxis);
    chart->legend()->setAlignment(Qt::AlignBottom);
    auto *view = new QChartView(chart, this);
    view->setRenderHint(QPainter::Antialiasing);

    m_table = new QTableWidget(0, 7, this);
    m_table->setHorizontalHeaderLabels({tr("Day"), tr("Calls"), tr("Bookings"), tr("Conversion"),
                                        tr("Avg. duration"), tr("Function errors"), tr("Cost")});
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);

    auto *split = new QSplitter(Qt::Vertical, this);
    split->addWidget(view);
    split->addWidget(m_table);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(controls);
    layout->addWidget(m_totals);
    layout->addWidget(split);
}

void ConversionPage::setBusinesses(const QList<TenantEntry> &tenants) {
    const qint64 selected = m_business->currentData().toLongLong();
    m_business->blockSignals(true);
    while (m_business->count() > 1)
        m_business->removeItem(1);
    for (const TenantEntry &t : tenants)
        m_business->addItem(t.name, t.companyId);
    m_business->setCurrentIndex(std::max(0, m_business->findData(selected)));
    m_business->blockSignals(false);
}

void ConversionPage::requestStats() {
    Q_EMIT m_requests->stats(m_business->currentData().toLongLong(), m_from->date(), m_to->date());
}

static QString minutesText(double seconds) {
    const int s = int(seconds + 0.5);
    return QStringLiteral("%1:%2").arg(s / 60).arg(s % 60, 2, 10, QLatin1Char('0'));
}

void ConversionPage::show(const QList<DailyStats> &days) {
    const ConversionTotals t = ConversionTotals::of(days);
    const QLocale locale;
    m_totals->setText(
        tr("%1 calls · %2 bookings · conversion %3 % · average call %4 · function errors %5 % "
           "· cost %6")
            .arg(t.calls)
            .arg(t.booked)
            .arg(locale.toString(t.conversionPct, 'f', 1), minutesText(t.averageDurationS),
                 locale.toString(t.functionErrorPct, 'f', 1),
                 locale.toCurrencyString(t.costEur, QStringLiteral("€"))));
    QStringList labels;
    QList<qreal> calls, booked;
    QList<QPointF> rate;
    qreal top = 1;
    m_table->setRowCount(int(days.size()));
    for (int i = 0; i < days.size(); ++i) {
        const DailyStats &d = days[i];
        const ConversionTotals day = ConversionTotals::of({d});
        labels << d.day.toString(QStringLiteral("MM-dd"));
        calls << qreal(d.calls);
        booked << qreal(d.booked);
        rate << QPointF(i, day.conversionPct);
        top = std::max(top, qreal(d.calls));
        const QStringList cells = {
            d.day.toString(Qt::ISODate),
            QString::number(d.calls),
            QString::number(d.booked),
            locale.toString(day.conversionPct, 'f', 1) + QStringLiteral(" %"),
            minutesText(day.averageDurationS),
            locale.toString(day.functionErrorPct, 'f', 1) + QStringLiteral(" %"),
            locale.toCurrencyString(day.costEur, QStringLiteral("€"))};
        for (int c = 0; c < cells.size(); ++c)
            setCellText(m_table, i, c, cells[c]);
    }
    m_days->clear();
    m_days->append(labels);
    m_calls->remove(0, m_calls->count());
    m_booked->remove(0, m_booked->count());
    m_calls->append(calls);
    m_booked->append(booked);
    m_rate->replace(rate);
    m_countAxis->setRange(0, top * 1.1);
}

int ConversionPage::chartPoints() const {
    return int(m_calls->count() + m_rate->count());
}

} // namespace Callbook
