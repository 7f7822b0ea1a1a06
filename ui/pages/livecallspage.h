#pragma once

#include "serviceevents.h"

#include <QWidget>

class QTableView;
class QTreeWidget;
class QPlainTextEdit;
class QLabel;
class QTimer;

namespace Callbook {

class LiveCallsModel;

// Live calls on top; the selected call's timeline (events and function calls with latency,
// outcome, masked args and results), summary and transcript below.
class LiveCallsPage final : public QWidget {
    Q_OBJECT
public:
    LiveCallsPage(LiveCallsModel *model, ConsoleRequests *requests, QWidget *parent = nullptr);

    void showTimeline(const CallTimeline &timeline);
    void noteActivity(const QString &callId); // the selected call changed: read it again soon
    QTableView *view() const { return m_view; }

private:
    void selectionChanged();

    LiveCallsModel *m_model;
    ConsoleRequests *m_requests;
    QTableView *m_view;
    QTreeWidget *m_timeline;
    QPlainTextEdit *m_summary;
    QLabel *m_heading;
    QTimer *m_refresh;
    QString m_selectedCall;
    qint64 m_selectedCompany = 0;
};

} // namespace Callbook
