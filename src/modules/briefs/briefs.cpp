#include "modules/briefs/briefs.hpp"

#include "core/json_input.hpp"
#include "modules/access/checks.hpp"
#include "modules/access/roles.hpp"
#include "modules/agency/settings.hpp"
#include "modules/briefs/rules.hpp"
#include "modules/documents/links.hpp"
#include "modules/documents/rules.hpp"
#include "modules/notify/notify.hpp"
#include "modules/texts/messages.hpp"
#include "platform/auth/password.hpp"
#include "platform/records/audit.hpp"

namespace retainer::briefs {
using namespace records;
namespace json = boost::json;
using documents::without_link;

namespace {

/// A link opens while the brief was sent (or already submitted: then read-only), is not revoked
/// and not past its expiry.
bool live(const std::string& status, const std::optional<std::string>& revoked_at,
          const std::optional<std::string>& expires_at, Instant now) {
    return documents::link_live(status == "draft" ? "draft" : "shared", revoked_at, expires_at,
                                now);
}

json::object answers_body(const std::string& body) {
    json::object in = json_input::parse_object(body);
    for (const auto& [k, v] : in)
        if (k != "answers") throw invalid(std::string(k), "unknown field");
    auto it = in.find("answers");
    if (it == in.end() || !it->value().is_object())
        throw invalid("answers", "must be an object: question key → answer");
    return it->value().as_object();
}

}  // namespace

Schema template_schema() {
    Schema s;
    s.table = "brief_templates";
    s.entity = "brief_templates";
    s.default_sort = "name";
    s.fields = {
        records::text("name").req().len(200).search().sort(),
        ref("service_type_id", "service_types").filter(),
        long_text("description").len(2000),
        json_value("questions", questions_problem).req(),
    };
    return s;
}

Schema brief_schema() {
    Schema s;
    s.table = "briefs";
    s.entity = "briefs";
    s.default_sort = "id";
    s.fields = {
        ref("deal_id", "deals").req().filter(),
        ref("template_id", "brief_templates").filter(),
        records::text("title").len(200).search().sort(),
        json_value("questions", {}).read_only(),
        json_value("answers", {}).read_only(),
        choice("status", {"draft", "sent", "submitted"}).read_only().filter().fallback("draft"),
        records::text("public_url").read_only().unaudited(),
        records::text("sent_at").read_only(),
        records::text("expires_at").read_only(),
        records::text("saved_at").read_only(),
        records::text("submitted_at").read_only().sort(),
        records::text("revoked_at").read_only(),
    };
    return s;
}

BriefsModule::BriefsModule(db::Database& db, Resource::Now now, sales::Deals& deals)
    : db_(db),
      deals_(deals),
      now_(now),
      templates_(db, template_schema(), Hooks{}, now),
      briefs_(db, brief_schema(),
              Hooks{
                  .scope = [](db::Params& p,
                              const http::Caller& c) { return access::via_deal_scope(p, c, "t"); },
                  .on_write =
                      [](db::Connection& conn, const http::Caller& c, const Record* before,
                         Record& after, Extras&) {
                          if (before) {
                              if (opt_int(*before, "deal_id") != opt_int(after, "deal_id"))
                                  throw invalid("deal_id", "a brief stays with its deal");
                              if (opt_int(*before, "template_id") != opt_int(after, "template_id"))
                                  throw invalid("template_id",
                                                "a brief keeps its questions; make a new brief");
                              if (!opt_text(after, "title"))
                                  throw invalid("title", "must not be empty");
                              return;
                          }
                          access::require_visible_deal(conn, c, after.at("deal_id").as_int64());
                          auto tmpl = opt_int(after, "template_id");
                          if (!tmpl) throw invalid("template_id", "is required");
                          auto r = conn.query(
                              "SELECT name, questions FROM brief_templates WHERE id = $1 AND "
                              "archived_at IS NULL",
                              {*tmpl});
                          if (r.empty()) throw invalid("template_id", "no such brief template");
                          after["questions"] = json::parse(r.text_at(0, "questions"));
                          after["answers"] = json::object();
                          after["status"] = "draft";
                          if (!opt_text(after, "title")) after["title"] = r.text_at(0, "name");
                      },
                  .on_remove = {},
                  .filters = {},
                  .present =
                      [now](const http::Caller&, Record& r) {
                          if (!live(opt_text(r, "status").value_or("draft"),
                                    opt_text(r, "revoked_at"), opt_text(r, "expires_at"), now()))
                              r["public_url"] = nullptr;
                      },
                  .after_write = {},
              },
              now) {}

std::optional<BriefsModule::Live> BriefsModule::lookup(db::Connection& conn,
                                                       const std::string& token) {
    if (token.size() != 43) return std::nullopt;
    std::string want = auth::digest(token);
    auto r = conn.query(
        "SELECT id, deal_id, title, status, questions, answers, public_token_hash, expires_at, "
        "revoked_at, saved_at, submitted_at FROM briefs WHERE public_token_hash = $1 AND "
        "archived_at IS NULL",
        {want});
    if (r.empty() || !documents::digests_equal(r.text_at(0, "public_token_hash"), want))
        return std::nullopt;
    std::string status = r.text_at(0, "status");
    if (!live(status, r.opt_text_at(0, "revoked_at"), r.opt_text_at(0, "expires_at"), now_()))
        return std::nullopt;
    Live l;
    l.id = r.int_at(0, "id");
    l.deal_id = r.int_at(0, "deal_id");
    l.status = status;
    l.questions = json::parse(r.text_at(0, "questions")).as_array();
    auto answers = json::parse(r.text_at(0, "answers"));
    if (answers.is_object()) l.answers = answers.as_object();
    auto opt = [&](const char* k) {
        auto v = r.opt_text_at(0, k);
        return v ? json::value(json::string(*v)) : json::value(nullptr);
    };
    l.brief = Record{{"title", r.text_at(0, "title")}, {"status", status},
                     {"questions", l.questions},       {"answers", l.answers},
                     {"saved_at", opt("saved_at")},    {"submitted_at", opt("submitted_at")}};
    return l;
}

FieldErrors BriefsModule::save_draft(db::Connection& conn, const Live& live, json::object answers,
                                     const std::string& at) {
    FieldErrors errors = check_answers(live.questions, answers, false);
    // A refused answer keeps what was saved before; the others are stored.
    for (const auto& [key, problem] : errors) {
        answers.erase(key);
        if (auto it = live.answers.find(key); it != live.answers.end()) answers[key] = it->value();
    }
    auto u = conn.query(
        "UPDATE briefs SET answers = $1, saved_at = $2 WHERE id = $3 AND status = 'sent' "
        "RETURNING id",
        {json::serialize(answers), at, live.id});
    if (u.empty()) throw conflict("the brief is already submitted");
    return errors;
}

BriefsModule::Live BriefsModule::require_live(db::Connection& conn, const http::Request& req,
                                              const std::string& token) {
    documents::require_link_lookup_allowed(conn, req.remote_ip, now_());
    auto l = lookup(conn, token);
    if (!l) {
        documents::count_link_miss(conn, req.remote_ip, now_());
        throw not_found();
    }
    return *l;
}

http::Response BriefsModule::page(db::Connection& conn, const Live& l, const std::string& token,
                                  const std::optional<std::string>& note, i18n::Lang lang) {
    http::Response r;
    r.content_type = "text/html; charset=utf-8";
    bool editable = l.status != "submitted";
    std::optional<std::string> shown = note;
    if (!editable && !shown)
        shown = texts::tr(
            "The brief was sent on " +
                agency::read(conn).local_time(opt_text(l.brief, "submitted_at").value_or("")) +
                ". Thank you! The answers are below.",
            lang);
    r.body = brief_page(std::string(l.brief.at("title").as_string()), l.questions, l.answers,
                        editable ? std::optional<std::string>(token) : std::nullopt, shown, lang);
    return r;
}

http::Response BriefsModule::submit(http::Context& ctx) {
    const http::Request& req = ctx.request;
    const std::string token = ctx.path_params["token"];
    bool as_json = req.header("content-type").value_or("").rfind("application/json", 0) == 0;
    const std::string at = now_().to_rfc3339();
    std::string title;
    {
        // The miss is counted outside the write, which a 404 rolls back.
        db::Lease conn = db_.acquire();
        require_live(*conn, req, token);
    }
    FieldErrors refused;
    db_.transaction([&](db::Connection& conn) {
        auto found = lookup(conn, token);
        if (!found) throw not_found();
        Live& l = *found;
        if (l.status == "submitted") throw conflict("the brief is already submitted");
        json::object answers =
            as_json ? answers_body(req.body) : answers_from_form(l.questions, parse_form(req.body));
        json::object final_answers = answers;
        refused = check_answers(l.questions, final_answers, true);
        if (!refused.empty()) {
            // Nothing typed is lost on a failed submission: what is valid stays as the draft
            // (committed; the refusal is answered after this transaction).
            save_draft(conn, l, answers, at);
            return 0;
        }
        answers = std::move(final_answers);
        auto u = conn.query(
            "UPDATE briefs SET status = 'submitted', answers = $1, submitted_at = $2, saved_at = "
            "$2, version = version + 1, updated_at = $2 WHERE id = $3 AND status = 'sent' "
            "RETURNING title",
            {json::serialize(answers), at, l.id});
        if (u.empty()) throw conflict("the brief is already submitted");
        title = u.text_at(0, "title");
        write_audit(conn, {at, std::nullopt, "briefs", l.id, "submit", std::nullopt,
                           Record{{"status", "submitted"}, {"answers", answers}}, req.request_id});
        deals_.add_comment(conn, l.deal_id,
                           texts::tr("The client filled in the brief «" + title + "»", req.lang),
                           req.request_id);
        auto deal = conn.query("SELECT title FROM deals WHERE id = $1", {l.deal_id});
        notify::notify_deal_people(
            conn, l.deal_id,
            {0, "brief_submitted",
             "The client filled in the brief «" + title + "» for the deal «" +
                 (deal.empty() ? std::string() : deal.text_at(0, "title")) + "»",
             l.deal_id, "briefs", l.id},
            at);
        return 0;
    });
    if (!refused.empty()) throw invalid(refused);
    if (as_json)
        return http::json_response(
            200, json::serialize(json::object{{"status", "submitted"}, {"submitted_at", at}}));
    db::Lease conn = db_.acquire();
    auto l = lookup(*conn, token);
    if (!l) throw not_found();
    return page(*conn, *l, token,
                texts::tr("Thank you! The brief is sent; your manager will be in touch.", req.lang),
                req.lang);
}

void BriefsModule::register_routes(http::Router& router) {
    using http::Policy;
    using namespace access;
    const std::vector<std::string> readers = {kOwner, kHead,          kManager,
                                              kSales, kLeadGenerator, kQuality};
    const std::vector<std::string> writers = {kOwner, kHead, kManager, kSales, kLeadGenerator};
    const std::vector<std::string> template_writers = {kOwner, kHead, kSales};
    const std::vector<std::string> admins = {kOwner, kHead};

    templates_.register_routes(router, "/api/v1/brief-templates",
                               {.list = Policy::roles_of(readers),
                                .read = Policy::roles_of(readers),
                                .create = Policy::roles_of(template_writers),
                                .update = Policy::roles_of(template_writers),
                                .remove = Policy::roles_of(admins)});
    briefs_.register_routes(router, "/api/v1/briefs",
                            {.list = Policy::roles_of(readers),
                             .read = Policy::roles_of(readers),
                             .create = Policy::roles_of(writers),
                             .update = Policy::roles_of(writers),
                             .remove = Policy::roles_of(writers)});

    router.add(
        "POST", "/api/v1/briefs/{id}/send", Policy::roles_of(writers), [this](http::Context& ctx) {
            std::optional<std::string> expires = documents::parse_expiry(ctx.request.body, now_());
            std::int64_t id = ctx.id_param();
            db_.transaction([&](db::Connection& conn) {
                auto before = briefs_.find_visible(conn, ctx.user(), id);
                if (!before) throw not_found();
                if (!before->at("archived_at").is_null()) throw conflict("the brief is archived");
                std::string at = now_().to_rfc3339();
                std::string token = auth::random_token(32);
                conn.query(
                    "UPDATE briefs SET status = CASE WHEN status = 'submitted' THEN 'submitted' "
                    "ELSE 'sent' END, public_url = $1, public_token_hash = $2, sent_at = $3, "
                    "expires_at = $4, revoked_at = NULL, version = version + 1, updated_at = $3 "
                    "WHERE id = $5",
                    {"/b/" + token, auth::digest(token), at, db::optional_value(expires), id});
                auto after = briefs_.find_visible(conn, ctx.user(), id);
                write_audit(conn,
                            {at, ctx.user().user_id, "briefs", id, "send", without_link(*before),
                             without_link(*after), ctx.request.request_id});
                return 0;
            });
            return http::json_response(200, json::serialize(briefs_.get(ctx.user(), id)));
        });
    router.add("POST", "/api/v1/briefs/{id}/revoke", Policy::roles_of(writers),
               [this](http::Context& ctx) {
                   std::int64_t id = ctx.id_param();
                   db_.transaction([&](db::Connection& conn) {
                       auto before = briefs_.find_visible(conn, ctx.user(), id);
                       if (!before) throw not_found();
                       std::string at = now_().to_rfc3339();
                       conn.query(
                           "UPDATE briefs SET revoked_at = $1, public_url = NULL, "
                           "public_token_hash = NULL, version = version + 1, updated_at = $1 "
                           "WHERE id = $2",
                           {at, id});
                       auto after = briefs_.find_visible(conn, ctx.user(), id);
                       write_audit(conn, {at, ctx.user().user_id, "briefs", id, "revoke",
                                          without_link(*before), without_link(*after),
                                          ctx.request.request_id});
                       return 0;
                   });
                   return http::json_response(200, json::serialize(briefs_.get(ctx.user(), id)));
               });

    // The client's side: the token in the path is the credential (docs/paperwork.md).
    router.add("GET", "/b/{token}", Policy::secret_link_page(), [this](http::Context& ctx) {
        db::Lease conn = db_.acquire();
        Live l = require_live(*conn, ctx.request, ctx.path_params["token"]);
        return page(*conn, l, ctx.path_params["token"], std::nullopt, ctx.request.lang);
    });
    router.add("GET", "/b/{token}/answers", Policy::secret_link_page(), [this](http::Context& ctx) {
        db::Lease conn = db_.acquire();
        Live l = require_live(*conn, ctx.request, ctx.path_params["token"]);
        auto r = http::json_response(200, json::serialize(l.brief));
        return r;
    });
    router.add("PUT", "/b/{token}/answers", Policy::secret_link_page(), [this](http::Context& ctx) {
        json::object answers = answers_body(ctx.request.body);
        std::string at = now_().to_rfc3339();
        FieldErrors errors;
        {
            db::Lease conn = db_.acquire();
            require_live(*conn, ctx.request, ctx.path_params["token"]);
        }
        db_.transaction([&](db::Connection& conn) {
            auto found = lookup(conn, ctx.path_params["token"]);
            if (!found) throw not_found();
            Live& l = *found;
            if (l.status == "submitted") throw conflict("the brief is already submitted");
            errors = save_draft(conn, l, answers, at);
            return 0;
        });
        // One answer the client has not finished must not keep the others from being saved:
        // the valid ones are, and the answer names the rest.
        json::object fields;
        for (const auto& [key, problem] : errors)
            fields[key] = texts::tr(problem, ctx.request.lang);
        return http::json_response(
            200, json::serialize(json::object{{"saved_at", at}, {"fields", std::move(fields)}}));
    });
    router.add("POST", "/b/{token}/submit", Policy::secret_link_page(),
               [this](http::Context& ctx) { return submit(ctx); });
    router.add("GET", "/p/brief.js", Policy::open(), [](http::Context&) {
        http::Response r;
        r.content_type = "text/javascript; charset=utf-8";
        r.body = brief_script();
        r.set_header("Cache-Control", "public, max-age=300");
        return r;
    });
}

}  // namespace retainer::briefs
