#pragma once
#include <cstdint>

#include "platform/db/database.hpp"
#include "platform/http/router.hpp"

/// Checks of the records a write refers to, shared by the modules. Both answer 400 with the field
/// named, never revealing whether a record outside the caller's scope exists.
namespace retainer::access {

/// The client exists and is within the caller's client scope.
void require_visible_client(db::Connection& conn, const http::Caller& caller,
                            std::int64_t client_id, const char* field = "client_id");

/// The deal exists and is within the caller's deal scope.
void require_visible_deal(db::Connection& conn, const http::Caller& caller, std::int64_t deal_id,
                          const char* field = "deal_id");

/// Rows that belong to a deal (`alias.deal_id`) and are visible with it ("" = every row).
std::string via_deal_scope(db::Params& p, const http::Caller& c, const std::string& alias);

/// The user exists, is not archived and is agency staff (not a portal client).
void require_employee(db::Connection& conn, std::int64_t user_id, const char* field);

}  // namespace retainer::access
