#include "modules/documents/links.hpp"

#include <cstdio>

#include "core/date.hpp"
#include "core/error.hpp"
#include "core/json_input.hpp"
#include "platform/auth/throttle.hpp"

namespace retainer::documents {

std::optional<std::string> parse_expiry(const std::string& body, Instant now) {
    std::optional<std::string> expires;
    if (body.empty()) return expires;
    boost::json::object in = json_input::parse_object(body);
    for (const auto& [k, v] : in) {
        if (k != "expires_at") throw invalid(std::string(k), "unknown field");
        if (v.is_null()) continue;
        auto at = v.is_string() ? Instant::parse_rfc3339(std::string(v.as_string())) : std::nullopt;
        if (!at)
            throw invalid("expires_at", "must be an instant in RFC 3339 (2026-12-31T21:00:00Z)");
        if (*at <= now) throw invalid("expires_at", "must be in the future");
        expires = std::string(v.as_string());
    }
    return expires;
}

namespace {
const auth::Limit kLinkMisses{"link-miss", 30, std::chrono::minutes(10)};
}  // namespace

void require_link_lookup_allowed(db::Connection& conn, const std::string& ip, Instant now) {
    if (auto wait = auth::Throttle::wait(conn, kLinkMisses, ip, now))
        throw rate_limited(
            "too many wrong links from this address; try again in " + std::to_string(wait) + " s",
            static_cast<int>(wait));
}

void count_link_miss(db::Connection& conn, const std::string& ip, Instant now) {
    auth::Throttle::hit(conn, kLinkMisses, ip, now);
}

records::Record without_link(records::Record r) {
    r.erase("public_url");
    return r;
}

}  // namespace retainer::documents
