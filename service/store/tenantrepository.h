#pragma once

#include "tenants/companyconfig.h"
#include "tenants/tenantdirectory.h"

namespace Callbook {

class StoreSession;

// Company configuration in the database. Runs inside store tasks.
namespace TenantRepository {

// Inserts or updates every company of a configuration (by slug). Numbers, agents, hours and
// closures are replaced; services are upserted by name and the ones no longer listed are
// deactivated (appointments keep pointing at them). Needs the owner connection (no tenant).
void upsert(StoreSession &session, const QList<CompanyConfig> &companies, qint64 nowMs);

// The routing table. Works for the non-owner service role too (PostgreSQL: through the
// security-definer function callbook_routing()).
struct Routing {
    QHash<qint64, TenantInfo> companies;
    QHash<QString, qint64> numbers;
    QHash<QString, qint64> agents;
};
Routing loadRouting(StoreSession &session);

} // namespace TenantRepository
} // namespace Callbook
