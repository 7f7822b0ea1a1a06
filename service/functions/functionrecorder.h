#pragma once

#include "functiondata.h"

#include <QHash>
#include <QObject>
#include <QTimer>

namespace Callbook {

class Store;

// Records function calls (name, masked args, outcome, timing) without delaying answers:
// records are gathered on the service thread and written in batches, at most `delayMs` later
// or as soon as `batchSize` are waiting. flush() writes whatever is waiting (shutdown).
class FunctionRecorder final : public QObject {
    Q_OBJECT
public:
    FunctionRecorder(Store &store, int delayMs = 50, int batchSize = 500,
                     QObject *parent = nullptr);

    void add(qint64 companyId, FunctionData::FunctionCallRecord record);
    void flush();

private:
    Store &m_store;
    int m_batchSize;
    int m_waiting = 0;
    QTimer m_timer;
    QHash<qint64, QList<FunctionData::FunctionCallRecord>> m_pending;
};

} // namespace Callbook
