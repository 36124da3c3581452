#pragma once
#include <atomic>
#include <boost/json.hpp>
#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "core/date.hpp"
#include "platform/db/database.hpp"
#include "platform/http/router.hpp"

/// Background jobs shared by every server process (docs/jobs.md). Knows nothing of agencies: a
/// job is a kind, a payload, and a handler the application registers for the kind.
namespace retainer::jobs {

/// What to run. The idempotency key makes enqueueing safe to repeat: a second enqueue with the same
/// key returns the job already there (whatever its state) — every process may schedule the same
/// periodic job, and it runs once.
struct Spec {
    std::string kind;
    std::string key;
    boost::json::object payload;
    std::optional<std::int64_t> created_by;  // the user who asked, if anyone
    int max_attempts = 5;
};

/// Enqueues in the caller's transaction; returns the job's id (new or existing).
std::int64_t enqueue(db::Connection& conn, const Spec& spec, Instant now);

/// One job as a handler and the API see it.
struct Job {
    std::int64_t id = 0;
    std::string kind, key, status;  // status: queued | running | done | failed
    boost::json::object payload;
    std::int64_t attempts = 0, max_attempts = 0, progress_done = 0;
    std::optional<std::int64_t> progress_total, created_by;
    std::optional<std::string> result, last_error, started_at, finished_at;
    std::string created_at, run_after;
    boost::json::object to_json() const;
};
std::optional<Job> find(db::Connection& conn, std::int64_t id);

/// The wait before attempt `attempts + 1` after `attempts` failures: 10 s doubling, at most 1 h.
std::chrono::seconds backoff(std::int64_t attempts);

/// Thrown into a handler's progress report when its lease was lost (it ran too long without a
/// heartbeat and another process took the job over): the handler must stop.
struct LeaseLost : std::runtime_error {
    LeaseLost() : std::runtime_error("the job's lease was taken over") {}
};

/// What a running handler reports. Each report renews the lease (a heartbeat); a handler that
/// reports nothing for longer than the lease loses its job to another process.
class Progress {
  public:
    virtual ~Progress() = default;
    virtual void report(std::int64_t done, std::optional<std::int64_t> total = std::nullopt) = 0;
};

/// Runs a job; returns its result (kept as JSON for the UI); throws to fail the attempt.
using Handler = std::function<boost::json::value(const Job&, Progress&)>;

struct RunnerOptions {
    std::chrono::seconds lease{60};
    std::chrono::milliseconds poll{1000};
    std::chrono::hours keep_finished{24 * 7};  // done and failed jobs are purged after this
};

/// Claims ready jobs of the registered kinds and runs them, one at a time, on a thread of its own
/// (or by `run_once`). On PostgreSQL the claim skips rows another process holds (FOR UPDATE SKIP
/// LOCKED); on SQLite writers queue behind one another, which one process's runner never notices.
class Runner {
  public:
    using Now = std::function<Instant()>;
    Runner(db::Database& db, std::string worker, Now now, RunnerOptions options = {});
    ~Runner();
    Runner(const Runner&) = delete;
    Runner& operator=(const Runner&) = delete;

    void handle(const std::string& kind, Handler handler);
    /// Claims and runs one ready job; false when there was none.
    bool run_once();
    /// Runs jobs on a background thread until stop() or destruction.
    void start();
    void stop();
    const std::string& worker() const { return worker_; }

  private:
    std::optional<Job> claim();
    void finish(const Job& job, const boost::json::value& result);
    void fail(const Job& job, const std::string& error);
    void purge();

    db::Database& db_;
    std::string worker_;
    Now now_;
    RunnerOptions options_;
    std::map<std::string, Handler> handlers_;
    std::atomic<bool> stop_{false};
    std::thread thread_;
    Instant last_purge_{0};
};

/// The probe: a job of kind "probe" that sleeps `seconds` (payload), reporting progress every
/// second, and answers {"worker": the runner's name} — to see that runners are alive and which
/// process ran what (`retainer jobs probe`).
void handle_probes(Runner& runner);
std::vector<std::int64_t> enqueue_probes(db::Database& db, int seconds, int count, Instant now);

/// "host:pid:random" — who holds a lease, unique per process.
std::string worker_name();

/// GET /api/v1/jobs/{id}: status, attempts, progress, result or last error, for callers
/// `may_read` admits (404 for others).
void register_routes(http::Router& router, db::Database& db,
                     std::function<bool(const http::Caller&, const Job&)> may_read);

}  // namespace retainer::jobs
