#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "platform/db/database.hpp"
#include "platform/http/router.hpp"

/// Row-level read rules of the agency, as SQL predicates over a table alias. One place, so the
/// access matrix (docs/access.md) can be checked against it. "" means every row.
namespace retainer::access {

/// The columns of a user's row that the row scopes below read from the caller: given to the
/// authenticator (auth::Accounts) so it loads them with the user, in the same query.
inline const std::vector<std::string> kScopeColumns = {"group_id", "client_id"};
/// The caller's group (a head's team), if any.
inline std::optional<std::int64_t> group_of(const http::Caller& c) {
    return c.scope_value("group_id");
}
/// The company a client-portal user belongs to.
inline std::optional<std::int64_t> client_of(const http::Caller& c) {
    return c.scope_value("client_id");
}
/// Sets them on a caller built in code (tests, tools).
inline void set_scope(http::Caller& c, std::optional<std::int64_t> group,
                      std::optional<std::int64_t> client) {
    c.scope.clear();
    if (group) c.scope["group_id"] = *group;
    if (client) c.scope["client_id"] = *client;
}

/// Clients: owner/accountant/sales/lead generator/quality all; head — clients of their group;
/// manager — clients they manage or serve; specialist — clients of services they work on;
/// portal client — their own company.
std::string client_scope(db::Params& p, const http::Caller& c, const std::string& alias);

/// Services: owner/accountant all; head — services whose specialist or manager is in their group or
/// whose client is managed by their group; manager — services they manage or of their clients;
/// specialist — services they are assigned to or logged time on; portal client — their company's.
std::string service_scope(db::Params& p, const http::Caller& c, const std::string& alias);

/// Time entries: those of services the caller can see (portal clients see none).
std::string time_entry_scope(db::Params& p, const http::Caller& c, const std::string& alias);

/// Deals: owner, head and the sales roles (sales, lead generator, quality) all; manager — deals
/// they own or of clients in their client scope; others none.
std::string deal_scope(db::Params& p, const http::Caller& c, const std::string& alias);

/// Roles whose access to money detail (cost rates, labour cost) is allowed.
bool sees_costs(const http::Caller& c);

/// Field audiences (records::Field::only_for): cost rates, labour cost and margins; and what is
/// internal to the agency (notes, sources, tags), which portal clients never see.
inline const std::string kCostsAudience = "costs";
inline const std::string kStaffAudience = "staff";
/// Whether the caller belongs to `audience` (unknown audiences admit nobody).
bool sees(const http::Caller& c, const std::string& audience);

}  // namespace retainer::access
