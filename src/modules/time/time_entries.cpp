#include "modules/time/time_entries.hpp"

#include <boost/json.hpp>

#include "core/date.hpp"
#include "core/json_input.hpp"
#include "core/text.hpp"
#include "modules/access/roles.hpp"
#include "modules/access/scopes.hpp"
#include "modules/agency/settings.hpp"
#include "modules/time/rules.hpp"
#include "modules/time/timer.hpp"

namespace retainer::time {
using namespace records;

Schema time_entry_schema() {
    Schema s;
    s.table = "time_entries";
    s.entity = "time_entries";
    s.archivable = false;
    s.default_sort = "date";
    s.filter_aliases = {{"employee_id", "user_id"}};
    s.fields = {
        ref("service_id", "services").req().filter(),
        ref("user_id", "users").filter(),
        integer("task_id").range(1, INT64_MAX).filter(),
        date("date").req().filter().sort(),
        // A day at most: a longer stretch is several entries, one per day.
        minutes("duration_minutes").req().range(1, 1440).sort(),
        long_text("note").len(2000).search(),
        choice("source", {"manual", "timer", "redmine", "import"}).filter().fallback("manual"),
    };
    return s;
}

namespace {

bool may_log_for_others(const http::Caller& c) {
    return c.role == access::kOwner || c.role == access::kHead || c.role == access::kManager;
}

Writer writer_of(const http::Caller& c) {
    return {c.user_id, c.role == access::kSpecialist, may_log_for_others(c)};
}

void list_filters(const std::map<std::string, std::string>& query, db::Params& p,
                  std::vector<std::string>& where, FieldErrors& errors) {
    if (auto m = query.find("month"); m != query.end()) {
        auto period = Period::parse(m->second);
        if (!period) {
            errors["month"] = "must be YYYY-MM";
        } else {
            where.push_back("t.date >= " + p.bind(period->first_day().to_string()));
            where.push_back("t.date <= " + p.bind(period->last_day().to_string()));
        }
    }
    if (auto c = query.find("client_id"); c != query.end()) {
        const std::string& v = c->second;
        if (v.empty() || v.size() > 18 || v.find_first_not_of("0123456789") != std::string::npos) {
            errors["client_id"] = "must be an integer";
        } else {
            where.push_back("t.service_id IN (SELECT fs.id FROM services fs WHERE fs.client_id = " +
                            p.bind(std::stoll(v)) + ")");
        }
    }
}

void add_to_rollup(db::Connection& conn, const Record& entry, std::int64_t sign) {
    std::string month = std::string(entry.at("date").as_string()).substr(0, 7);
    conn.query(
        "INSERT INTO time_rollups (service_id, user_id, month, minutes, entries) VALUES ($1, $2, "
        "$3, $4, $5) "
        "ON CONFLICT (service_id, user_id, month) DO UPDATE SET "
        "minutes = time_rollups.minutes + excluded.minutes, entries = time_rollups.entries + "
        "excluded.entries",
        {entry.at("service_id").as_int64(), entry.at("user_id").as_int64(), month,
         sign * entry.at("duration_minutes").as_int64(), sign});
}

}  // namespace

void rebuild_rollups(db::Connection& conn) {
    conn.query("DELETE FROM time_rollups");
    conn.query(
        "INSERT INTO time_rollups (service_id, user_id, month, minutes, entries) "
        "SELECT service_id, user_id, SUBSTR(date, 1, 7), SUM(duration_minutes), COUNT(*) "
        "FROM time_entries GROUP BY service_id, user_id, SUBSTR(date, 1, 7)");
}

TimeModule::TimeModule(db::Database& db, Resource::Now now)
    : db_(db),
      now_(now),
      entries_(
          db, time_entry_schema(),
          Hooks{
              .scope = [](db::Params& p,
                          const http::Caller& c) { return access::time_entry_scope(p, c, "t"); },
              .on_write =
                  [now](db::Connection& conn, const http::Caller& c, const Record* before,
                        Record& after, Extras&) {
                      if (!after.contains("user_id") || after.at("user_id").is_null())
                          after["user_id"] = c.user_id;
                      std::int64_t user_id = after.at("user_id").as_int64();
                      std::optional<std::int64_t> owner_before;
                      if (before) owner_before = before->at("user_id").as_int64();
                      if (auto problem = authorship_problem(writer_of(c), owner_before, user_id))
                          throw forbidden(*problem);
                      auto user =
                          conn.query("SELECT role FROM users WHERE id = $1 AND archived_at IS NULL",
                                     {user_id});
                      if (user.empty() || user.text_at(0, "role") == access::kClient)
                          throw invalid("user_id", "must be an active employee");

                      db::Params p;
                      std::string sql = "SELECT t.id FROM services t WHERE t.id = " +
                                        p.bind(after.at("service_id").as_int64());
                      std::string scope = access::service_scope(p, c, "t");
                      if (!scope.empty()) sql += " AND (" + scope + ")";
                      if (conn.query(sql, p.values()).empty())
                          throw invalid("service_id", "no such service");

                      std::string date = std::string(after.at("date").as_string());
                      if (auto problem = date_problem(*Date::parse(date), now().utc_date()))
                          throw invalid("date", *problem);
                      std::int64_t own_id = before ? before->at("id").as_int64() : 0;
                      auto day = conn.query(
                          "SELECT COALESCE(SUM(duration_minutes), 0) AS total FROM time_entries "
                          "WHERE user_id = $1 AND date = $2 AND id <> $3",
                          {user_id, date, own_id});
                      if (auto problem = day_total_problem(day.int_at(0, "total"),
                                                           after.at("duration_minutes").as_int64()))
                          throw invalid("duration_minutes", *problem);
                  },
              .on_remove =
                  [](db::Connection&, const http::Caller& c, const Record& before) {
                      if (c.role == access::kSpecialist &&
                          before.at("user_id").as_int64() != c.user_id)
                          throw forbidden("a specialist deletes only their own time entries");
                  },
              .filters = list_filters,
              .present = {},
              .after_write =
                  [](db::Connection& conn, const http::Caller&, const Record* before,
                     const Record* after) {
                      if (before) add_to_rollup(conn, *before, -1);
                      if (after) add_to_rollup(conn, *after, +1);
                  },
              .sees = {},
              .filter_params = {"month", "client_id"},
          },
          now) {}

void TimeModule::register_routes(http::Router& router) {
    using http::Policy;
    using namespace access;
    std::vector<std::string> workers = {kOwner, kHead, kManager, kSpecialist};
    entries_.register_routes(
        router, "/api/v1/time-entries",
        {.list = Policy::roles_of({kOwner, kHead, kManager, kSpecialist, kAccountant}),
         .read = Policy::roles_of({kOwner, kHead, kManager, kSpecialist, kAccountant}),
         .create = Policy::roles_of(workers),
         .update = Policy::roles_of(workers),
         .remove = Policy::roles_of(workers)});
    register_timer_routes(router, workers);
}

}  // namespace retainer::time

