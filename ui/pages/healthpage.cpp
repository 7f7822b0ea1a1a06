#include "healthpage.h"

#include "tablecells.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

namespace Callbook {

HealthPage::HealthPage(ConsoleRequests *requests, QWidget *parent)
    : QWidget(parent)
    , m_requests(requests) {
    m_table = new QTableWidget(0, 9, this);
    m_table->setObjectName(QStringLiteral("healthTable"));
    m_table->setHorizontalHeaderLabels({tr("Business"), tr("Breaker"), tr("Failures in a row"),
                                        tr("Retry in (s)"), tr("Last error"), tr("Cache hit rate"),
                                        tr("Upstream p50 / p95 ms"), tr("Rate budget left"),
                                        tr("Times opened")});
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_reset = new QPushButton(tr("&Reset breaker"), this);
    m_reset->setToolTip(tr("Close the selected business's breaker now, e.g. after Cal.com "
                           "confirmed the outage is over. The next failure counts again."));
    m_reset->setEnabled(false);
    m_message = new QLabel(tr("Businesses on the built-in calendar do not appear here."), this);
    m_message->setWordWrap(true);
    connect(m_table, &QTableWidget::itemSelectionChanged, this,
            [this] { m_reset->setEnabled(m_table->currentRow() >= 0); });
    connect(m_reset, &QPushButton::clicked, this, [this] {
        const int row = m_table->currentRow();
        if (row >= 0 && row < m_rows.size())
            Q_EMIT m_requests->resetBreaker(m_rows[row].companyId);
    });
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_message, 1);
    buttons->addWidget(m_reset);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_table);
    layout->addLayout(buttons);
}

QString HealthPage::stateText(const QString &state) {
    if (state == QLatin1String("closed"))
        return tr("closed");
    if (state == QLatin1String("open"))
        return tr("open");
    if (state == QLatin1String("half_open"))
        return tr("half-open");
    return tr("not configured");
}

void HealthPage::show(const QList<CalcomHealthRow> &rows) {
    const int selected = m_table->currentRow();
    m_rows = rows;
    m_table->setRowCount(int(rows.size()));
    for (int r = 0; r < rows.size(); ++r) {
        const CalcomHealthRow &h = rows[r];
        const qint64 questions = h.cacheHits + h.cacheMisses;
        auto ms = [](double v) { return v < 0 ? QStringLiteral("–") : QString::number(v, 'f', 0); };
        const QStringList cells = {
            h.company,
            stateText(h.configured ? h.state : QString()),
            QString::number(h.consecutiveFailures),
            h.state == QLatin1String("open") ? QString::number(h.retryInS, 'f', 0) : QString(),
            h.lastError,
            questions ? QStringLiteral("%1 %").arg(100.0 * double(h.cacheHits) / double(questions),
                                                   0, 'f', 1)
                      : QStringLiteral("–"),
            ms(h.upstreamP50Ms) + QStringLiteral(" / ") + ms(h.upstreamP95Ms),
            QStringLiteral("%1 / %2").arg(h.budgetRemaining).arg(h.budgetLimit),
            QString::number(h.timesOpened)};
        for (int c = 0; c < cells.size(); ++c)
            setCellText(m_table, r, c, cells[c]);
        QTableWidgetItem *state = m_table->item(r, 1);
        const QColor color = h.state == QLatin1String("open")        ? alarmColor()
                             : h.state == QLatin1String("half_open") ? QColor(203, 120, 0)
                                                                     : QColor(40, 160, 70);
        state->setForeground(color);
        QFont bold = state->font();
        bold.setBold(h.state != QLatin1String("closed"));
        state->setFont(bold);
        state->setToolTip(h.state == QLatin1String("open")
                              ? tr("Cal.com is refused at once; bookings become callback "
                                   "requests until the next try.")
                              : QString());
    }
    if (selected >= 0 && selected < rows.size())
        m_table->selectRow(selected);
}

void HealthPage::showResetResult(bool, const QString &message) {
    m_message->setText(message);
}

} // namespace Callbook
