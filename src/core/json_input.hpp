#pragma once
#include <boost/json.hpp>
#include <string>
#include <string_view>

namespace retainer::json_input {

/// Parses a request body that must be one JSON object; throws Error(kBadRequest) naming the
/// problem.
boost::json::object parse_object(std::string_view body);

/// Serialises a JSON value compactly (Boost.JSON escapes every control character and `</`-safe).
std::string to_string(const boost::json::value& v);

}  // namespace retainer::json_input
