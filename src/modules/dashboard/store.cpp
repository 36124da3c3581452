#include "modules/dashboard/store.hpp"

#include <future>
#include <unordered_map>
#include <unordered_set>

#include "core/error.hpp"
#include "modules/access/scopes.hpp"

namespace retainer::dashboard {
namespace {

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
        "SELECT r.client_id, COUNT(*) AS n, "
        "SUM(CASE WHEN r.approved_on IS NOT NULL AND (r.due_on IS NULL OR r.approved_on <= "
        "r.due_on) THEN 1 ELSE 0 END) AS on_time, "
        "SUM(CASE WHEN r.status = 'sent' AND r.due_on < " +
        today_param +
        " THEN 1 ELSE 0 END) AS overdue FROM recommendations r WHERE r.archived_at IS NULL" +
        visible_clients(qp, "r.client_id") + " GROUP BY r.client_id";
    out.recommendations = conn.query(rec_sql, qp.values());

    // Calls of the period only (index calls_day); the last contact is kept on the client row.
    db::Params kp;
    std::string calls_sql =
        "SELECT k.client_id, COUNT(*) AS n, SUM(CASE WHEN k.status = 'answered' THEN "
        "k.duration_seconds ELSE 0 END) AS seconds FROM calls k WHERE k.started_on >= " +
        kp.bind(period.first_day().to_string()) +
        " AND k.started_on <= " + kp.bind(period.last_day().to_string()) +
        " AND k.client_id IS NOT NULL AND k.archived_at IS NULL" +
        visible_clients(kp, "k.client_id") + " GROUP BY k.client_id";
    out.calls = conn.query(calls_sql, kp.values());
    out.ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started)
                 .count();
    return out;
}

}  // namespace

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

/// A `YYYY-MM` query parameter; empty means the month of `today`.
Period month_param(const std::string& text, const Date& today, const char* field) {
    if (text.empty()) return Period::of(today);
    auto p = Period::parse(text);
    if (!p) throw invalid(field, "must be a month as YYYY-MM");
    return *p;
}

