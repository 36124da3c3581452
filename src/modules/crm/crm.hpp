#pragma once
#include "platform/http/router.hpp"
#include "platform/records/record_store.hpp"

namespace retainer::crm {

records::Schema recommendation_schema();
records::Schema call_schema();

/// What the account side does with a client between reports: recommendations sent for approval
/// and phone calls (with a CSV import from telephony exports, docs/calls-import.md).
/// Recomputes clients.last_contact_on (the last answered call) of the given clients, or of all
/// clients when `client_ids` is empty (after bulk loads such as the demo).
void refresh_last_contact(db::Connection& conn, const std::vector<std::int64_t>& client_ids);

class CrmModule {
  public:
    CrmModule(db::Database& db, records::Resource::Now now);
    void register_routes(http::Router& router);
    records::Resource& recommendations() { return recommendations_; }
    records::Resource& calls() { return calls_; }

    struct ImportResult {
        std::int64_t imported = 0;
        std::int64_t skipped_duplicates = 0;
    };
    /// Validates every row first; writes all of them in one transaction or nothing.
    ImportResult import_calls(const http::Caller& caller, std::string_view csv_text,
                              const std::string& request_id);

  private:
    db::Database& db_;
    records::Resource::Now now_;
    records::Resource recommendations_;
    records::Resource calls_;
};

}  // namespace retainer::crm
