#include "core/json_input.hpp"

#include "core/error.hpp"
#include "core/text.hpp"

namespace retainer::json_input {

boost::json::object parse_object(std::string_view body) {
    if (!text::valid_utf8(body)) throw bad_request("body is not valid UTF-8");
    boost::system::error_code ec;
    boost::json::parse_options opts;
    opts.max_depth = 32;
    boost::json::value v = boost::json::parse(body, ec, {}, opts);
    if (ec) throw bad_request("malformed JSON: " + ec.message());
    if (!v.is_object()) throw bad_request("the body must be a JSON object");
    return std::move(v.as_object());
}

std::string to_string(const boost::json::value& v) { return boost::json::serialize(v); }

}  // namespace retainer::json_input