std::vector<ServiceType> load_types(db::Connection& conn) {
    db::Result tr = conn.query(
        "SELECT id, code, name, name_en, direction, planning_rate_kopecks FROM service_types "
        "WHERE archived_at IS NULL ORDER BY name");
    std::vector<ServiceType> types;
    const auto [id, code, name, name_en, direction, rate] =
        columns(tr, {"id", "code", "name", "name_en", "direction", "planning_rate_kopecks"});
    for (std::size_t i = 0; i < tr.rows.size(); ++i)
        types.push_back({int_or0(tr, i, id), text_or_empty(tr, i, code), text_or_empty(tr, i, name),
                         text_or_empty(tr, i, name_en), text_or_empty(tr, i, direction),
                         int_or0(tr, i, rate)});
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
    const auto [u_id, u_name, u_role, u_photo, u_group, u_rate] =
        columns(ur, {"id", "name", "role", "photo_url", "group_id", "cost_rate_kopecks"});
    for (std::size_t i = 0; i < ur.rows.size(); ++i) {
        Person p{int_or0(ur, i, u_id),         text_or_empty(ur, i, u_name),
                 text_or_empty(ur, i, u_role), opt_text(ur, i, u_photo),
                 opt_int(ur, i, u_group),      int_or0(ur, i, u_rate)};
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
    const auto [s_id, s_client, s_type, s_name, s_specialist, s_manager, s_fee, s_rate, s_starts,
                s_ends, s_status, s_docs] =
        columns(sr, {"id", "client_id", "service_type_id", "name", "specialist_id",
                     "account_manager_id", "monthly_fee_kopecks", "planning_rate_kopecks",
                     "starts_on", "ends_on", "status", "documents_url"});
    for (std::size_t i = 0; i < sr.rows.size(); ++i) {
        ServiceInput s;
        s.id = int_or0(sr, i, s_id);
        s.client_id = int_or0(sr, i, s_client);
        s.service_type_id = int_or0(sr, i, s_type);
        s.name = text_or_empty(sr, i, s_name);
        s.specialist_id = opt_int(sr, i, s_specialist);
        s.account_manager_id = opt_int(sr, i, s_manager);
        s.terms.monthly_fee_kopecks = int_or0(sr, i, s_fee);
        auto own_rate = opt_int(sr, i, s_rate);
        auto type_rate = type_rates.find(s.service_type_id);
        s.terms.planning_rate_kopecks =
            own_rate ? *own_rate : (type_rate != type_rates.end() ? type_rate->second : 0);
        s.terms.starts_on =
            Date::parse(text_or_empty(sr, i, s_starts)).value_or(period.first_day());
        if (auto e = opt_text(sr, i, s_ends)) s.terms.ends_on = Date::parse(*e);
        s.status = text_or_empty(sr, i, s_status);
        s.documents_url = opt_text(sr, i, s_docs);
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
        " THEN 1 ELSE 0 END AS current, r.minutes FROM time_rollups r WHERE r.month IN (" +
        current_param + ", " + rp.bind(prev.to_string()) + ")";
    std::string rscope = access::service_scope(rp, caller, "s");
    if (!rscope.empty())
        rollup_sql += " AND r.service_id IN (SELECT s.id FROM services s WHERE " + rscope + ")";
    db::Result rr = conn.query(rollup_sql, rp.values());
    watch.lap("rollups");
    in.rollups.reserve(rr.rows.size());
    const auto [r_service, r_user, r_current, r_minutes] =
        columns(rr, {"service_id", "user_id", "current", "minutes"});
    for (std::size_t i = 0; i < rr.rows.size(); ++i) {
        std::int64_t minutes = int_or0(rr, i, r_minutes);
        auto person = in.people.find(int_or0(rr, i, r_user));
        std::int64_t rate = person != in.people.end() ? person->second.cost_rate_kopecks : 0;
        in.rollups.push_back(
            {int_or0(rr, i, r_service), int_or0(rr, i, r_current) != 0, minutes, minutes * rate});
    }

    ClientSide side = client_side.get();
    watch.add("client_figures", side.ms);
    std::unordered_map<std::int64_t, std::size_t> index;
    in.clients.reserve(side.clients.rows.size());
    const auto [c_id, c_name, c_manager, c_contact] =
        columns(side.clients, {"id", "name", "account_manager_id", "last_contact_on"});
    for (std::size_t i = 0; i < side.clients.rows.size(); ++i) {
        std::int64_t id = int_or0(side.clients, i, c_id);
        if (!client_ids.count(id)) continue;
        ClientInput c;
        c.id = id;
        c.name = text_or_empty(side.clients, i, c_name);
        c.account_manager_id = opt_int(side.clients, i, c_manager);
        c.last_contact_on = opt_text(side.clients, i, c_contact);
        index[id] = in.clients.size();
        in.clients.push_back(std::move(c));
    }
    const auto [rec_client, rec_n, rec_on_time, rec_overdue] =
        columns(side.recommendations, {"client_id", "n", "on_time", "overdue"});
    for (std::size_t i = 0; i < side.recommendations.rows.size(); ++i) {
        auto it = index.find(int_or0(side.recommendations, i, rec_client));
        if (it == index.end()) continue;
        ClientInput& c = in.clients[it->second];
        c.recommendations = int_or0(side.recommendations, i, rec_n);
        c.recommendations_approved_on_time = int_or0(side.recommendations, i, rec_on_time);
        c.recommendations_overdue = int_or0(side.recommendations, i, rec_overdue);
    }
    const auto [k_client, k_n, k_seconds] = columns(side.calls, {"client_id", "n", "seconds"});
    for (std::size_t i = 0; i < side.calls.rows.size(); ++i) {
        auto it = index.find(int_or0(side.calls, i, k_client));
        if (it == index.end()) continue;
        ClientInput& c = in.clients[it->second];
        c.calls = int_or0(side.calls, i, k_n);
        c.call_seconds = int_or0(side.calls, i, k_seconds);
    }
    return in;
}

}  // namespace retainer::dashboard
