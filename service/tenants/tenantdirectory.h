#pragma once

#include <QHash>
#include <QString>
#include <QTimeZone>
#include <optional>

namespace Callbook {

// What the front needs to route a request to a business without a database round trip.
struct TenantInfo {
    qint64 id = 0;
    QString slug;
    QString name;
    QTimeZone timezone;
    QString locale;
    double pricePerMinuteEur = 0;
};

// In-memory routing table: phone number / Retell agent → business. Owned and read by the
// service thread; replaced as a whole when the configuration changes.
class TenantDirectory {
public:
    void replace(QHash<qint64, TenantInfo> companies, QHash<QString, qint64> numbers,
                 QHash<QString, qint64> agents);

    std::optional<TenantInfo> byId(qint64 id) const;
    std::optional<TenantInfo> byNumber(const QString &e164) const;
    std::optional<TenantInfo> byAgent(const QString &agentId) const;
    // Inbound calls are routed by the dialled number, outbound by the calling line;
    // the agent id is the fallback.
    std::optional<TenantInfo> resolve(const QString &ownNumber, const QString &agentId) const;

    int size() const { return int(m_companies.size()); }
    QList<TenantInfo> all() const { return m_companies.values(); }

private:
    QHash<qint64, TenantInfo> m_companies;
    QHash<QString, qint64> m_numbers;
    QHash<QString, qint64> m_agents;
};

} // namespace Callbook
