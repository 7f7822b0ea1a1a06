#pragma once

#include <QByteArrayList>

namespace Callbook {

// The Retell API key(s) that sign webhooks (more than one during a key rotation).
// Held in memory only; resolved from the secret store at start.
struct RetellKeys {
    QByteArrayList keys;
    bool isEmpty() const { return keys.isEmpty(); }
};

} // namespace Callbook
