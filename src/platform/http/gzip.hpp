#pragma once
#include <optional>
#include <string>
#include <string_view>

namespace retainer::http {

/// gzip (RFC 1952) of `data` at zlib level `level`; nullopt if zlib fails.
std::optional<std::string> gzip(std::string_view data, int level = 1);

/// Whether an Accept-Encoding header value admits gzip (and does not set its q to 0).
bool accepts_gzip(std::string_view accept_encoding);

}  // namespace retainer::http
