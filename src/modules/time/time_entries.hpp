#pragma once
#include <string>
#include <vector>

#include "platform/http/router.hpp"
#include "platform/records/record_store.hpp"

namespace retainer::time {

records::Schema time_entry_schema();

/// Recomputes time_rollups from time_entries (after bulk loads such as the demo).
void rebuild_rollups(db::Connection& conn);

/// Minutes logged on services: who, which service (and task), date, duration, note, source.
class TimeModule {
  public:
    TimeModule(db::Database& db, records::Resource::Now now);
    void register_routes(http::Router& router);
    records::Resource& entries() { return entries_; }

  private:
    /// /api/v1/timer: the caller's own tracker, kept on the server until its time is saved or
    /// discarded (issue 9, item 2).
    void register_timer_routes(http::Router& router, const std::vector<std::string>& roles);

    db::Database& db_;
    records::Resource::Now now_;
    records::Resource entries_;
};

}  // namespace retainer::time
