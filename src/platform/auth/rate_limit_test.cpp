#include "platform/auth/rate_limit.hpp"

#include <gtest/gtest.h>

namespace retainer::auth {
namespace {

using std::chrono::seconds;
const RateLimiter::Clock::time_point t0{};

}  // namespace

TEST(RateLimiter, BlocksAtTheLimitWithinTheWindow) {
    RateLimiter limiter(3, seconds(60));
    EXPECT_FALSE(limiter.blocked("a", t0));
    limiter.record("a", t0);
    limiter.record("a", t0 + seconds(10));
    EXPECT_FALSE(limiter.blocked("a", t0 + seconds(20)));
    limiter.record("a", t0 + seconds(20));
    EXPECT_TRUE(limiter.blocked("a", t0 + seconds(20)));
    EXPECT_TRUE(limiter.blocked("a", t0 + seconds(59)));
}

TEST(RateLimiter, WindowSlidesEventByEvent) {
    RateLimiter limiter(3, seconds(60));
    limiter.record("a", t0);
    limiter.record("a", t0 + seconds(10));
    limiter.record("a", t0 + seconds(20));
    // The first event leaves the window exactly 60 s later; the other two are still in it.
    EXPECT_FALSE(limiter.blocked("a", t0 + seconds(60)));
    limiter.record("a", t0 + seconds(60));
    EXPECT_TRUE(limiter.blocked("a", t0 + seconds(61)));
    EXPECT_FALSE(limiter.blocked("a", t0 + seconds(70)));
    EXPECT_FALSE(limiter.blocked("a", t0 + seconds(200)));
}

TEST(RateLimiter, BlockedDoesNotCountAsAnEvent) {
    RateLimiter limiter(2, seconds(60));
    limiter.record("a", t0);
    for (int i = 0; i < 10; ++i) EXPECT_FALSE(limiter.blocked("a", t0 + seconds(i)));
}

TEST(RateLimiter, KeysAreIndependentAndResetClearsOne) {
    RateLimiter limiter(1, seconds(60));
    limiter.record("alice@x|1.2.3.4", t0);
    EXPECT_TRUE(limiter.blocked("alice@x|1.2.3.4", t0));
    EXPECT_FALSE(limiter.blocked("bob@x|1.2.3.4", t0));
    limiter.record("bob@x|1.2.3.4", t0);
    limiter.reset("alice@x|1.2.3.4");
    EXPECT_FALSE(limiter.blocked("alice@x|1.2.3.4", t0));
    EXPECT_TRUE(limiter.blocked("bob@x|1.2.3.4", t0));
}

}  // namespace retainer::auth
