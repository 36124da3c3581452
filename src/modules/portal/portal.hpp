#pragma once
#include "platform/db/database.hpp"
#include "platform/http/router.hpp"

/// What a client's own people see of the agency (issue 9, item 13; the portal of issue 14 grows
/// from here): their services, the people who work on them, and the recommendations sent to them —
/// nothing internal (notes, sources, tags, rates, drafts).
namespace retainer::portal {

/// GET /api/v1/portal (role client).
void register_routes(http::Router& router, db::Database& db);

}  // namespace retainer::portal
