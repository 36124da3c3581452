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

  private:
    db::Database& db_;
    records::Resource::Now now_;
};

/// The agency's UTC offset in minutes (settings.timezone_offset_minutes; Moscow +180 by default).
int agency_utc_offset(db::Connection& conn);

}  // namespace retainer::dashboard
