#pragma once
#include "platform/http/router.hpp"
#include "platform/records/record_store.hpp"

namespace retainer::sales {

/// GET /api/v1/sales/today (a manager's reminders) and GET /api/v1/sales/analytics (the funnel),
/// docs/paperwork.md.
void register_insights(http::Router& router, db::Database& db, records::Resource::Now now);

}  // namespace retainer::sales
