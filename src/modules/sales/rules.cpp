#include "modules/sales/rules.hpp"

#include <algorithm>

#include "core/date.hpp"
#include "core/error.hpp"
#include "core/requisites.hpp"
#include "core/text.hpp"

namespace retainer::sales {

const std::vector<std::string>& application_sources() {
    static const std::vector<std::string> all = {"site",     "phone",  "email",
                                                 "referral", "manual", "other"};
    return all;
}

Application parse_application(const boost::json::object& body, bool is_public) {
    Application a;
    FieldErrors errors;
    auto take = [&](const char* name, std::size_t max) -> std::optional<std::string> {
        auto it = body.find(name);
        if (it == body.end() || it->value().is_null()) return std::nullopt;
        if (!it->value().is_string()) {
            errors[name] = "must be a string";
            return std::nullopt;
        }
        std::string s(text::trim(std::string_view(it->value().as_string())));
        if (!text::valid_utf8(s) || text::length(s) > max) {
            errors[name] = "must be at most " + std::to_string(max) + " characters";
            return std::nullopt;
        }
        if (s.empty()) return std::nullopt;
        return s;
    };
    a.name = take("name", 200);
    a.phone = take("phone", 50);
    a.email = take("email", 254);
    a.company = take("company", 300);
    a.inn = take("inn", 12);
    a.message = take("message", 4000);
    a.page_url = take("page_url", 2000);
    if (a.email) {
        a.email = text::fold(*a.email);
        auto at = a.email->find('@');
        if (at == std::string::npos || at == 0 || a.email->find('.', at) == std::string::npos ||
            a.email->find(' ') != std::string::npos)
            errors["email"] = "must be an email address";
    }
    if (a.inn)
        if (auto problem = requisites::inn_problem(*a.inn)) errors["inn"] = *problem;
    if (!a.phone && !a.email && !errors.count("phone") && !errors.count("email"))
        errors["phone"] = "a phone or an email is required";
    if (!is_public) {
        if (auto s = take("source", 20)) {
            if (std::find(application_sources().begin(), application_sources().end(), *s) ==
                application_sources().end())
                errors["source"] = "must be one of: site, phone, email, referral, manual, other";
            else
                a.source = *s;
        } else if (!errors.count("source")) {
            // No default: a guess ("phone") skewed the sources in the analytics.
            errors["source"] = "choose where the application came from";
        }
        for (const auto& [key, value] : body) {
            static const std::vector<std::string> known = {"name", "phone",   "email",    "company",
                                                           "inn",  "message", "page_url", "source"};
            if (std::find(known.begin(), known.end(), std::string(key)) == known.end())
                errors[std::string(key)] = "unknown field";
        }
    }
    if (!errors.empty()) throw invalid(std::move(errors));
    return a;
}

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
