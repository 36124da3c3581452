#pragma once
#include "platform/db/database.hpp"
#include "platform/http/router.hpp"
#include "platform/records/record_store.hpp"

namespace retainer::dashboard {

/// GET /api/v1/dashboard: plan vs fact of every service the caller may see, in one response
/// (docs/dashboard.md). Reads monthly rollups, never raw time entries.
class DashboardModule {
  public:
    DashboardModule(db::Database& db, records::Resource::Now now) : db_(db), now_(std::move(now)) {}
    void register_routes(http::Router& router);

    /// The payload for `period` ("" = the current month in the agency's time zone); `timing`, when
    /// given, receives a Server-Timing value (database, computation, JSON in milliseconds).
    std::string build(const http::Caller& caller, const std::string& period,
                      std::string* timing = nullptr);

    /// Plan vs fact of one service for `months` months ending with `to` (default: this month).
    std::string service_history(const http::Caller& caller, std::int64_t service_id,
                                const std::string& to, int months);
    /// One employee's load in a period: the services they are assigned to or logged time on.
    std::string employee_load(const http::Caller& caller, std::int64_t employee_id,
                              const std::string& period);

  private:
    db::Database& db_;
    records::Resource::Now now_;
};

/// The agency's UTC offset in minutes (settings.timezone_offset_minutes; Moscow +180 by default).
int agency_utc_offset(db::Connection& conn);

}  // namespace retainer::dashboard
