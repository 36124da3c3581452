#include "modules/dashboard/dashboard.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <future>
#include <map>
#include <optional>
#include <set>
#include <unordered_set>

#include "core/error.hpp"
#include "core/json_writer.hpp"
#include "modules/access/roles.hpp"
#include "modules/access/scopes.hpp"
#include "modules/agency/settings.hpp"
#include "modules/dashboard/compute.hpp"
#include "modules/dashboard/payload_json.hpp"
#include "modules/dashboard/store.hpp"
#include "platform/http/gzip.hpp"
#include "platform/http/validators.hpp"

namespace retainer::dashboard {
namespace {

boost::json::value text_or_null(const db::Result& r, std::size_t i, const char* k) {
    auto v = r.opt_text_at(i, k);
    return v ? boost::json::value(boost::json::string(*v)) : boost::json::value(nullptr);
}

/// Clients of the list: in the caller's scope and, for a chosen person, the clients they manage.
std::string clients_of(db::Params& p, const http::Caller& caller, std::int64_t owner,
                       const std::string& alias) {
    std::string where =
        alias + ".archived_at IS NULL AND " + alias + ".account_manager_id = " + p.bind(owner);
    std::string scope = access::client_scope(p, caller, alias);
    if (!scope.empty()) where += " AND (" + scope + ")";
    return where;
}

}  // namespace

std::string DashboardModule::build(const http::Caller& caller, const std::string& period_text,
                                   std::string* timing) {
    Stopwatch watch;
    db::Lease conn = db_.acquire();
    Date today = agency::read(*conn).today(now_());
    Period period = month_param(period_text, today, "period");
    watch.lap("setup");
    std::vector<ServiceType> types = load_types(*conn);
    Input in = load(db_, *conn, caller, period, watch, today, types);
    Dashboard d = compute(in);
    watch.lap("compute");
    std::string body = to_json(in, d, types, access::sees_costs(caller));
    watch.lap("json");
    watch.total();
    if (timing) *timing = watch.header();
    return body;
}

std::string DashboardModule::service_history(const http::Caller& caller, std::int64_t service_id,
                                             const std::string& to_text, int months) {
    db::Lease conn = db_.acquire();
    Date today = agency::read(*conn).today(now_());
    Period last = month_param(to_text, today, "to");
    Period first = last;
    for (int i = 1; i < months; ++i) first = first.previous();

    db::Params p;
    std::string sql =
        "SELECT s.monthly_fee_kopecks, COALESCE(s.planning_rate_kopecks, "
        "st.planning_rate_kopecks) AS rate, s.starts_on, s.ends_on FROM services s JOIN "
        "service_types st ON st.id = s.service_type_id "
        "WHERE s.id = " +
        p.bind(service_id);
    std::string scope = access::service_scope(p, caller, "s");
    if (!scope.empty()) sql += " AND (" + scope + ")";
    db::Result sr = conn->query(sql, p.values());
    if (sr.empty()) throw not_found();
    workload::ServiceTerms terms;
    terms.monthly_fee_kopecks = sr.int_at(0, "monthly_fee_kopecks");
    terms.planning_rate_kopecks = sr.opt_int_at(0, "rate").value_or(0);
    terms.starts_on = Date::parse(sr.text_at(0, "starts_on")).value_or(first.first_day());
    if (auto e = sr.opt_text_at(0, "ends_on")) terms.ends_on = Date::parse(*e);

    db::Result rr = conn->query(
        "SELECT r.month, SUM(r.minutes) AS minutes, SUM(r.minutes * u.cost_rate_kopecks) AS cost "
        "FROM time_rollups r "
        "JOIN users u ON u.id = r.user_id WHERE r.service_id = $1 AND r.month >= $2 AND r.month <= "
        "$3 "
        "GROUP BY r.month",
        {service_id, first.to_string(), last.to_string()});
    std::map<std::string, std::pair<std::int64_t, std::int64_t>> by_month;
    for (std::size_t i = 0; i < rr.rows.size(); ++i)
        by_month[rr.text_at(i, "month")] = {int_or0(rr, i, rr.column("minutes")),
                                            int_or0(rr, i, rr.column("cost"))};

    const bool costs = access::sees_costs(caller);
    std::string out;
    json::Writer w(out);
    w.begin_object().member("service_id", service_id).key("months").begin_array();
    for (Period m = first; m <= last; m = m.next()) {
        auto it = by_month.find(m.to_string());
        std::int64_t minutes = it == by_month.end() ? 0 : it->second.first;
        std::int64_t cost = it == by_month.end() ? 0 : (it->second.second + 30) / 60;
        workload::PlanFact f = workload::plan_fact(terms, m, minutes, today);
        w.begin_object()
            .member("period", m.to_string())
            .member("fee_kopecks", f.fee_kopecks)
            .member("planned_minutes", f.planned_minutes)
            .member("actual_minutes", f.actual_minutes)
            .member("expected_minutes", f.expected_minutes)
            .member("overrun_percent", overrun_percent(f))
            .member("light", workload::to_string(f.light))
            .member("projected_minutes", f.projected_minutes)
            .member("projected_light", workload::to_string(f.projected_light));
        if (costs)
            w.member("labour_cost_kopecks", cost).member("margin_kopecks", f.fee_kopecks - cost);
        else
            w.key("labour_cost_kopecks").null().key("margin_kopecks").null();
        w.end_object();
    }
    w.end_array();
    // Who spent the last month's hours (and what they cost, for the roles that see costs): the
    // card says why a service is red (issue 9, item 7).
    db::Result pr = conn->query(
        "SELECT r.user_id, u.name, r.minutes, r.minutes * u.cost_rate_kopecks AS cost FROM "
        "time_rollups r "
        "JOIN users u ON u.id = r.user_id WHERE r.service_id = $1 AND r.month = $2 AND "
        "r.minutes > 0 ORDER BY r.minutes DESC, u.name",
        {service_id, last.to_string()});
    w.member("people_period", last.to_string()).key("people").begin_array();
    for (std::size_t i = 0; i < pr.rows.size(); ++i) {
        w.begin_object()
            .member("user_id", pr.int_at(i, "user_id"))
            .member("name", pr.text_at(i, "name"))
            .member("minutes", pr.int_at(i, "minutes"));
        if (costs)
            w.member("labour_cost_kopecks", (int_or0(pr, i, pr.column("cost")) + 30) / 60);
        else
            w.key("labour_cost_kopecks").null();
        w.end_object();
    }
    w.end_array().end_object();
    return out;
}

std::string DashboardModule::employee_load(const http::Caller& caller, std::int64_t employee_id,
                                           const std::string& period_text) {
    if (caller.role == access::kSpecialist && caller.user_id != employee_id) throw not_found();
    db::Lease conn = db_.acquire();
    Date today = agency::read(*conn).today(now_());
    Period period = month_param(period_text, today, "period");
    db::Result er = conn->query(
        "SELECT id, name, role, photo_url FROM users WHERE id = $1 AND role <> 'client'",
        {employee_id});
    if (er.empty()) throw not_found();

    // The services they are assigned to or logged time on this period, among those the caller sees.
    db::Params p;
    const std::string emp = p.bind(employee_id);
    const std::string month = p.bind(period.to_string());
    std::string sql =
        "SELECT s.id, s.name, c.name AS client_name, s.specialist_id, s.monthly_fee_kopecks, "
        "COALESCE(s.planning_rate_kopecks, st.planning_rate_kopecks) AS rate, s.starts_on, "
        "s.ends_on, "
        "(SELECT COALESCE(SUM(r.minutes), 0) FROM time_rollups r WHERE r.service_id = s.id AND "
        "r.month = " +
        month + " AND r.user_id = " + emp +
        ") AS own, (SELECT COALESCE(SUM(r.minutes), 0) FROM time_rollups r WHERE r.service_id = "
        "s.id AND r.month = " +
        month +
        ") AS total FROM services s JOIN service_types st ON st.id = s.service_type_id JOIN "
        "clients c ON "
        "c.id = "
        "s.client_id WHERE s.archived_at IS NULL AND (s.specialist_id = " +
        emp + " OR s.id IN (SELECT r.service_id FROM time_rollups r WHERE r.user_id = " + emp +
        " AND r.month = " + month + "))";
    std::string scope = access::service_scope(p, caller, "s");
    if (!scope.empty()) sql += " AND (" + scope + ")";
    sql += " ORDER BY c.name, s.id";
    db::Result sr = conn->query(sql, p.values());

    std::string out;
    json::Writer w(out);
    w.begin_object().member("period", period.to_string()).key("employee").begin_object();
    w.member("id", employee_id)
        .member("name", er.text_at(0, "name"))
        .member("role", er.text_at(0, "role"))
        .member("photo_url", er.opt_text_at(0, "photo_url"))
        .end_object();
    std::int64_t planned_total = 0, own_total = 0;
    w.key("services").begin_array();
    for (std::size_t i = 0; i < sr.rows.size(); ++i) {
        workload::ServiceTerms terms;
        terms.monthly_fee_kopecks = sr.int_at(i, "monthly_fee_kopecks");
        terms.planning_rate_kopecks = sr.opt_int_at(i, "rate").value_or(0);
        terms.starts_on = Date::parse(sr.text_at(i, "starts_on")).value_or(period.first_day());
        if (auto e = sr.opt_text_at(i, "ends_on")) terms.ends_on = Date::parse(*e);
        workload::PlanFact f =
            workload::plan_fact(terms, period, int_or0(sr, i, sr.column("total")), today);
        const bool assigned = sr.opt_int_at(i, "specialist_id") == employee_id;
        // The plan counts towards a person's load only on services they are assigned to.
        std::int64_t planned = assigned ? f.planned_minutes : 0;
        std::int64_t own = int_or0(sr, i, sr.column("own"));
        planned_total += planned;
        own_total += own;
        w.begin_object()
            .member("id", sr.int_at(i, "id"))
            .member("name", sr.text_at(i, "name"))
            .member("client_name", sr.text_at(i, "client_name"))
            .member("assigned", assigned)
            .member("planned_minutes", planned)
            .member("actual_minutes", own)
            .member("service_planned_minutes", f.planned_minutes)
            .member("service_actual_minutes", f.actual_minutes)
            .member("light", workload::to_string(f.light))
            .end_object();
    }
    w.end_array();
    w.key("totals")
        .begin_object()
        .member("planned_minutes", planned_total)
        .member("actual_minutes", own_total);
    w.end_object().end_object();
    return out;
}

std::shared_ptr<const Payload> DashboardModule::payload(const http::Caller& caller,
                                                        const std::string& period_text,
                                                        std::string* timing) {
    std::int64_t generation = 0;
    std::string key;
    {
        db::Lease conn = db_.acquire();
        db::Result g = conn->query("SELECT COALESCE(MAX(id), 0) AS g FROM audit_log");
        generation = g.int_at(0, "g");
        Date today = agency::read(*conn).today(now_());
        db::Params unused;
        bool everything = access::service_scope(unused, caller, "s").empty();
        // Callers whose scope is everything share a payload per role (costs differ by role).
        key = caller.role + "|" +
              (everything ? std::string("*")
                          : std::to_string(caller.user_id) + "|" +
                                std::to_string(access::group_of(caller).value_or(0)) + "|" +
                                std::to_string(access::client_of(caller).value_or(0))) +
              "|" + month_param(period_text, today, "period").to_string() + "|" +
              today.to_string();  // no period is the current one: the same entry
    }
    if (auto hit = cache_.find(key, generation)) {
        if (timing) *timing = "cache;desc=hit";
        return hit;
    }
    auto built = std::make_shared<const Payload>(build(caller, period_text, timing));
    if (timing) *timing += ", cache;desc=miss";
    cache_.store(key, generation, built);
    return built;
}

// What an account manager should do today (issue 9, item 10): recommendations clients are late
// to answer, missed calls nobody returned, clients nobody talked to for a while, and services
// heading for red this month.
boost::json::object DashboardModule::accounts_today(const http::Caller& caller,
                                                    std::int64_t owner) {
    db::Lease conn = db_.acquire();
    const agency::Settings settings = agency::read(*conn);
    Date today = settings.today(now_());
    const std::string day = today.to_string();
    boost::json::object out{{"date", day}, {"owner_id", owner}};

    // Sent recommendations past their due date with no answer yet, the longest waiting first.
    {
        db::Params p;
        std::string sql =
            "SELECT r.id, r.title, r.due_on, r.sent_on, r.client_id, r.service_id, c.name AS "
            "client_name FROM recommendations r JOIN clients c ON c.id = r.client_id WHERE "
            "r.archived_at IS NULL AND r.status = 'sent' AND r.due_on < " +
            p.bind(day) + " AND " + clients_of(p, caller, owner, "c") +
            " ORDER BY r.due_on, r.id LIMIT 100";
        auto r = conn->query(sql, p.values());
        boost::json::array items;
        for (std::size_t i = 0; i < r.rows.size(); ++i) {
            auto due = Date::parse(r.text_at(i, "due_on"));
            items.push_back(boost::json::object{
                {"id", r.int_at(i, "id")},
                {"title", r.text_at(i, "title")},
                {"client_id", r.int_at(i, "client_id")},
                {"client_name", r.text_at(i, "client_name")},
                {"service_id", r.opt_int_at(i, "service_id")
                                   ? boost::json::value(*r.opt_int_at(i, "service_id"))
                                   : boost::json::value(nullptr)},
                {"sent_on", text_or_null(r, i, "sent_on")},
                {"due_on", r.text_at(i, "due_on")},
                {"days_overdue",
                 due ? today.days_since_epoch() - due->days_since_epoch() : std::int64_t{0}}});
        }
        out["recommendations_overdue"] = std::move(items);
    }

    // Missed incoming calls of the last 14 days that no later call with the client (either way,
    // answered) has returned; the newest first.
    {
        db::Params p;
        std::string since = Date(today).plus_days(-14).to_string();
        std::string sql =
            "SELECT k.id, k.client_id, c.name AS client_name, k.phone, k.started_at, "
            "k.employee_id FROM calls k JOIN clients c ON c.id = k.client_id WHERE "
            "k.archived_at IS NULL AND k.direction = 'in' AND k.status = 'missed' AND "
            "k.started_on >= " +
            p.bind(since) + " AND " + clients_of(p, caller, owner, "c") +
            " AND NOT EXISTS (SELECT 1 FROM calls b WHERE b.client_id = k.client_id AND "
            "b.archived_at IS NULL AND b.status = 'answered' AND b.started_at > k.started_at) "
            "ORDER BY k.started_at DESC, k.id DESC LIMIT 100";
        auto r = conn->query(sql, p.values());
        boost::json::array items;
        for (std::size_t i = 0; i < r.rows.size(); ++i)
            items.push_back(boost::json::object{
                {"id", r.int_at(i, "id")},
                {"client_id", r.int_at(i, "client_id")},
                {"client_name", r.text_at(i, "client_name")},
                {"phone", text_or_null(r, i, "phone")},
                {"started_at", r.text_at(i, "started_at")},
                {"employee_id", r.opt_int_at(i, "employee_id")
                                    ? boost::json::value(*r.opt_int_at(i, "employee_id"))
                                    : boost::json::value(nullptr)}});
        out["calls_missed"] = std::move(items);
    }

    // Active clients nobody has talked to for N days (setting silent_client_days), or ever.
    {
        std::int64_t days = settings.silent_client_days;
        db::Params p;
        std::string cutoff = Date(today).plus_days(-days).to_string();
        std::string sql =
            "SELECT c.id, c.name, c.last_contact_on FROM clients c WHERE c.status = 'active' AND "
            "(c.last_contact_on IS NULL OR c.last_contact_on < " +
            p.bind(cutoff) + ") AND " + clients_of(p, caller, owner, "c") +
            " ORDER BY c.last_contact_on IS NOT NULL, c.last_contact_on, c.name LIMIT 100";
        auto r = conn->query(sql, p.values());
        boost::json::array items;
        for (std::size_t i = 0; i < r.rows.size(); ++i) {
            auto last = r.opt_text_at(i, "last_contact_on");
            auto last_date = last ? Date::parse(*last) : std::nullopt;
            items.push_back(boost::json::object{
                {"client_id", r.int_at(i, "id")},
                {"client_name", r.text_at(i, "name")},
                {"last_contact_on", last ? boost::json::value(boost::json::string(*last))
                                         : boost::json::value(nullptr)},
                {"days_silent", last_date ? boost::json::value(today.days_since_epoch() -
                                                               last_date->days_since_epoch())
                                          : boost::json::value(nullptr)}});
        }
        out["silent_days"] = days;
        out["clients_silent"] = std::move(items);
    }

    // This month's services of the person's clients heading for red (or red already), by the
    // same rules as the dashboard's lights.
    {
        Stopwatch watch;
        Period period = Period::of(today);
        std::vector<ServiceType> types = load_types(*conn);
        Input in = load(db_, *conn, caller, period, watch, today, types);
        Dashboard d = compute(in);
        boost::json::array items;
        for (const ClientFigures& c : d.clients) {
            if (c.client->account_manager_id != owner) continue;
            for (const ServiceFigures& s : c.services) {
                const workload::PlanFact& pf = s.current;
                if (pf.projected_light != workload::Light::kRed &&
                    pf.light != workload::Light::kRed)
                    continue;
                boost::json::value pace = nullptr;  // the projected overrun, % with one decimal
                if (pf.planned_minutes > 0)
                    pace = std::round((static_cast<double>(pf.projected_minutes) /
                                           static_cast<double>(pf.planned_minutes) -
                                       1.0) *
                                      1000.0) /
                           10.0;
                items.push_back(boost::json::object{
                    {"service_id", s.service->id},
                    {"service_name", s.service->name},
                    {"client_id", c.client->id},
                    {"client_name", c.client->name},
                    {"planned_minutes", pf.planned_minutes},
                    {"actual_minutes", pf.actual_minutes},
                    {"projected_minutes", pf.projected_minutes},
                    {"light", workload::to_string(pf.light)},
                    {"projected_light", workload::to_string(pf.projected_light)},
                    {"projected_overrun_percent", pace}});
            }
        }
        out["services_at_risk"] = std::move(items);
    }
    return out;
}

void DashboardModule::register_routes(http::Router& router) {
    using namespace access;
    router
        .add("GET", "/api/v1/dashboard",
             http::Policy::roles_of({kOwner, kHead, kManager, kSpecialist, kAccountant}),
             [this](http::Context& ctx) {
                 std::string timing;
                 auto built =
                     payload(ctx.user(), ctx.request.param("period").value_or(""), &timing);
                 http::Response r;
                 r.set_header("Vary", "Accept-Encoding");
                 // Of the uncompressed body, so the router need not hash 7 MB per request.
                 r.set_header("ETag", built->etag());
                 auto accept = ctx.request.header("accept-encoding");
                 const std::string* gz =
                     accept && http::accepts_gzip(*accept) ? built->gzipped() : nullptr;
                 if (gz) {
                     r.body = *gz;
                     r.set_header("Content-Encoding", "gzip");
                 } else {
                     r.body = built->body();
                 }
                 // Where the time went, readable in the browser's network panel and the bench.
                 r.set_header("Server-Timing", timing);
                 return r;
             })
        .accepts({"period"});
    router
        .add("GET", "/api/v1/accounts/today", http::Policy::roles_of({kOwner, kHead, kManager}),
             [this](http::Context& ctx) {
                 std::int64_t owner = ctx.user().user_id;
                 if (auto asked = ctx.request.param("owner_id"); asked && !asked->empty()) {
                     if (asked->size() > 18 ||
                         asked->find_first_not_of("0123456789") != std::string::npos)
                         throw invalid("owner_id", "must be a positive integer id");
                     owner = std::stoll(*asked);
                     if (owner != ctx.user().user_id && ctx.user().role == kManager)
                         throw forbidden("only the owner and heads see another person's list");
                 }
                 return http::json_response(
                     200, boost::json::serialize(accounts_today(ctx.user(), owner)));
             })
        .accepts({"owner_id"});
    router
        .add("GET", "/api/v1/services/{id}/plan-fact",
             http::Policy::roles_of({kOwner, kHead, kManager, kSpecialist, kAccountant}),
             [this](http::Context& ctx) {
                 int months = 12;
                 if (auto m = ctx.request.param("months")) {
                     if (m->empty() || m->size() > 2 ||
                         m->find_first_not_of("0123456789") != std::string::npos ||
                         std::stoi(*m) < 1 || std::stoi(*m) > 36)
                         throw invalid("months", "must be a whole number from 1 to 36");
                     months = std::stoi(*m);
                 }
                 return http::json_response(
                     200, service_history(ctx.user(), ctx.id_param(),
                                          ctx.request.param("to").value_or(""), months));
             })
        .accepts({"months", "to"});
    router
        .add("GET", "/api/v1/employees/{id}/load",
             http::Policy::roles_of({kOwner, kHead, kManager, kSpecialist, kAccountant}),
             [this](http::Context& ctx) {
                 return http::json_response(
                     200, employee_load(ctx.user(), ctx.id_param(),
                                        ctx.request.param("period").value_or("")));
             })
        .accepts({"period"});
}

}  // namespace retainer::dashboard
