#pragma once
#include <string>
#include <string_view>

namespace retainer::text {

/// True when `s` is well-formed UTF-8 without NUL bytes.
bool valid_utf8(std::string_view s);
/// Number of Unicode code points in valid UTF-8.
std::size_t length(std::string_view s);
/// Unicode case folding ("ООО Ромашка" → "ооо ромашка") with ё → е, for case-insensitive search.
std::string fold(std::string_view s);
/// Removes leading and trailing ASCII whitespace.
std::string_view trim(std::string_view s);

}  // namespace retainer::text
