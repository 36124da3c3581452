#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/date.hpp"

/// Plan vs fact of a subscription service in a period (shared/docs/domain.md, "Formulas").
/// Pure: no clock, no database; "today" is passed in.
namespace retainer::workload {

enum class Light { kBlue, kYellow, kRed };
std::string_view to_string(Light light);

/// Seed 000: blue when at or under plan, yellow up to 20 % over, red beyond.
Light light_for_overrun(double overrun);

/// The days of `period` on which a service running from `starts_on` to `ends_on` (inclusive,
/// open-ended when nullopt) is active; 0 when it does not overlap.
int active_days(const Period& period, const Date& starts_on, const std::optional<Date>& ends_on);

/// Active days elapsed up to and including `today` within the period.
int elapsed_active_days(const Period& period, const Date& starts_on,
                        const std::optional<Date>& ends_on, const Date& today);

struct ServiceTerms {
    std::int64_t monthly_fee_kopecks = 0;
    std::int64_t planning_rate_kopecks = 0;  // per hour; the service's override or its type's
    Date starts_on;
    std::optional<Date> ends_on;
};

struct PlanFact {
    std::int64_t fee_kopecks = 0;  // the fee prorated to the active days
    std::int64_t planned_minutes = 0;
    std::int64_t actual_minutes = 0;
    std::int64_t expected_minutes = 0;  // planned × elapsed share
    double elapsed_share = 0;           // elapsed active days ÷ active days
    std::optional<double> overrun;  // actual ÷ planned − 1; nullopt when nothing planned nor done
    Light light = Light::kBlue;
    std::int64_t projected_minutes = 0;  // actual ÷ elapsed share
    Light projected_light = Light::kBlue;
};

/// Computes plan, expectation, overrun, light and projection of one service in one period.
PlanFact plan_fact(const ServiceTerms& terms, const Period& period, std::int64_t actual_minutes,
                   const Date& today);

/// The calendar date in the agency's time zone (a fixed UTC offset in minutes) at `instant`.
Date local_date(const Instant& instant, int utc_offset_minutes);

}  // namespace retainer::workload
