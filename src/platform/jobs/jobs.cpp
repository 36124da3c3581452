#include "platform/jobs/jobs.hpp"

#include <spdlog/spdlog.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <random>

#include "core/error.hpp"

namespace retainer::jobs {
namespace json = boost::json;

namespace {

constexpr const char* kColumns =
    "id, kind, idempotency_key, payload, status, attempts, max_attempts, run_after, "
    "progress_done, progress_total, result, last_error, created_by, created_at, started_at, "
    "finished_at";

Job job_of(const db::Result& r, std::size_t i) {
    Job j;
    j.id = r.int_at(i, "id");
    j.kind = r.text_at(i, "kind");
    j.key = r.text_at(i, "idempotency_key");
    j.status = r.text_at(i, "status");
    try {
        auto v = json::parse(r.text_at(i, "payload"));
        if (v.is_object()) j.payload = std::move(v.as_object());
    } catch (const std::exception&) {
    }
    j.attempts = r.int_at(i, "attempts");
    j.max_attempts = r.int_at(i, "max_attempts");
    j.run_after = r.text_at(i, "run_after");
    j.progress_done = r.int_at(i, "progress_done");
    j.progress_total = r.opt_int_at(i, "progress_total");
    j.result = r.opt_text_at(i, "result");
    j.last_error = r.opt_text_at(i, "last_error");
    j.created_by = r.opt_int_at(i, "created_by");
    j.created_at = r.text_at(i, "created_at");
    j.started_at = r.opt_text_at(i, "started_at");
    j.finished_at = r.opt_text_at(i, "finished_at");
    return j;
}

json::value text_or_null(const std::optional<std::string>& v) {
    return v ? json::value(json::string(*v)) : json::value(nullptr);
}

std::string one_line(std::string s) {
    std::replace(s.begin(), s.end(), '\n', ' ');
    return s.substr(0, 500);
}

/// The lease a running handler renews with every report.
class LeasedProgress : public Progress {
  public:
    LeasedProgress(db::Database& db, const Job& job, const std::string& worker,
                   const Runner::Now& now, std::chrono::seconds lease)
        : db_(db), job_(job), worker_(worker), now_(now), lease_(lease) {}

    void report(std::int64_t done, std::optional<std::int64_t> total) override {
        Instant at = now_();
        std::string until = Instant{at.seconds + lease_.count()}.to_rfc3339();
        db::Lease conn = db_.acquire();
        db::Result r =
            total ? conn->query(
                        "UPDATE jobs SET progress_done = $1, progress_total = $2, lease_until = "
                        "$3, updated_at = $4 WHERE id = $5 AND lease_owner = $6 AND status = "
                        "'running'",
                        {done, *total, until, at.to_rfc3339(), job_.id, worker_})
                  : conn->query(
                        "UPDATE jobs SET progress_done = $1, lease_until = $2, updated_at = $3 "
                        "WHERE id = $4 AND lease_owner = $5 AND status = 'running'",
                        {done, until, at.to_rfc3339(), job_.id, worker_});
        if (r.affected == 0) throw LeaseLost();
    }

