#include "modules/workload/rules.hpp"

#include <gtest/gtest.h>

namespace retainer::workload {
namespace {

Date d(const char* s) { return *Date::parse(s); }
Period p(const char* s) { return *Period::parse(s); }

// 60,000 ₽ a month at 2,000 ₽/h = 30 h = 1,800 min.
ServiceTerms seo_from(const char* starts_on) {
    return {6'000'000, 200'000, d(starts_on), std::nullopt};
}

}  // namespace

TEST(Workload, LightIsBlueAtOrUnderPlan) {
    EXPECT_EQ(light_for_overrun(-0.5), Light::kBlue);
    EXPECT_EQ(light_for_overrun(0.0), Light::kBlue);  // exactly on plan is still fine
}

TEST(Workload, LightIsYellowUpToTwentyPercentOverAndRedBeyond) {
    EXPECT_EQ(light_for_overrun(0.0001), Light::kYellow);
    EXPECT_EQ(light_for_overrun(0.20), Light::kYellow);  // the 20 % threshold itself is yellow
    EXPECT_EQ(light_for_overrun(0.2001), Light::kRed);
}

TEST(Workload, FullMonthPlanIsFeeOverRate) {
    PlanFact f = plan_fact(seo_from("2025-01-01"), p("2026-10"), 1800, d("2026-11-10"));
    EXPECT_EQ(f.planned_minutes, 1800);
    EXPECT_EQ(f.fee_kopecks, 6'000'000);
    EXPECT_DOUBLE_EQ(f.elapsed_share, 1.0);  // a past period is fully elapsed
    EXPECT_EQ(f.expected_minutes, 1800);
    EXPECT_EQ(f.light, Light::kBlue);
    ASSERT_TRUE(f.overrun.has_value());
    EXPECT_DOUBLE_EQ(*f.overrun, 0.0);
}

TEST(Workload, ExactlyTwentyPercentOverIsYellowOneMinuteMoreIsRed) {
    EXPECT_EQ(plan_fact(seo_from("2025-01-01"), p("2026-10"), 2160, d("2026-11-01")).light,
              Light::kYellow);
    EXPECT_EQ(plan_fact(seo_from("2025-01-01"), p("2026-10"), 2161, d("2026-11-01")).light,
              Light::kRed);
    EXPECT_EQ(plan_fact(seo_from("2025-01-01"), p("2026-10"), 1801, d("2026-11-01")).light,
              Light::kYellow);
}

TEST(Workload, ServiceStartingMidMonthGetsProratedPlan) {
    // November has 30 days; from the 16th the service is active 15 days: half the plan and fee.
    PlanFact f = plan_fact(seo_from("2026-11-16"), p("2026-11"), 0, d("2026-11-20"));
    EXPECT_EQ(f.planned_minutes, 900);
    EXPECT_EQ(f.fee_kopecks, 3'000'000);
    // 16th..20th = 5 of 15 active days elapsed.
    EXPECT_DOUBLE_EQ(f.elapsed_share, 5.0 / 15.0);
    EXPECT_EQ(f.expected_minutes, 300);
}

TEST(Workload, ServiceEndingMidMonthIsProratedToItsLastDay) {
    ServiceTerms t = seo_from("2025-01-01");
    t.ends_on = d("2026-10-10");  // 10 of 31 October days
    PlanFact f = plan_fact(t, p("2026-10"), 0, d("2026-11-05"));
    EXPECT_EQ(f.planned_minutes, 581);  // 1800 × 10 / 31 = 580.6
    EXPECT_EQ(f.fee_kopecks, 1'935'484);
}

TEST(Workload, ServiceOutsideThePeriodHasNoPlan) {
    EXPECT_EQ(active_days(p("2026-10"), d("2026-11-01"), std::nullopt), 0);
    PlanFact f = plan_fact(seo_from("2026-12-01"), p("2026-11"), 0, d("2026-11-20"));
    EXPECT_EQ(f.planned_minutes, 0);
    EXPECT_FALSE(f.overrun.has_value());
    EXPECT_EQ(f.light, Light::kBlue);
}

TEST(Workload, ZeroFeeServiceWithLoggedTimeIsRed) {
    ServiceTerms t{0, 200'000, d("2025-01-01"), std::nullopt};
    EXPECT_EQ(plan_fact(t, p("2026-10"), 0, d("2026-11-01")).light, Light::kBlue);
    PlanFact f = plan_fact(t, p("2026-10"), 30, d("2026-11-01"));
    EXPECT_EQ(f.light, Light::kRed);
    EXPECT_FALSE(f.overrun.has_value());
}

TEST(Workload, ProjectionWarnsBeforeTheLightTurns) {
    // 10 of 30 days elapsed, 900 of 1800 minutes used: on plan today, 2700 by month end → red.
    PlanFact f = plan_fact(seo_from("2025-01-01"), p("2026-11"), 900, d("2026-11-10"));
    EXPECT_EQ(f.light, Light::kBlue);
    EXPECT_EQ(f.projected_minutes, 2700);
    EXPECT_EQ(f.projected_light, Light::kRed);
    EXPECT_EQ(f.expected_minutes, 600);
}

TEST(Workload, PeriodBoundariesCountTheFirstAndLastDay) {
    EXPECT_EQ(elapsed_active_days(p("2026-11"), d("2025-01-01"), std::nullopt, d("2026-11-01")), 1);
    EXPECT_EQ(elapsed_active_days(p("2026-11"), d("2025-01-01"), std::nullopt, d("2026-11-30")),
              30);
    EXPECT_EQ(elapsed_active_days(p("2026-11"), d("2025-01-01"), std::nullopt, d("2026-10-31")), 0);
    EXPECT_EQ(active_days(p("2024-02"), d("2020-01-01"), std::nullopt), 29);
}

TEST(Workload, FuturePeriodHasNothingElapsed) {
    PlanFact f = plan_fact(seo_from("2025-01-01"), p("2026-12"), 0, d("2026-11-24"));
    EXPECT_DOUBLE_EQ(f.elapsed_share, 0.0);
    EXPECT_EQ(f.expected_minutes, 0);
    EXPECT_EQ(f.projected_minutes, 0);
}

TEST(Workload, MidnightInMoscowIsAlreadyTomorrow) {
    // 2026-11-30 21:30 UTC is 2026-12-01 00:30 in Moscow (UTC+3): a new period has begun.
    Instant at = *Instant::parse_rfc3339("2026-11-30T21:30:00Z");
    EXPECT_EQ(local_date(at, 180).to_string(), "2026-12-01");
    EXPECT_EQ(local_date(at, 0).to_string(), "2026-11-30");
    Instant before = *Instant::parse_rfc3339("2026-11-30T20:59:59Z");
    EXPECT_EQ(local_date(before, 180).to_string(), "2026-11-30");
}

}  // namespace retainer::workload
