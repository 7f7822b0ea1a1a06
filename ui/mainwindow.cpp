#include "mainwindow.h"

#include <QDateTime>
#include <QHeaderView>
#include <QLabel>
#include <QStatusBar>
#include <QTableWidget>

namespace Callbook {

MainWindow::MainWindow(ServiceEvents *events, quint16 port, QWidget *parent)
    : QMainWindow(parent) {
    setWindowTitle(tr("Callbook"));
    m_calls = new QTableWidget(0, 5, this);
    m_calls->setHorizontalHeaderLabels(
        {tr("Time"), tr("Business"), tr("Caller"), tr("Event"), tr("Status")});
    m_calls->horizontalHeader()->setStretchLastSection(true);
    m_calls->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_calls->setSelectionBehavior(QAbstractItemView::SelectRows);
    setCentralWidget(m_calls);
    m_status = new QLabel(tr("Listening on port %1").arg(port), this);
    statusBar()->addWidget(m_status);
    connect(events, &ServiceEvents::callEventStored, this, &MainWindow::addActivity);
    connect(events, &ServiceEvents::databaseAvailabilityChanged, this, [this, port](bool up) {
        m_status->setText(up ? tr("Listening on port %1").arg(port) : tr("Database unavailable"));
    });
    resize(900, 560);
}

void MainWindow::addActivity(const CallActivity &a) {
    m_calls->insertRow(0);
    const QStringList cells = {
        QDateTime::fromMSecsSinceEpoch(a.atMs).toString(QStringLiteral("HH:mm:ss")), a.companyName,
        a.callerMasked, a.event, a.status};
    for (int c = 0; c < cells.size(); ++c)
        m_calls->setItem(0, c, new QTableWidgetItem(cells[c]));
    if (m_calls->rowCount() > 500)
        m_calls->removeRow(m_calls->rowCount() - 1);
}

} // namespace Callbook
