#pragma once
#include <vector>

#include "modules/reports/time_report.hpp"
#include "platform/db/database.hpp"
#include "platform/http/router.hpp"

namespace retainer::reports {

/// What the database answers for a report: sums grouped by the row keys and the column, and the
/// display names of every key that occurs.
struct TimeReportData {
    std::vector<Aggregate> aggregates;
    std::vector<Names> names;  // one map per row dimension
};

/// Sums the time entries of the report's range, filters and the caller's row scope
/// (access::time_entry_scope) in one grouped query, then reads names with one query per
/// dimension.
TimeReportData load_time_report(db::Connection& conn, const http::Caller& caller,
                                const ReportSpec& spec);

}  // namespace retainer::reports
