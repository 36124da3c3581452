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
#include "platform/http/gzip.hpp"
#include "platform/http/validators.hpp"

namespace retainer::dashboard {
namespace {

/// Splits a request's time into named parts for the Server-Timing header.
class Stopwatch {
  public:
    void lap(const char* name) {
        auto now = Clock::now();
        char buf[64];
        std::snprintf(buf, sizeof buf, "%s%s;dur=%.1f", out_.empty() ? "" : ", ", name,
                      std::chrono::duration<double, std::milli>(now - last_).count());
        out_ += buf;
        last_ = now;
    }
    /// Records a part measured elsewhere (on another thread).
    void add(const char* name, double ms) {
        char buf[64];
        std::snprintf(buf, sizeof buf, "%s%s;dur=%.1f", out_.empty() ? "" : ", ", name, ms);
        out_ += buf;
    }
    /// Appends the wall time since the stopwatch started.
    void total() {
        add("total", std::chrono::duration<double, std::milli>(Clock::now() - started_).count());
    }
    const std::string& header() const { return out_; }

  private:
    using Clock = std::chrono::steady_clock;
    Clock::time_point started_ = Clock::now();
    Clock::time_point last_ = started_;
    std::string out_;
};

std::optional<std::string> opt_text(const db::Result& r, std::size_t row, std::size_t col) {
    const db::Value& v = r.rows[row][col];
    if (const auto* s = std::get_if<std::string>(&v)) return *s;
    return std::nullopt;
}
std::optional<std::int64_t> opt_int(const db::Result& r, std::size_t row, std::size_t col) {
    const db::Value& v = r.rows[row][col];
    if (const auto* i = std::get_if<std::int64_t>(&v)) return *i;
    if (const auto* d = std::get_if<double>(&v)) return static_cast<std::int64_t>(*d);
    return std::nullopt;
}
std::int64_t int_or0(const db::Result& r, std::size_t row, std::size_t col) {
    return opt_int(r, row, col).value_or(0);
}
std::string text_or_empty(const db::Result& r, std::size_t row, std::size_t col) {
    return opt_text(r, row, col).value_or("");
}

/// Clients with their recommendation and call figures: three queries that do not depend on the
/// services, so they run on a second connection beside the services and rollups when one is free.
struct ClientSide {
    db::Result clients, recommendations, calls;
    double ms = 0;
};

ClientSide load_client_side(db::Connection& conn, const http::Caller& caller, const Period& period,
                            const Date& today) {
    auto started = std::chrono::steady_clock::now();
    ClientSide out;
    db::Params probe;
    const bool everyone = access::service_scope(probe, caller, "s").empty();
    // "AND <alias>.client_id IN (clients of the services the caller sees)" for scoped callers.
    auto visible_clients = [&](db::Params& p, const std::string& column) -> std::string {
        if (everyone) return "";
        return " AND " + column + " IN (SELECT s.client_id FROM services s WHERE " +
               access::service_scope(p, caller, "s") + ")";
    };

    db::Params cp;
    std::string clients_sql =
        "SELECT c.id, c.name, c.account_manager_id, c.last_contact_on FROM clients c WHERE "
        "c.archived_at IS NULL" +
        visible_clients(cp, "c.id") + " ORDER BY c.name, c.id";
    out.clients = conn.query(clients_sql, cp.values());

    db::Params qp;
    std::string today_param = qp.bind(today.to_string());
    std::string rec_sql =
        "SELECT r.client_id, COUNT(*), "
        "SUM(CASE WHEN r.approved_on IS NOT NULL AND (r.due_on IS NULL OR r.approved_on <= "
        "r.due_on) THEN 1 ELSE 0 END), "
        "SUM(CASE WHEN r.status = 'sent' AND r.due_on < " +
        today_param + " THEN 1 ELSE 0 END) FROM recommendations r WHERE r.archived_at IS NULL" +
        visible_clients(qp, "r.client_id") + " GROUP BY r.client_id";
    out.recommendations = conn.query(rec_sql, qp.values());

    // Calls of the period only (index calls_day); the last contact is kept on the client row.
    db::Params kp;
    std::string calls_sql =
        "SELECT k.client_id, COUNT(*), SUM(CASE WHEN k.status = 'answered' THEN k.duration_seconds "
        "ELSE 0 END) FROM calls k WHERE k.started_on >= " +
        kp.bind(period.first_day().to_string()) +
        " AND k.started_on <= " + kp.bind(period.last_day().to_string()) +
        " AND k.client_id IS NOT NULL AND k.archived_at IS NULL" +
        visible_clients(kp, "k.client_id") + " GROUP BY k.client_id";
    out.calls = conn.query(calls_sql, kp.values());
    out.ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started)
                 .count();
    return out;
}

/// A `YYYY-MM` query parameter; empty means the month of `today`.
Period month_param(const std::string& text, const Date& today, const char* field) {
    if (text.empty()) return Period::of(today);
    auto p = Period::parse(text);
    if (!p) throw invalid(field, "must be a month as YYYY-MM");
    return *p;
}

struct ServiceType {
    std::int64_t id = 0;
    std::string code, name, name_en, direction;
    std::int64_t planning_rate_kopecks = 0;
};

std::vector<ServiceType> load_types(db::Connection& conn) {
    db::Result tr = conn.query(
        "SELECT id, code, name, name_en, direction, planning_rate_kopecks FROM service_types "
        "WHERE archived_at IS NULL ORDER BY name");
    std::vector<ServiceType> types;
    for (std::size_t i = 0; i < tr.rows.size(); ++i)
        types.push_back({int_or0(tr, i, 0), text_or_empty(tr, i, 1), text_or_empty(tr, i, 2),
                         text_or_empty(tr, i, 3), text_or_empty(tr, i, 4), int_or0(tr, i, 5)});
    return types;
}

Input load(db::Database& db, db::Connection& conn, const http::Caller& caller, const Period& period,
           Stopwatch& watch, const Date& today, const std::vector<ServiceType>& types) {
    // Two cores: the client-side figures run on a second connection while this thread reads the
    // services and rollups; without a free connection they run here, after them.
    std::optional<db::Lease> second = db.try_acquire();
    std::future<ClientSide> client_side =
        second ? std::async(std::launch::async,
                            [&] { return load_client_side(**second, caller, period, today); })
               : std::async(std::launch::deferred,
                            [&] { return load_client_side(conn, caller, period, today); });
    Input in;
    in.period = period;
    in.today = today;
    const Period prev = period.previous();
    const std::string first = period.first_day().to_string();
    const std::string last = period.last_day().to_string();

    db::Result ur = conn.query(
        "SELECT id, name, role, photo_url, group_id, cost_rate_kopecks FROM users WHERE role <> "
        "'client'");
    in.people.reserve(ur.rows.size());
    for (std::size_t i = 0; i < ur.rows.size(); ++i) {
        Person p{int_or0(ur, i, 0),  text_or_empty(ur, i, 1), text_or_empty(ur, i, 2),
                 opt_text(ur, i, 3), opt_int(ur, i, 4),       int_or0(ur, i, 5)};
        in.people.emplace(p.id, std::move(p));
    }
    std::unordered_map<std::int64_t, std::int64_t> type_rates;
    for (const ServiceType& t : types) type_rates[t.id] = t.planning_rate_kopecks;
    watch.lap("people");

    // The service's own planning rate wins over its type's (resolved here, so the query reads
    // the services table alone).
    db::Params sp;
    std::string services_sql =
        "SELECT s.id, s.client_id, s.service_type_id, s.name, s.specialist_id, "
        "s.account_manager_id, s.monthly_fee_kopecks, s.planning_rate_kopecks, "
        "s.starts_on, s.ends_on, s.status, s.documents_url FROM services s "
        "WHERE s.archived_at IS NULL AND s.starts_on <= " +
        sp.bind(last) + " AND (s.ends_on IS NULL OR s.ends_on >= " + sp.bind(first) + ")";
    std::string scope = access::service_scope(sp, caller, "s");
    if (!scope.empty()) services_sql += " AND (" + scope + ")";
    db::Result sr = conn.query(services_sql, sp.values());
    watch.lap("services");
    in.services.reserve(sr.rows.size());
    std::unordered_set<std::int64_t> client_ids;
    for (std::size_t i = 0; i < sr.rows.size(); ++i) {
        ServiceInput s;
        s.id = int_or0(sr, i, 0);
        s.client_id = int_or0(sr, i, 1);
        s.service_type_id = int_or0(sr, i, 2);
        s.name = text_or_empty(sr, i, 3);
        s.specialist_id = opt_int(sr, i, 4);
        s.account_manager_id = opt_int(sr, i, 5);
        s.terms.monthly_fee_kopecks = int_or0(sr, i, 6);
        auto own_rate = opt_int(sr, i, 7);
        auto type_rate = type_rates.find(s.service_type_id);
        s.terms.planning_rate_kopecks =
            own_rate ? *own_rate : (type_rate != type_rates.end() ? type_rate->second : 0);
        s.terms.starts_on = Date::parse(text_or_empty(sr, i, 8)).value_or(period.first_day());
        if (auto e = opt_text(sr, i, 9)) s.terms.ends_on = Date::parse(*e);
        s.status = text_or_empty(sr, i, 10);
        s.documents_url = opt_text(sr, i, 11);
        client_ids.insert(s.client_id);
        in.services.push_back(std::move(s));
    }

    // Rollups of the two periods, read from the covering index (month, service, person,
    // minutes) and weighted by cost rates here: cheaper than a join and GROUP BY in SQL.
    // Owners read every row of the two months; others filter by the same scope as above.
    db::Params rp;
    const std::string current_param = rp.bind(period.to_string());
    std::string rollup_sql =
        "SELECT r.service_id, r.user_id, CASE WHEN r.month = " + current_param +
        " THEN 1 ELSE 0 END, r.minutes FROM time_rollups r WHERE r.month IN (" + current_param +
        ", " + rp.bind(prev.to_string()) + ")";
    std::string rscope = access::service_scope(rp, caller, "s");
    if (!rscope.empty())
        rollup_sql += " AND r.service_id IN (SELECT s.id FROM services s WHERE " + rscope + ")";
    db::Result rr = conn.query(rollup_sql, rp.values());
    watch.lap("rollups");
    in.rollups.reserve(rr.rows.size());
    for (std::size_t i = 0; i < rr.rows.size(); ++i) {
        std::int64_t minutes = int_or0(rr, i, 3);
        auto person = in.people.find(int_or0(rr, i, 1));
        std::int64_t rate = person != in.people.end() ? person->second.cost_rate_kopecks : 0;
        in.rollups.push_back({int_or0(rr, i, 0), int_or0(rr, i, 2) != 0, minutes, minutes * rate});
    }

    ClientSide side = client_side.get();
    watch.add("client_figures", side.ms);
    std::unordered_map<std::int64_t, std::size_t> index;
    in.clients.reserve(side.clients.rows.size());
    for (std::size_t i = 0; i < side.clients.rows.size(); ++i) {
        std::int64_t id = int_or0(side.clients, i, 0);
        if (!client_ids.count(id)) continue;
        ClientInput c;
        c.id = id;
        c.name = text_or_empty(side.clients, i, 1);
        c.account_manager_id = opt_int(side.clients, i, 2);
        c.last_contact_on = opt_text(side.clients, i, 3);
        index[id] = in.clients.size();
        in.clients.push_back(std::move(c));
    }
    for (std::size_t i = 0; i < side.recommendations.rows.size(); ++i) {
        auto it = index.find(int_or0(side.recommendations, i, 0));
        if (it == index.end()) continue;
        ClientInput& c = in.clients[it->second];
        c.recommendations = int_or0(side.recommendations, i, 1);
        c.recommendations_approved_on_time = int_or0(side.recommendations, i, 2);
        c.recommendations_overdue = int_or0(side.recommendations, i, 3);
    }
    for (std::size_t i = 0; i < side.calls.rows.size(); ++i) {
        auto it = index.find(int_or0(side.calls, i, 0));
        if (it == index.end()) continue;
        ClientInput& c = in.clients[it->second];
        c.calls = int_or0(side.calls, i, 1);
        c.call_seconds = int_or0(side.calls, i, 2);
    }
    return in;
}

void write_person_ref(json::Writer& w, const Input& in, std::optional<std::int64_t> id,
                      bool photo) {
    if (!id) {
        w.null();
        return;
    }
    auto p = in.people.find(*id);
    w.begin_object().member("id", *id);
    w.member("name", p != in.people.end() ? std::string_view(p->second.name) : std::string_view());
    if (photo) {
        w.key("photo_url");
        if (p != in.people.end())
            w.value(p->second.photo_url);
        else
            w.null();
    }
    w.end_object();
}

/// The client objects of [first, last), comma-separated, as they appear in the clients array.
void write_clients(json::Writer& w, const Input& in, const ClientFigures* first,
                   const ClientFigures* last, bool costs) {
    for (const ClientFigures* cp = first; cp != last; ++cp) {
        const ClientFigures& c = *cp;
        const ClientInput& ci = *c.client;
        w.begin_object().member("id", ci.id).member("name", ci.name);
        w.key("account_manager");
        write_person_ref(w, in, ci.account_manager_id, false);
        w.key("recommendations")
            .begin_object()
            .member("count", ci.recommendations)
            .member("approved_on_time", ci.recommendations_approved_on_time)
            .member("overdue", ci.recommendations_overdue)
            .end_object();
        w.key("calls")
            .begin_object()
            .member("count", ci.calls)
            .member("minutes", (ci.call_seconds + 59) / 60)
            .end_object();
        w.member("last_contact_on", ci.last_contact_on);
        w.key("services").begin_array();
        for (const ServiceFigures& f : c.services) {
            const ServiceInput& s = *f.service;
            w.begin_object()
                .member("id", s.id)
                .member("name", s.name)
                .member("service_type_id", s.service_type_id);
            w.key("specialist");
            write_person_ref(w, in, s.specialist_id, true);
            w.member("account_manager_id", s.account_manager_id)
                .member("monthly_fee_kopecks", s.terms.monthly_fee_kopecks)
                .member("fee_kopecks", f.current.fee_kopecks)
                .member("documents_url", s.documents_url)
                .member("status", s.status)
                .member("starts_on", s.terms.starts_on.to_string());
            w.key("ends_on");
            if (s.terms.ends_on)
                w.value(s.terms.ends_on->to_string());
            else
                w.null();
            w.member("planned_minutes", f.current.planned_minutes)
                .member("actual_minutes", f.current.actual_minutes)
                .member("expected_minutes", f.current.expected_minutes)
                .member("elapsed_share", f.current.elapsed_share)
                .member("previous_planned_minutes", f.previous.planned_minutes)
                .member("previous_actual_minutes", f.previous.actual_minutes)
                .member("previous_light", workload::to_string(f.previous.light))
                .member("overrun_percent", overrun_percent(f.current))
                .member("light", workload::to_string(f.current.light))
                .member("projected_minutes", f.current.projected_minutes)
                .member("projected_light", workload::to_string(f.current.projected_light));
            if (costs) {
                w.member("labour_cost_kopecks", f.labour_cost_kopecks)
                    .member("margin_kopecks", f.margin_kopecks);
            } else {
                w.key("labour_cost_kopecks").null().key("margin_kopecks").null();
            }
            w.end_object();
        }
        w.end_array();
        w.end_object();
    }
}

std::string to_json(const Input& in, const Dashboard& d, const std::vector<ServiceType>& types,
                    bool costs) {
    std::string out;
    out.reserve(4096 + static_cast<std::size_t>(d.totals.services) * 900 +
                static_cast<std::size_t>(d.totals.clients) * 300);
    json::Writer w(out);
    w.begin_object();
    w.member("period", d.period.to_string());
    w.member("previous_period", d.period.previous().to_string());
    w.member("today", d.today.to_string());
    w.member("elapsed_share", d.elapsed_share);
    w.member("costs_visible", costs);
    w.key("totals").begin_object();
    w.member("turnover_kopecks", d.totals.turnover_kopecks);
    w.member("clients", d.totals.clients);
    w.member("services", d.totals.services);
    w.member("planned_minutes", d.totals.planned_minutes);
    w.member("actual_minutes", d.totals.actual_minutes);
    if (costs) {
        w.member("labour_cost_kopecks", d.totals.labour_cost_kopecks);
        w.member("margin_kopecks", d.totals.margin_kopecks);
    } else {
        w.key("labour_cost_kopecks").null();
        w.key("margin_kopecks").null();
    }
    w.end_object();

    std::set<std::int64_t> shown;
    for (const ClientFigures& c : d.clients) {
        if (c.client->account_manager_id) shown.insert(*c.client->account_manager_id);
        for (const ServiceFigures& s : c.services) {
            if (s.service->specialist_id) shown.insert(*s.service->specialist_id);
            if (s.service->account_manager_id) shown.insert(*s.service->account_manager_id);
        }
    }
    w.key("employees").begin_array();
    for (std::int64_t id : shown) {
        auto p = in.people.find(id);
        if (p == in.people.end()) continue;
        w.begin_object()
            .member("id", id)
            .member("name", p->second.name)
            .member("role", p->second.role)
            .member("photo_url", p->second.photo_url)
            .member("group_id", p->second.group_id)
            .end_object();
    }
    w.end_array();
    w.key("service_types").begin_array();
    for (const auto& t : types) {
        w.begin_object()
            .member("id", t.id)
            .member("code", t.code)
            .member("name", t.name)
            .member("name_en", t.name_en)
            .member("direction", t.direction)
            .end_object();
    }
    w.end_array();

    // The clients are most of the payload: two halves are written on two threads and joined.
    const ClientFigures* begin = d.clients.data();
    const ClientFigures* end = begin + d.clients.size();
    const ClientFigures* middle = begin + d.clients.size() / 2;
    std::string second_half;
    auto writer =
        std::async(d.clients.size() > 500 ? std::launch::async : std::launch::deferred, [&] {
            second_half.reserve(out.capacity() / 2);
            json::Writer w2(second_half);
            write_clients(w2, in, middle, end, costs);
        });
    std::string first_half;
    first_half.reserve(out.capacity() / 2);
    {
        json::Writer w1(first_half);
        write_clients(w1, in, begin, middle, costs);
    }
    writer.get();
    w.key("clients").begin_array();
    if (!first_half.empty()) w.raw(first_half);
    if (!second_half.empty()) w.raw(second_half);
    w.end_array();
    w.end_object();
    return out;
}

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
        "st.planning_rate_kopecks), "
        "s.starts_on, s.ends_on FROM services s JOIN service_types st ON st.id = s.service_type_id "
        "WHERE s.id = " +
        p.bind(service_id);
    std::string scope = access::service_scope(p, caller, "s");
    if (!scope.empty()) sql += " AND (" + scope + ")";
    db::Result sr = conn->query(sql, p.values());
    if (sr.empty()) throw not_found();
    workload::ServiceTerms terms;
    terms.monthly_fee_kopecks = int_or0(sr, 0, 0);
    terms.planning_rate_kopecks = int_or0(sr, 0, 1);
    terms.starts_on = Date::parse(text_or_empty(sr, 0, 2)).value_or(first.first_day());
    if (auto e = opt_text(sr, 0, 3)) terms.ends_on = Date::parse(*e);