namespace retainer::time {
namespace {

std::optional<Timer> load_timer(db::Connection& conn, std::int64_t user_id) {
    auto r = conn.query(
        "SELECT service_id, started_at, elapsed_seconds, note FROM timers WHERE user_id = $1",
        {user_id});
    if (r.empty()) return std::nullopt;
    Timer t;
    t.service_id = r.opt_int_at(0, "service_id");
    if (auto at = r.opt_text_at(0, "started_at")) t.started_at = Instant::parse_rfc3339(*at);
    t.elapsed_seconds = r.int_at(0, "elapsed_seconds");
    t.note = r.opt_text_at(0, "note").value_or("");
    return t;
}

void store_timer(db::Connection& conn, std::int64_t user_id, const Timer& t, Instant now) {
    conn.query(
        "INSERT INTO timers (user_id, service_id, started_at, elapsed_seconds, note, updated_at) "
        "VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (user_id) DO UPDATE SET service_id = "
        "excluded.service_id, started_at = excluded.started_at, elapsed_seconds = "
        "excluded.elapsed_seconds, note = excluded.note, updated_at = excluded.updated_at",
        {user_id, db::optional_value(t.service_id),
         t.started_at ? db::Value(t.started_at->to_rfc3339()) : db::null(), t.elapsed_seconds,
         t.note.empty() ? db::null() : db::Value(t.note), now.to_rfc3339()});
}

boost::json::object timer_json(const std::optional<Timer>& t, Instant now) {
    namespace json = boost::json;
    if (!t)
        return {{"state", "idle"}, {"service_id", nullptr}, {"started_at", nullptr},
                {"seconds", 0},    {"minutes", 0},          {"note", ""}};
    return {{"state", t->running() ? "running" : "stopped"},
            {"service_id", t->service_id ? json::value(*t->service_id) : json::value(nullptr)},
            {"started_at", t->started_at ? json::value(json::string(t->started_at->to_rfc3339()))
                                         : json::value(nullptr)},
            {"seconds", t->seconds_at(now)},
            {"minutes", t->minutes_at(now)},
            {"note", t->note}};
}

/// The service the timer runs on must be one the caller may log time on (their scope).
void require_loggable_service(db::Connection& conn, const http::Caller& c, std::int64_t id) {
    db::Params p;
    std::string sql =
        "SELECT t.id FROM services t WHERE t.archived_at IS NULL AND t.id = " + p.bind(id);
    std::string scope = access::service_scope(p, c, "t");
    if (!scope.empty()) sql += " AND (" + scope + ")";
    if (conn.query(sql, p.values()).empty()) throw invalid("service_id", "no such service");
}

}  // namespace

void TimeModule::register_timer_routes(http::Router& router,
                                       const std::vector<std::string>& roles) {
    using http::Policy;
    namespace json = boost::json;
    router.add("GET", "/api/v1/timer", Policy::roles_of(roles), [this](http::Context& ctx) {
        db::Lease conn = db_.acquire();
        return http::json_response(
            200, json::serialize(timer_json(load_timer(*conn, ctx.user().user_id), now_())));
    });
    // Starts, or continues a stopped timer; may move it to another service or note.
    router.add("POST", "/api/v1/timer/start", Policy::roles_of(roles), [this](http::Context& ctx) {
        json::object in =
            ctx.request.body.empty() ? json::object{} : json_input::parse_object(ctx.request.body);
        Instant now = now_();
        Timer result = db_.transaction([&](db::Connection& conn) {
            Timer t = load_timer(conn, ctx.user().user_id).value_or(Timer{});
            for (const auto& [key, value] : in) {
                if (key == "service_id") {
                    if (value.is_null()) {
                        t.service_id.reset();
                    } else if (!value.is_int64() || value.as_int64() <= 0) {
                        throw invalid("service_id", "must be an id (integer)");
                    } else {
                        require_loggable_service(conn, ctx.user(), value.as_int64());
                        t.service_id = value.as_int64();
                    }
                } else if (key == "note") {
                    if (!value.is_string() || text::length(value.as_string()) > 2000)
                        throw invalid("note", "must be at most 2000 characters");
                    t.note = std::string(text::trim(std::string_view(value.as_string())));
                } else {
                    throw invalid(std::string(key), "unknown field");
                }
            }
            t.start(now);
            store_timer(conn, ctx.user().user_id, t, now);
            return t;
        });
        return http::json_response(200, json::serialize(timer_json(result, now)));
    });
    router.add("POST", "/api/v1/timer/stop", Policy::roles_of(roles), [this](http::Context& ctx) {
        Instant now = now_();
        auto result = db_.transaction([&](db::Connection& conn) {
            auto t = load_timer(conn, ctx.user().user_id);
            if (!t) throw conflict("the timer is not running");
            t->stop(now);
            store_timer(conn, ctx.user().user_id, *t, now);
            return t;
        });
        return http::json_response(200, json::serialize(timer_json(result, now)));
    });
    router.add("DELETE", "/api/v1/timer", Policy::roles_of(roles), [this](http::Context& ctx) {
        db::Lease conn = db_.acquire();
        conn->query("DELETE FROM timers WHERE user_id = $1", {ctx.user().user_id});
        http::Response r;
        r.status = 204;
        return r;
    });
    // Saves the counted time as a time entry and clears the timer, in one transaction: the time
    // is never lost between the two (a closed form keeps the timer). Fields as for a time entry;
    // service, minutes and today's date default to the timer's.
    router.add("POST", "/api/v1/timer/save", Policy::roles_of(roles), [this](http::Context& ctx) {
        json::object in = json_input::parse_object(ctx.request.body);
        Instant now = now_();
        try {
            Record entry = db_.transaction([&](db::Connection& conn) {
                auto t = load_timer(conn, ctx.user().user_id);
                if (!t) throw conflict("the timer is not running");
                Record input = in;
                if (!input.contains("service_id") && t->service_id)
                    input["service_id"] = *t->service_id;
                if (!input.contains("duration_minutes") && t->minutes_at(now) > 0)
                    input["duration_minutes"] = t->minutes_at(now);
                if (!input.contains("date"))
                    input["date"] = agency::read(conn).today(now).to_string();
                if (!input.contains("note") && !t->note.empty()) input["note"] = t->note;
                input["source"] = "timer";
                Record saved = entries_.create_in(conn, ctx.user(), input, ctx.request.request_id);
                conn.query("DELETE FROM timers WHERE user_id = $1", {ctx.user().user_id});
                return saved;
            });
            http::Response r = http::json_response(201, json::serialize(entry));
            r.set_header("Location",
                         "/api/v1/time-entries/" + std::to_string(entry.at("id").as_int64()));
            return r;
        } catch (const db::ConstraintViolation& e) {
            rethrow_constraint(e);
        }
    });
}

}  // namespace retainer::time
