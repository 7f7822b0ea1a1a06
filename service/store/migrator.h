#pragma once

#include "storesession.h"

namespace Callbook {

// Brings a database to the newest schema version. Safe to run concurrently from several
// instances (PostgreSQL: advisory lock) and any number of times.
class Migrator {
public:
    // appRole: the PostgreSQL role the service runs as (it gets data rights only, and
    // row-level security applies to it). Empty for SQLite or a single-role set-up.
    Migrator(StoreSession &session, QString appRole);

    int currentVersion();
    static int latestVersion();
    // Runs inside the caller's transaction (a store task), so a failed step leaves nothing
    // behind. Returns the number of migrations applied; throws StoreError. upTo stops at an
    // older version (tests of an upgrade).
    int migrate(int upTo = latestVersion());

private:
    QString expand(const QString &sql) const;
    void ensureRowLevelSecurity();
    void grantServiceRole();

    StoreSession &m_session;
    QString m_appRole;
};

} // namespace Callbook
