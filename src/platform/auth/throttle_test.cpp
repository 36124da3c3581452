#include "platform/auth/throttle.hpp"

#include <gtest/gtest.h>
#include <spdlog/spdlog.h>

#include "platform/db/migrate.hpp"

namespace retainer::auth {
namespace {

using std::chrono::minutes;
using std::chrono::seconds;

TEST(Throttle, AHardLimitWaitsUntilTheWindowEnds) {
    Limit l{"x", 10, minutes(15)};
    Instant now{1'000'000};
    Instant ends{now.seconds + 300};
    EXPECT_EQ(seconds_to_wait(l, 9, ends, now, now), 0);
    EXPECT_EQ(seconds_to_wait(l, 10, ends, now, now), 300);
    EXPECT_EQ(seconds_to_wait(l, 10, Instant{now.seconds}, now, now), 0);  // the window ended
}

TEST(Throttle, BackoffDoublesAfterTheFreeTriesAndIsCapped) {
    Limit l{"x", 0, minutes(60), 5, seconds(60)};
    Instant last{1'000'000};
    Instant ends{last.seconds + 3600};
    EXPECT_EQ(seconds_to_wait(l, 4, ends, last, last), 0);
    EXPECT_EQ(seconds_to_wait(l, 5, ends, last, last), 1);
    EXPECT_EQ(seconds_to_wait(l, 6, ends, last, last), 2);
    EXPECT_EQ(seconds_to_wait(l, 8, ends, last, last), 8);
    EXPECT_EQ(seconds_to_wait(l, 8, ends, last, Instant{last.seconds + 3}), 5);
    EXPECT_EQ(seconds_to_wait(l, 8, ends, last, Instant{last.seconds + 8}), 0);
    EXPECT_EQ(seconds_to_wait(l, 40, ends, last, last), 60);
    EXPECT_EQ(seconds_to_wait(l, 4000, ends, last, last), 60);  // no overflow in the shift
}

TEST(Throttle, CountsInTheDatabaseAndStartsANewWindow) {
    auto db = db::Database::open("sqlite::memory:", 1);
    spdlog::set_level(spdlog::level::warn);
    db::migrate(*db);
    spdlog::set_level(spdlog::level::info);
    db::Lease conn = db->acquire();
    Limit l{"misses", 3, minutes(10)};
    Instant t0{2'000'000};
    for (int i = 0; i < 3; ++i) {
        EXPECT_EQ(Throttle::wait(*conn, l, "10.0.0.1", t0), 0);
        Throttle::hit(*conn, l, "10.0.0.1", t0);
    }
    EXPECT_EQ(Throttle::wait(*conn, l, "10.0.0.1", Instant{t0.seconds + 60}), 540);
    EXPECT_EQ(Throttle::wait(*conn, l, "10.0.0.2", t0), 0);  // keys are separate
    EXPECT_TRUE(Throttle::seen(*conn, l, "10.0.0.1", t0));
    // After the window a hit starts a fresh count.
    Instant later{t0.seconds + 601};
    EXPECT_EQ(Throttle::wait(*conn, l, "10.0.0.1", later), 0);
    Throttle::hit(*conn, l, "10.0.0.1", later);
    EXPECT_EQ(Throttle::wait(*conn, l, "10.0.0.1", later), 0);
    auto r = conn->query("SELECT hits FROM throttle WHERE key = 'misses:10.0.0.1'");
    EXPECT_EQ(r.int_at(0, "hits"), 1);
    Throttle::purge(*conn, Instant{later.seconds + 601});
    EXPECT_FALSE(Throttle::seen(*conn, l, "10.0.0.1", later));
}

}  // namespace
}  // namespace retainer::auth
