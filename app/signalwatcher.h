#pragma once

#include <QObject>

class QSocketNotifier;

namespace Callbook {

// Turns SIGTERM and SIGINT into a Qt signal on the main thread (self-pipe: a signal handler
// may only write to a file descriptor).
class SignalWatcher final : public QObject {
    Q_OBJECT
public:
    explicit SignalWatcher(QObject *parent = nullptr);
    ~SignalWatcher() override;

Q_SIGNALS:
    void terminationRequested(int signal);

private:
    void readSignal();
    QSocketNotifier *m_notifier = nullptr;
};

} // namespace Callbook
