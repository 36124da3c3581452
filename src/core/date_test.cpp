#include "core/date.hpp"

#include <gtest/gtest.h>

namespace retainer {
namespace {

Date d(const char* s) { return Date::parse(s).value(); }

}  // namespace

TEST(Date, ParsesStrictIsoDates) {
    EXPECT_EQ(d("2026-11-24"), (Date{2026, 11, 24}));
    EXPECT_EQ(d("1900-01-01"), (Date{1900, 1, 1}));
    EXPECT_EQ(d("2999-12-31"), (Date{2999, 12, 31}));
}

TEST(Date, RefusesDaysThatDoNotExist) {
    for (const char* bad : {"2026-02-30", "2026-02-29", "2026-04-31", "2026-06-31", "2026-09-31",
                            "2026-11-31", "2026-01-32", "2026-01-00", "2026-00-10", "2026-13-01"})
        EXPECT_FALSE(Date::parse(bad).has_value()) << bad;
}

TEST(Date, RefusesAnythingButYyyyMmDd) {
    for (const char* bad : {"", "2026-1-01", "2026-01-1", "26-01-01", "2026/01/01", "2026-01-01 ",
                            " 2026-01-01", "2026-01-01T00:00:00Z", "+026-01-01", "2026-+1-01",
                            "2026-01--1", "２０２６-01-01", "1899-12-31", "3000-01-01"})
        EXPECT_FALSE(Date::parse(bad).has_value()) << bad;
}

TEST(Date, LeapYearsFollowTheGregorianRule) {
    EXPECT_TRUE(is_leap_year(2024));
    EXPECT_TRUE(is_leap_year(2000));   // divisible by 400
    EXPECT_FALSE(is_leap_year(1900));  // divisible by 100 only
    EXPECT_FALSE(is_leap_year(2026));
    EXPECT_TRUE(Date::parse("2024-02-29").has_value());
    EXPECT_TRUE(Date::parse("2000-02-29").has_value());
    EXPECT_FALSE(Date::parse("1900-02-29").has_value());
    EXPECT_FALSE(Date::parse("2100-02-29").has_value());
}

TEST(Date, DaysInMonth) {
    EXPECT_EQ(days_in_month(2026, 1), 31);
    EXPECT_EQ(days_in_month(2026, 2), 28);
    EXPECT_EQ(days_in_month(2028, 2), 29);
    EXPECT_EQ(days_in_month(2026, 4), 30);
    EXPECT_EQ(days_in_month(2026, 12), 31);
}

TEST(Date, CountsDaysFromTheUnixEpoch) {
    EXPECT_EQ(d("1970-01-01").days_since_epoch(), 0);
    EXPECT_EQ(d("2000-03-01").days_since_epoch(), 11017);
    EXPECT_EQ(d("2026-11-24").days_since_epoch(), 20781);
    EXPECT_EQ(d("1900-01-01").days_since_epoch(), -25567);
    EXPECT_EQ(Date::from_days(20781), d("2026-11-24"));
    EXPECT_EQ(Date::from_days(-25567), d("1900-01-01"));
}

TEST(Date, FromDaysInvertsDaysSinceEpochForEveryDayOfFourCenturies) {
    Date prev = Date::from_days(d("1900-01-01").days_since_epoch() - 1);
    for (std::int64_t n = -25567; n < -25567 + 146097; ++n) {
        Date day = Date::from_days(n);
        ASSERT_EQ(day.days_since_epoch(), n);
        ASSERT_LT(prev, day);
        ASSERT_EQ(Date::parse(day.to_string()), day) << day.to_string();
        prev = day;
    }
}

TEST(Date, PlusDaysCrossesMonthsYearsAndLeapDays) {
    EXPECT_EQ(d("2026-01-31").plus_days(1), d("2026-02-01"));
    EXPECT_EQ(d("2024-02-28").plus_days(1), d("2024-02-29"));
    EXPECT_EQ(d("2026-02-28").plus_days(1), d("2026-03-01"));
    EXPECT_EQ(d("2026-12-31").plus_days(1), d("2027-01-01"));
    EXPECT_EQ(d("2026-03-01").plus_days(-1), d("2026-02-28"));
    EXPECT_EQ(d("2024-01-01").plus_days(366), d("2025-01-01"));
}

TEST(Date, FormatsWithZeroPadding) {
    EXPECT_EQ((Date{2026, 3, 5}).to_string(), "2026-03-05");
    EXPECT_EQ((Period{2026, 3}).to_string(), "2026-03");
}

TEST(Date, DatesOrderChronologically) {
    EXPECT_LT(d("2025-12-31"), d("2026-01-01"));
    EXPECT_LT(d("2026-01-31"), d("2026-02-01"));
    // The database compares ISO text; the text order must agree with the date order.
    EXPECT_LT(d("2026-09-30").to_string(), d("2026-10-01").to_string());
}

TEST(Period, ParsesYearAndMonth) {
    EXPECT_EQ(Period::parse("2026-11"), (Period{2026, 11}));
    for (const char* bad :
         {"", "2026-13", "2026-00", "2026-1", "2026-011", "2026/11", "2026-11-01", "1899-12"})
        EXPECT_FALSE(Period::parse(bad).has_value()) << bad;
}

TEST(Period, FirstAndLastDayAndLength) {
    Period feb_leap{2024, 2};
    EXPECT_EQ(feb_leap.first_day(), d("2024-02-01"));
    EXPECT_EQ(feb_leap.last_day(), d("2024-02-29"));
    EXPECT_EQ(feb_leap.days(), 29);
    EXPECT_EQ((Period{2026, 2}).last_day(), d("2026-02-28"));
    EXPECT_EQ((Period{2026, 12}).last_day(), d("2026-12-31"));
    EXPECT_EQ(Period::of(d("2026-11-24")), (Period{2026, 11}));
}

TEST(Period, NextAndPreviousCrossTheYear) {
    EXPECT_EQ((Period{2026, 12}).next(), (Period{2027, 1}));
    EXPECT_EQ((Period{2026, 1}).previous(), (Period{2025, 12}));
    EXPECT_EQ((Period{2026, 6}).next().previous(), (Period{2026, 6}));
    // Twelve steps make a year, and the next period starts the day after this one ends.
    Period p{2025, 3};
    for (int i = 0; i < 12; ++i) {
        EXPECT_EQ(p.last_day().plus_days(1), p.next().first_day());
        p = p.next();
    }
    EXPECT_EQ(p, (Period{2026, 3}));
}

TEST(Instant, FormatsRfc3339InUtc) {
    EXPECT_EQ((Instant{0}).to_rfc3339(), "1970-01-01T00:00:00Z");
    EXPECT_EQ((Instant{1795512600}).to_rfc3339(), "2026-11-24T09:30:00Z");
    EXPECT_EQ((Instant{-1}).to_rfc3339(), "1969-12-31T23:59:59Z");
}

TEST(Instant, ParsesOnlyUtcWithZ) {
    EXPECT_EQ(Instant::parse_rfc3339("2026-11-24T09:30:00Z"), Instant{1795512600});
    for (const char* bad : {"2026-11-24T09:30:00+03:00", "2026-11-24 09:30:00Z",
                            "2026-11-24T24:00:00Z", "2026-11-24T09:60:00Z", "2026-11-24T09:30:60Z",
                            "2026-02-30T09:30:00Z", "2026-11-24T09:30:00.5Z", "2026-11-24T09:30Z"})
        EXPECT_FALSE(Instant::parse_rfc3339(bad).has_value()) << bad;
}

TEST(Instant, RoundTripsThroughText) {
    for (std::int64_t s : {0LL, 1LL, 86399LL, 86400LL, 951782400LL, 1795512600LL, -2208988800LL}) {
        Instant i{s};
        EXPECT_EQ(Instant::parse_rfc3339(i.to_rfc3339()), i) << s;
    }
}

TEST(Instant, UtcDateChangesAtMidnight) {
    EXPECT_EQ((Instant{1795478399}).utc_date(), d("2026-11-23"));
    EXPECT_EQ((Instant{1795478400}).utc_date(), d("2026-11-24"));
    EXPECT_EQ((Instant{-1}).utc_date(), d("1969-12-31"));
}

}  // namespace retainer
