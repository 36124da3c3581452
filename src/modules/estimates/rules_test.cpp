#include "modules/estimates/rules.hpp"

#include <gtest/gtest.h>

namespace retainer::estimates {

TEST(Quantity, ThreeDecimalsAtMost) {
    namespace json = boost::json;
    EXPECT_EQ(parse_quantity(json::value(2)), 2000);
    EXPECT_EQ(parse_quantity(json::value(1.5)), 1500);
    EXPECT_EQ(parse_quantity(json::value(0.125)), 125);
    EXPECT_FALSE(parse_quantity(json::value(0.0005)));
    EXPECT_FALSE(parse_quantity(json::value(0)));
    EXPECT_FALSE(parse_quantity(json::value(-1)));
    EXPECT_FALSE(parse_quantity(json::value(1'000'001)));
    EXPECT_FALSE(parse_quantity(json::value("2")));
    EXPECT_EQ(format_quantity(1500), "1,5");
    EXPECT_EQ(format_quantity(2000), "2");
    EXPECT_EQ(format_quantity(125), "0,125");
    EXPECT_TRUE(quantity_value(2000).is_int64());
    EXPECT_EQ(quantity_value(1500).as_double(), 1.5);
}

TEST(Estimate, HandComputedCase) {
    // Setup 20,000.00 × 1 with 10 % off; 1.5 hours at 2,500.00; an audit at 10,000.50. VAT 22 %.
    std::vector<LineInput> lines = {
        {1000, 2000000, 600, 10}, {1500, 250000, 60, 0}, {1000, 1000050, 0, 0}};
    Totals t = compute(lines, 22, 98900);
    ASSERT_EQ(t.lines.size(), 3u);
    EXPECT_EQ(t.lines[0].amount, 1800000);
    EXPECT_EQ(t.lines[0].vat, 396000);
    EXPECT_EQ(t.lines[1].amount, 375000);
    EXPECT_EQ(t.lines[1].minutes, 90);
    EXPECT_EQ(t.lines[2].vat, 220011);  // 2,200.11 = 10,000.50 × 22 % rounded half-up
    EXPECT_EQ(t.net, 3175050);
    EXPECT_EQ(t.vat, 698511);
    EXPECT_EQ(t.total, 3873561);
    EXPECT_EQ(t.discount, 200000);
    EXPECT_EQ(t.minutes, 690);
    EXPECT_EQ(t.cost, 1137350);  // 690 min × 989.00 ₽/h
    EXPECT_EQ(t.margin, 2037700);
    EXPECT_EQ(t.margin_tenths, 642);
}

TEST(Estimate, TotalsAreSumsOfRoundedLines) {
    // Three lines of 0.33 kopeck VAT each: per line 0 after rounding; a total-then-round would
    // give 1.
    std::vector<LineInput> lines = {{1000, 15, 0, 0}, {1000, 15, 0, 0}, {1000, 15, 0, 0}};
    Totals t = compute(lines, 22, 0);
    EXPECT_EQ(t.lines[0].vat, 3);  // 15 × 0.22 = 3.3 → 3
    EXPECT_EQ(t.vat, 9);
    EXPECT_EQ(t.total, 54);
    Totals half = compute({{1000, 50, 0, 0}}, 5, 0);  // 2.5 → 3 (half-up)
    EXPECT_EQ(half.vat, 3);
    Totals hundred = compute({{1000, 12345, 0, 100}}, 22, 0);
    EXPECT_EQ(hundred.total, 0);
    EXPECT_EQ(hundred.discount, 12345);
    EXPECT_FALSE(hundred.margin_tenths);
}

TEST(Estimate, HourlyPriceAndOverflow) {
    EXPECT_EQ(hourly_unit_price(90, 250000), 375000);
    EXPECT_EQ(hourly_unit_price(1, 100), 2);  // 1.67 → 2
    EXPECT_THROW(compute({{1'000'000'000, money::kMaxAmount, 0, 0}}, 22, 0), std::overflow_error);
}

}  // namespace retainer::estimates
