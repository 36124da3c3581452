#include "platform/http/validators.hpp"

#include <sodium.h>

#include <array>
#include <cstdio>
#include <ctime>

namespace retainer::http {
namespace {

constexpr const char* kDays[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
constexpr const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                   "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
    return s;
}

std::string_view opaque(std::string_view tag) {
    tag = trim(tag);
    if (tag.rfind("W/", 0) == 0) tag.remove_prefix(2);
    return tag;
}

}  // namespace

std::string weak_etag(std::string_view body) {
    // SipHash: as fast as CRC-32 here with 64 bits instead of 32. A fixed key keeps tags stable
    // across restarts and between servers sharing a database.
    static const bool ready = sodium_init() >= 0;
    static constexpr std::array<unsigned char, crypto_shorthash_KEYBYTES> kKey = {
        'r', 'e', 't', 'a', 'i', 'n', 'e', 'r', '-', 'e', 't', 'a', 'g', '-', 'v', '1'};
    (void)ready;
    std::array<unsigned char, crypto_shorthash_BYTES> out{};
    crypto_shorthash(out.data(), reinterpret_cast<const unsigned char*>(body.data()), body.size(),
                     kKey.data());
    static constexpr char kHex[] = "0123456789abcdef";
    std::string tag = "W/\"";
    for (unsigned char b : out) {
        tag += kHex[b >> 4];
        tag += kHex[b & 0xF];
    }
    tag += '"';
    return tag;
}

bool etag_matches(std::string_view if_none_match, std::string_view etag) {
    if (etag.empty()) return false;
    if (trim(if_none_match) == "*") return true;
    std::string_view want = opaque(etag);
    while (!if_none_match.empty()) {
        std::size_t comma = if_none_match.find(',');
        if (opaque(if_none_match.substr(0, comma)) == want) return true;
        if (comma == std::string_view::npos) break;
        if_none_match.remove_prefix(comma + 1);
    }
    return false;
}

std::string http_date(std::int64_t unix_seconds) {
    std::time_t t = static_cast<std::time_t>(unix_seconds);
    std::tm tm{};
    gmtime_r(&t, &tm);
    char buf[40];
    std::snprintf(buf, sizeof buf, "%s, %02d %s %04d %02d:%02d:%02d GMT", kDays[tm.tm_wday],
                  tm.tm_mday, kMonths[tm.tm_mon], tm.tm_year + 1900, tm.tm_hour, tm.tm_min,
                  tm.tm_sec);
    return buf;
}

std::optional<std::int64_t> parse_http_date(std::string_view text) {
    text = trim(text);
    // "Sun, 06 Nov 1994 08:49:37 GMT": exactly 29 characters.
    if (text.size() != 29 || text.substr(3, 2) != ", " || text.substr(25) != " GMT")
        return std::nullopt;
    auto num = [&](std::size_t at, std::size_t n) -> int {
        int v = 0;
        for (std::size_t i = at; i < at + n; ++i) {
            if (text[i] < '0' || text[i] > '9') return -1;
            v = v * 10 + (text[i] - '0');
        }
        return v;
    };
    std::tm tm{};
    tm.tm_mday = num(5, 2);
    tm.tm_mon = -1;
    for (int m = 0; m < 12; ++m)
        if (text.substr(8, 3) == kMonths[m]) tm.tm_mon = m;
    tm.tm_year = num(12, 4) - 1900;
    tm.tm_hour = num(17, 2);
    tm.tm_min = num(20, 2);
    tm.tm_sec = num(23, 2);
    if (text[7] != ' ' || text[11] != ' ' || text[16] != ' ' || text[19] != ':' ||
        text[22] != ':' || tm.tm_mday < 1 || tm.tm_mday > 31 || tm.tm_mon < 0 || tm.tm_year < 0 ||
        tm.tm_hour < 0 || tm.tm_hour > 23 || tm.tm_min < 0 || tm.tm_min > 59 || tm.tm_sec < 0 ||
        tm.tm_sec > 60)
        return std::nullopt;
    return static_cast<std::int64_t>(timegm(&tm));
}

}  // namespace retainer::http
