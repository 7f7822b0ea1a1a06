#pragma once

#include <QHash>
#include <QString>
#include <optional>

namespace Callbook {

// Which business each recent call belongs to, as learned from its webhooks and function calls.
// Lets a function call that carries only a call id (args at root) find its business without a
// database round trip, and tells when a call is new. Bounded: the oldest half is dropped when
// full.
class CallRegistry {
public:
    explicit CallRegistry(int capacity = 200000)
        : m_capacity(capacity) {}

    std::optional<qint64> companyOf(const QString &callId) const {
        const auto it = m_calls.constFind(callId);
        return it == m_calls.constEnd() ? std::nullopt : std::optional<qint64>(it->companyId);
    }
    // True when the call was not known yet.
    bool remember(const QString &callId, qint64 companyId) {
        auto it = m_calls.find(callId);
        if (it != m_calls.end())
            return false;
        if (m_calls.size() >= m_capacity) {
            const quint64 cut = m_serial - quint64(m_capacity) / 2;
            m_calls.removeIf([&](const auto &e) { return e.value().serial < cut; });
        }
        m_calls.insert(callId, {companyId, m_serial++});
        return true;
    }

private:
    struct Entry {
        qint64 companyId;
        quint64 serial;
    };
    int m_capacity;
    quint64 m_serial = 0;
    QHash<QString, Entry> m_calls;
};

} // namespace Callbook
