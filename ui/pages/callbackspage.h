#pragma once

#include "serviceevents.h"

#include <QWidget>

class QTableView;
class QLineEdit;
class QPushButton;
class QLabel;
class QSpinBox;

namespace Callbook {

class CallbacksModel;

// The callback queue: who wants to be called back, why and when; mark one done with a note.
class CallbacksPage final : public QWidget {
    Q_OBJECT
public:
    CallbacksPage(CallbacksModel *model, ConsoleRequests *requests, QWidget *parent = nullptr);
    void updateSummary();

private:
    CallbacksModel *m_model;
    ConsoleRequests *m_requests;
    QTableView *m_view;
    QLineEdit *m_note;
    QPushButton *m_done;
    QLabel *m_summary;
    QSpinBox *m_overdue;
};

} // namespace Callbook
