#include "core/money.hpp"

#include <gtest/gtest.h>

namespace retainer::money {

TEST(Money, LabourCostRoundsHalfUpToTheKopeck) {
    EXPECT_EQ(labour_cost(90, 100000), 150000);  // 1.5 h × 1000 ₽
    EXPECT_EQ(labour_cost(1, 100), 2);           // 1.666… kopecks → 2
    EXPECT_EQ(labour_cost(1, 90), 2);            // exactly 1.5 → 2 (half up)
    EXPECT_EQ(labour_cost(0, 100000), 0);
}

TEST(Money, MulDivDetectsOverflowAndZeroDivisor) {
    EXPECT_FALSE(mul_div_round(INT64_MAX, 2, 1).has_value());
    EXPECT_FALSE(mul_div_round(1, 1, 0).has_value());
    EXPECT_EQ(mul_div_round(INT64_MAX, 2, 2).value(), INT64_MAX);
    EXPECT_EQ(mul_div_round(-3, 1, 2).value(), -2);  // half away from zero
}

TEST(Money, CheckedAddRefusesOverflow) {
    EXPECT_FALSE(checked_add(INT64_MAX, 1).has_value());
    EXPECT_EQ(checked_add(2, 3).value(), 5);
}

TEST(Money, ParsesRublesWrittenTheRussianAndTheEnglishWay) {
    EXPECT_EQ(parse_rubles("1500").value(), 150000);
    EXPECT_EQ(parse_rubles("1 500,50").value(), 150050);
    EXPECT_EQ(parse_rubles("1500.5").value(), 150050);
    EXPECT_EQ(parse_rubles("-10,01").value(), -1001);
    EXPECT_FALSE(parse_rubles("").has_value());
    EXPECT_FALSE(parse_rubles("12,345").has_value());
    EXPECT_FALSE(parse_rubles("1e5").has_value());
    EXPECT_FALSE(parse_rubles("99999999999999999999").has_value());
}

TEST(Money, FormatsWithThinSpaceGroupsAndRubleSign) {
    EXPECT_EQ(format_rubles(150050), "1\u2009500,50 ₽");
    EXPECT_EQ(format_rubles(30000000), "300\u2009000,00 ₽");
    EXPECT_EQ(format_rubles(-5), "-0,05 ₽");
    EXPECT_EQ(parse_rubles(format_rubles(123456789)).value(), 123456789);
}

}  // namespace retainer::money
