#pragma once
#include <functional>
#include <string>

#include "core/i18n.hpp"
#include "platform/db/database.hpp"
#include "platform/http/router.hpp"

namespace retainer::agency {

/// GET/PATCH /api/v1/agency-settings: the agency's name, requisites, tax mode, estimate hour cost,
/// proposal follow-up days and time zone (docs/paperwork.md, "Agency settings").
void register_routes(http::Router& router, db::Database& db, std::function<std::string()> now);

/// The language of what the agency's customers read (secret-link pages, e-mails to them).
i18n::Lang language(db::Connection& conn);

}  // namespace retainer::agency
