#pragma once
#include <boost/json.hpp>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <string>

#include "modules/dashboard/cache.hpp"
#include "platform/db/database.hpp"
#include "platform/http/router.hpp"
#include "platform/records/record_store.hpp"

namespace retainer::dashboard {

/// GET /api/v1/dashboard: plan vs fact of every service the caller may see, in one response
/// (docs/dashboard.md). A read model: it owns no table and reads the owners' tables (clients,
/// services, time rollups, recommendations, calls, users) — store.hpp the reads, compute.hpp the
/// rules, payload_json.hpp the answer, cache.hpp the built payloads.
class DashboardModule {
  public:
    DashboardModule(db::Database& db, records::Resource::Now now) : db_(db), now_(std::move(now)) {}
    void register_routes(http::Router& router);

    /// The payload for `period` ("" = the current month in the agency's time zone); `timing`, when
    /// given, receives a Server-Timing value (database, computation, JSON in milliseconds).
    std::string build(const http::Caller& caller, const std::string& period,
                      std::string* timing = nullptr);
    /// `build` through the cache: the same caller scope, period and day at the same data
    /// generation get the payload already built.
    std::shared_ptr<const Payload> payload(const http::Caller& caller, const std::string& period,
                                           std::string* timing = nullptr);

    /// Plan vs fact of one service for `months` months ending with `to` (default: this month).
    std::string service_history(const http::Caller& caller, std::int64_t service_id,
                                const std::string& to, int months);
    /// What `owner` (an account manager) should do today among the clients they manage that the
    /// caller may see: overdue recommendations, missed calls to return, silent clients, services
    /// heading for red (GET /api/v1/accounts/today).
    boost::json::object accounts_today(const http::Caller& caller, std::int64_t owner);
    /// One employee's load in a period: the services they are assigned to or logged time on.
    std::string employee_load(const http::Caller& caller, std::int64_t employee_id,
                              const std::string& period);

  private:
    db::Database& db_;
    records::Resource::Now now_;
    PayloadCache cache_;
};

}  // namespace retainer::dashboard
