#include "tenantdirectory.h"

namespace Callbook {

void TenantDirectory::replace(QHash<qint64, TenantInfo> companies, QHash<QString, qint64> numbers,
                              QHash<QString, qint64> agents) {
    m_companies = std::move(companies);
    m_numbers = std::move(numbers);
    m_agents = std::move(agents);
}

std::optional<TenantInfo> TenantDirectory::byId(qint64 id) const {
    const auto it = m_companies.constFind(id);
    if (it == m_companies.cend())
        return std::nullopt;
    return *it;
}

std::optional<TenantInfo> TenantDirectory::byNumber(const QString &e164) const {
    const auto it = m_numbers.constFind(e164);
    return it == m_numbers.cend() ? std::nullopt : byId(*it);
}

std::optional<TenantInfo> TenantDirectory::byAgent(const QString &agentId) const {
    const auto it = m_agents.constFind(agentId);
    return it == m_agents.cend() ? std::nullopt : byId(*it);
}

std::optional<TenantInfo> TenantDirectory::resolve(const QString &ownNumber,
                                                   const QString &agentId) const {
    if (!ownNumber.isEmpty()) {
        if (auto t = byNumber(ownNumber))
            return t;
    }
    if (!agentId.isEmpty())
        return byAgent(agentId);
    return std::nullopt;
}

} // namespace Callbook
