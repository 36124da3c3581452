#include "modules/estimates/rules.hpp"

#include <cmath>
#include <stdexcept>

namespace retainer::estimates {
namespace {
__extension__ typedef __int128 Wide;

/// num ÷ den rounded half away from zero (den > 0).
Wide round_div(Wide num, Wide den) {
    Wide n = num < 0 ? -num : num;
    Wide q = (n + den / 2) / den;
    return num < 0 ? -q : q;
}

Kopecks checked(Wide v) {
    if (v > money::kMaxAmount || v < -money::kMaxAmount)
        throw std::overflow_error("the estimate's amounts are too large");
    return static_cast<Kopecks>(v);
}
}  // namespace

Kopecks hourly_unit_price(std::int64_t minutes_per_unit, Kopecks rate) {
    return checked(round_div(static_cast<Wide>(minutes_per_unit) * rate, 60));
}

std::optional<std::int64_t> parse_quantity(const boost::json::value& v) {
    std::int64_t milli = 0;
    if (v.is_int64()) {
        if (v.as_int64() <= 0 || v.as_int64() > 1'000'000) return std::nullopt;
        milli = v.as_int64() * 1000;
    } else if (v.is_double()) {
        double d = v.as_double();
        if (!std::isfinite(d) || d <= 0 || d > 1'000'000) return std::nullopt;
        double scaled = d * 1000;
        double rounded = std::round(scaled);
        if (std::fabs(scaled - rounded) > 1e-6 * std::max(1.0, scaled)) return std::nullopt;
        milli = static_cast<std::int64_t>(rounded);
        if (milli <= 0) return std::nullopt;
    } else {
        return std::nullopt;
    }
    return milli;
}

boost::json::value quantity_value(std::int64_t milli) {
    // Whole quantities stay integers in JSON (1, not 1.0E0).
    if (milli % 1000 == 0) return milli / 1000;
    return static_cast<double>(milli) / 1000.0;
}

std::string format_quantity(std::int64_t milli) {
    std::string out = std::to_string(milli / 1000);
    std::int64_t frac = milli % 1000;
    if (frac) {
        std::string f = std::to_string(frac + 1000).substr(1);
        while (!f.empty() && f.back() == '0') f.pop_back();
        out += "," + f;
    }
    return out;
}

Totals compute(const std::vector<LineInput>& lines, int vat_rate_percent, Kopecks cost_rate) {
    Totals t;
    Wide net = 0, vat = 0, gross = 0, minutes = 0;
    for (const LineInput& in : lines) {
        LineFigures f;
        Wide base = static_cast<Wide>(in.unit_price) * in.quantity_milli;
        f.gross = checked(round_div(base, 1000));
        f.amount = checked(round_div(base * (100 - in.discount_percent), 100'000));
        f.vat = checked(round_div(static_cast<Wide>(f.amount) * vat_rate_percent, 100));
        f.total = checked(static_cast<Wide>(f.amount) + f.vat);
        f.minutes = static_cast<std::int64_t>(
            round_div(static_cast<Wide>(in.minutes_per_unit) * in.quantity_milli, 1000));
        net += f.amount;
        vat += f.vat;
        gross += f.gross;
        minutes += f.minutes;
        t.lines.push_back(f);
    }
    t.net = checked(net);
    t.vat = checked(vat);
    t.total = checked(net + vat);
    t.discount = checked(gross - net);
    t.minutes = static_cast<std::int64_t>(minutes);
    t.cost = checked(round_div(minutes * cost_rate, 60));
    t.margin = t.net - t.cost;
    if (t.net != 0)
        t.margin_tenths =
            static_cast<std::int64_t>(round_div(static_cast<Wide>(t.margin) * 1000, t.net));
    return t;
}

boost::json::array lines_json(const std::vector<PricedLine>& lines, const Totals& totals) {
    boost::json::array out;
    for (std::size_t i = 0; i < lines.size(); ++i) {
        const PricedLine& l = lines[i];
        const LineFigures& f = totals.lines.at(i);
        out.push_back(boost::json::object{
            {"price_item_id",
             l.price_item_id ? boost::json::value(*l.price_item_id) : boost::json::value(nullptr)},
            {"name", l.name},
            {"unit", l.unit},
            {"quantity", quantity_value(l.in.quantity_milli)},
            {"unit_price_kopecks", l.in.unit_price},
            {"minutes_per_unit", l.in.minutes_per_unit},
            {"discount_percent", l.in.discount_percent},
            {"amount_kopecks", f.amount},
            {"vat_kopecks", f.vat},
            {"total_kopecks", f.total},
            {"minutes", f.minutes}});
    }
    return out;
}

}  // namespace retainer::estimates
