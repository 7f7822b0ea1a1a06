#include "callbackspage.h"

#include "models/callbacksmodel.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QSpinBox>
#include <QTableView>
#include <QVBoxLayout>

namespace Callbook {

CallbacksPage::CallbacksPage(CallbacksModel *model, ConsoleRequests *requests, QWidget *parent)
    : QWidget(parent)
    , m_model(model)
    , m_requests(requests) {
    m_view = new QTableView(this);
    m_view->setObjectName(QStringLiteral("callbacks"));
    m_view->setModel(model);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->verticalHeader()->hide();
    m_view->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_view->horizontalHeader()->setStretchLastSection(true);
    m_summary = new QLabel(this);
    m_overdue = new QSpinBox(this);
    m_overdue->setRange(5, 7 * 24 * 60);
    m_overdue->setSuffix(tr(" min"));
    m_overdue->setValue(QSettings().value(QStringLiteral("ui/callbackOverdueMin"), 120).toInt());
    m_overdue->setToolTip(tr("Open requests older than this are highlighted as overdue."));
    model->setOverdueAfterMinutes(m_overdue->value());
    connect(m_overdue, &QSpinBox::valueChanged, this, [this](int v) {
        QSettings().setValue(QStringLiteral("ui/callbackOverdueMin"), v);
        m_model->setOverdueAfterMinutes(v);
        updateSummary();
    });
    m_note = new QLineEdit(this);
    m_note->setPlaceholderText(tr("Note, e.g. \"called back, booked for Friday\""));
    m_done = new QPushButton(tr("Mark &done"), this);
    m_done->setToolTip(tr("Mark the selected request as done, with the note."));
    m_done->setEnabled(false);
    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this, [this] {
        const QModelIndexList rows = m_view->selectionModel()->selectedRows();
        const CallbackItem *c = rows.isEmpty() ? nullptr : m_model->item(rows.first().row());
        m_done->setEnabled(c && c->status == QLatin1String("open"));
    });
    auto markDone = [this] {
        const QModelIndexList rows = m_view->selectionModel()->selectedRows();
        const CallbackItem *c = rows.isEmpty() ? nullptr : m_model->item(rows.first().row());
        if (!c || c->status != QLatin1String("open"))
            return;
        Q_EMIT m_requests->markCallbackDone(c->companyId, c->id, m_note->text().trimmed());
        m_note->clear();
        m_done->setEnabled(false);
    };
    connect(m_done, &QPushButton::clicked, this, markDone);
    connect(m_note, &QLineEdit::returnPressed, this, markDone);
    connect(model, &QAbstractItemModel::modelReset, this, &CallbacksPage::updateSummary);

    auto *top = new QHBoxLayout;
    top->addWidget(m_summary, 1);
    auto *overdueLabel = new QLabel(tr("&Overdue after:"), this);
    overdueLabel->setBuddy(m_overdue);
    top->addWidget(overdueLabel);
    top->addWidget(m_overdue);
    auto *bottom = new QHBoxLayout;
    auto *noteLabel = new QLabel(tr("&Note:"), this);
    noteLabel->setBuddy(m_note);
    bottom->addWidget(noteLabel);
    bottom->addWidget(m_note, 1);
    bottom->addWidget(m_done);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(m_view);
    layout->addLayout(bottom);
    setTabOrder(m_view, m_note);
    setTabOrder(m_note, m_done);
    updateSummary();
}

void CallbacksPage::updateSummary() {
    m_summary->setText(
        tr("%1 open, %2 overdue").arg(m_model->openCount()).arg(m_model->overdueCount()));
}

} // namespace Callbook
