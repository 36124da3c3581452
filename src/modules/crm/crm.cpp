#include "modules/crm/crm.hpp"

#include <map>
#include <set>

#include "core/csv.hpp"
#include "core/date.hpp"
#include "core/text.hpp"
#include "modules/access/checks.hpp"
#include "modules/access/roles.hpp"
#include "modules/access/scopes.hpp"
#include "modules/agency/settings.hpp"
#include "modules/clients/clients.hpp"
#include "modules/workload/rules.hpp"
#include "platform/records/audit.hpp"

namespace retainer::crm {
using namespace records;

namespace {

/// "t.client_id belongs to a client the caller may see" ("" = every row).
std::string via_client(db::Params& p, const http::Caller& c, const std::string& alias) {
    std::string scope = access::client_scope(p, c, "vc");
    if (scope.empty()) return "";
    return "EXISTS (SELECT 1 FROM clients vc WHERE vc.id = " + alias + ".client_id AND (" + scope +
           "))";
}

std::optional<std::string> opt_string(const Record& r, const char* name) {
    auto it = r.find(name);
    if (it == r.end() || !it->value().is_string()) return std::nullopt;
    return std::string(it->value().as_string());
}

std::optional<std::string> rfc3339_check(const std::string& v) {
    if (!Instant::parse_rfc3339(v))
        return "must be an RFC 3339 instant such as 2026-11-24T09:30:00Z";
    return std::nullopt;
}

}  // namespace

void refresh_last_contact(db::Connection& conn, const std::vector<std::int64_t>& client_ids) {
    const std::string last =
        "SELECT client_id, MAX(started_on) AS day FROM calls WHERE status = 'answered' AND "
        "archived_at IS NULL AND client_id IS NOT NULL";
    std::vector<clients::LastContact> days;
    if (client_ids.empty()) {
        // Every client: those without an answered call are cleared.
        std::map<std::int64_t, std::optional<std::string>> of;
        auto all = conn.query("SELECT id FROM clients");
        for (std::size_t i = 0; i < all.rows.size(); ++i) of[all.int_at(i, "id")];
        auto r = conn.query(last + " GROUP BY client_id");
        for (std::size_t i = 0; i < r.rows.size(); ++i)
            of[r.int_at(i, "client_id")] = r.opt_text_at(i, "day");
        days.assign(of.begin(), of.end());
        clients::set_last_contact(conn, days);
        return;
    }
    constexpr std::size_t kChunk = 500;
    for (std::size_t i = 0; i < client_ids.size(); i += kChunk) {
        db::Params p;
        std::string in;
        std::map<std::int64_t, std::optional<std::string>> of;
        for (std::size_t j = i; j < std::min(client_ids.size(), i + kChunk); ++j) {
            in += (in.empty() ? "" : ", ") + p.bind(client_ids[j]);
            of[client_ids[j]];
        }
        auto r = conn.query(last + " AND client_id IN (" + in + ") GROUP BY client_id", p.values());
        for (std::size_t k = 0; k < r.rows.size(); ++k)
            of[r.int_at(k, "client_id")] = r.opt_text_at(k, "day");
        days.insert(days.end(), of.begin(), of.end());
    }
    clients::set_last_contact(conn, days);
}

Schema recommendation_schema() {
    Schema s;
    s.table = "recommendations";
    s.entity = "recommendations";
    s.default_sort = "id";
    s.fields = {
        ref("client_id", "clients").req().filter(),
        ref("service_id", "services").filter(),
        ref("author_id", "users").filter(),
        records::text("title").req().len(300).search().sort(),
        long_text("body").len(20000).search(),
        url("url"),
        choice("status", {"draft", "sent", "approved", "rejected", "implemented"})
            .filter()
            .sort()
            .fallback("draft"),
        date("sent_on").filter().sort(),
        date("due_on").filter().sort(),
        date("approved_on").filter().sort(),
        date("rejected_on").filter().sort(),
        date("implemented_on").filter().sort(),
    };
    return s;
}

Schema call_schema() {
    Schema s;
    s.table = "calls";
    s.entity = "calls";
    s.default_sort = "started_at";
    s.fields = {
        ref("client_id", "clients").filter(),
        ref("employee_id", "users").filter(),
        choice("direction", {"in", "out"}).req().filter(),
        records::text("started_at").req().len(40).sort().validate(rfc3339_check),
        date("started_on").read_only().filter().sort(),
        integer("duration_seconds").range(0, 86'400).sort().fallback(0),
        choice("status", {"answered", "missed"}).req().filter(),
        records::text("phone").len(40).search(),
        long_text("note").len(4000).search(),
        records::text("external_id").len(120).filter(),
    };
    return s;
}

CrmModule::CrmModule(db::Database& db, Resource::Now now)
    : db_(db),
      now_(now),
      recommendations_(
          db, recommendation_schema(),
          Hooks{
              .scope =
                  [](db::Params& p, const http::Caller& c) {
                      std::string scope = via_client(p, c, "t");
                      // A draft is the specialist's own until it is sent to the client.
                      if (c.role == access::kClient)
                          scope = "(" + scope + ") AND t.status <> 'draft'";
                      return scope;
                  },
              .on_write =
                  [now](db::Connection& conn, const http::Caller& c, const Record* before,
                        Record& after, Extras&) {
                      std::int64_t client_id = after.at("client_id").as_int64();
                      access::require_visible_client(conn, c, client_id);
                      if (auto it = after.find("service_id");
                          it != after.end() && !it->value().is_null()) {
                          auto s = conn.query("SELECT client_id FROM services WHERE id = $1",
                                              {it->value().as_int64()});
                          if (s.empty() || s.int_at(0, "client_id") != client_id)
                              throw invalid("service_id", "must be a service of this client");
                      }
                      if (!before &&
                          (!after.contains("author_id") || after.at("author_id").is_null()))
                          after["author_id"] = c.user_id;
                      // A status change stamps its date unless the caller gave one.
                      std::string today = agency::read(conn).today(now()).to_string();
                      std::string status(after.at("status").as_string());
                      auto stamp = [&](const char* field) {
                          if (!after.contains(field) || after.at(field).is_null())
                              after[field] = today;
                      };
                      if (status != "draft") stamp("sent_on");
                      if (status == "approved" || status == "implemented") stamp("approved_on");
                      if (status == "rejected") stamp("rejected_on");
                      if (status == "implemented") stamp("implemented_on");
                      auto sent = opt_string(after, "sent_on");
                      auto due = opt_string(after, "due_on");
                      if (sent && due && *due < *sent)
                          throw invalid("due_on", "must not be before sent_on");
                  },
              .on_remove = {},
              .filters = {},
              .present = {},
              .after_write = {},
          },
          now),
      calls_(db, call_schema(),
             Hooks{
                 .scope =
                     [](db::Params& p, const http::Caller& c) {
                         std::string by_client = via_client(p, c, "t");
                         if (by_client.empty()) return by_client;
                         return "(" + by_client + ") OR t.employee_id = " + p.bind(c.user_id);
                     },
                 .on_write =
                     [](db::Connection& conn, const http::Caller& c, const Record*, Record& after,
                        Extras&) {
                         if (auto it = after.find("client_id");
                             it != after.end() && !it->value().is_null())
                             access::require_visible_client(conn, c, it->value().as_int64());
                         if (auto it = after.find("employee_id");
                             it != after.end() && !it->value().is_null())
                             access::require_employee(conn, it->value().as_int64(), "employee_id");
                         auto at = Instant::parse_rfc3339(
                             std::string(after.at("started_at").as_string()));
                         after["started_at"] = at->to_rfc3339();
                         after["started_on"] = agency::read(conn).today(*at).to_string();
                     },
                 .on_remove = {},
                 .filters = {},
                 .present = {},
                 .after_write =
                     [](db::Connection& conn, const http::Caller&, const Record* before,
                        const Record* after) {
                         std::vector<std::int64_t> ids;
                         for (const Record* r : {before, after})
                             if (r && r->contains("client_id") && r->at("client_id").is_int64())
                                 ids.push_back(r->at("client_id").as_int64());
                         if (!ids.empty()) refresh_last_contact(conn, ids);
                     },
             },
             now) {}

namespace {

struct CallRow {
    std::optional<std::int64_t> client_id;
    std::optional<std::int64_t> employee_id;
    std::string direction, status, started_at, started_on;
    std::int64_t seconds = 0;
    std::string phone, note;
    std::optional<std::string> external_id;
};

std::string lower_ascii_trim(std::string_view s) {
    std::string out(text::trim(s));
    return text::fold(out);
}

/// "2026-11-02T10:15:00Z", "…+03:00", or a local "2026-11-02 10:15[:00]" in the agency's zone.
std::optional<Instant> parse_call_time(std::string_view v, int utc_offset_minutes) {
    std::string s(text::trim(v));
    if (auto i = Instant::parse_rfc3339(s)) return i;
    if (s.size() == 16) s += ":00";
    if (s.size() != 19 || (s[10] != ' ' && s[10] != 'T')) return std::nullopt;
    s[10] = 'T';
    auto utc = Instant::parse_rfc3339(s + "Z");
    if (!utc) return std::nullopt;
    return Instant{utc->seconds - static_cast<std::int64_t>(utc_offset_minutes) * 60};
}

}  // namespace

CrmModule::ImportResult CrmModule::import_calls(const http::Caller& caller,
                                                std::string_view csv_text,
                                                const std::string& request_id) {
    // Cells reach SQL and header names the error answer as they are: a file in another encoding
    // (a Windows-1251 export) or with NUL bytes is refused whole, saying why.
    if (!text::valid_utf8(csv_text))
        throw invalid("file", "must be UTF-8 text without NUL bytes (save it as CSV UTF-8)");
    std::string parse_error;
    auto parsed = csv::parse(csv_text, parse_error);
    if (!parsed) throw invalid("file", parse_error);
    if (parsed->rows.empty()) throw invalid("file", "is empty: expected a header row and calls");
    const std::vector<std::string> known = {
        "started_at",     "direction", "status",     "duration_seconds", "phone",
        "employee_email", "client_id", "client_inn", "external_id",      "note"};
    std::map<std::string, std::size_t> col;
    for (std::size_t i = 0; i < parsed->rows[0].size(); ++i) {
        std::string name = lower_ascii_trim(parsed->rows[0][i]);
        if (std::find(known.begin(), known.end(), name) == known.end())
            throw invalid("header", "unknown column \"" + name +
                                        "\"; columns are documented in docs/calls-import.md");
        col[name] = i;
    }
    for (const char* required : {"started_at", "direction", "status"})
        if (!col.count(required))
            throw invalid("header", std::string("missing column ") + required);
    constexpr std::size_t kMaxRows = 100'000;
    if (parsed->rows.size() - 1 > kMaxRows)
        throw invalid("file", "more than 100000 calls in one import");

    return db_.transaction([&](db::Connection& conn) {
        int offset = static_cast<int>(agency::read(conn).timezone_offset_minutes);
        std::map<std::string, std::int64_t> employees, clients_by_inn;
        for (const auto& r :
             conn.query(
                     "SELECT id, email FROM users WHERE role <> 'client' AND archived_at IS NULL")
                 .rows)
            employees[text::fold(std::get<std::string>(r[1]))] = std::get<std::int64_t>(r[0]);
        std::set<std::int64_t> visible_clients;
        {
            db::Params p;
            std::string sql = "SELECT t.id, t.inn FROM clients t WHERE t.archived_at IS NULL";
            std::string scope = access::client_scope(p, caller, "t");
            if (!scope.empty()) sql += " AND (" + scope + ")";
            for (const auto& r : conn.query(sql, p.values()).rows) {
                std::int64_t id = std::get<std::int64_t>(r[0]);
                visible_clients.insert(id);
                if (const auto* inn = std::get_if<std::string>(&r[1])) clients_by_inn[*inn] = id;
            }
        }

        FieldErrors errors;
        std::vector<CallRow> rows;
        std::set<std::string> seen_external;
        for (std::size_t n = 1; n < parsed->rows.size(); ++n) {
            const csv::Row& raw = parsed->rows[n];
            auto cell = [&](const char* name) -> std::string {
                auto it = col.find(name);
                if (it == col.end() || it->second >= raw.size()) return "";
                return std::string(text::trim(raw[it->second]));
            };
            std::string where = "row " + std::to_string(n + 1) + ".";
            auto fail = [&](const char* field, const std::string& problem) {
                if (errors.size() < 50) errors[where + field] = problem;
            };
            CallRow c;
            auto at = parse_call_time(cell("started_at"), offset);
            if (at) {
                c.started_at = at->to_rfc3339();
                c.started_on = workload::local_date(*at, offset).to_string();
            } else {
                fail("started_at",
                     "must be 2026-11-02T10:15:00Z or 2026-11-02 13:15 (agency time)");
            }
            std::string dir = lower_ascii_trim(cell("direction"));
            if (dir == "in" || dir == "incoming" || dir == "входящий")
                c.direction = "in";
            else if (dir == "out" || dir == "outgoing" || dir == "исходящий")
                c.direction = "out";
            else
                fail("direction", "must be in or out");
            std::string st = lower_ascii_trim(cell("status"));
            if (st == "answered" || st == "принят" || st == "отвечен")
                c.status = "answered";
            else if (st == "missed" || st == "пропущен")
                c.status = "missed";
            else
                fail("status", "must be answered or missed");
            std::string secs = cell("duration_seconds");
            if (!secs.empty()) {
                if (secs.size() > 6 || secs.find_first_not_of("0123456789") != std::string::npos ||
                    std::stoll(secs) > 86'400)
                    fail("duration_seconds", "must be a whole number of seconds, 0 to 86400");
                else
                    c.seconds = std::stoll(secs);
            }
            c.phone = cell("phone");
            if (text::length(c.phone) > 40 || !text::valid_utf8(c.phone))
                fail("phone", "at most 40 characters");
            c.note = cell("note");
            if (!text::valid_utf8(c.note) || text::length(c.note) > 4000)
                fail("note", "at most 4000 characters");
            if (std::string email = cell("employee_email"); !email.empty()) {
                auto e = employees.find(text::fold(email));
                if (e == employees.end())
                    fail("employee_email", "no active employee with this email");
                else
                    c.employee_id = e->second;
            }
            if (std::string id = cell("client_id"); !id.empty()) {
                if (id.size() > 18 || id.find_first_not_of("0123456789") != std::string::npos ||
                    !visible_clients.count(std::stoll(id)))
                    fail("client_id", "no such client");
                else
                    c.client_id = std::stoll(id);
            } else if (std::string inn = cell("client_inn"); !inn.empty()) {
                auto it = clients_by_inn.find(inn);
                if (it == clients_by_inn.end())
                    fail("client_inn", "no client with this ИНН");
                else
                    c.client_id = it->second;
            }
            if (std::string ext = cell("external_id"); !ext.empty()) {
                if (text::length(ext) > 120) fail("external_id", "at most 120 characters");
                if (!seen_external.insert(ext).second)
                    fail("external_id", "repeats an earlier row of this file");
                c.external_id = ext;
            }
            rows.push_back(std::move(c));
        }
        if (!errors.empty()) throw invalid(errors);

        ImportResult result;
        std::string stamp = now_().to_rfc3339();
        for (const CallRow& c : rows) {
            if (c.external_id &&
                !conn.query("SELECT id FROM calls WHERE external_id = $1", {*c.external_id})
                     .empty()) {
                ++result.skipped_duplicates;
                continue;
            }
            conn.query(
                "INSERT INTO calls (client_id, employee_id, direction, started_at, started_on, "
                "duration_seconds, "
                "status, phone, note, external_id, search_text, created_at, updated_at) "
                "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $12)",
                {db::optional_value(c.client_id), db::optional_value(c.employee_id), c.direction,
                 c.started_at, c.started_on, c.seconds, c.status,
                 c.phone.empty() ? db::null() : db::Value(c.phone),
                 c.note.empty() ? db::null() : db::Value(c.note), db::optional_value(c.external_id),
                 text::fold(c.phone + " " + c.note), stamp});
            ++result.imported;
        }
        std::set<std::int64_t> touched;
        for (const CallRow& c : rows)
            if (c.client_id) touched.insert(*c.client_id);
        refresh_last_contact(conn, {touched.begin(), touched.end()});
        AuditEntry audit;
        audit.at = stamp;
        audit.user_id = caller.user_id;
        audit.entity = "calls";
        audit.entity_id = 0;
        audit.action = "import";
        audit.after = boost::json::object{{"imported", result.imported},
                                          {"skipped_duplicates", result.skipped_duplicates}};
        audit.request_id = request_id;
        write_audit(conn, audit);
        return result;
    });
}

void CrmModule::register_routes(http::Router& router) {
    using http::Policy;
    using namespace access;
    recommendations_.register_routes(
        router, "/api/v1/recommendations",
        {.list = Policy::roles_of({kOwner, kHead, kManager, kSpecialist, kAccountant, kClient}),
         .read = Policy::roles_of({kOwner, kHead, kManager, kSpecialist, kAccountant, kClient}),
         .create = Policy::roles_of({kOwner, kHead, kManager, kSpecialist}),
         .update = Policy::roles_of({kOwner, kHead, kManager, kSpecialist}),
         .remove = Policy::roles_of({kOwner, kHead, kManager})});
    std::vector<std::string> callers = {kOwner, kHead, kManager, kSales};
    // The import path is registered before the resource so "/calls/import" is not read as an id.
    router.add(
        "POST", "/api/v1/calls/import", Policy::roles_of(callers), [this](http::Context& ctx) {
            ImportResult r = import_calls(ctx.user(), ctx.request.body, ctx.request.request_id);
            return http::json_response(
                200, "{\"imported\":" + std::to_string(r.imported) +
                         ",\"skipped_duplicates\":" + std::to_string(r.skipped_duplicates) + "}");
        });
    calls_.register_routes(
        router, "/api/v1/calls",
        {.list = Policy::roles_of({kOwner, kHead, kManager, kSpecialist, kSales, kAccountant}),
         .read = Policy::roles_of({kOwner, kHead, kManager, kSpecialist, kSales, kAccountant}),
         .create = Policy::roles_of(callers),
         .update = Policy::roles_of(callers),
         .remove = Policy::roles_of({kOwner, kHead})});
}

}  // namespace retainer::crm
