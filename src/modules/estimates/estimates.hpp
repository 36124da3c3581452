#pragma once
#include <string>

#include "modules/sales/deals.hpp"
#include "platform/http/router.hpp"
#include "platform/records/record_store.hpp"

namespace retainer::estimates {

records::Schema price_item_schema();
records::Schema estimate_schema();

/// The tax mode, VAT rate and hour cost an estimate made now would snapshot (settings).
struct Snapshot {
    std::string tax_mode;
    int vat_rate_percent = 0;
    std::int64_t cost_rate_kopecks = 0;
};
Snapshot current_snapshot(db::Connection& conn, Instant now);

/// Issue 4, item 4: the price list and estimates ("calculator") with VAT per the agency's tax
/// mode, revisions, and one call that turns an estimate into a proposal (docs/paperwork.md).
class EstimatesModule {
  public:
    EstimatesModule(db::Database& db, records::Resource::Now now, records::Resource& documents,
                    sales::Deals& deals);
    void register_routes(http::Router& router);
    records::Resource& price_items() { return price_items_; }
    records::Resource& estimates() { return estimates_; }

  private:
    db::Database& db_;
    sales::Deals& deals_;
    records::Resource::Now now_;
    records::Resource& documents_;
    records::Resource price_items_;
    records::Resource estimates_;
};

}  // namespace retainer::estimates
