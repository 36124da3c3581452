#include "platform/auth/sessions.hpp"

#include <gtest/gtest.h>
#include <spdlog/spdlog.h>

#include "core/error.hpp"
#include "platform/auth/password.hpp"
#include "platform/db/migrate.hpp"

namespace retainer::auth {
namespace {

class Sessions : public ::testing::Test {
  protected:
    Sessions() {
        spdlog::set_level(spdlog::level::warn);
        db::migrate(*db_);
        spdlog::set_level(spdlog::level::info);
        db::Lease conn = db_->acquire();
        conn->query(
            "INSERT INTO users (email, name, role, password_hash, created_at, updated_at) VALUES "
            "('anna@agency.test', 'Анна', 'manager', $1, '2026-12-01T00:00:00Z', "
            "'2026-12-01T00:00:00Z')",
            {hash_password("correct horse")});
    }
    std::int64_t sessions() {
        db::Lease conn = db_->acquire();
        return conn->query("SELECT COUNT(*) AS n FROM sessions").int_at(0, "n");
    }
    http::Request from(const std::string& ip) {
        http::Request r;
        r.remote_ip = ip;
        return r;
    }

    std::unique_ptr<db::Database> db_ = db::Database::open("sqlite::memory:", 1);
    Instant now_{1'796'000'000};
    Accounts accounts_{*db_, [this] { return now_; }};
};

TEST_F(Sessions, ExpiredSessionsArePurged) {
    accounts_.login("anna@agency.test", "correct horse", from("10.0.0.1"));
    now_.seconds += 3600;
    accounts_.login("anna@agency.test", "correct horse", from("10.0.0.1"));
    EXPECT_EQ(sessions(), 2);
    now_.seconds += 11 * 3600 + 60;  // the first is 12 h idle now, the second 11 h
    accounts_.purge_expired();
    EXPECT_EQ(sessions(), 1);
    now_.seconds += 31 * 86400;
    accounts_.purge_expired();
    EXPECT_EQ(sessions(), 0);
}

TEST_F(Sessions, AUserKeepsAtMostTwentySessions) {
    for (int i = 0; i < 25; ++i) {
        now_.seconds += 1;
        accounts_.login("anna@agency.test", "correct horse", from("10.0.0.1"));
    }
    EXPECT_EQ(sessions(), 20);
}

TEST_F(Sessions, FailuresFromManyAddressesSlowTheAccountButNotAKnownDevice) {
    accounts_.login("anna@agency.test", "correct horse", from("10.0.0.1"));
    for (int i = 0; i < 5; ++i)
        EXPECT_THROW(
            accounts_.login("anna@agency.test", "guess", from("10.9.0." + std::to_string(i))),
            Error);
    try {
        accounts_.login("anna@agency.test", "correct horse", from("10.9.1.1"));
        ADD_FAILURE() << "a new address got in during the slowdown";
    } catch (const Error& e) {
        EXPECT_EQ(e.kind(), ErrorKind::kRateLimited);
        EXPECT_EQ(e.retry_after_seconds(), 1);
    }
    EXPECT_NO_THROW(accounts_.login("anna@agency.test", "correct horse", from("10.0.0.1")));
    now_.seconds += 2;
    EXPECT_NO_THROW(accounts_.login("anna@agency.test", "correct horse", from("10.9.1.1")));
}

}  // namespace
}  // namespace retainer::auth
