#include "livecallspage.h"

#include "models/livecallsmodel.h"

#include <QDateTime>
#include <QHeaderView>
#include <QLabel>
#include <QPlainTextEdit>
#include <QSplitter>
#include <QTableView>
#include <QTimer>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace Callbook {

LiveCallsPage::LiveCallsPage(LiveCallsModel *model, ConsoleRequests *requests, QWidget *parent)
    : QWidget(parent)
    , m_model(model)
    , m_requests(requests) {
    m_view = new QTableView(this);
    m_view->setObjectName(QStringLiteral("liveCalls"));
    m_view->setModel(model);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setAlternatingRowColors(true);
    m_view->verticalHeader()->hide();
    m_view->horizontalHeader()->setStretchLastSection(true);
    // Fixed widths: sizing columns to their contents re-measures every row on every change,
    // which under hundreds of events a second would stall the window.
    m_view->horizontalHeader()->setSectionResizeMode(QHeaderView::Interactive);
    const int em = fontMetrics().horizontalAdvance(QLatin1Char('M'));
    const int widths[] = {7, 18, 12, 6, 10, 7, 6};
    for (int c = 0; c < LiveCallsModel::ColumnCount; ++c)
        m_view->setColumnWidth(c, widths[c] * em);
    m_view->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_view->verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 6);
    m_view->setToolTip(tr("Calls in progress (bold) and recent calls. Select one to see its "
                          "timeline."));

    m_heading = new QLabel(tr("Select a call to see its timeline."), this);
    m_heading->setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Fixed);
    m_timeline = new QTreeWidget(this);
    m_timeline->setObjectName(QStringLiteral("timeline"));
    m_timeline->setRootIsDecorated(false);
    m_timeline->setAlternatingRowColors(true);
    m_timeline->setHeaderLabels({tr("Time"), tr("Kind"), tr("Name"), tr("Outcome"),
                                 tr("Latency (ms)"), tr("Arguments"), tr("Result")});
    m_timeline->header()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_summary = new QPlainTextEdit(this);
    m_summary->setReadOnly(true);
    m_summary->setPlaceholderText(tr("Summary and transcript appear once the call is analysed."));

    auto *details = new QSplitter(Qt::Horizontal, this);
    details->addWidget(m_timeline);
    details->addWidget(m_summary);
    details->setStretchFactor(0, 3);
    details->setStretchFactor(1, 2);
    auto *lower = new QWidget(this);
    auto *lowerLayout = new QVBoxLayout(lower);
    lowerLayout->setContentsMargins(0, 0, 0, 0);
    lowerLayout->addWidget(m_heading);
    lowerLayout->addWidget(details);
    auto *split = new QSplitter(Qt::Vertical, this);
    split->addWidget(m_view);
    split->addWidget(lower);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 2);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(split);

    // Function calls are written in batches shortly after the answer: read again a bit later.
    m_refresh = new QTimer(this);
    m_refresh->setSingleShot(true);
    m_refresh->setInterval(400);
    connect(m_refresh, &QTimer::timeout, this, [this] {
        if (!m_selectedCall.isEmpty())
            Q_EMIT m_requests->timeline(m_selectedCompany, m_selectedCall);
    });
    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &LiveCallsPage::selectionChanged);
    setTabOrder(m_view, m_timeline);
    setTabOrder(m_timeline, m_summary);
}

void LiveCallsPage::selectionChanged() {
    const QModelIndexList rows = m_view->selectionModel()->selectedRows();
    if (rows.isEmpty())
        return;
    m_selectedCall = rows.first().data(LiveCallsModel::CallIdRole).toString();
    m_selectedCompany = rows.first().data(LiveCallsModel::CompanyIdRole).toLongLong();
    m_heading->setText(tr("Timeline of call %1").arg(m_selectedCall));
    m_timeline->clear();
    m_summary->clear();
    Q_EMIT m_requests->timeline(m_selectedCompany, m_selectedCall);
}

void LiveCallsPage::noteActivity(const QString &callId) {
    if (callId == m_selectedCall && !m_refresh->isActive())
        m_refresh->start();
}

void LiveCallsPage::showTimeline(const CallTimeline &t) {
    if (t.callId != m_selectedCall)
        return;
    m_timeline->clear();
    if (!t.error.isEmpty()) {
        m_heading->setText(tr("Timeline of call %1 could not be read: %2").arg(t.callId, t.error));
        return;
    }
    for (const TimelineEntry &e : t.entries) {
        auto *item = new QTreeWidgetItem(m_timeline);
        item->setText(
            0, QDateTime::fromMSecsSinceEpoch(e.atMs).toString(QStringLiteral("HH:mm:ss.zzz")));
        item->setText(1, e.kind == QLatin1String("event") ? tr("Event") : tr("Function"));
        item->setText(2, e.name);
        item->setText(3, e.outcome);
        if (e.durationMs >= 0) {
            item->setText(4, QString::number(e.durationMs, 'f', 2));
            item->setTextAlignment(4, Qt::AlignRight | Qt::AlignVCenter);
        }
        item->setText(5, e.args);
        item->setToolTip(5, e.args);
        item->setText(6, e.result);
        item->setToolTip(6, e.result);
    }
    QString text;
    if (!t.summary.isEmpty())
        text += tr("Summary") + QStringLiteral(":\n") + t.summary + QStringLiteral("\n\n");
    if (!t.transcript.isEmpty())
        text += tr("Transcript") + QStringLiteral(":\n") + t.transcript;
    m_summary->setPlainText(text);
}

} // namespace Callbook
