#pragma once
#include <boost/json.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.hpp"
#include "core/money.hpp"

namespace retainer::estimates {
using money::Kopecks;

/// Price of one unit of an hourly item: minutes × hourly rate ÷ 60, rounded half-up.
Kopecks hourly_unit_price(std::int64_t minutes_per_unit, Kopecks rate);

/// A quantity in thousandths (1.5 → 1500): a positive JSON number with at most three decimals,
/// at most 1,000,000; nullopt otherwise.
std::optional<std::int64_t> parse_quantity(const boost::json::value& v);
/// 1500 → 1.5, 2000 → 2 (the JSON form).
boost::json::value quantity_value(std::int64_t milli);
/// 1500 → "1,5" (the document form).
std::string format_quantity(std::int64_t milli);

struct LineInput {
    std::int64_t quantity_milli = 1000;
    Kopecks unit_price = 0;
    std::int64_t minutes_per_unit = 0;
    int discount_percent = 0;
};

struct LineFigures {
    Kopecks gross = 0;   // unit price × quantity, before the discount
    Kopecks amount = 0;  // net of the discount, without VAT
    Kopecks vat = 0;
    Kopecks total = 0;  // amount + VAT
    std::int64_t minutes = 0;
};

struct Totals {
    std::vector<LineFigures> lines;
    std::int64_t minutes = 0;
    Kopecks net = 0, vat = 0, total = 0, discount = 0, cost = 0, margin = 0;
    /// Margin ÷ net in tenths of a percent (margin_percent × 10), nullopt when net is 0.
    std::optional<std::int64_t> margin_tenths;
};

/// The one place an estimate's figures come from: each line rounded half-up to the kopeck (the
/// discount first, then VAT on the discounted amount), totals are sums of the rounded lines, cost
/// = minutes × cost rate ÷ 60. Values beyond money::kMaxAmount throw std::overflow_error.
Totals compute(const std::vector<LineInput>& lines, int vat_rate_percent, Kopecks cost_rate);

/// A line as stored and shown: where it came from and what it says, plus its input figures.
struct PricedLine {
    std::optional<std::int64_t> price_item_id;
    std::string name, unit;
    LineInput in;
};
/// The stored JSON of an estimate's lines (inputs and the computed figures of `totals`).
boost::json::array lines_json(const std::vector<PricedLine>& lines, const Totals& totals);

}  // namespace retainer::estimates
