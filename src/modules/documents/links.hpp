#pragma once
#include <optional>
#include <string>

#include "platform/http/router.hpp"
#include "platform/records/record_store.hpp"

/// What secret links (documents /d/{token}, briefs /b/{token}) have in common.
namespace retainer::documents {

/// The optional body of a share or send call: empty, or {"expires_at": RFC 3339 | null}, which
/// must be after `now`. Any other field or value → 400 naming it.
std::optional<std::string> parse_expiry(const std::string& body, Instant now);

/// Wrong secret links (documents and briefs alike) from one address: 30 in 10 minutes, then 429
/// for everything behind a link until the window ends — guessing a 256-bit token is hopeless,
/// but probing still costs lookups. Counted in the database, shared by every server process.
void require_link_lookup_allowed(db::Connection& conn, const std::string& ip, Instant now);
void count_link_miss(db::Connection& conn, const std::string& ip, Instant now);

/// The record as the audit log keeps it around link changes: without the live link.
records::Record without_link(records::Record record);

}  // namespace retainer::documents
