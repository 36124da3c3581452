#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace retainer::http {

/// A weak entity tag for a response body: W/"<64-bit SipHash, hex>". Weak because gzip and
/// identity transfers of one body share it (RFC 9110 §8.8.3). About 3 ms for a 7 MB body.
std::string weak_etag(std::string_view body);

/// Whether an If-None-Match value ("*" or a list of tags) matches `etag` by weak comparison.
bool etag_matches(std::string_view if_none_match, std::string_view etag);

/// IMF-fixdate (RFC 9110 §5.6.7): "Sun, 06 Nov 1994 08:49:37 GMT".
std::string http_date(std::int64_t unix_seconds);
/// Seconds since the epoch of an IMF-fixdate; nullopt for anything else (such a header is
/// ignored, as RFC 9110 §13.1.3 asks).
std::optional<std::int64_t> parse_http_date(std::string_view text);

}  // namespace retainer::http
