#include "core/json_writer.hpp"

#include <cmath>
#include <cstdio>

namespace retainer::json {

Writer& Writer::value(double d, int decimals) {
    if (!std::isfinite(d)) return null();
    comma();
    char buf[64];
    int n = std::snprintf(buf, sizeof buf, "%.*f", decimals, d);
    // Trim trailing zeros so 12.5000 reads 12.5 and 3.0000 reads 3.
    std::string_view s(buf, static_cast<std::size_t>(n));
    if (s.find('.') != std::string_view::npos) {
        while (s.back() == '0') s.remove_suffix(1);
        if (s.back() == '.') s.remove_suffix(1);
    }
    if (s == "-0") s = "0";
    out_ += s;
    return *this;
}

void Writer::append_string(std::string_view s) {
    static constexpr char kHex[] = "0123456789abcdef";
    out_ += '"';
    for (char ch : s) {
        auto c = static_cast<unsigned char>(ch);
        switch (c) {
            case '"':
                out_ += "\\\"";
                break;
            case '\\':
                out_ += "\\\\";
                break;
            case '\n':
                out_ += "\\n";
                break;
            case '\r':
                out_ += "\\r";
                break;
            case '\t':
                out_ += "\\t";
                break;
            case '<':  // keeps "</script>" inert if a payload is ever inlined into HTML
                out_ += "\\u003c";
                break;
            default:
                if (c < 0x20) {
                    out_ += "\\u00";
                    out_ += kHex[c >> 4];
                    out_ += kHex[c & 15];
                } else {
                    out_ += ch;
                }
        }
    }
    out_ += '"';
}

}  // namespace retainer::json
