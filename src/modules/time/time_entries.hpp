#pragma once
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
    records::Resource entries_;
};

}  // namespace retainer::time
