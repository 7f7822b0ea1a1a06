#pragma once

#include <QtGlobal>

namespace Callbook {

struct HttpLimits {
    qint64 maxBodyBytes = 1 << 20;
    int maxHeaderBytes = 8192;
    int idleTimeoutMs = 15000;    // a keep-alive connection with nothing to do
    int requestTimeoutMs = 30000; // a request that started but never completes (slowloris)
};

} // namespace Callbook
