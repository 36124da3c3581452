#include "core/json_input.hpp"

#include <cmath>

#include "core/error.hpp"
#include "core/text.hpp"

namespace retainer::json_input {
namespace {

// Boost.JSON accepts two things the handlers must not see: \u0000 read into text (libpq cuts a
// parameter at NUL and PostgreSQL text cannot hold it), and a number beyond the range of double
// read as infinity (serialize writes it back as `Infinity`, which is not JSON).
void refuse_nul_and_infinity(const boost::json::value& v) {
    switch (v.kind()) {
        case boost::json::kind::string:
            if (std::string_view(v.get_string()).find('\0') != std::string_view::npos)
                throw bad_request("text must not contain NUL (\\u0000)");
            break;
        case boost::json::kind::double_:
            if (!std::isfinite(v.get_double())) throw bad_request("a number is out of range");
            break;
        case boost::json::kind::array:
            for (const boost::json::value& e : v.get_array()) refuse_nul_and_infinity(e);
            break;
        case boost::json::kind::object:
            for (const auto& [k, e] : v.get_object()) {
                if (k.find('\0') != boost::json::string_view::npos)
                    throw bad_request("text must not contain NUL (\\u0000)");
                refuse_nul_and_infinity(e);
            }
            break;
        default:
            break;
    }
}

}  // namespace

boost::json::object parse_object(std::string_view body) {
    if (!text::valid_utf8(body)) throw bad_request("body is not valid UTF-8");
    boost::system::error_code ec;
    boost::json::parse_options opts;
    opts.max_depth = 32;
    boost::json::value v = boost::json::parse(body, ec, {}, opts);
    if (ec) throw bad_request("malformed JSON: " + ec.message());
    if (!v.is_object()) throw bad_request("the body must be a JSON object");
    refuse_nul_and_infinity(v);
    return std::move(v.as_object());
}

std::string to_string(const boost::json::value& v) { return boost::json::serialize(v); }

}  // namespace retainer::json_input
