#include "core/json_writer.hpp"

#include <charconv>
#include <cmath>
#include <cstdio>

namespace retainer::json {

Writer& Writer::value(double d, int decimals) {
    if (!std::isfinite(d)) return null();
    comma();
    char buf[64];
    auto [end, ec] = std::to_chars(buf, buf + sizeof buf, d, std::chars_format::fixed, decimals);
    if (ec != std::errc()) {
        out_ += "null";
        return *this;
    }
    // Trim trailing zeros so 12.5000 reads 12.5 and 3.0000 reads 3.
    std::string_view s(buf, static_cast<std::size_t>(end - buf));
    if (s.find('.') != std::string_view::npos) {
        while (s.back() == '0') s.remove_suffix(1);
        if (s.back() == '.') s.remove_suffix(1);
    }
    if (s == "-0") s = "0";
    out_ += s;
    return *this;
}

void Writer::append_int(std::int64_t n) {
    char buf[24];
    auto [end, ec] = std::to_chars(buf, buf + sizeof buf, n);
    out_.append(buf, end);
}

void Writer::append_string(std::string_view s) {
    static constexpr char kHex[] = "0123456789abcdef";
    out_ += '"';
    // Copy runs of characters that need no escaping in one append; most text has none.
    std::size_t run = 0;
    for (std::size_t i = 0; i < s.size(); ++i) {
        auto c = static_cast<unsigned char>(s[i]);
        if (c >= 0x20 && c != '"' && c != '\\' && c != '<') continue;
        out_.append(s.data() + run, i - run);
        run = i + 1;
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
                out_ += "\\u00";
                out_ += kHex[c >> 4];
                out_ += kHex[c & 15];
        }
    }
    out_.append(s.data() + run, s.size() - run);
    out_ += '"';
}

}  // namespace retainer::json
