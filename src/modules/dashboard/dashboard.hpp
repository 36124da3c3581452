#pragma once
#include <boost/json.hpp>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <string>

#include "platform/db/database.hpp"
#include "platform/http/router.hpp"
#include "platform/records/record_store.hpp"

namespace retainer::dashboard {

/// A built dashboard body, with its gzip made once on first demand.
class Payload {
  public:
    explicit Payload(std::string body) : body_(std::move(body)) {}
    const std::string& body() const { return body_; }
    /// The gzip of the body, or nullptr if compression failed.
    const std::string* gzipped() const;
    /// The body's ETag, hashed once per payload rather than once per request.
    const std::string& etag() const;

  private:
    std::string body_;
    mutable std::once_flag etag_once_;
    mutable std::string etag_;
    mutable std::once_flag gz_once_;
    mutable std::string gz_;
    mutable bool gz_ok_ = false;
};

/// Recently built payloads by (caller scope, period, day), each valid only while the data
/// generation it was built at is current. The generation is the newest audit entry id: every
/// change to the records the dashboard reads writes one in its own transaction, on every server
/// sharing the database, so a stale payload is never served.
class PayloadCache {
  public:
    std::shared_ptr<const Payload> find(const std::string& key, std::int64_t generation);
    void store(const std::string& key, std::int64_t generation,
               std::shared_ptr<const Payload> payload);

  private:
    struct Entry {
        std::int64_t generation = 0;
        std::shared_ptr<const Payload> payload;
        std::uint64_t used = 0;
    };
    static constexpr std::size_t kMaxEntries = 32;
    std::mutex mutex_;
    std::map<std::string, Entry> entries_;
    std::uint64_t clock_ = 0;
};

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
