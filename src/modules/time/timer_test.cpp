#include "modules/time/timer.hpp"

#include <gtest/gtest.h>

namespace retainer::time {
namespace {

TEST(Timer, StopKeepsTheCountAndContinuingAddsToIt) {
    Timer t;
    t.start(Instant{1000});
    EXPECT_TRUE(t.running());
    EXPECT_EQ(t.seconds_at(Instant{1090}), 90);
    t.stop(Instant{1090});
    EXPECT_FALSE(t.running());
    EXPECT_EQ(t.seconds_at(Instant{5000}), 90);  // stopped: time does not pass
    t.start(Instant{5000});
    EXPECT_EQ(t.seconds_at(Instant{5030}), 120);
    t.start(Instant{5010});  // starting a running timer changes nothing
    EXPECT_EQ(t.seconds_at(Instant{5030}), 120);
}

TEST(Timer, MinutesRoundHalfUpWithinOneMinuteAndADay) {
    Timer t;
    EXPECT_EQ(t.minutes_at(Instant{0}), 0);
    t.elapsed_seconds = 10;
    EXPECT_EQ(t.minutes_at(Instant{0}), 1);  // anything counted offers a minute
    t.elapsed_seconds = 89;
    EXPECT_EQ(t.minutes_at(Instant{0}), 1);
    t.elapsed_seconds = 90;
    EXPECT_EQ(t.minutes_at(Instant{0}), 2);
    t.elapsed_seconds = 3 * 86400;
    EXPECT_EQ(t.minutes_at(Instant{0}), 1440);
}

}  // namespace
}  // namespace retainer::time
