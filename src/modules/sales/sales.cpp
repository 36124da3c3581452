#include "modules/sales/sales.hpp"

#include <algorithm>

#include "core/json_input.hpp"
#include "core/requisites.hpp"
#include "core/text.hpp"
#include "modules/access/checks.hpp"
#include "modules/access/roles.hpp"
#include "modules/access/scopes.hpp"
#include "modules/agency/settings.hpp"
#include "modules/notify/notify.hpp"
#include "modules/sales/rules.hpp"
#include "platform/auth/password.hpp"
#include "platform/auth/throttle.hpp"

namespace retainer::sales {
using namespace records;
namespace json = boost::json;

namespace {

std::optional<std::string> code_problem(const std::string& v) {
    for (char c : v)
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-'))
            return "may hold only a-z, 0-9, _ and -";
    return std::nullopt;
}

struct StageRow {
    std::int64_t id = 0, pipeline_id = 0, probability = 0;
    std::string kind;
    bool archived = false;
};

std::optional<StageRow> load_stage(db::Connection& conn, std::int64_t id) {
    auto r = conn.query(
        "SELECT id, pipeline_id, probability_percent, kind, archived_at FROM pipeline_stages "
        "WHERE id = $1",
        {id});
    if (r.empty()) return std::nullopt;
    return StageRow{r.int_at(0, "id"), r.int_at(0, "pipeline_id"),
                    r.int_at(0, "probability_percent"), r.text_at(0, "kind"),
                    r.opt_text_at(0, "archived_at").has_value()};
}

std::optional<StageRow> first_open_stage(db::Connection& conn, std::int64_t pipeline_id) {
    auto r = conn.query(
        "SELECT id FROM pipeline_stages WHERE pipeline_id = $1 AND kind = 'open' AND archived_at "
        "IS NULL ORDER BY position, id LIMIT 1",
        {pipeline_id});
    if (r.empty()) return std::nullopt;
    return load_stage(conn, r.int_at(0, "id"));
}

std::optional<std::int64_t> default_pipeline(db::Connection& conn) {
    auto r = conn.query(
        "SELECT id FROM pipelines WHERE archived_at IS NULL ORDER BY position, id LIMIT 1");
    if (r.empty()) return std::nullopt;
    return r.int_at(0, "id");
}

/// A client with the same ИНН, or a contact with the same phone digits or email, among the clients
/// the caller may see: a match outside the caller's scope is neither linked nor revealed.
struct Duplicate {
    std::optional<std::int64_t> client_id, contact_id;
};

/// "clients vc" rows the caller may see, as a WHERE tail over alias vc.
std::string visible_clients(db::Params& p, const http::Caller& caller) {
    std::string scope = access::client_scope(p, caller, "vc");
    return " AND vc.archived_at IS NULL" + (scope.empty() ? "" : " AND (" + scope + ")");
}

Duplicate find_duplicate(db::Connection& conn, const http::Caller& caller, const Application& a) {
    Duplicate d;
    if (a.inn) {
        db::Params p;
        std::string sql = "SELECT vc.id FROM clients vc WHERE vc.inn = " + p.bind(*a.inn);
        sql += visible_clients(p, caller) + " ORDER BY vc.id LIMIT 1";
        auto r = conn.query(sql, p.values());
        if (!r.empty()) d.client_id = r.int_at(0, "id");
    }
    auto contact_match = [&](const db::Result& r, std::size_t i) {
        std::int64_t client = r.int_at(i, "client_id");
        if (d.client_id && *d.client_id != client) return;
        d.client_id = client;
        d.contact_id = r.int_at(i, "id");
    };
    const std::string contacts =
        "SELECT k.id, k.client_id, k.phone FROM contacts k JOIN clients vc ON vc.id = k.client_id "
        "WHERE k.archived_at IS NULL";
    if (a.phone) {
        std::string want = normalize_phone(*a.phone);
        if (!want.empty()) {
            db::Params p;
            std::string sql = contacts + " AND k.phone IS NOT NULL" + visible_clients(p, caller) +
                              " ORDER BY k.id";
            auto r = conn.query(sql, p.values());
            for (std::size_t i = 0; i < r.rows.size() && !d.contact_id; ++i)
                if (normalize_phone(r.text_at(i, "phone")) == want) contact_match(r, i);
        }
    }
    if (a.email && !d.contact_id) {
        db::Params p;
        std::string sql = contacts + " AND LOWER(k.email) = " + p.bind(text::fold(*a.email));
        sql += visible_clients(p, caller) + " ORDER BY k.id LIMIT 1";
        auto r = conn.query(sql, p.values());
        if (!r.empty()) contact_match(r, 0);
    }
    return d;
}

/// A stage's own rules: it stays in its pipeline; a role only on an open stage and once per
/// pipeline; a stage holding deals keeps its kind; one won and one lost stage per pipeline.
void check_stage(db::Connection& conn, const Record* before, Record& after) {
    std::int64_t pipeline = after.at("pipeline_id").as_int64();
    if (before && before->at("pipeline_id").as_int64() != pipeline)
        throw invalid("pipeline_id", "a stage stays in its pipeline");
    std::string kind(after.at("kind").as_string());
    if (auto role = opt_text(after, "role")) {
        if (kind != "open") throw invalid("role", "only an open stage has a role");
        auto taken = conn.query(
            "SELECT name FROM pipeline_stages WHERE pipeline_id = $1 AND "
            "role = $2 AND archived_at IS NULL AND id <> $3",
            {pipeline, *role, before ? before->at("id").as_int64() : 0});
        if (!taken.empty())
            throw invalid("role",
                          "the stage «" + taken.text_at(0, "name") + "» already has this role");
    }
    // A deal's won/lost state (closed_at, lost_reason, the funnel) follows
    // its stage's kind: a stage holding deals keeps it.
    if (before && std::string(before->at("kind").as_string()) != kind) {
        auto held = conn.query(
            "SELECT COUNT(*) AS n FROM deals WHERE stage_id = $1 AND "
            "archived_at IS NULL",
            {before->at("id").as_int64()});
        if (held.int_at(0, "n") > 0)
            throw invalid("kind", "the stage holds " + std::to_string(held.int_at(0, "n")) +
                                      " deals: move them first, or add a "
                                      "new stage");
    }
    if (kind == "open") return;
    auto r = conn.query(
        "SELECT id FROM pipeline_stages WHERE pipeline_id = $1 AND kind = "
        "$2 AND archived_at IS NULL AND id <> $3",
        {pipeline, kind, before ? before->at("id").as_int64() : 0});
    if (!r.empty()) throw invalid("kind", "the pipeline already has a " + kind + " stage");
}

/// Which stage a new or edited deal stands in (the given one, or the pipeline's first open stage),
/// and what entering it sets (sales::stage_change: entered time, probability, closed_at).
void place_in_stage(db::Connection& conn, const Record* before, Record& after,
                    const std::string& at) {
    auto stage_id = opt_int(after, "stage_id");
    auto pipeline_id = opt_int(after, "pipeline_id");
    bool stage_changed = !before || stage_id != opt_int(*before, "stage_id");
    bool pipeline_changed = before && pipeline_id != opt_int(*before, "pipeline_id");
    if (pipeline_changed && !stage_changed) stage_id.reset();
    std::optional<StageRow> stage;
    if (stage_id) {
        stage = load_stage(conn, *stage_id);
        if (!stage) throw invalid("stage_id", "no such stage");
        if (pipeline_id && *pipeline_id != stage->pipeline_id)
            throw invalid("stage_id", "must be a stage of the deal's pipeline");
    } else {
        if (!pipeline_id) pipeline_id = default_pipeline(conn);
        if (!pipeline_id) throw invalid("pipeline_id", "there is no pipeline yet");
        auto p = conn.query("SELECT id FROM pipelines WHERE id = $1", {*pipeline_id});
        if (p.empty()) throw invalid("pipeline_id", "no such record");
        stage = first_open_stage(conn, *pipeline_id);
        if (!stage) throw invalid("pipeline_id", "the pipeline has no open stage");
    }
    if (stage->id != (before ? opt_int(*before, "stage_id").value_or(0) : 0) && stage->archived)
        throw invalid("stage_id", "the stage is archived");
    after["stage_id"] = stage->id;
    after["pipeline_id"] = stage->pipeline_id;

    StageChange change;
    if (before) {
        auto from = load_stage(conn, before->at("stage_id").as_int64());
        if (from) change.from = StageInfo{from->id, from->kind, from->probability};
    }
    change.to = StageInfo{stage->id, stage->kind, stage->probability};
    auto prob = opt_int(after, "probability_percent");
    change.probability_given = prob && (!before || prob != opt_int(*before, "probability_percent"));
    change.has_lost_reason = opt_text(after, "lost_reason").has_value();
    StageOutcome out = stage_change(change);
    if (out.error) throw invalid("lost_reason", *out.error);
    if (out.entered) {
        after["stage_entered_at"] = at;
        if (out.probability_percent) after["probability_percent"] = *out.probability_percent;
        if (out.closed == StageOutcome::Closed::kSet) after["closed_at"] = at;
        if (out.closed == StageOutcome::Closed::kClear) after["closed_at"] = nullptr;
    }
    if (!after.contains("probability_percent") || after.at("probability_percent").is_null())
        after["probability_percent"] = stage->probability;
}

/// The deal's people and client: a new deal is the caller's; an owner is an employee; a client
/// and contact are ones the caller may see, and the contact belongs to the client.
void check_people(db::Connection& conn, const http::Caller& c, const Record* before,
                  Record& after) {
    if (!before && !opt_int(after, "owner_id") && c.user_id > 0) after["owner_id"] = c.user_id;
    if (auto owner = opt_int(after, "owner_id");
        owner && (!before || owner != opt_int(*before, "owner_id")))
        access::require_employee(conn, *owner, "owner_id");
    auto client = opt_int(after, "client_id");
    if (client && (!before || client != opt_int(*before, "client_id")))
        access::require_visible_client(conn, c, *client);
    if (auto contact = opt_int(after, "contact_id")) {
        // A contact of a client outside the caller's scope reads as missing.
        db::Params p;
        std::string sql =
            "SELECT k.client_id FROM contacts k JOIN clients vc ON vc.id = "
            "k.client_id WHERE k.id = " +
            p.bind(*contact);
        if (!before || contact != opt_int(*before, "contact_id")) sql += visible_clients(p, c);
        auto r = conn.query(sql, p.values());
        if (r.empty()) throw invalid("contact_id", "no such record");
        if (client && r.int_at(0, "client_id") != *client)
            throw invalid("contact_id", "must be a contact of the deal's client");
    }
    if (client) {
        auto r = conn.query("SELECT name FROM clients WHERE id = $1", {*client});
        if (!r.empty()) after["client_name"] = r.text_at(0, "name");
    } else {
        after.erase("client_name");
    }
}

/// Every stage change (and the first stage of a new deal) goes to the history in the deal's
/// transaction; place_in_stage has stamped stage_entered_at.
void record_stage_change(db::Connection& conn, const http::Caller& c, const Record* before,
                         const Record* after) {
    if (!after) return;
    std::int64_t to = after->at("stage_id").as_int64();
    std::optional<std::int64_t> from;
    if (before) {
        from = before->at("stage_id").as_int64();
        if (*from == to) return;
    }
    std::string at = opt_text(*after, "stage_entered_at").value_or("");
    std::optional<std::int64_t> minutes;
    if (before)
        if (auto entered = opt_text(*before, "stage_entered_at"))
            minutes = minutes_between(*entered, at);
    std::optional<std::int64_t> user;
    if (c.user_id > 0) user = c.user_id;
    conn.query(
        "INSERT INTO deal_stage_history (deal_id, from_stage_id, to_stage_id, "
        "at, user_id, minutes_in_previous_stage) VALUES ($1, $2, $3, $4, $5, "
        "$6)",
        {after->at("id").as_int64(), db::optional_value(from), to, at, db::optional_value(user),
         db::optional_value(minutes)});
}

json::object stage_json(const db::Result& r, std::size_t i) {
    auto archived = r.opt_text_at(i, "archived_at");
    auto role = r.opt_text_at(i, "owner_role");
    auto stage_role = r.opt_text_at(i, "role");
    return {
        {"id", r.int_at(i, "id")},
        {"pipeline_id", r.int_at(i, "pipeline_id")},
        {"name", r.text_at(i, "name")},
        {"position", r.int_at(i, "position")},
        {"owner_role", role ? json::value(json::string(*role)) : json::value(nullptr)},
        {"probability_percent", r.int_at(i, "probability_percent")},
        {"kind", r.text_at(i, "kind")},
        {"role", stage_role ? json::value(json::string(*stage_role)) : json::value(nullptr)},
        {"version", r.int_at(i, "version")},
        {"created_at", r.text_at(i, "created_at")},
        {"updated_at", r.text_at(i, "updated_at")},
        {"archived_at", archived ? json::value(json::string(*archived)) : json::value(nullptr)}};
}

}  // namespace

Schema pipeline_schema() {
    Schema s;
    s.table = "pipelines";
    s.entity = "pipelines";
    s.default_sort = "position";
    s.fields = {
        records::text("name").req().len(200).search().sort(),
        records::text("code").req().len(50).search().filter().validate(code_problem),
        integer("position").range(0, 1'000'000).sort().fallback(0),
    };
    return s;
}

Schema stage_schema() {
    Schema s;
    s.table = "pipeline_stages";
    s.entity = "pipeline_stages";
    s.default_sort = "position";
    s.fields = {
        ref("pipeline_id", "pipelines").req().filter(),
        records::text("name").req().len(200).search().sort(),
        integer("position").range(0, 1'000'000).sort().fallback(0),
        choice("owner_role", {"lead_generator", "sales", "manager", "quality"}).filter(),
        integer("probability_percent").range(0, 100).fallback(0),
        choice("kind", {"open", "won", "lost"}).filter().fallback("open"),
        choice("role", std::vector<std::string>(kStageRoles.begin(), kStageRoles.end())).filter(),
    };
    return s;
}

Schema deal_schema() {
    Schema s;
    s.table = "deals";
    s.entity = "deals";
    s.default_sort = "updated_at";
    s.fields = {
        ref("pipeline_id", "pipelines").filter(),
        ref("stage_id", "pipeline_stages").filter(),
        records::text("title").req().len(300).search().sort(),
        ref("client_id", "clients").filter(),
        records::text("company").len(300).search(),
        ref("contact_id", "contacts").filter(),
        records::text("contact_name").len(200).search(),
        records::text("phone").len(50).search(),
        email("email").search(),
        records::text("inn").len(12).validate(requisites::inn_problem),
        choice("source", application_sources()).filter().fallback("manual"),
        money_field("amount_kopecks").sort(),
        integer("probability_percent").range(0, 100),
        ref("owner_id", "users").filter(),
        records::text("next_step").len(500),
        date("next_step_on").filter().sort(),
        records::text("lost_reason").len(500),
        records::text("closed_at").read_only(),
        records::text("stage_entered_at").read_only().sort(),
        ref("application_id", "applications").read_only(),
        // The client's name, so `q` finds deals by it; set by the hook, never stored.
        records::text("client_name").len(400).search().hidden().write_only(),
    };
    return s;
}

Schema deal_comment_schema() {
    Schema s;
    s.table = "deal_comments";
    s.entity = "deal_comments";
    s.archivable = false;
    s.default_sort = "id";
    s.fields = {
        ref("deal_id", "deals").req().filter(),
        ref("author_id", "users").read_only().filter(),
        long_text("body").req().len(10000).search(),
    };
    return s;
}

SalesModule::SalesModule(db::Database& db, Resource::Now now,
                         std::vector<std::string> public_origins)
    : db_(db),
      now_(now),
      public_origins_(std::move(public_origins)),
      pipelines_(db, pipeline_schema(), Hooks{}, now),
      stages_(db, stage_schema(),
              Hooks{
                  .scope = {},
                  .on_write = [](db::Connection& conn, const http::Caller&, const Record* before,
                                 Record& after, Extras&) { check_stage(conn, before, after); },
                  .on_remove = {},
                  .filters = {},
                  .present = {},
                  .after_write = {},
              },
              now),
      deals_(db, deal_schema(),
             Hooks{
                 .scope = [](db::Params& p,
                             const http::Caller& c) { return access::deal_scope(p, c, "t"); },
                 .on_write =
                     [now](db::Connection& conn, const http::Caller& c, const Record* before,
                           Record& after, Extras&) {
                         place_in_stage(conn, before, after, now().to_rfc3339());
                         check_people(conn, c, before, after);
                     },
                 .on_remove = {},
                 .filters = {},
                 .present = {},
                 .after_write = record_stage_change,
             },
             now),
      comments_(
          db, deal_comment_schema(),
          Hooks{
              .scope = [](db::Params& p,
                          const http::Caller& c) { return access::via_deal_scope(p, c, "t"); },
              .on_write =
                  [](db::Connection& conn, const http::Caller& c, const Record* before,
                     Record& after, Extras&) {
                      std::int64_t deal = after.at("deal_id").as_int64();
                      if (before) {
                          if (opt_int(*before, "author_id") !=
                              std::optional<std::int64_t>(c.user_id))
                              throw forbidden("only the author edits a comment");
                          if (before->at("deal_id").as_int64() != deal)
                              throw invalid("deal_id", "a comment stays on its deal");
                          return;
                      }
                      access::require_visible_deal(conn, c, deal);
                      // The system's own comments (a brief submitted) have no author.
                      after["author_id"] = c.user_id > 0 ? json::value(c.user_id) : nullptr;
                  },
              .on_remove =
                  [](db::Connection&, const http::Caller& c, const Record& before) {
                      if (c.role != access::kOwner &&
                          opt_int(before, "author_id") != std::optional<std::int64_t>(c.user_id))
                          throw forbidden("only the author or the owner deletes a comment");
                  },
              .filters = {},
              .present = {},
              .after_write = {},
          },
          now) {}

Record SalesModule::accept(const http::Caller& caller, const Application& a,
                           const std::string& request_id) {
    std::string label = a.company ? *a.company
                        : a.name  ? *a.name
                        : a.phone ? *a.phone
                                  : a.email.value_or("");
    Record input{{"title", "Заявка: " + label}, {"source", a.source}};
    if (a.company) input["company"] = *a.company;
    if (a.name) input["contact_name"] = *a.name;
    if (a.phone) input["phone"] = *a.phone;
    if (a.email) input["email"] = *a.email;
    if (a.inn) input["inn"] = *a.inn;
    try {
        return db_.transaction([&](db::Connection& conn) {
            // A client or contact the caller may see with the same ИНН, phone or e-mail: the deal
            // is linked to it, and the application remembers the match.
            Duplicate d = find_duplicate(conn, caller, a);
            if (d.client_id) input["client_id"] = *d.client_id;
            if (d.contact_id) input["contact_id"] = *d.contact_id;
            auto r = conn.query(
                "INSERT INTO applications (name, phone, email, company, inn, message, page_url, "
                "source, ip_hash, user_id, duplicate_of_client_id, created_at) VALUES ($1, $2, $3, "
                "$4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING id",
                {db::optional_value(a.name), db::optional_value(a.phone),
                 db::optional_value(a.email), db::optional_value(a.company),
                 db::optional_value(a.inn), db::optional_value(a.message),
                 db::optional_value(a.page_url), a.source,
                 a.ip_hash.empty() ? db::null() : db::Value(a.ip_hash),
                 db::optional_value(a.user_id), db::optional_value(d.client_id),
                 now_().to_rfc3339()});
            Record deal = deals_.create_in(conn, caller, input, request_id,
                                           Record{{"application_id", r.int_at(0, "id")}});
            // A site application must reach someone at once (the deal has no owner yet).
            if (!a.user_id)
                notify::notify_deal_people(
                    conn, deal.at("id").as_int64(),
                    {0, "application", "New application from the site: " + label, std::nullopt,
                     "deals", deal.at("id").as_int64()},
                    now_().to_rfc3339());
            return deal;
        });
    } catch (const db::ConstraintViolation& e) {
        rethrow_constraint(e);
    }
}

namespace {
/// The caller for what the system does on its own (a client's action on a public page): sees
/// every deal, and the audit and history name no one.
http::Caller system_caller() {
    http::Caller system;
    system.role = access::kOwner;
    return system;
}
}  // namespace

bool SalesModule::advance_past_role(db::Connection& conn, std::int64_t deal_id,
                                    std::string_view role, const std::string& request_id) {
    auto d = conn.query(
        "SELECT d.pipeline_id, s.position, s.kind FROM deals d JOIN pipeline_stages s ON s.id = "
        "d.stage_id WHERE d.id = $1 AND d.archived_at IS NULL",
        {deal_id});
    if (d.empty() || d.text_at(0, "kind") != "open") return false;
    std::int64_t pipeline = d.int_at(0, "pipeline_id");
    auto marked = conn.query(
        "SELECT position FROM pipeline_stages WHERE pipeline_id = $1 AND role = $2 AND "
        "archived_at IS NULL ORDER BY position, id LIMIT 1",
        {pipeline, std::string(role)});
    if (marked.empty()) return false;
    auto next = conn.query(
        "SELECT id, position FROM pipeline_stages WHERE pipeline_id = $1 AND kind = 'open' AND "
        "archived_at IS NULL AND position > $2 ORDER BY position, id LIMIT 1",
        {pipeline, marked.int_at(0, "position")});
    if (next.empty() || d.int_at(0, "position") >= next.int_at(0, "position")) return false;
    deals_.update_in(conn, system_caller(), deal_id, Record{{"stage_id", next.int_at(0, "id")}},
                     request_id);
    return true;
}

void SalesModule::set_amount(db::Connection& conn, const http::Caller& by, std::int64_t deal_id,
                             money::Kopecks amount, const std::string& request_id) {
    auto deal = deals_.find_visible(conn, by, deal_id);
    if (!deal) throw not_found();
    if (opt_int(*deal, "amount_kopecks") == amount) return;
    deals_.update_in(conn, by, deal_id, Record{{"amount_kopecks", amount}}, request_id);
}

void SalesModule::add_comment(db::Connection& conn, std::int64_t deal_id, const std::string& body,
                              const std::string& request_id) {
    comments_.create_in(conn, system_caller(), Record{{"deal_id", deal_id}, {"body", body}},
                        request_id);
}

json::array SalesModule::history(const http::Caller& caller, std::int64_t deal_id) {
    db::Lease conn = db_.acquire();
    if (!deals_.find_visible(*conn, caller, deal_id)) throw not_found();
    auto r = conn->query(
        "SELECT h.from_stage_id, h.to_stage_id, h.at, h.user_id, u.name AS user_name, "
        "h.minutes_in_previous_stage FROM deal_stage_history h LEFT JOIN users u ON u.id = "
        "h.user_id WHERE h.deal_id = $1 ORDER BY h.at, h.id",
        {deal_id});
    json::array items;
    auto opt_int = [](std::optional<std::int64_t> v) {
        return v ? json::value(*v) : json::value(nullptr);
    };
    for (std::size_t i = 0; i < r.rows.size(); ++i) {
        auto name = r.opt_text_at(i, "user_name");
        items.push_back(json::object{
            {"from_stage_id", opt_int(r.opt_int_at(i, "from_stage_id"))},
            {"to_stage_id", r.int_at(i, "to_stage_id")},
            {"at", r.text_at(i, "at")},
            {"user_id", opt_int(r.opt_int_at(i, "user_id"))},
            {"user_name", name ? json::value(json::string(*name)) : json::value(nullptr)},
            {"minutes_in_previous_stage", opt_int(r.opt_int_at(i, "minutes_in_previous_stage"))}});
    }
    return items;
}

json::object SalesModule::with_stages(db::Connection& conn, json::object pipeline) {
    auto r = conn.query(
        "SELECT id, pipeline_id, name, position, owner_role, probability_percent, kind, role, "
        "version, "
        "created_at, updated_at, archived_at FROM pipeline_stages WHERE pipeline_id = $1 AND "
        "archived_at IS NULL ORDER BY position, id",
        {pipeline.at("id").as_int64()});
    json::array stages;
    for (std::size_t i = 0; i < r.rows.size(); ++i) stages.push_back(stage_json(r, i));
    pipeline["stages"] = std::move(stages);
    return pipeline;
}

bool SalesModule::origin_allowed(const std::string& origin) {
    std::vector<std::string> allowed = public_origins_;
    db::Lease conn = db_.acquire();
    for (auto& o : parse_origins(agency::read(*conn).public_form_origins))
        allowed.push_back(std::move(o));
    return sales::origin_allowed(origin, allowed);
}

namespace {

void add_cors(http::Response& r, const std::string& origin) {
    r.set_header("Access-Control-Allow-Origin", origin);
    r.set_header("Vary", "Origin");
}

}  // namespace

http::Response SalesModule::public_application(http::Context& ctx) {
    const http::Request& req = ctx.request;
    auto origin = req.header("origin");
    bool cors = origin && origin_allowed(*origin);
    http::Response r;
    try {
        // Site forms: 10 applications an hour per address, shared by every server process.
        static const auth::Limit kApplications{"site-application", 10, std::chrono::hours(1)};
        db::Lease conn = db_.acquire();
        if (auto wait = auth::Throttle::wait(*conn, kApplications, req.remote_ip, now_())) {
            r = http::error_response(429, "rate_limited",
                                     "too many applications from this address; try later");
            r.set_header("Retry-After", std::to_string(wait));
        } else {
            auth::Throttle::hit(*conn, kApplications, req.remote_ip, now_());
            // Site forms post JSON (fetch) or a plain HTML form (urlencoded, no script needed).
            json::object body;
            if (req.header("content-type")
                    .value_or("")
                    .rfind("application/x-www-form-urlencoded", 0) == 0) {
                for (const auto& [k, v] : http::parse_query(req.body)) body[k] = v;
            } else {
                body = json_input::parse_object(req.body);
            }
            auto fax = body.find("fax");
            bool bot = fax != body.end() && !fax->value().is_null() &&
                       !(fax->value().is_string() && fax->value().as_string().empty());
            if (!bot) {
                Application a = parse_application(body, true);
                a.source = "site";
                a.ip_hash = auth::digest("application-ip:" + req.remote_ip);
                http::Caller system;
                system.role = access::kOwner;
                accept(system, a, req.request_id);
            }
            r = http::json_response(202, R"({"status":"received"})");
        }
    } catch (const Error& e) {
        // The site's page must read the error too: the answer carries CORS like a success.
        r = http::error_response(e);
    }
    if (cors) add_cors(r, *origin);
    return r;
}

void SalesModule::register_routes(http::Router& router) {
    using http::Policy;
    using namespace access;
    const std::vector<std::string> admins = {kOwner, kHead};
    const std::vector<std::string> deal_readers = {kOwner, kHead,          kManager,
                                                   kSales, kLeadGenerator, kQuality};
    const std::vector<std::string> deal_writers = {kOwner, kHead, kManager, kSales, kLeadGenerator};

    // Pipelines: the generic use cases, with each pipeline's stages embedded in the answers.
    const std::string base = "/api/v1/pipelines";
    router.add("GET", base, Policy::roles_of(kStaff), [this](http::Context& ctx) {
        Page page = pipelines_.list(ctx.user(), ctx.request.query);
        db::Lease conn = db_.acquire();
        for (auto& item : page.items) item = with_stages(*conn, std::move(item.as_object()));
        return http::json_response(200, json::serialize(page.to_json()));
    });
    router.add("GET", base + "/{id}", Policy::roles_of(kStaff), [this](http::Context& ctx) {
        Record rec = pipelines_.get(ctx.user(), ctx.id_param());
        db::Lease conn = db_.acquire();
        return http::json_response(200, json::serialize(with_stages(*conn, std::move(rec))));
    });
    router.add("POST", base, Policy::roles_of(admins), [this, base](http::Context& ctx) {
        Record rec = pipelines_.create(ctx.user(), json_input::parse_object(ctx.request.body),
                                       ctx.request.request_id);
        std::int64_t id = rec.at("id").as_int64();
        db::Lease conn = db_.acquire();
        http::Response r =
            http::json_response(201, json::serialize(with_stages(*conn, std::move(rec))));
        r.set_header("Location", base + "/" + std::to_string(id));
        return r;
    });
    router.add("PATCH", base + "/{id}", Policy::roles_of(admins), [this](http::Context& ctx) {
        Record rec =
            pipelines_.update(ctx.user(), ctx.id_param(),
                              json_input::parse_object(ctx.request.body), ctx.request.request_id);
        db::Lease conn = db_.acquire();
        return http::json_response(200, json::serialize(with_stages(*conn, std::move(rec))));
    });
    router.add("DELETE", base + "/{id}", Policy::roles_of(admins), [this](http::Context& ctx) {
        pipelines_.remove(ctx.user(), ctx.id_param(), ctx.request.request_id);
        http::Response r;
        r.status = 204;
        return r;
    });

    stages_.register_routes(router, "/api/v1/pipeline-stages",
                            {.list = Policy::roles_of(kStaff),
                             .read = Policy::roles_of(kStaff),
                             .create = Policy::roles_of(admins),
                             .update = Policy::roles_of(admins),
                             .remove = Policy::roles_of(admins)});
    deals_.register_routes(router, "/api/v1/deals",
                           {.list = Policy::roles_of(deal_readers),
                            .read = Policy::roles_of(deal_readers),
                            .create = Policy::roles_of(deal_writers),
                            .update = Policy::roles_of(deal_writers),
                            .remove = Policy::roles_of(admins)});
    // What the customer wrote, shown at the top of the deal (issue 9: the message was stored and
    // never shown). 404 when the deal did not come from an application.
    router.add("GET", "/api/v1/deals/{id}/application", Policy::roles_of(deal_readers),
               [this](http::Context& ctx) {
                   db::Lease conn = db_.acquire();
                   auto deal = deals_.find_visible(*conn, ctx.user(), ctx.id_param());
                   if (!deal) throw not_found();
                   auto app = opt_int(*deal, "application_id");
                   if (!app) throw not_found();
                   auto r = conn->query(
                       "SELECT id, name, phone, email, company, inn, message, page_url, source, "
                       "created_at FROM applications WHERE id = $1",
                       {*app});
                   if (r.empty()) throw not_found();
                   json::object out{{"id", r.int_at(0, "id")},
                                    {"deal_id", deal->at("id").as_int64()},
                                    {"source", r.text_at(0, "source")},
                                    {"created_at", r.text_at(0, "created_at")}};
                   for (const char* k :
                        {"name", "phone", "email", "company", "inn", "message", "page_url"}) {
                       auto v = r.opt_text_at(0, k);
                       out[k] = v ? json::value(json::string(*v)) : json::value(nullptr);
                   }
                   return http::json_response(200, json::serialize(out));
               });
    router.add("GET", "/api/v1/deals/{id}/history", Policy::roles_of(deal_readers),
               [this](http::Context& ctx) {
                   json::object out{{"items", history(ctx.user(), ctx.id_param())}};
                   return http::json_response(200, json::serialize(out));
               });
    comments_.register_routes(router, "/api/v1/deal-comments",
                              {.list = Policy::roles_of(deal_readers),
                               .read = Policy::roles_of(deal_readers),
                               .create = Policy::roles_of(deal_readers),
                               .update = Policy::roles_of(deal_readers),
                               .remove = Policy::roles_of(deal_readers)});

    router.add(
        "POST", "/api/v1/applications", Policy::roles_of(deal_writers), [this](http::Context& ctx) {
            Application a = parse_application(json_input::parse_object(ctx.request.body), false);
            a.user_id = ctx.user().user_id;
            Record deal = accept(ctx.user(), a, ctx.request.request_id);
            http::Response r = http::json_response(201, json::serialize(deal));
            r.set_header("Location", "/api/v1/deals/" + std::to_string(deal.at("id").as_int64()));
            return r;
        });
    // Public: the agency's site forms post here from the visitor's browser (CORS below).
    router.add("POST", "/api/v1/public/applications", Policy::open(),
               [this](http::Context& ctx) { return public_application(ctx); });
    router.add("OPTIONS", "/api/v1/public/applications", Policy::open(),
               [this](http::Context& ctx) {
                   http::Response r;
                   r.status = 204;
                   auto origin = ctx.request.header("origin");
                   if (origin && origin_allowed(*origin)) {
                       add_cors(r, *origin);
                       r.set_header("Access-Control-Allow-Methods", "POST, OPTIONS");
                       r.set_header("Access-Control-Allow-Headers", "Content-Type");
                       r.set_header("Access-Control-Max-Age", "86400");
                   }
                   return r;
               });
}

}  // namespace retainer::sales
