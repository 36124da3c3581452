// The query string and urlencoded form reader (http::parse_query, http::percent_decode): query
// strings of every request, the public site form and the proposal acceptance form. The input is a
// query string or form body as sent.
#include <map>
#include <string>

#include "check.hpp"
#include "core/error.hpp"
#include "platform/http/message.hpp"

using namespace retainer;

namespace {

bool unreserved(char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
           c == '.' || c == '_' || c == '~';
}

// As a browser encodes a form field: space as '+' when `plus_for_space`, else as %20.
std::string encode(std::string_view s, bool plus_for_space) {
    static const char* hex = "0123456789ABCDEF";
    std::string out;
    for (char c : s) {
        auto b = static_cast<unsigned char>(c);
        if (unreserved(c)) {
            out += c;
        } else if (c == ' ' && plus_for_space) {
            out += '+';
        } else {
            out += '%';
            out += hex[b >> 4];
            out += hex[b & 15];
        }
    }
    return out;
}

std::string replace_plus(std::string_view s) {
    std::string out;
    for (char c : s) out += c == '+' ? std::string("%20") : std::string(1, c);
    return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string_view input = fuzz::as_text(data, size);

    // Decoding undoes encoding, whichever way spaces were written.
    FUZZ_CHECK(http::percent_decode(encode(input, false), false) == std::string(input));
    FUZZ_CHECK(http::percent_decode(encode(input, false), true) == std::string(input));
    FUZZ_CHECK(http::percent_decode(encode(input, true), true) == std::string(input));

    // '+' means a space in forms and nothing else differs.
    auto plain = http::percent_decode(input, false);
    auto form = http::percent_decode(input, true);
    FUZZ_CHECK(form == http::percent_decode(replace_plus(input), false));
    FUZZ_CHECK(plain.has_value() == form.has_value());
    if (plain) FUZZ_CHECK(plain->size() <= input.size());

    std::map<std::string, std::string> query;
    try {
        query = http::parse_query(input);
    } catch (const Error& e) {
        // Refused exactly when an escape is malformed somewhere (no escape spans '&' or '=').
        FUZZ_CHECK(e.kind() == ErrorKind::kBadRequest && !form);
        return 0;
    }
    FUZZ_CHECK(form.has_value());

    // The map written back as a form reads back as the same map.
    std::string written;
    for (const auto& [key, value] : query)
        written += (written.empty() ? "" : "&") + encode(key, true) + "=" + encode(value, true);
    FUZZ_CHECK(http::parse_query(written) == query);
    return 0;
}
