#pragma once

#include "store/databasesettings.h"

#include <QJsonArray>
#include <QStringList>
#include <QVariantList>
#include <functional>
#include <optional>

namespace Callbook {

// A report as rows of plain values, printable as a table or as JSON.
struct AdminTable {
    QStringList columns;
    QList<QVariantList> rows;

    QString toText() const;    // aligned columns, one line per row
    QJsonArray toJson() const; // one object per row
};

class StoreSession;
struct TenantInfo;

// Runs `perCompany` for every business (in slug order, each in a transaction scoped to it, so
// row-level security applies) and collects the rows it appends. Blocking.
std::optional<AdminTable> acrossCompanies(
    const DatabaseSettings &settings, const QStringList &columns,
    const std::function<void(StoreSession &, const TenantInfo &, AdminTable &)> &perCompany,
    QString *error);

// The everyday troubleshooting reports of `callbook calls|session|stats|callbacks`, read from
// the configured database one business at a time (row-level security applies). Blocking:
// command-line use only. Personal data (numbers, names) is masked.
class AdminReports {
public:
    explicit AdminReports(DatabaseSettings settings)
        : m_settings(std::move(settings)) {}

    std::optional<AdminTable> latestCalls(int limit, QString *error);
    std::optional<AdminTable> session(const QString &callId, QString *error);
    std::optional<AdminTable> dailyStats(int days, QString *error);
    std::optional<AdminTable> functionStats(int days, QString *error);
    std::optional<AdminTable> callbacks(bool openOnly, QString *error);

private:
    DatabaseSettings m_settings;
};

} // namespace Callbook
