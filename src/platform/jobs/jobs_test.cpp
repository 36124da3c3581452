#include "platform/jobs/jobs.hpp"

#include <gtest/gtest.h>

#include "platform/db/migrate.hpp"

namespace retainer::jobs {
namespace json = boost::json;

TEST(JobBackoff, TenSecondsDoublingUpToAnHour) {
    EXPECT_EQ(backoff(1).count(), 10);
    EXPECT_EQ(backoff(2).count(), 20);
    EXPECT_EQ(backoff(3).count(), 40);
    EXPECT_EQ(backoff(9).count(), 2560);
    EXPECT_EQ(backoff(10).count(), 3600);
    EXPECT_EQ(backoff(40).count(), 3600);
}

class Jobs : public ::testing::Test {
  protected:
    void SetUp() override {
        db_ = db::Database::open("sqlite::memory:", 1);
        db::migrate(*db_);
    }
    std::int64_t add(const std::string& key, int max_attempts = 3) {
        db::Lease conn = db_->acquire();
        return enqueue(*conn, {"count", key, json::object{{"n", 3}}, 7, max_attempts}, now);
    }
    Job get(std::int64_t id) {
        db::Lease conn = db_->acquire();
        return *find(*conn, id);
    }
    Runner runner(const std::string& worker) {
        return Runner(*db_, worker, [this] { return now; }, {std::chrono::seconds(60)});
    }

    std::unique_ptr<db::Database> db_;
    Instant now = *Instant::parse_rfc3339("2026-12-08T09:00:00Z");
};

TEST_F(Jobs, AKeyIsEnqueuedOnce) {
    std::int64_t a = add("digest:2026-12-08T09:00");
    EXPECT_EQ(add("digest:2026-12-08T09:00"), a);
    EXPECT_NE(add("digest:2026-12-08T09:01"), a);
    Job j = get(a);
    EXPECT_EQ(j.status, "queued");
    EXPECT_EQ(j.payload.at("n").as_int64(), 3);
    EXPECT_EQ(j.created_by, 7);
}

TEST_F(Jobs, ARunReportsProgressAndKeepsItsResult) {
    std::int64_t id = add("one");
    Runner r = runner("w1");
    std::vector<std::int64_t> seen;
    r.handle("count", [&](const Job& job, Progress& progress) {
        std::int64_t n = job.payload.at("n").as_int64();
        for (std::int64_t i = 1; i <= n; ++i) {
            progress.report(i, n);
            seen.push_back(get(job.id).progress_done);
        }
        return json::value(json::object{{"counted", n}});
    });
    EXPECT_TRUE(r.run_once());
    EXPECT_FALSE(r.run_once());  // nothing else is ready
    EXPECT_EQ(seen, (std::vector<std::int64_t>{1, 2, 3}));
    Job j = get(id);
    EXPECT_EQ(j.status, "done");
    EXPECT_EQ(j.attempts, 1);
    EXPECT_EQ(j.progress_total, 3);
    EXPECT_EQ(json::parse(*j.result).at("counted").as_int64(), 3);
    EXPECT_EQ(j.to_json().at("result").at("counted").as_int64(), 3);
}

TEST_F(Jobs, AFailureIsRetriedAfterItsBackoffThenFails) {
    std::int64_t id = add("flaky", 2);
    Runner r = runner("w1");
    int calls = 0;
    r.handle("count", [&](const Job&, Progress&) -> json::value {
        ++calls;
        throw std::runtime_error("the SMTP server is down");
    });
    EXPECT_TRUE(r.run_once());
    Job j = get(id);
    EXPECT_EQ(j.status, "queued");
    EXPECT_EQ(j.last_error, "the SMTP server is down");
    EXPECT_EQ(j.run_after, "2026-12-08T09:00:10Z");
    EXPECT_FALSE(r.run_once());  // not before its backoff
    now.seconds += 10;
    EXPECT_TRUE(r.run_once());
    j = get(id);
    EXPECT_EQ(j.status, "failed");
    EXPECT_EQ(j.attempts, 2);
    EXPECT_TRUE(j.finished_at);
    EXPECT_EQ(calls, 2);
}

TEST_F(Jobs, AnExpiredLeaseIsTakenOverAndTheOldWorkerStops) {
    std::int64_t id = add("long");
    Runner first = runner("w1");
    Runner second = runner("w2");
    bool first_stopped = false;
    first.handle("count", [&](const Job&, Progress& progress) -> json::value {
        // The worker stalls past its lease; another takes the job over meanwhile.
        now.seconds += 61;
        second.handle("count", [&](const Job& job, Progress& p) {
            p.report(1, 1);
            return json::value(json::object{{"by", "w2"}, {"attempt", job.attempts}});
        });
        EXPECT_TRUE(second.run_once());
        try {
            progress.report(1);
        } catch (const LeaseLost&) {
            first_stopped = true;
            throw;
        }
        return nullptr;
    });
    EXPECT_TRUE(first.run_once());
    EXPECT_TRUE(first_stopped);
    Job j = get(id);
    EXPECT_EQ(j.status, "done");  // the first worker's late end changes nothing
    EXPECT_EQ(j.attempts, 2);
    EXPECT_EQ(json::parse(*j.result).at("by").as_string(), "w2");
}

TEST_F(Jobs, OnlyKindsWithAHandlerAreClaimed) {
    std::int64_t id = add("other");
    Runner r = runner("w1");
    r.handle("something_else", [](const Job&, Progress&) { return json::value(nullptr); });
    EXPECT_FALSE(r.run_once());
    EXPECT_EQ(get(id).status, "queued");
}

}  // namespace retainer::jobs
