#include "modules/dashboard/compute.hpp"

#include <gtest/gtest.h>

namespace retainer::dashboard {
namespace {

ServiceInput service(std::int64_t id, std::int64_t client, std::int64_t fee, std::int64_t rate,
                     Date starts = {2025, 1, 1}) {
    ServiceInput s;
    s.id = id;
    s.client_id = client;
    s.service_type_id = 1;
    s.name = "S" + std::to_string(id);
    s.status = "active";
    s.terms = {fee, rate, starts, std::nullopt};
    return s;
}

Input base() {
    Input in;
    in.period = {2026, 11};
    in.today = {2026, 11, 15};
    in.clients = {{.id = 1, .name = "ООО Альфа"},
                  {.id = 2, .name = "ИП Бета"},
                  {.id = 3, .name = "АО Гамма"}};
    // 60 000 ₽ at 2 000 ₽/h = 30 h = 1800 min.
    in.services = {service(10, 1, 6'000'000, 200'000), service(11, 1, 0, 200'000),
                   service(20, 2, 3'000'000, 200'000)};
    in.people[7] = {7, "Иван", "specialist", std::nullopt, 1, 90'000};  // 900 ₽/h
    in.people[8] = {8, "Ольга", "specialist", std::nullopt, 1, 120'000};
    return in;
}

}  // namespace

TEST(Dashboard, LabourCostIsRateWeightedMinutesOverSixtyAndMarginIsFeeMinusIt) {
    Input in = base();
    in.rollups = {{10, true, 690, 600 * 90'000 + 90 * 120'000}, {10, false, 2000, 2000 * 90'000}};
    Dashboard d = compute(in);
    ASSERT_EQ(d.clients.size(), 2u);  // АО Гамма has no services this period
    const ServiceFigures& s = d.clients[0].services[0];
    EXPECT_EQ(s.current.actual_minutes, 690);
    // 600 min × 900 ₽/h = 9 000 ₽; 90 min × 1 200 ₽/h = 1 800 ₽.
    EXPECT_EQ(s.labour_cost_kopecks, 1'080'000);
    EXPECT_EQ(s.margin_kopecks, 6'000'000 - 1'080'000);
    EXPECT_EQ(s.previous.actual_minutes, 2000);
    EXPECT_EQ(s.previous.planned_minutes, 1800);
    // 2000 / 1800 − 1 = 11.1 % over: yellow for October.
    EXPECT_EQ(s.previous.light, workload::Light::kYellow);
    EXPECT_EQ(s.current.light, workload::Light::kBlue);
}

TEST(Dashboard, ZeroFeeServiceWithTimeIsRedAndEatsMargin) {
    Input in = base();
    in.rollups = {{11, true, 60, 60 * 90'000}};
    Dashboard d = compute(in);
    const ServiceFigures& free = d.clients[0].services[1];
    EXPECT_EQ(free.current.planned_minutes, 0);
    EXPECT_EQ(free.current.light, workload::Light::kRed);
    EXPECT_FALSE(overrun_percent(free.current).has_value());
    EXPECT_EQ(free.margin_kopecks, -90'000);
}

TEST(Dashboard, TotalsAddUpServicesAndCountOnlyClientsWithServices) {
    Input in = base();
    in.rollups = {{10, true, 100, 100 * 90'000}, {20, true, 50, 50 * 120'000}};
    Dashboard d = compute(in);
    EXPECT_EQ(d.totals.services, 3);
    EXPECT_EQ(d.totals.clients, 2);
    EXPECT_EQ(d.totals.turnover_kopecks, 9'000'000);
    EXPECT_EQ(d.totals.planned_minutes, 1800 + 0 + 900);
    EXPECT_EQ(d.totals.actual_minutes, 150);
    EXPECT_EQ(d.totals.labour_cost_kopecks, 150'000 + 100'000);
    EXPECT_EQ(d.totals.margin_kopecks, 9'000'000 - 250'000);
}

TEST(Dashboard, ElapsedShareOfThePeriodAndPreviousPeriodIsComplete) {
    Input in = base();
    Dashboard d = compute(in);
    EXPECT_DOUBLE_EQ(d.elapsed_share, 15.0 / 30.0);
    EXPECT_DOUBLE_EQ(d.clients[0].services[0].previous.elapsed_share, 1.0);
    in.today = {2026, 12, 3};  // looking back at November: all of it elapsed
    EXPECT_DOUBLE_EQ(compute(in).elapsed_share, 1.0);
    in.today = {2026, 10, 31};  // a future period: nothing elapsed
    EXPECT_DOUBLE_EQ(compute(in).elapsed_share, 0.0);
}

TEST(Dashboard, ServiceStartingMidPeriodIsProratedInFeeAndTurnover) {
    Input in = base();
    in.services = {service(30, 3, 3'000'000, 100'000, {2026, 11, 16})};  // 15 of 30 days
    Dashboard d = compute(in);
    const ServiceFigures& s = d.clients[0].services[0];
    EXPECT_EQ(s.current.fee_kopecks, 1'500'000);
    EXPECT_EQ(s.current.planned_minutes, 900);
    EXPECT_EQ(d.totals.turnover_kopecks, 1'500'000);
    EXPECT_EQ(s.current.expected_minutes, 0);  // today (15th) is before its first day
    EXPECT_EQ(s.previous.planned_minutes, 0);
}

TEST(Dashboard, OverrunPercentHasOneDecimal) {
    workload::PlanFact f;
    f.overrun = 1.0 / 6.0;
    EXPECT_DOUBLE_EQ(*overrun_percent(f), 16.7);
    f.overrun = -0.16666;
    EXPECT_DOUBLE_EQ(*overrun_percent(f), -16.7);
}

}  // namespace retainer::dashboard