    db::Result rr = conn->query(
        "SELECT r.month, SUM(r.minutes), SUM(r.minutes * u.cost_rate_kopecks) FROM time_rollups r "
        "JOIN users u ON u.id = r.user_id WHERE r.service_id = $1 AND r.month >= $2 AND r.month <= "
        "$3 "
        "GROUP BY r.month",
        {service_id, first.to_string(), last.to_string()});
    std::map<std::string, std::pair<std::int64_t, std::int64_t>> by_month;
    for (std::size_t i = 0; i < rr.rows.size(); ++i)
        by_month[text_or_empty(rr, i, 0)] = {int_or0(rr, i, 1), int_or0(rr, i, 2)};

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
        "SELECT r.user_id, u.name, r.minutes, r.minutes * u.cost_rate_kopecks FROM time_rollups r "
        "JOIN users u ON u.id = r.user_id WHERE r.service_id = $1 AND r.month = $2 AND "
        "r.minutes > 0 ORDER BY r.minutes DESC, u.name",
        {service_id, last.to_string()});
    w.member("people_period", last.to_string()).key("people").begin_array();
    for (std::size_t i = 0; i < pr.rows.size(); ++i) {
        w.begin_object()
            .member("user_id", int_or0(pr, i, 0))
            .member("name", text_or_empty(pr, i, 1))
            .member("minutes", int_or0(pr, i, 2));
        if (costs)
            w.member("labour_cost_kopecks", (int_or0(pr, i, 3) + 30) / 60);
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
        "SELECT s.id, s.name, c.name, s.specialist_id, s.monthly_fee_kopecks, "
        "COALESCE(s.planning_rate_kopecks, st.planning_rate_kopecks), s.starts_on, s.ends_on, "
        "(SELECT COALESCE(SUM(r.minutes), 0) FROM time_rollups r WHERE r.service_id = s.id AND "
        "r.month = " +
        month + " AND r.user_id = " + emp +
        "), (SELECT COALESCE(SUM(r.minutes), 0) FROM time_rollups r WHERE r.service_id = s.id AND "
        "r.month = " +
        month +
        ") FROM services s JOIN service_types st ON st.id = s.service_type_id JOIN clients c ON "
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
        .member("name", text_or_empty(er, 0, 1))
        .member("role", text_or_empty(er, 0, 2))
        .member("photo_url", opt_text(er, 0, 3))
        .end_object();
    std::int64_t planned_total = 0, own_total = 0;
    w.key("services").begin_array();
    for (std::size_t i = 0; i < sr.rows.size(); ++i) {
        workload::ServiceTerms terms;
        terms.monthly_fee_kopecks = int_or0(sr, i, 4);
        terms.planning_rate_kopecks = int_or0(sr, i, 5);
        terms.starts_on = Date::parse(text_or_empty(sr, i, 6)).value_or(period.first_day());
        if (auto e = opt_text(sr, i, 7)) terms.ends_on = Date::parse(*e);
        workload::PlanFact f = workload::plan_fact(terms, period, int_or0(sr, i, 9), today);
        const bool assigned = opt_int(sr, i, 3) == employee_id;
        // The plan counts towards a person's load only on services they are assigned to.
        std::int64_t planned = assigned ? f.planned_minutes : 0;
        std::int64_t own = int_or0(sr, i, 8);
        planned_total += planned;
        own_total += own;
        w.begin_object()
            .member("id", int_or0(sr, i, 0))
            .member("name", text_or_empty(sr, i, 1))
            .member("client_name", text_or_empty(sr, i, 2))
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

const std::string* Payload::gzipped() const {
    std::call_once(gz_once_, [this] {
        if (auto packed = http::gzip(body_)) {
            gz_ = std::move(*packed);
            gz_ok_ = true;
        }
    });
    return gz_ok_ ? &gz_ : nullptr;
}

const std::string& Payload::etag() const {
    std::call_once(etag_once_, [this] { etag_ = http::weak_etag(body_); });
    return etag_;
}

std::shared_ptr<const Payload> PayloadCache::find(const std::string& key, std::int64_t generation) {
    std::lock_guard lock(mutex_);
    auto it = entries_.find(key);
    if (it == entries_.end() || it->second.generation != generation) return nullptr;
    it->second.used = ++clock_;
    return it->second.payload;
}

void PayloadCache::store(const std::string& key, std::int64_t generation,
                         std::shared_ptr<const Payload> payload) {
    std::lock_guard lock(mutex_);
    // Entries of older generations can never be served again.
    std::erase_if(entries_, [&](const auto& e) { return e.second.generation < generation; });
    if (entries_.size() >= kMaxEntries && !entries_.count(key)) {
        auto oldest = std::min_element(
            entries_.begin(), entries_.end(),
            [](const auto& a, const auto& b) { return a.second.used < b.second.used; });
        entries_.erase(oldest);
    }
    entries_[key] = {generation, std::move(payload), ++clock_};
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
    Date today = agency::read(*conn).today(now_());
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
        std::int64_t days = agency::read(*conn).silent_client_days;
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
