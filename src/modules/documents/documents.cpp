#include "modules/documents/documents.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>

#include "core/json_input.hpp"
#include "core/money.hpp"
#include "core/tax.hpp"
#include "core/text.hpp"
#include "modules/access/roles.hpp"
#include "modules/access/scopes.hpp"
#include "modules/agency/settings.hpp"
#include "modules/documents/links.hpp"
#include "modules/documents/rules.hpp"
#include "modules/estimates/estimates.hpp"
#include "modules/estimates/rules.hpp"
#include "modules/notify/notify.hpp"
#include "modules/texts/messages.hpp"
#include "platform/auth/password.hpp"
#include "platform/auth/throttle.hpp"
#include "platform/pdf/pdf.hpp"
#include "platform/records/audit.hpp"

namespace retainer::documents {
using namespace records;
namespace json = boost::json;

namespace {

bool client_visible(db::Connection& conn, const http::Caller& c, std::int64_t id) {
    db::Params p;
    std::string sql = "SELECT t.id FROM clients t WHERE t.id = " + p.bind(id);
    std::string scope = access::client_scope(p, c, "t");
    if (!scope.empty()) sql += " AND (" + scope + ")";
    return !conn.query(sql, p.values()).empty();
}

void require_visible(db::Connection& conn, const http::Caller& c, const char* table,
                     std::int64_t id, const char* field) {
    db::Params p;
    std::string sql = std::string("SELECT t.id FROM ") + table + " t WHERE t.id = " + p.bind(id);
    std::string scope = std::string(table) == "deals" ? access::deal_scope(p, c, "t")
                                                      : access::client_scope(p, c, "t");
    if (!scope.empty()) sql += " AND (" + scope + ")";
    if (conn.query(sql, p.values()).empty()) throw invalid(field, "no such record");
}

/// The lines behind {{estimate.*}}: the document's estimate, else the deal's latest proposed one,
/// else one line with the deal's title and amount.
void estimate_lines(db::Connection& conn, const Record& doc, std::int64_t deal,
                    std::optional<std::int64_t> deal_amount, DocumentInput& in) {
    db::Result e;
    if (auto id = opt_int(doc, "estimate_id"))
        e = conn.query(
            "SELECT lines, tax_mode, vat_rate_percent, minutes, net_kopecks, vat_kopecks, "
            "total_kopecks, revision FROM estimates WHERE id = $1",
            {*id});
    if (e.empty())
        e = conn.query(
            "SELECT lines, tax_mode, vat_rate_percent, minutes, net_kopecks, vat_kopecks, "
            "total_kopecks, revision FROM estimates WHERE deal_id = $1 AND status = 'proposed' "
            "AND archived_at IS NULL ORDER BY revision DESC LIMIT 1",
            {deal});
    if (e.empty()) {
        if (deal_amount) in.lines.push_back({in.deal["title"], *deal_amount, {}});
        return;
    }
    auto lines = json::parse(e.text_at(0, "lines"));
    for (const auto& lv : lines.as_array()) {
        const json::object& l = lv.as_object();
        auto get = [&](const char* k) {
            auto it = l.find(k);
            return it != l.end() && it->value().is_int64() ? it->value().as_int64() : 0;
        };
        std::int64_t milli = estimates::parse_quantity(l.at("quantity")).value_or(1000);
        std::int64_t amount = get("amount_kopecks");
        std::int64_t discount = get("discount_percent");
        Line line{std::string(l.at("name").as_string()), amount, {}};
        line.cells = {{"unit", std::string(l.at("unit").as_string())},
                      {"quantity", estimates::format_quantity(milli)},
                      {"price", money::format_rubles(get("unit_price_kopecks"))},
                      {"net_price",
                       money::format_rubles(money::mul_div_round(amount, 1000, milli).value_or(0))},
                      {"discount", discount ? std::to_string(discount) + " %" : std::string()},
                      {"vat", money::format_rubles(get("vat_kopecks"))},
                      {"total", money::format_rubles(get("total_kopecks"))}};
        in.lines.push_back(std::move(line));
    }
    std::int64_t minutes = e.int_at(0, "minutes");
    std::string hours = std::to_string(minutes / 60);
    if (minutes % 60) hours += "," + std::to_string((minutes % 60) * 10 / 60);
    in.total_kopecks = e.int_at(0, "total_kopecks");
    in.estimate = {{"net", money::format_rubles(e.int_at(0, "net_kopecks"))},
                   {"vat", money::format_rubles(e.int_at(0, "vat_kopecks"))},
                   {"total", money::format_rubles(e.int_at(0, "total_kopecks"))},
                   {"vat_label", tax::vat_label(e.text_at(0, "tax_mode"),
                                                static_cast<int>(e.int_at(0, "vat_rate_percent")))},
                   {"hours", hours},
                   {"revision", std::to_string(e.int_at(0, "revision"))}};
}

// A document holds outside text (templates, names typed into the site form): its page runs no
// script and loads nothing from elsewhere. The staff preview, served from the app's own origin,
// is also sandboxed into an origin of its own.
constexpr const char* kDocumentCsp =
    "default-src 'none'; style-src 'unsafe-inline'; img-src data:; form-action 'self'; "
    "base-uri 'none'; frame-ancestors 'none'";
constexpr const char* kPreviewCsp =
    "sandbox; default-src 'none'; style-src 'unsafe-inline'; img-src data:; form-action 'none'; "
    "base-uri 'none'; frame-ancestors 'none'";

http::Response html_page(std::string body, const char* csp) {
    http::Response r;
    r.content_type = "text/html; charset=utf-8";
    r.body = std::move(body);
    r.set_header("Content-Security-Policy", csp);
    return r;
}

}  // namespace

std::string document_scope(db::Params& p, const http::Caller& c, const std::string& a) {
    using namespace access;
    const std::string& r = c.role;
    if (r != kOwner && r != kHead && r != kSales && r != kAccountant && r != kManager)
        return "1 = 0";
    // A document prints its client's requisites: whatever else, its client is one the caller sees.
    std::string clients = client_scope(p, c, "vc");
    std::string client_visible =
        clients.empty() ? ""
                        : "(" + a + ".client_id IS NULL OR EXISTS (SELECT 1 FROM clients vc " +
                              "WHERE vc.id = " + a + ".client_id AND (" + clients + ")))";
    if (r != kManager) return client_visible;
    std::string deals = access::deal_scope(p, c, "vd");
    std::string mine =
        "(" + a + ".deal_id IS NOT NULL AND EXISTS (SELECT 1 FROM deals vd WHERE vd.id = " + a +
        ".deal_id AND (" + deals + "))) OR " + a + ".client_id IS NOT NULL";
    return "(" + mine + ") AND " + client_visible;
}

Schema template_schema() {
    Schema s;
    s.table = "document_templates";
    s.entity = "document_templates";
    s.default_sort = "id";
    s.fields = {
        choice("kind", kinds()).req().filter(),
        records::text("name").req().len(200).search().sort(),
        long_text("body_html").req().len(200000).validate(template_problem),
    };
    return s;
}

Schema document_schema() {
    Schema s;
    s.table = "documents";
    s.entity = "documents";
    s.default_sort = "id";
    s.fields = {
        choice("kind", kinds()).req().filter(),
        records::text("number").read_only().search().sort(),
        integer("year").read_only().filter(),
        integer("sequence").read_only(),
        ref("template_id", "document_templates").filter(),
        ref("deal_id", "deals").filter(),
        ref("client_id", "clients").filter(),
        records::text("title").len(300).search().sort(),
        long_text("body_html").len(200000).validate(template_problem),
        choice("status", {"draft", "shared", "accepted", "revoked"})
            .read_only()
            .filter()
            .fallback("draft"),
        records::text("public_url").read_only().unaudited(),
        records::text("shared_at").read_only(),
        records::text("expires_at").read_only(),
        records::text("revoked_at").read_only(),
        records::text("accepted_at").read_only(),
        records::text("accepted_by_name").read_only(),
        ref("estimate_id", "estimates").filter(),
        integer("views").read_only().sort(),
        records::text("last_viewed_at").read_only().sort(),
    };
    return s;
}

std::int64_t next_sequence(db::Connection& conn, const std::string& kind, std::int64_t year) {
    conn.query(
        "INSERT INTO document_counters (kind, year, last_number) VALUES ($1, $2, 0) ON CONFLICT "
        "(kind, year) DO NOTHING",
        {kind, year});
    auto r = conn.query(
        "UPDATE document_counters SET last_number = last_number + 1 WHERE kind = $1 AND year = $2 "
        "RETURNING last_number",
        {kind, year});
    return r.int_at(0, "last_number");
}

std::string share(db::Connection& conn, std::int64_t id, const std::string& now,
                  const std::optional<std::string>& expires_at) {
    std::string token = auth::random_token(32);
    conn.query(
        "UPDATE documents SET status = CASE WHEN status = 'accepted' THEN 'accepted' ELSE "
        "'shared' END, public_url = $1, public_token_hash = $2, shared_at = $3, expires_at = $4, "
        "revoked_at = NULL, version = version + 1, updated_at = $3 WHERE id = $5",
        {"/d/" + token, auth::digest(token), now, db::optional_value(expires_at), id});
    return token;
}

namespace {

/// The deal and client a document is for: ones the caller may see, whichever path set them; a
/// document of a deal takes the deal's client when none is given (a head sees every deal but only
/// the clients of the group, so that client is checked too).
void check_parties(db::Connection& conn, const http::Caller& c, const Record* before,
                   Record& after) {
    auto deal = opt_int(after, "deal_id");
    bool client_from_deal = false;
    if (deal && (!before || opt_int(*before, "deal_id") != deal)) {
        require_visible(conn, c, "deals", *deal, "deal_id");
        if (!opt_int(after, "client_id")) {
            auto r = conn.query("SELECT client_id FROM deals WHERE id = $1", {*deal});
            if (!r.empty())
                if (auto deal_client = r.opt_int_at(0, "client_id")) {
                    after["client_id"] = *deal_client;
                    client_from_deal = true;
                }
        }
    }
    // A document prints its client's requisites, so the client must be one the
    // caller may see, whichever path set it (a head sees every deal but only
    // the clients of the group).
    auto client = opt_int(after, "client_id");
    if (client && (!before || opt_int(*before, "client_id") != client)) {
        if (client_from_deal && !client_visible(conn, c, *client))
            throw invalid("deal_id", "the deal's client is not among the clients you see");
        require_visible(conn, c, "clients", *client, "client_id");
    }
}

/// The template given must be of the document's kind; a new document without one takes the
/// first template of its kind, or must bring its own body.
void choose_template(db::Connection& conn, const Record* before, Record& after) {
    std::string kind(after.at("kind").as_string());
    auto tmpl = opt_int(after, "template_id");
    if (tmpl) {
        auto r = conn.query("SELECT kind FROM document_templates WHERE id = $1", {*tmpl});
        if (r.empty()) throw invalid("template_id", "no such template");
        if (r.text_at(0, "kind") != kind)
            throw invalid("template_id", "is a template of another kind");
    } else if (!before) {
        auto r = conn.query(
            "SELECT id FROM document_templates WHERE kind = $1 AND "
            "archived_at IS NULL ORDER BY id LIMIT 1",
            {kind});
        if (!r.empty())
            after["template_id"] = r.int_at(0, "id");
        else if (!opt_text(after, "body_html"))
            throw invalid("template_id", "no template of this kind: give one or body_html");
    }
}

/// «Счёт на оплату — ООО «Ромашка»»: the buyer, not the deal's working title («КП: Заявка: ООО …»
/// read badly to the customer).
std::string buyer_title(db::Connection& conn, const Record& after) {
    std::string buyer;
    auto deal = opt_int(after, "deal_id");
    if (auto client = opt_int(after, "client_id")) {
        auto r = conn.query(
            "SELECT COALESCE(NULLIF(legal_name, ''), name) AS n FROM "
            "clients WHERE id = $1",
            {*client});
        if (!r.empty()) buyer = r.text_at(0, "n");
    }
    if (buyer.empty() && deal) {
        auto r = conn.query(
            "SELECT COALESCE(NULLIF(company, ''), NULLIF(contact_name, ''), "
            "title) AS n FROM deals WHERE id = $1",
            {*deal});
        if (!r.empty()) buyer = r.text_at(0, "n");
    }
    if (buyer.empty()) throw invalid("title", "is required (or a deal_id)");
    return default_title(std::string(after.at("kind").as_string()), buyer);
}

/// A new document's gapless number of its kind and year (Д-2026-0038).
void number(db::Connection& conn, Record& after, std::int64_t year) {
    std::string kind(after.at("kind").as_string());
    std::int64_t seq = next_sequence(conn, kind, year);
    after["year"] = year;
    after["sequence"] = seq;
    after["number"] = format_number(kind, year, seq);
}

}  // namespace

DocumentsModule::DocumentsModule(db::Database& db, Resource::Now now, sales::Deals& deals)
    : db_(db),
      deals_(deals),
      now_(now),
      templates_(db, template_schema(), Hooks{}, now),
      documents_(
          db, document_schema(),
          Hooks{
              .scope = [](db::Params& p,
                          const http::Caller& c) { return document_scope(p, c, "t"); },
              .on_write =
                  [now](db::Connection& conn, const http::Caller& c, const Record* before,
                        Record& after, Extras&) {
                      std::string kind(after.at("kind").as_string());
                      if (before && std::string(before->at("kind").as_string()) != kind)
                          throw invalid("kind", "a document keeps its kind");
                      check_parties(conn, c, before, after);
                      choose_template(conn, before, after);
                      if (auto est = opt_int(after, "estimate_id");
                          est && (!before || opt_int(*before, "estimate_id") != est)) {
                          auto r =
                              conn.query("SELECT deal_id FROM estimates WHERE id = $1", {*est});
                          if (r.empty() || r.int_at(0, "deal_id") != opt_int(after, "deal_id"))
                              throw invalid("estimate_id", "must be an estimate of the same deal");
                      }
                      if (!opt_text(after, "title")) after["title"] = buyer_title(conn, after);
                      if (!before) number(conn, after, agency::read(conn).today(now()).year);
                  },
              .on_remove = {},
              .filters = {},
              .present =
                  [now](const http::Caller&, Record& r) {
                      auto status = opt_text(r, "status").value_or("");
                      if (!link_live(status, opt_text(r, "revoked_at"), opt_text(r, "expires_at"),
                                     now()))
                          r["public_url"] = nullptr;
                  },
              .after_write = {},
          },
          now) {}

std::string DocumentsModule::ip_hash(db::Connection& conn, const std::string& ip) {
    return auth::digest("document-view:" + agency::secret(conn, "document_view_salt") + ":" + ip);
}

void DocumentsModule::record_view(db::Connection& conn, std::int64_t document_id,
                                  const std::string& ip) {
    std::string hash = ip_hash(conn, ip);
    std::string at = now_().to_rfc3339();
    // On the request's own connection (a second one from the pool could wait on a full pool).
    conn.begin();
    try {
        conn.query("INSERT INTO document_views (document_id, at, ip_hash) VALUES ($1, $2, $3)",
                   {document_id, at, hash});
        conn.query("UPDATE documents SET views = views + 1, last_viewed_at = $1 WHERE id = $2",
                   {at, document_id});
        conn.commit();
    } catch (...) {
        conn.rollback();
        throw;
    }
}

Record DocumentsModule::live_link(db::Connection& conn, const http::Request& req,
                                  const std::string& token) {
    require_link_lookup_allowed(conn, req.remote_ip, now_());
    auto doc = lookup(conn, token);
    if (!doc) {
        count_link_miss(conn, req.remote_ip, now_());
        throw not_found();
    }
    return *doc;
}

std::optional<Record> DocumentsModule::lookup(db::Connection& conn, const std::string& token) {
    if (token.size() != 43) return std::nullopt;
    std::string want = auth::digest(token);
    auto r = conn.query(
        "SELECT id, kind, number, title, status, template_id, deal_id, client_id, body_html, "
        "estimate_id, public_token_hash, expires_at, revoked_at, accepted_at, accepted_by_name, "
        "created_at "
        "FROM documents WHERE public_token_hash = $1 AND archived_at IS NULL",
        {want});
    if (r.empty() || !digests_equal(r.text_at(0, "public_token_hash"), want)) return std::nullopt;
    if (!link_live(r.text_at(0, "status"), r.opt_text_at(0, "revoked_at"),
                   r.opt_text_at(0, "expires_at"), now_()))
        return std::nullopt;
    auto text_or_null = [&](const char* k) {
        auto v = r.opt_text_at(0, k);
        return v ? json::value(json::string(*v)) : json::value(nullptr);
    };
    auto int_or_null = [&](const char* k) {
        auto v = r.opt_int_at(0, k);
        return v ? json::value(*v) : json::value(nullptr);
    };
    return Record{{"id", r.int_at(0, "id")},
                  {"kind", r.text_at(0, "kind")},
                  {"number", r.text_at(0, "number")},
                  {"title", r.text_at(0, "title")},
                  {"status", r.text_at(0, "status")},
                  {"template_id", int_or_null("template_id")},
                  {"deal_id", int_or_null("deal_id")},
                  {"client_id", int_or_null("client_id")},
                  {"body_html", text_or_null("body_html")},
                  {"estimate_id", int_or_null("estimate_id")},
                  {"accepted_at", text_or_null("accepted_at")},
                  {"accepted_by_name", text_or_null("accepted_by_name")},
                  {"created_at", r.text_at(0, "created_at")}};
}

// The buyer is the document's client, or, for a document drafted while its deal was a prospect,
// the client the deal has since got: the deal card's readiness, the page and the share all read
// the same party.
std::optional<std::int64_t> DocumentsModule::buyer_of(db::Connection& conn, const Record& doc,
                                                      const http::Caller* viewer) {
    if (auto client = opt_int(doc, "client_id")) return client;
    auto deal = opt_int(doc, "deal_id");
    if (!deal) return std::nullopt;
    auto r = conn.query("SELECT client_id FROM deals WHERE id = $1", {*deal});
    if (r.empty()) return std::nullopt;
    auto client = r.opt_int_at(0, "client_id");
    // A head sees every deal but only the group's clients: another group's requisites stay out.
    if (client && viewer && !client_visible(conn, *viewer, *client)) return std::nullopt;
    return client;
}

DocumentInput DocumentsModule::gather(db::Connection& conn, const Record& doc,
                                      const http::Caller* viewer) {
    DocumentInput in;
    agency::Settings settings = agency::read(conn);
    in.lang = settings.language;
    if (auto client = buyer_of(conn, doc, viewer)) {
        auto r = conn.query(
            "SELECT name, legal_name, inn, kpp, ogrn, legal_address, bank_name, bik, "
            "bank_account, correspondent_account, email, phone FROM clients WHERE id = $1",
            {*client});
        if (!r.empty())
            for (const char* k :
                 {"name", "legal_name", "inn", "kpp", "ogrn", "legal_address", "bank_name", "bik",
                  "bank_account", "correspondent_account", "email", "phone"})
                in.client[k] = r.opt_text_at(0, k).value_or("");
    }
    if (auto deal = opt_int(doc, "deal_id")) {
        auto r = conn.query(
            "SELECT title, company, contact_name, amount_kopecks FROM deals WHERE id = $1",
            {*deal});
        if (!r.empty()) {
            for (const char* k : {"title", "company", "contact_name"})
                in.deal[k] = r.opt_text_at(0, k).value_or("");
            if (auto amount = r.opt_int_at(0, "amount_kopecks"))
                in.deal["amount"] = money::format_rubles(*amount);
            estimate_lines(conn, doc, *deal, r.opt_int_at(0, "amount_kopecks"), in);
            // A prospect deal has no client yet: its company is the buyer's name, nothing more.
            if (in.client.empty()) in.client["name"] = in.deal["company"];
        }
    }
    for (const auto& [key, value] : settings.party) in.agency[key] = value;
    std::string created(doc.at("created_at").as_string());
    auto date = Date::parse(created.substr(0, 10));
    in.document = {{"number", std::string(doc.at("number").as_string())},
                   {"title", std::string(doc.at("title").as_string())},
                   {"date", date ? texts::human_date(*date, in.lang) : created.substr(0, 10)},
                   {"date_iso", created.substr(0, 10)},
                   {"kind", std::string(doc.at("kind").as_string())}};
    return in;
}

std::string DocumentsModule::render_document(db::Connection& conn, const Record& doc,
                                             const http::Caller* viewer) {
    std::string body;
    if (auto own = opt_text(doc, "body_html")) {
        body = *own;
    } else if (auto tmpl = opt_int(doc, "template_id")) {
        auto r = conn.query("SELECT body_html FROM document_templates WHERE id = $1", {*tmpl});
        if (!r.empty()) body = r.text_at(0, "body_html");
    }
    DocumentInput in = gather(conn, doc, viewer);
    // Templates are checked when saved; one stored before the checks existed is refused here.
    auto parsed = parsed_templates_.get(body);
    if (auto* problem = std::get_if<mustache::Problem>(parsed.get()))
        throw conflict("the document's template cannot be used (" + problem->message +
                       "); correct it in the template editor");
    try {
        return render(std::get<mustache::Template>(*parsed), in);
    } catch (const mustache::RenderLimitExceeded& e) {
        throw conflict(std::string(e.what()) + "; shorten the template or the estimate");
    }
}

http::Response DocumentsModule::public_page(http::Context& ctx) {
    const http::Request& req = ctx.request;
    const std::string token = ctx.path_params["token"];
    db::Lease conn = db_.acquire();
    auto doc = live_link(*conn, req, token);
    // HEAD (link checkers, previews in messengers) is not a view.
    if (req.method == "GET") record_view(*conn, doc.at("id").as_int64(), req.remote_ip);
    std::string html = render_document(*conn, doc);
    std::optional<std::string> action, note;
    std::string status(doc.at("status").as_string());
    if (status == "accepted")
        note = texts::tr(
            "Proposal accepted: " + opt_text(doc, "accepted_by_name").value_or("") + ", " +
                agency::read(*conn).local_time(opt_text(doc, "accepted_at").value_or("")),
            req.lang);
    else if (std::string(doc.at("kind").as_string()) == "proposal")
        action = "/d/" + token + "/accept";
    return html_page(page(std::string(doc.at("number").as_string()) + " — " +
                              std::string(doc.at("title").as_string()),
                          html, action, note, req.lang),
                     kDocumentCsp);
}

http::Response DocumentsModule::public_accept(http::Context& ctx) {
    const http::Request& req = ctx.request;
    const std::string token = ctx.path_params["token"];
    {
        // The miss is counted outside the write, which a 404 rolls back.
        db::Lease conn = db_.acquire();
        live_link(*conn, req, token);
    }
    // The body: an HTML form (name, agree) or JSON {"name","agree"}.
    std::string name;
    bool agree = false;
    bool as_json = req.header("content-type").value_or("").rfind("application/json", 0) == 0;
    if (as_json) {
        json::object body = json_input::parse_object(req.body);
        if (auto it = body.find("name"); it != body.end() && it->value().is_string())
            name = std::string(it->value().as_string());
        if (auto it = body.find("agree"); it != body.end())
            agree = it->value().is_bool() && it->value().as_bool();
    } else {
        auto form = http::parse_query(req.body);
        name = form["name"];
        agree = form.count("agree") && !form["agree"].empty() && form["agree"] != "0" &&
                form["agree"] != "false";
    }
    name = std::string(text::trim(name));

    const std::string at = now_().to_rfc3339();
    bool moved = false;
    Record doc = db_.transaction([&](db::Connection& conn) {
        auto found = lookup(conn, token);
        if (!found) throw not_found();
        AcceptanceVerdict verdict =
            judge_acceptance(std::string(found->at("kind").as_string()),
                             std::string(found->at("status").as_string()), name, agree);
        if (verdict.conflict) throw conflict(*verdict.conflict);
        if (!verdict.fields.empty()) throw invalid(verdict.fields);
        std::int64_t id = found->at("id").as_int64();
        auto u = conn.query(
            "UPDATE documents SET status = 'accepted', accepted_at = $1, accepted_by_name = $2, "
            "version = version + 1, updated_at = $1 WHERE id = $3 AND status = 'shared' "
            "RETURNING id",
            {at, name, id});
        if (u.empty()) throw conflict("the proposal is already accepted");
        write_audit(conn,
                    {at, std::nullopt, "documents", id, "accept", std::nullopt,
                     Record{{"status", "accepted"}, {"accepted_by_name", name}}, req.request_id});
        if (auto deal = opt_int(*found, "deal_id"))
            moved = deals_.advance_past_role(conn, *deal, "proposal_sent", req.request_id);
        if (auto deal = opt_int(*found, "deal_id"))
            notify::notify_deal_people(
                conn, *deal,
                {0, "proposal_accepted",
                 "The client accepted proposal " + std::string(found->at("number").as_string()) +
                     ": " + name,
                 std::nullopt, "documents", id},
                at);
        Record out = *found;
        out["status"] = "accepted";
        out["accepted_at"] = at;
        out["accepted_by_name"] = name;
        return out;
    });
    if (as_json)
        return http::json_response(
            200, json::serialize(json::object{{"status", "accepted"}, {"deal_moved", moved}}));
    db::Lease conn = db_.acquire();
    return html_page(
        page(std::string(doc.at("number").as_string()), render_document(*conn, doc), std::nullopt,
             texts::tr("Proposal accepted: " + name + ", " + agency::read(*conn).local_time(at),
                       req.lang),
             req.lang),
        kDocumentCsp);
}

http::Response DocumentsModule::pdf_response(db::Connection& conn, const Record& doc,
                                             i18n::Lang lang, const http::Caller* viewer) {
    std::string number(doc.at("number").as_string());
    std::string html = page(number + " — " + std::string(doc.at("title").as_string()),
                            render_document(conn, doc, viewer), std::nullopt, std::nullopt, lang);
    std::int64_t id = doc.at("id").as_int64();
    std::string digest = auth::digest(html);
    std::optional<std::string> pdf = pdfs_.cached(id, digest);
    if (!pdf) {
        // Renders of one document, whoever asks (the link is public): 20 in 10 minutes.
        static const auth::Limit kRenders{"pdf-render", 20, std::chrono::minutes(10)};
        Instant now = now_();
        if (auto wait = auth::Throttle::wait(conn, kRenders, std::to_string(id), now))
            throw rate_limited("this document's PDF was made too often; try again later",
                               static_cast<int>(wait));
        auth::Throttle::hit(conn, kRenders, std::to_string(id), now);
        PdfCache::Outcome out = pdfs_.render(id, digest, html);
        using Kind = PdfCache::Outcome::Kind;
        if (out.kind == Kind::kTooLarge) throw Error(ErrorKind::kPayloadTooLarge, out.error);
        if (out.kind != Kind::kPdf) {
            if (out.kind == Kind::kFailed)
                spdlog::warn(R"({{"event":"pdf_failed","document_id":{},"reason":{}}})", id,
                             boost::json::serialize(boost::json::string(out.error.substr(0, 200))));
            http::Response busy = http::error_response(503, "pdf_unavailable",
                                                       "the PDF could not be made now; try again");
            busy.set_header("Retry-After", std::to_string(out.retry_after));
            return busy;
        }
        pdf = std::move(out.pdf);
    }
    http::Response r;
    r.content_type = "application/pdf";
    r.body = std::move(*pdf);
    // The number has Cyrillic: an ASCII fallback name plus the RFC 5987 UTF-8 one.
    std::string encoded;
    for (unsigned char c : number) {
        static const char* hex = "0123456789ABCDEF";
        if (std::isalnum(c) || c == '-') {
            encoded += static_cast<char>(c);
        } else {
            encoded += '%';
            encoded += hex[c >> 4];
            encoded += hex[c & 15];
        }
    }
    r.set_header("Content-Disposition", "attachment; filename=\"document-" + std::to_string(id) +
                                            ".pdf\"; filename*=UTF-8''" + encoded + ".pdf");
    r.set_header("Cache-Control", "no-store");
    return r;
}

void DocumentsModule::register_routes(http::Router& router) {
    using http::Policy;
    using namespace access;
    const std::vector<std::string> readers = {kOwner, kHead, kManager, kSales, kAccountant};
    const std::vector<std::string> template_writers = {kOwner, kHead, kSales};
    const std::vector<std::string> admins = {kOwner, kHead};

    templates_.register_routes(router, "/api/v1/document-templates",
                               {.list = Policy::roles_of(readers),
                                .read = Policy::roles_of(readers),
                                .create = Policy::roles_of(template_writers),
                                .update = Policy::roles_of(template_writers),
                                .remove = Policy::roles_of(admins)});
    documents_.register_routes(router, "/api/v1/documents",
                               {.list = Policy::roles_of(readers),
                                .read = Policy::roles_of(readers),
                                .create = Policy::roles_of(readers),
                                .update = Policy::roles_of(readers),
                                .remove = Policy::roles_of(admins)});

    // Which requisites a contract, an invoice or an act of this deal still lacks (the deal card
    // says so before anyone tries to share one).
    router.add(
        "GET", "/api/v1/deals/{id}/document-readiness", Policy::roles_of(readers),
        [this](http::Context& ctx) {
            std::int64_t deal_id = ctx.id_param();
            db::Lease conn = db_.acquire();
            db::Params p;
            std::string sql =
                "SELECT t.id, t.client_id FROM deals t WHERE t.id = " + p.bind(deal_id);
            std::string scope = access::deal_scope(p, ctx.user(), "t");
            if (!scope.empty()) sql += " AND (" + scope + ")";
            auto d = conn->query(sql, p.values());
            if (d.empty()) throw not_found();
            auto client = d.opt_int_at(0, "client_id");
            if (client && !client_visible(*conn, ctx.user(), *client)) throw not_found();
            Record probe{{"deal_id", deal_id},
                         {"client_id", client ? json::value(*client) : json::value(nullptr)},
                         {"estimate_id", nullptr},
                         {"number", ""},
                         {"title", ""},
                         {"kind", "contract"},
                         {"created_at", now_().to_rfc3339()}};
            DocumentInput in = gather(*conn, probe);
            json::object missing;
            for (const char* kind : {"contract", "invoice", "act"}) {
                auto m = missing_requisites(kind, in.client, in.agency);
                json::array c, a;
                for (const auto& f : m.client) c.push_back(json::string(f));
                for (const auto& f : m.agency) a.push_back(json::string(f));
                missing[kind] = json::object{{"client", std::move(c)}, {"agency", std::move(a)}};
            }
            json::object out{{"deal_id", deal_id},
                             {"client_id", client ? json::value(*client) : json::value(nullptr)},
                             {"missing", std::move(missing)}};
            return http::json_response(200, json::serialize(out));
        });
    router.add(
        "POST", "/api/v1/documents/{id}/share", Policy::roles_of(readers),
        [this](http::Context& ctx) {
            std::optional<std::string> expires = parse_expiry(ctx.request.body, now_());
            std::int64_t id = ctx.id_param();
            db_.transaction([&](db::Connection& conn) {
                auto before = documents_.find_visible(conn, ctx.user(), id);
                if (!before) throw not_found();
                if (!before->at("archived_at").is_null())
                    throw conflict("the document is archived");
                // Shared, the document becomes the client's own (their portal and
                // scope see it), so the deal's later client is written onto it, under
                // the same visibility rule as at create.
                if (!opt_int(*before, "client_id"))
                    if (auto buyer = buyer_of(conn, *before, nullptr)) {
                        if (!client_visible(conn, ctx.user(), *buyer))
                            throw invalid("deal_id",
                                          "the deal's client is not among the clients you see");
                        conn.query("UPDATE documents SET client_id = $1 WHERE id = $2",
                                   {*buyer, id});
                    }
                // An invoice, act or contract goes out only with both parties'
                // requisites: an empty «ИНН , КПП» is not a document (issue 9).
                DocumentInput in = gather(conn, *before);
                auto missing = missing_requisites(std::string(before->at("kind").as_string()),
                                                  in.client, in.agency);
                if (!missing.empty()) {
                    FieldErrors fields;
                    for (const auto& f : missing.client)
                        fields["client." + f] = "is required before the document is shared";
                    for (const auto& f : missing.agency)
                        fields["agency." + f] = "is required before the document is shared";
                    throw Error(ErrorKind::kInvalid,
                                "fill in the requisites before sharing the document",
                                std::move(fields));
                }
                std::string at = now_().to_rfc3339();
                share(conn, id, at, expires);
                auto after = documents_.find_visible(conn, ctx.user(), id);
                write_audit(
                    conn, {at, ctx.user().user_id, "documents", id, "share", without_link(*before),
                           without_link(*after), ctx.request.request_id});
                return 0;
            });
            return http::json_response(200, json::serialize(documents_.get(ctx.user(), id)));
        });
    router.add("POST", "/api/v1/documents/{id}/revoke", Policy::roles_of(readers),
               [this](http::Context& ctx) {
                   std::int64_t id = ctx.id_param();
                   db_.transaction([&](db::Connection& conn) {
                       auto before = documents_.find_visible(conn, ctx.user(), id);
                       if (!before) throw not_found();
                       std::string at = now_().to_rfc3339();
                       conn.query(
                           "UPDATE documents SET status = 'revoked', revoked_at = $1, public_url "
                           "= NULL, public_token_hash = NULL, version = version + 1, updated_at "
                           "= $1 WHERE id = $2",
                           {at, id});
                       auto after = documents_.find_visible(conn, ctx.user(), id);
                       write_audit(conn, {at, ctx.user().user_id, "documents", id, "revoke",
                                          without_link(*before), without_link(*after),
                                          ctx.request.request_id});
                       return 0;
                   });
                   return http::json_response(200, json::serialize(documents_.get(ctx.user(), id)));
               });
    router.add(
        "GET", "/api/v1/documents/{id}/views", Policy::roles_of(readers),
        [this](http::Context& ctx) {
            std::int64_t id = ctx.id_param();
            db::Lease conn = db_.acquire();
            if (!documents_.find_visible(*conn, ctx.user(), id)) throw not_found();
            auto r = conn->query(
                "SELECT at, ip_hash FROM document_views WHERE document_id = $1 ORDER BY "
                "at DESC, id DESC LIMIT 1000",
                {id});
            json::array items;
            for (std::size_t i = 0; i < r.rows.size(); ++i)
                items.push_back(
                    json::object{{"at", r.text_at(i, "at")}, {"ip_hash", r.text_at(i, "ip_hash")}});
            json::object out{{"items", items}, {"total", static_cast<std::int64_t>(r.rows.size())}};
            return http::json_response(200, json::serialize(out));
        });

    router.add("GET", "/api/v1/documents/{id}/preview", Policy::roles_of(readers),
               [this](http::Context& ctx) {
                   db::Lease conn = db_.acquire();
                   auto doc = documents_.find_visible(*conn, ctx.user(), ctx.id_param());
                   if (!doc) throw not_found();
                   return html_page(page(std::string(doc->at("number").as_string()) + " — " +
                                             std::string(doc->at("title").as_string()),
                                         render_document(*conn, *doc, &ctx.user()), std::nullopt,
                                         std::nullopt, ctx.request.lang),
                                    kPreviewCsp);
               });
    router.add("GET", "/api/v1/documents/{id}/pdf", Policy::roles_of(readers),
               [this](http::Context& ctx) {
                   db::Lease conn = db_.acquire();
                   auto doc = documents_.find_visible(*conn, ctx.user(), ctx.id_param());
                   if (!doc) throw not_found();
                   return pdf_response(*conn, *doc, ctx.request.lang, &ctx.user());
               });
    router.add("GET", "/d/{token}/pdf", Policy::secret_link_page(), [this](http::Context& ctx) {
        const http::Request& req = ctx.request;
        db::Lease conn = db_.acquire();
        auto doc = live_link(*conn, req, ctx.path_params["token"]);
        if (req.method == "GET") record_view(*conn, doc.at("id").as_int64(), req.remote_ip);
        auto r = pdf_response(*conn, doc, req.lang);
        return r;
    });

    // Public: the client opens the secret link; the route pattern (never the path) is logged.
    router.add("GET", "/d/{token}", Policy::secret_link_page(),
               [this](http::Context& ctx) { return public_page(ctx); });
    router.add("POST", "/d/{token}/accept", Policy::secret_link_page(),
               [this](http::Context& ctx) { return public_accept(ctx); });
}

}  // namespace retainer::documents
