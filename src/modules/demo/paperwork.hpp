#pragma once
#include <cstdint>

#include "core/date.hpp"
#include "platform/db/database.hpp"

namespace retainer::demo {

struct PaperworkSummary {
    std::int64_t price_items = 0, briefs = 0, estimates = 0, documents = 0, views = 0, comments = 0,
                 applications = 0, notifications = 0, tasks = 0;
};

/// The sales paperwork of the demo deals (docs/demo.md, "Paperwork"): the agency's requisites, a
/// price list, briefs for deals that reached the brief stage (filled once they moved on; some
/// just returned, some half-filled), estimates for deals that reached the estimate, proposals
/// made from them (shared, viewed, accepted once the deal reached the contract), contracts and
/// first invoices, deal comments, the site applications behind site deals and sales@'s
/// notifications. Every figure comes from the same functions the API uses. Runs inside the
/// demo's transaction, after the deals and their stage history exist.
PaperworkSummary fill_paperwork(db::Connection& conn, std::uint64_t seed, Instant now);

}  // namespace retainer::demo