  private:
    db::Database& db_;
    const Job& job_;
    const std::string& worker_;
    const Runner::Now& now_;
    std::chrono::seconds lease_;
};

}  // namespace

json::object Job::to_json() const {
    json::value parsed = nullptr;
    if (result) {
        try {
            parsed = json::parse(*result);
        } catch (const std::exception&) {
            parsed = json::string(*result);
        }
    }
    return {{"id", id},
            {"kind", kind},
            {"status", status},
            {"attempts", attempts},
            {"max_attempts", max_attempts},
            {"progress", json::object{{"done", progress_done},
                                      {"total", progress_total ? json::value(*progress_total)
                                                               : json::value(nullptr)}}},
            {"result", parsed},
            {"last_error", text_or_null(last_error)},
            {"created_at", created_at},
            {"run_after", run_after},
            {"started_at", text_or_null(started_at)},
            {"finished_at", text_or_null(finished_at)}};
}

std::chrono::seconds backoff(std::int64_t attempts) {
    std::int64_t seconds = 10;
    for (std::int64_t i = 1; i < attempts && seconds < 3600; ++i) seconds *= 2;
    return std::chrono::seconds(std::min<std::int64_t>(seconds, 3600));
}

std::int64_t enqueue(db::Connection& conn, const Spec& spec, Instant now) {
    std::string at = now.to_rfc3339();
    auto r = conn.query(
        "INSERT INTO jobs (kind, idempotency_key, payload, max_attempts, run_after, created_by, "
        "created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $5, $5) ON CONFLICT "
        "(idempotency_key) DO NOTHING RETURNING id",
        {spec.kind, spec.key, json::serialize(spec.payload), std::int64_t{spec.max_attempts}, at,
         db::optional_value(spec.created_by)});
    if (!r.empty()) return r.int_at(0, "id");
    return conn.query("SELECT id FROM jobs WHERE idempotency_key = $1", {spec.key}).int_at(0, "id");
}

std::optional<Job> find(db::Connection& conn, std::int64_t id) {
    auto r = conn.query(std::string("SELECT ") + kColumns + " FROM jobs WHERE id = $1", {id});
    if (r.empty()) return std::nullopt;
    return job_of(r, 0);
}

Runner::Runner(db::Database& db, std::string worker, Now now, RunnerOptions options)
    : db_(db), worker_(std::move(worker)), now_(std::move(now)), options_(options) {}

Runner::~Runner() { stop(); }

void Runner::handle(const std::string& kind, Handler handler) {
    handlers_[kind] = std::move(handler);
}

std::optional<Job> Runner::claim() {
    if (handlers_.empty()) return std::nullopt;
    return db_.transaction([&](db::Connection& conn) -> std::optional<Job> {
        std::string now = now_().to_rfc3339();
        // A job whose worker died on its last attempt has nothing left to try.
        conn.query(
            "UPDATE jobs SET status = 'failed', finished_at = $1, updated_at = $1, lease_owner = "
            "NULL, lease_until = NULL, last_error = 'the worker stopped during every attempt' "
            "WHERE status = 'running' AND lease_until < $1 AND attempts >= max_attempts",
            {now});
        db::Params p;
        std::string at = p.bind(now);
        std::string kinds;
        for (const auto& [kind, handler] : handlers_)
            kinds += (kinds.empty() ? "" : ", ") + p.bind(kind);
        std::string sql = "SELECT id FROM jobs WHERE ((status = 'queued' AND run_after <= " + at +
                          ") OR (status = 'running' AND lease_until < " + at + ")) AND kind IN (" +
                          kinds + ") ORDER BY run_after, id LIMIT 1";
        // PostgreSQL: several processes claim at once; each skips the rows another holds.
        if (conn.backend() == db::Backend::kPostgres) sql += " FOR UPDATE SKIP LOCKED";
        auto ready = conn.query(sql, p.values());
        if (ready.empty()) return std::nullopt;
        std::string until = Instant{now_().seconds + options_.lease.count()}.to_rfc3339();
        auto r = conn.query(std::string("UPDATE jobs SET status = 'running', lease_owner = $1, "
                                        "lease_until = $2, attempts = attempts + 1, started_at = "
                                        "COALESCE(started_at, $3), updated_at = $3 WHERE id = $4 "
                                        "RETURNING ") +
                                kColumns,
                            {worker_, until, now, ready.int_at(0, "id")});
        return job_of(r, 0);
    });
}

void Runner::finish(const Job& job, const json::value& result) {
    std::string now = now_().to_rfc3339();
    db::Lease conn = db_.acquire();
    auto r = conn->query(
        "UPDATE jobs SET status = 'done', result = $1, finished_at = $2, updated_at = $2, "
        "lease_owner = NULL, lease_until = NULL WHERE id = $3 AND lease_owner = $4 AND status = "
        "'running'",
        {json::serialize(result), now, job.id, worker_});
    if (r.affected == 0)
        spdlog::warn(R"({{"event":"job_lease_lost","job":{},"kind":"{}"}})", job.id, job.kind);
}

void Runner::fail(const Job& job, const std::string& error) {
    Instant now = now_();
    std::string at = now.to_rfc3339();
    db::Lease conn = db_.acquire();
    if (job.attempts >= job.max_attempts) {
        conn->query(
            "UPDATE jobs SET status = 'failed', last_error = $1, finished_at = $2, updated_at = "
            "$2, lease_owner = NULL, lease_until = NULL WHERE id = $3 AND lease_owner = $4",
            {one_line(error), at, job.id, worker_});
    } else {
        std::string retry = Instant{now.seconds + backoff(job.attempts).count()}.to_rfc3339();
        conn->query(
            "UPDATE jobs SET status = 'queued', last_error = $1, run_after = $2, updated_at = $3, "
            "lease_owner = NULL, lease_until = NULL WHERE id = $4 AND lease_owner = $5",
            {one_line(error), retry, at, job.id, worker_});
    }
    spdlog::warn(R"({{"event":"job_failed","job":{},"kind":"{}","attempt":{},"reason":"{}"}})",
                 job.id, job.kind, job.attempts, one_line(error).substr(0, 200));
}

void Runner::purge() {
    Instant now = now_();
    if (now.seconds - last_purge_.seconds < 3600) return;
    last_purge_ = now;
    auto keep = std::chrono::duration_cast<std::chrono::seconds>(options_.keep_finished).count();
    db::Lease conn = db_.acquire();
    conn->query("DELETE FROM jobs WHERE status IN ('done', 'failed') AND finished_at < $1",
                {Instant{now.seconds - keep}.to_rfc3339()});
}

bool Runner::run_once() {
    std::optional<Job> job = claim();
    if (!job) return false;
    const Handler& handler = handlers_.at(job->kind);
    try {
        LeasedProgress progress(db_, *job, worker_, now_, options_.lease);
        json::value result = handler(*job, progress);
        finish(*job, result);
    } catch (const LeaseLost&) {
        spdlog::warn(R"({{"event":"job_lease_lost","job":{},"kind":"{}"}})", job->id, job->kind);
    } catch (const std::exception& e) {
        fail(*job, e.what());
    }
    return true;
}

void Runner::start() {
    if (thread_.joinable()) return;
    stop_ = false;
    thread_ = std::thread([this] {
        while (!stop_) {
            bool ran = false;
            try {
                purge();
                ran = run_once();
            } catch (const std::exception& e) {
                spdlog::warn(R"({{"event":"job_runner_pass_failed","reason":"{}"}})",
                             one_line(e.what()).substr(0, 200));
            }
            if (ran) continue;
            auto until = std::chrono::steady_clock::now() + options_.poll;
            while (!stop_ && std::chrono::steady_clock::now() < until)
                std::this_thread::sleep_for(std::chrono::milliseconds(50));
        }
    });
}

void Runner::stop() {
    stop_ = true;
    if (thread_.joinable()) thread_.join();
}

void handle_probes(Runner& runner) {
    runner.handle("probe", [&runner](const Job& job, Progress& progress) {
        std::int64_t seconds = 5;
        if (auto it = job.payload.find("seconds");
            it != job.payload.end() && it->value().is_int64())
            seconds = std::clamp<std::int64_t>(it->value().as_int64(), 1, 600);
        for (std::int64_t i = 1; i <= seconds; ++i) {
            std::this_thread::sleep_for(std::chrono::seconds(1));
            progress.report(i, seconds);
        }
        return json::value(json::object{{"worker", runner.worker()}});
    });
}

std::vector<std::int64_t> enqueue_probes(db::Database& db, int seconds, int count, Instant now) {
    std::string batch = worker_name();
    std::vector<std::int64_t> ids;
    db.transaction([&](db::Connection& conn) {
        ids.clear();
        for (int i = 0; i < count; ++i)
            ids.push_back(enqueue(conn,
                                  {"probe", "probe:" + batch + ":" + std::to_string(i),
                                   json::object{{"seconds", seconds}}, std::nullopt, 3},
                                  now));
        return 0;
    });
    return ids;
}

std::string worker_name() {
    char host[256] = {};
    if (gethostname(host, sizeof host - 1) != 0) host[0] = 0;
    std::random_device random;
    char buf[320];
    std::snprintf(buf, sizeof buf, "%s:%d:%08x", host, static_cast<int>(getpid()), random());
    return buf;
}

void register_routes(http::Router& router, db::Database& db,
                     std::function<bool(const http::Caller&, const Job&)> may_read) {
    router.add("GET", "/api/v1/jobs/{id}", http::Policy::signed_in(),
               [&db, may_read](http::Context& ctx) {
                   db::Lease conn = db.acquire();
                   auto job = find(*conn, ctx.id_param());
                   if (!job || !may_read(ctx.user(), *job)) throw not_found();
                   return http::json_response(200, json::serialize(job->to_json()));
               });
}

}  // namespace retainer::jobs
