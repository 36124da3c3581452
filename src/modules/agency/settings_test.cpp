#include "modules/agency/settings.hpp"

#include <gtest/gtest.h>

namespace retainer::agency {

TEST(AgencySettings, TodayFollowsTheAgencysTimeZone) {
    Settings moscow;  // +180 by default
    Instant late = *Instant::parse_rfc3339("2026-12-07T21:30:00Z");
    EXPECT_EQ(moscow.today(late).to_string(), "2026-12-08");
    EXPECT_EQ(moscow.local_hour(late), 0);
    Settings utc;
    utc.timezone_offset_minutes = 0;
    EXPECT_EQ(utc.today(late).to_string(), "2026-12-07");
    EXPECT_EQ(utc.local_hour(late), 21);
    Settings honolulu;
    honolulu.timezone_offset_minutes = -600;
    Instant early = *Instant::parse_rfc3339("2026-12-08T05:00:00Z");
    EXPECT_EQ(honolulu.today(early).to_string(), "2026-12-07");
    EXPECT_EQ(honolulu.local_hour(early), 19);
}

TEST(AgencySettings, LocalTimeForPeopleReadingAPage) {
    Settings s;
    EXPECT_EQ(s.local_time("2026-11-25T17:38:00Z"), "25.11.2026 20:38");
    s.timezone_offset_minutes = 330;  // India: half-hour zones keep their minutes
    EXPECT_EQ(s.local_time("2026-11-25T20:00:00Z"), "26.11.2026 01:30");
    EXPECT_EQ(s.local_time("not a time"), "not a time");
}

}  // namespace retainer::agency
