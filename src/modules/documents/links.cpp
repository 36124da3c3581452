#include "modules/documents/links.hpp"

#include "core/date.hpp"
#include "core/error.hpp"
#include "core/json_input.hpp"

namespace retainer::documents {

std::optional<std::string> parse_expiry(const std::string& body) {
    std::optional<std::string> expires;
    if (body.empty()) return expires;
    boost::json::object in = json_input::parse_object(body);
    for (const auto& [k, v] : in) {
        if (k != "expires_at") throw invalid(std::string(k), "unknown field");
        if (v.is_null()) continue;
        if (!v.is_string() || !Instant::parse_rfc3339(std::string(v.as_string())))
            throw invalid("expires_at", "must be an instant in RFC 3339 (2026-12-31T21:00:00Z)");
        expires = std::string(v.as_string());
    }
    return expires;
}

void secret_headers(http::Response& r) {
    r.set_header("Referrer-Policy", "no-referrer");
    r.set_header("Cache-Control", "no-store");
    r.set_header("X-Robots-Tag", "noindex, nofollow");
}

records::Record without_link(records::Record r) {
    r.erase("public_url");
    return r;
}

}  // namespace retainer::documents
