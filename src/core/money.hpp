#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace retainer::money {

/// Kopecks are the only money unit in storage and in the API.
using Kopecks = std::int64_t;

/// Largest fee or amount accepted from input: 10^15 kopecks (10 trillion rubles) leaves room to sum
/// millions of such values without overflowing int64.
inline constexpr Kopecks kMaxAmount = 1'000'000'000'000'000;

/// a + b, or nullopt on int64 overflow.
std::optional<std::int64_t> checked_add(std::int64_t a, std::int64_t b);

/// a * b / c rounded half away from zero, computed in 128 bits; nullopt if the result overflows or
/// c == 0.
std::optional<std::int64_t> mul_div_round(std::int64_t a, std::int64_t b, std::int64_t c);

/// Cost of `minutes` of work at `rate_per_hour` kopecks, rounded half-up to the kopeck.
Kopecks labour_cost(std::int64_t minutes, Kopecks rate_per_hour);

/// Parses "1500", "1 500,50", "1500.5" (rubles) into kopecks; nullopt when malformed.
std::optional<Kopecks> parse_rubles(std::string_view text);

/// Formats kopecks as rubles with a thin-space thousands separator and comma decimals: "1 500,50
/// ₽".
std::string format_rubles(Kopecks amount);

}  // namespace retainer::money
