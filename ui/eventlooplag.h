#pragma once

#include <QElapsedTimer>
#include <QObject>
#include <QTimer>
#include <vector>

namespace Callbook {

// How late the thread's event loop runs a timer that should fire every `intervalMs`: the
// delay a click or a repaint would wait. Samples are kept for percentiles.
class EventLoopLag final : public QObject {
    Q_OBJECT
public:
    explicit EventLoopLag(int intervalMs = 20, QObject *parent = nullptr);

    void reset();
    double percentileMs(double p) const;
    double maxMs() const;
    qsizetype samples() const { return qsizetype(m_lagUs.size()); }

private:
    void tick();

    int m_intervalMs;
    QTimer m_timer;
    QElapsedTimer m_clock;
    qint64 m_lastUs = -1;
    std::vector<qint64> m_lagUs;
};

} // namespace Callbook
