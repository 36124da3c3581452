#include "modules/workload/rules.hpp"

#include <algorithm>
#include <cmath>

#include "core/money.hpp"

namespace retainer::workload {

std::string_view to_string(Light light) {
    switch (light) {
        case Light::kBlue:
            return "blue";
        case Light::kYellow:
            return "yellow";
        case Light::kRed:
            return "red";
    }
    return "blue";
}

Light light_for_overrun(double overrun) {
    if (overrun <= 0) return Light::kBlue;
    return overrun <= 0.20 ? Light::kYellow : Light::kRed;
}

namespace {

struct Span {
    std::int64_t first = 0;
    std::int64_t last = -1;
    int days() const { return last >= first ? static_cast<int>(last - first + 1) : 0; }
};

Span active_span(const Period& period, const Date& starts_on, const std::optional<Date>& ends_on) {
    std::int64_t first =
        std::max(period.first_day().days_since_epoch(), starts_on.days_since_epoch());
    std::int64_t last = period.last_day().days_since_epoch();
    if (ends_on) last = std::min(last, ends_on->days_since_epoch());
    return {first, last};
}

Light light_of(std::int64_t minutes, std::int64_t planned) {
    if (planned <= 0) return minutes > 0 ? Light::kRed : Light::kBlue;
    return light_for_overrun(static_cast<double>(minutes) / static_cast<double>(planned) - 1.0);
}

}  // namespace

int active_days(const Period& period, const Date& starts_on, const std::optional<Date>& ends_on) {
    return active_span(period, starts_on, ends_on).days();
}

int elapsed_active_days(const Period& period, const Date& starts_on,
                        const std::optional<Date>& ends_on, const Date& today) {
    Span span = active_span(period, starts_on, ends_on);
    span.last = std::min(span.last, today.days_since_epoch());
    return span.days();
}

PlanFact plan_fact(const ServiceTerms& terms, const Period& period, std::int64_t actual_minutes,
                   const Date& today) {
    PlanFact out;
    out.actual_minutes = actual_minutes;
    int active = active_days(period, terms.starts_on, terms.ends_on);
    int month_days = period.days();
    out.fee_kopecks =
        money::mul_div_round(terms.monthly_fee_kopecks, active, month_days).value_or(0);
    if (terms.planning_rate_kopecks > 0) {
        // fee ÷ rate hours × 60 minutes, prorated by active days: one rounding, at the end.
        __extension__ using Wide = __int128;
        Wide num = static_cast<Wide>(terms.monthly_fee_kopecks) * 60 * active;
        Wide den = static_cast<Wide>(terms.planning_rate_kopecks) * month_days;
        out.planned_minutes = static_cast<std::int64_t>((num + den / 2) / den);
    }
    int elapsed = elapsed_active_days(period, terms.starts_on, terms.ends_on, today);
    out.elapsed_share = active > 0 ? static_cast<double>(elapsed) / active : 0.0;
    out.expected_minutes =
        static_cast<std::int64_t>(std::llround(out.planned_minutes * out.elapsed_share));
    if (out.planned_minutes > 0)
        out.overrun =
            static_cast<double>(actual_minutes) / static_cast<double>(out.planned_minutes) - 1.0;
    out.light = light_of(actual_minutes, out.planned_minutes);
    out.projected_minutes =
        out.elapsed_share > 0
            ? static_cast<std::int64_t>(std::llround(actual_minutes / out.elapsed_share))
            : actual_minutes;
    out.projected_light = light_of(out.projected_minutes, out.planned_minutes);
    return out;
}

Date local_date(const Instant& instant, int utc_offset_minutes) {
    return Instant{instant.seconds + static_cast<std::int64_t>(utc_offset_minutes) * 60}.utc_date();
}

}  // namespace retainer::workload
