#include "modules/reports/time_report_store.hpp"

#include <algorithm>
#include <set>

#include "modules/access/scopes.hpp"

namespace retainer::reports {
namespace {

// Ids per IN (…) list, well under the parameter limits of both backends.
constexpr std::size_t kIdsPerQuery = 5000;

std::string key_sql(Dimension d) {
    switch (d) {
        case Dimension::kClient:
            return "s.client_id";
        case Dimension::kService:
            return "g.service_id";
        case Dimension::kServiceType:
            return "s.service_type_id";
        case Dimension::kEmployee:
            return "g.user_id";
        case Dimension::kGroup:
            return "u.group_id";
        case Dimension::kDirection:
            return "st.direction";
    }
    return "NULL";
}

// id → name of the keys of one dimension; a service reads "Client — Service" unless the client
// is the other dimension of the report or the service's own name already names the client.
std::string names_sql(Dimension d, bool client_shown) {
    switch (d) {
        case Dimension::kClient:
            return "SELECT id, name FROM clients WHERE id IN ";
        case Dimension::kService:
            return client_shown ? "SELECT id, name FROM services WHERE id IN "
                                : "SELECT s.id AS id, s.name AS name, c.name AS client_name "
                                  "FROM services s JOIN clients c ON c.id = s.client_id "
                                  "WHERE s.id IN ";
        case Dimension::kServiceType:
            return "SELECT id, name FROM service_types WHERE id IN ";
        case Dimension::kEmployee:
            return "SELECT id, name FROM users WHERE id IN ";
        case Dimension::kGroup:
            return "SELECT id, name FROM groups WHERE id IN ";
        case Dimension::kDirection:
            return {};
    }
    return {};
}

RowKey key_of(const db::Value& v) {
    RowKey k;
    if (auto* i = std::get_if<std::int64_t>(&v))
        k.id = *i;
    else if (auto* s = std::get_if<std::string>(&v))
        k.code = *s;
    else if (auto* d = std::get_if<double>(&v))
        k.id = static_cast<std::int64_t>(*d);
    return k;
}

std::int64_t int_of(const db::Value& v) {
    if (auto* i = std::get_if<std::int64_t>(&v)) return *i;
    if (auto* d = std::get_if<double>(&v)) return static_cast<std::int64_t>(*d);
    if (auto* s = std::get_if<std::string>(&v)) return std::stoll(*s);
    return 0;
}

Names load_names(db::Connection& conn, Dimension d, bool client_shown,
                 const std::set<RowKey>& keys) {
    Names names;
    if (d == Dimension::kDirection) {
        for (const RowKey& k : keys)
            if (k.code) names[k] = *k.code;
        return names;
    }
    std::vector<std::int64_t> ids;
    for (const RowKey& k : keys)
        if (k.id) ids.push_back(*k.id);
    for (std::size_t start = 0; start < ids.size(); start += kIdsPerQuery) {
        db::Params p;
        std::string list;
        for (std::size_t i = start; i < std::min(ids.size(), start + kIdsPerQuery); ++i)
            list += (list.empty() ? "" : ", ") + p.bind(ids[i]);
        db::Result r = conn.query(names_sql(d, client_shown) + "(" + list + ")", p.values());
        const bool with_client =
            std::find(r.columns.begin(), r.columns.end(), "client_name") != r.columns.end();
        for (std::size_t i = 0; i < r.rows.size(); ++i) {
            std::string name = r.text_at(i, "name");
            if (with_client) {
                std::string client = r.text_at(i, "client_name");
                if (name.find(client) == std::string::npos) name = client + " — " + name;
            }
            names[RowKey{r.int_at(i, "id"), std::nullopt}] = std::move(name);
        }
    }
    return names;
}

// " AND …" narrowing a source with service_id and user_id columns (time entries or their monthly
// rollups) to the caller's row scope and the report's filters.
std::string narrow(db::Params& p, const http::Caller& caller, const ReportSpec& spec,
                   const std::string& a) {
    std::string sql;
    if (std::string scope = access::time_entry_scope(p, caller, a); !scope.empty())
        sql += " AND (" + scope + ")";
    if (spec.employee_id) sql += " AND " + a + ".user_id = " + p.bind(*spec.employee_id);
    if (spec.client_id)
        sql += " AND " + a + ".service_id IN (SELECT fs.id FROM services fs WHERE fs.client_id = " +
               p.bind(*spec.client_id) + ")";
    if (spec.service_type_id)
        sql += " AND " + a +
               ".service_id IN (SELECT fs.id FROM services fs WHERE fs.service_type_id = " +
               p.bind(*spec.service_type_id) + ")";
    return sql;
}

// Time entries of [from, to] summed per service, employee and column. A week is looked up in a
// calendar of the range's days (one SQL text for both backends, and cheaper per entry than date
// arithmetic in SQL); the covering index serves every day of it.
std::string entries_sql(db::Params& p, const http::Caller& caller, const ReportSpec& spec,
                        const Date& from, const Date& to) {
    std::string bucket = "te.date";
    std::string calendar;
    if (spec.cols == Columns::kMonth) {
        bucket = "SUBSTR(te.date, 1, 7)";
    } else if (spec.cols == Columns::kWeek) {
        bucket = "cal.column2";
        for (std::int64_t n = from.days_since_epoch(); n <= to.days_since_epoch(); ++n) {
            Date day = Date::from_days(n);
            calendar += (calendar.empty() ? "(" : ", (") + p.bind(day.to_string()) + ", " +
                        p.bind(bucket_of(day, Columns::kWeek)) + ")";
        }
        calendar = " JOIN (VALUES " + calendar + ") cal ON cal.column1 = te.date";
    }
    // Grouping in the covering index's order (date first) lets SQLite aggregate day columns
    // without sorting.
    return "SELECT te.service_id AS service_id, te.user_id AS user_id, " + bucket +
           " AS bucket, SUM(te.duration_minutes) AS minutes FROM time_entries te" + calendar +
           " WHERE te.date >= " + p.bind(from.to_string()) +
           " AND te.date <= " + p.bind(to.to_string()) + narrow(p, caller, spec, "te") +
           " GROUP BY " + bucket + ", te.user_id, te.service_id";
}

// Minutes per service, employee and column. Whole months come from time_rollups, which the time
// module keeps in step with every entry (docs/decisions/0005); only the partial months at the
// edges of the range, and day or week columns, read the entries themselves.
std::string sums_sql(db::Params& p, const http::Caller& caller, const ReportSpec& spec) {
    if (spec.cols != Columns::kMonth) return entries_sql(p, caller, spec, spec.from, spec.to);
    std::vector<std::string> parts;
    Period first = Period::of(spec.from);
    Period last = Period::of(spec.to);
    if (spec.from != first.first_day()) {
        Date head_end = std::min(first.last_day(), spec.to);
        parts.push_back(entries_sql(p, caller, spec, spec.from, head_end));
        first = first.next();
    }
    if (spec.to != last.last_day() && Period::of(spec.to) >= first) {
        parts.push_back(
            entries_sql(p, caller, spec, std::max(last.first_day(), spec.from), spec.to));
        last = last.previous();
    }
    if (first <= last)
        parts.push_back(
            "SELECT r.service_id AS service_id, r.user_id AS user_id, r.month AS bucket, "
            "r.minutes AS minutes FROM time_rollups r WHERE r.month >= " +
            p.bind(first.to_string()) + " AND r.month <= " + p.bind(last.to_string()) +
            " AND r.entries > 0" + narrow(p, caller, spec, "r"));
    std::string sql;
    for (const std::string& part : parts) sql += (sql.empty() ? "" : " UNION ALL ") + part;
    return sql;
}

}  // namespace

TimeReportData load_time_report(db::Connection& conn, const http::Caller& caller,
                                const ReportSpec& spec) {
    auto uses = [&](Dimension d) {
        return std::find(spec.rows.begin(), spec.rows.end(), d) != spec.rows.end();
    };
    bool need_services =
        uses(Dimension::kClient) || uses(Dimension::kServiceType) || uses(Dimension::kDirection);

    // Sum per service and employee first (from the covering index or the rollups), then join
    // the few resulting rows to services, users and service types to group by the dimensions.
    db::Params p;
    std::string keys;
    std::string group_by;
    for (std::size_t i = 0; i < spec.rows.size(); ++i) {
        keys += key_sql(spec.rows[i]) + " AS k" + std::to_string(i) + ", ";
        group_by += key_sql(spec.rows[i]) + ", ";
    }
    std::string sql = "SELECT " + keys +
                      "g.bucket AS bucket, SUM(g.minutes) AS minutes, "
                      "SUM(g.minutes * u.cost_rate_kopecks) AS cost_rate_minutes FROM (" +
                      sums_sql(p, caller, spec) + ") g JOIN users u ON u.id = g.user_id";
    if (need_services) sql += " JOIN services s ON s.id = g.service_id";
    if (uses(Dimension::kDirection)) sql += " JOIN service_types st ON st.id = s.service_type_id";
    sql += " GROUP BY " + group_by + "g.bucket";

    db::Result r = conn.query(sql, p.values());

    TimeReportData data;
    std::vector<std::set<RowKey>> seen(spec.rows.size());
    data.aggregates.reserve(r.rows.size());
    std::size_t bucket_col = spec.rows.size();
    for (const auto& row : r.rows) {
        Aggregate a;
        for (std::size_t i = 0; i < spec.rows.size(); ++i) {
            a.keys.push_back(key_of(row[i]));
            seen[i].insert(a.keys.back());
        }
        if (auto* text = std::get_if<std::string>(&row[bucket_col])) a.column = *text;
        a.cell.minutes = int_of(row[bucket_col + 1]);
        a.cell.cost_rate_minutes = int_of(row[bucket_col + 2]);
        data.aggregates.push_back(std::move(a));
    }

    bool client_shown = uses(Dimension::kClient);
    for (std::size_t i = 0; i < spec.rows.size(); ++i)
        data.names.push_back(load_names(conn, spec.rows[i], client_shown, seen[i]));
    return data;
}

}  // namespace retainer::reports
