#pragma once
#include <functional>
#include <string>

#include "platform/db/database.hpp"
#include "platform/http/router.hpp"

namespace retainer::agency {

/// GET/PATCH /api/v1/agency-settings: the agency's name, requisites, tax mode, estimate hour cost,
/// proposal follow-up days and time zone (docs/paperwork.md, "Agency settings").
void register_routes(http::Router& router, db::Database& db, std::function<std::string()> now);

}  // namespace retainer::agency
