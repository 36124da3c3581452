#include "modules/sales/rules.hpp"

#include "core/date.hpp"

namespace retainer::sales {

std::string normalize_phone(std::string_view phone) {
    std::string d;
    for (char c : phone)
        if (c >= '0' && c <= '9') d += c;
    if (d.size() < 5) return "";
    if (d.size() == 11 && d[0] == '8') d[0] = '7';
    if (d.size() == 10) d = "7" + d;
    return d;
}

StageOutcome stage_change(const StageChange& c) {
    StageOutcome out;
    out.entered = !c.from || c.from->id != c.to.id;
    if (c.to.kind == "lost" && !c.has_lost_reason) out.error = "is required when the deal is lost";
    if (!out.entered) return out;
    if (!c.probability_given) out.probability_percent = c.to.probability_percent;
    bool closing = c.to.kind == "won" || c.to.kind == "lost";
    if (closing)
        out.closed = StageOutcome::Closed::kSet;
    else if (c.from && (c.from->kind == "won" || c.from->kind == "lost"))
        out.closed = StageOutcome::Closed::kClear;
    return out;
}

std::int64_t minutes_between(std::string_view from, std::string_view to) {
    auto a = Instant::parse_rfc3339(from);
    auto b = Instant::parse_rfc3339(to);
    if (!a || !b || b->seconds < a->seconds) return 0;
    return (b->seconds - a->seconds) / 60;
}

namespace {
std::string canonical_origin(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '/'))
        s.remove_suffix(1);
    std::string out(s);
    for (char& c : out)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return out;
}
}  // namespace

std::vector<std::string> parse_origins(std::string_view list) {
    std::vector<std::string> out;
    while (!list.empty()) {
        std::size_t comma = list.find(',');
        std::string o = canonical_origin(list.substr(0, comma));
        if (!o.empty()) out.push_back(o);
        if (comma == std::string_view::npos) break;
        list.remove_prefix(comma + 1);
    }
    return out;
}

bool origin_allowed(std::string_view origin, const std::vector<std::string>& allowed) {
    std::string o = canonical_origin(origin);
    if (o.empty() || o == "null") return false;
    for (const auto& a : allowed)
        if (a == o) return true;
    return false;
}

}  // namespace retainer::sales
