#pragma once

#include "serviceevents.h"

#include <QMainWindow>

class QTableWidget;
class QLabel;

namespace Callbook {

// The operations console. For now: the live feed of call events.
class MainWindow final : public QMainWindow {
    Q_OBJECT
public:
    MainWindow(ServiceEvents *events, quint16 port, QWidget *parent = nullptr);

private:
    void addActivity(const CallActivity &activity);
    QTableWidget *m_calls = nullptr;
    QLabel *m_status = nullptr;
};

} // namespace Callbook
