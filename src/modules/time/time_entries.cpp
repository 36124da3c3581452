#include "modules/time/time_entries.hpp"

#include "core/date.hpp"
#include "modules/access/roles.hpp"
#include "modules/access/scopes.hpp"

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
        minutes("duration_minutes").req().sort(),
        long_text("note").len(2000).search(),
        choice("source", {"manual", "timer", "redmine", "import"}).filter().fallback("manual"),
    };
    return s;
}

namespace {

bool may_log_for_others(const http::Caller& c) {
    return c.role == access::kOwner || c.role == access::kHead || c.role == access::kManager;
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
    : entries_(
          db, time_entry_schema(),
          Hooks{
              .scope = [](db::Params& p,
                          const http::Caller& c) { return access::time_entry_scope(p, c, "t"); },
              .on_write =
                  [now](db::Connection& conn, const http::Caller& c, const Record* before,
                        Record& after, Extras&) {
                      if (before && c.role == access::kSpecialist &&
                          before->at("user_id").as_int64() != c.user_id)
                          throw forbidden("a specialist edits only their own time entries");
                      if (!after.contains("user_id") || after.at("user_id").is_null())
                          after["user_id"] = c.user_id;
                      std::int64_t user_id = after.at("user_id").as_int64();
                      if (user_id != c.user_id && !may_log_for_others(c))
                          throw forbidden("you may log time only for yourself");
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
                      // One day of slack: the agency's time zone may already be tomorrow.
                      if (date > now().utc_date().plus_days(1).to_string())
                          throw invalid("date", "cannot log time in the future");
                      std::int64_t own_id = before ? before->at("id").as_int64() : 0;
                      auto day = conn.query(
                          "SELECT COALESCE(SUM(duration_minutes), 0) AS total FROM time_entries "
                          "WHERE user_id = $1 AND date = $2 AND id <> $3",
                          {user_id, date, own_id});
                      if (day.int_at(0, "total") + after.at("duration_minutes").as_int64() > 1440)
                          throw invalid("duration_minutes",
                                        "more than 24 hours would be logged on that day");
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
}

}  // namespace retainer::time
