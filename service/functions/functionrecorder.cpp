#include "functionrecorder.h"

#include "core/logging.h"
#include "store/store.h"

#include <QDateTime>

namespace Callbook {

FunctionRecorder::FunctionRecorder(Store &store, int delayMs, int batchSize, QObject *parent)
    : QObject(parent)
    , m_store(store)
    , m_batchSize(batchSize) {
    m_timer.setSingleShot(true);
    m_timer.setInterval(delayMs);
    connect(&m_timer, &QTimer::timeout, this, &FunctionRecorder::flush);
}

void FunctionRecorder::add(qint64 companyId, FunctionData::FunctionCallRecord record) {
    m_pending[companyId].append(std::move(record));
    if (++m_waiting >= m_batchSize)
        flush();
    else if (!m_timer.isActive())
        m_timer.start();
}

void FunctionRecorder::flush() {
    m_timer.stop();
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    for (auto it = m_pending.begin(); it != m_pending.end(); ++it) {
        const qint64 companyId = it.key();
        const QList<FunctionData::FunctionCallRecord> batch = std::move(it.value());
        m_store.submit(
            companyId,
            [=](StoreSession &s) {
                FunctionData::recordFunctionCalls(s, companyId, batch, now);
                return QVariant();
            },
            this,
            [n = batch.size()](const StoreResult &r) {
                if (!r.ok())
                    qCWarning(lcRetell).noquote()
                        << n << "function call records not written:" << r.error;
            });
    }
    m_pending.clear();
    m_waiting = 0;
}

} // namespace Callbook
