#include "core/money.hpp"

#include <cctype>

namespace retainer::money {

// GCC's 128-bit integer: exact a*b/c for any two int64 values.
__extension__ typedef __int128 Wide;

std::optional<std::int64_t> checked_add(std::int64_t a, std::int64_t b) {
    std::int64_t out = 0;
    if (__builtin_add_overflow(a, b, &out)) return std::nullopt;
    return out;
}

std::optional<std::int64_t> mul_div_round(std::int64_t a, std::int64_t b, std::int64_t c) {
    if (c == 0) return std::nullopt;
    Wide num = static_cast<Wide>(a) * b;
    bool negative = (num < 0) != (c < 0);
    Wide n = num < 0 ? -num : num;
    Wide d = c < 0 ? -static_cast<Wide>(c) : c;
    Wide q = (n + d / 2) / d;
    if (negative) q = -q;
    if (q > INT64_MAX || q < INT64_MIN) return std::nullopt;
    return static_cast<std::int64_t>(q);
}

Kopecks labour_cost(std::int64_t minutes, Kopecks rate_per_hour) {
    return mul_div_round(minutes, rate_per_hour, 60).value_or(0);
}

std::optional<Kopecks> parse_rubles(std::string_view text) {
    std::int64_t rubles = 0;
    std::int64_t kopecks = 0;
    int fraction_digits = -1;
    bool any_digit = false;
    bool negative = false;
    // Accept what format_rubles prints, so a copied figure pastes back: drop a trailing ruble sign.
    constexpr std::string_view kRubleSign = "\u20BD";
    if (text.ends_with(kRubleSign)) text.remove_suffix(kRubleSign.size());
    while (!text.empty() && text.back() == ' ') text.remove_suffix(1);
    std::size_t i = 0;
    while (i < text.size() && text[i] == ' ') ++i;
    if (i < text.size() && text[i] == '-') {
        negative = true;
        ++i;
    }
    for (; i < text.size(); ++i) {
        unsigned char ch = static_cast<unsigned char>(text[i]);
        if (std::isdigit(ch)) {
            any_digit = true;
            if (fraction_digits >= 0) {
                if (++fraction_digits > 2) return std::nullopt;
                kopecks = kopecks * 10 + (ch - '0');
            } else {
                if (rubles > kMaxAmount / 1000) return std::nullopt;
                rubles = rubles * 10 + (ch - '0');
            }
        } else if ((ch == ',' || ch == '.') && fraction_digits < 0) {
            fraction_digits = 0;
        } else if (ch == ' ' && fraction_digits < 0) {
            continue;
        } else if (ch == 0xE2 && i + 2 < text.size() && text.substr(i, 3) == "\u2009") {
            i += 2;  // thin space, as we print it
        } else {
            return std::nullopt;
        }
    }
    if (!any_digit) return std::nullopt;
    if (fraction_digits == 1) kopecks *= 10;
    Kopecks total = rubles * 100 + kopecks;
    if (total > kMaxAmount) return std::nullopt;
    return negative ? -total : total;
}

std::string format_rubles(Kopecks amount) {
    bool negative = amount < 0;
    unsigned long long abs = negative ? 0ULL - static_cast<unsigned long long>(amount)
                                      : static_cast<unsigned long long>(amount);
    std::string digits = std::to_string(abs / 100);
    std::string grouped;
    int count = 0;
    for (auto it = digits.rbegin(); it != digits.rend(); ++it) {
        if (count > 0 && count % 3 == 0) grouped.insert(0, "\u2009");
        grouped.insert(grouped.begin(), *it);
        ++count;
    }
    unsigned cents = static_cast<unsigned>(abs % 100);
    std::string out = negative ? "-" : "";
    out += grouped;
    out += ',';
    out += static_cast<char>('0' + cents / 10);
    out += static_cast<char>('0' + cents % 10);
    out += " ₽";
    return out;
}

}  // namespace retainer::money
