#include "modules/portal/portal.hpp"

#include <boost/json.hpp>
#include <set>

#include "core/error.hpp"
#include "modules/access/roles.hpp"
#include "modules/access/scopes.hpp"

namespace retainer::portal {
namespace json = boost::json;

namespace {

json::value text_or_null(const db::Result& r, std::size_t i, const char* k) {
    auto v = r.opt_text_at(i, k);
    return v ? json::value(json::string(*v)) : json::value(nullptr);
}

json::value int_or_null(const db::Result& r, std::size_t i, const char* k) {
    auto v = r.opt_int_at(i, k);
    return v ? json::value(*v) : json::value(nullptr);
}

// A client reads the service type in their language; a type without an English name keeps its
// Russian one rather than showing nothing.
std::string type_name(const db::Result& r, std::size_t i, i18n::Lang lang) {
    if (lang == i18n::Lang::kEn)
        if (auto en = r.opt_text_at(i, "type_name_en"); en && !en->empty()) return *en;
    return r.text_at(i, "type_name");
}

json::object overview(db::Connection& conn, std::int64_t client_id, i18n::Lang lang) {
    auto c = conn.query(
        "SELECT id, name, legal_name, account_manager_id FROM clients WHERE id = $1 AND "
        "archived_at IS NULL",
        {client_id});
    if (c.empty()) throw not_found();
    json::object out{{"client", json::object{{"id", c.int_at(0, "id")},
                                             {"name", c.text_at(0, "name")},
                                             {"legal_name", text_or_null(c, 0, "legal_name")}}}};
    std::set<std::int64_t> people;
    if (auto m = c.opt_int_at(0, "account_manager_id")) people.insert(*m);

    auto s = conn.query(
        "SELECT s.id, s.name, t.name AS type_name, t.name_en AS type_name_en, s.status, "
        "s.starts_on, s.ends_on, "
        "s.monthly_fee_kopecks, s.account_manager_id, s.specialist_id FROM services s JOIN "
        "service_types t ON t.id = s.service_type_id WHERE s.client_id = $1 AND s.archived_at IS "
        "NULL ORDER BY s.status, s.name",
        {client_id});
    json::array services;
    for (std::size_t i = 0; i < s.rows.size(); ++i) {
        for (const char* k : {"account_manager_id", "specialist_id"})
            if (auto id = s.opt_int_at(i, k)) people.insert(*id);
        services.push_back(
            json::object{{"id", s.int_at(i, "id")},
                         {"name", s.text_at(i, "name")},
                         {"service_type", type_name(s, i, lang)},
                         {"status", s.text_at(i, "status")},
                         {"starts_on", s.text_at(i, "starts_on")},
                         {"ends_on", text_or_null(s, i, "ends_on")},
                         {"monthly_fee_kopecks", s.int_at(i, "monthly_fee_kopecks")},
                         {"account_manager_id", int_or_null(s, i, "account_manager_id")},
                         {"specialist_id", int_or_null(s, i, "specialist_id")}});
    }
    out["services"] = std::move(services);

    // The people behind the services: names and how to reach them, nothing else about them.
    json::array managers;
    if (!people.empty()) {
        db::Params p;
        std::string in;
        for (std::int64_t id : people) in += (in.empty() ? "" : ", ") + p.bind(id);
        auto u = conn.query(
            "SELECT id, name, position, email, phone, photo_url FROM users WHERE id IN (" + in +
                ") AND archived_at IS NULL AND role <> 'client' ORDER BY id",
            p.values());
        for (std::size_t i = 0; i < u.rows.size(); ++i)
            managers.push_back(json::object{{"id", u.int_at(i, "id")},
                                            {"name", u.text_at(i, "name")},
                                            {"position", text_or_null(u, i, "position")},
                                            {"email", u.text_at(i, "email")},
                                            {"phone", text_or_null(u, i, "phone")},
                                            {"photo_url", text_or_null(u, i, "photo_url")}});
    }
    out["people"] = std::move(managers);
    out["account_manager_id"] = int_or_null(c, 0, "account_manager_id");

    // Recommendations once sent (a draft stays the specialist's), the newest first.
    auto r = conn.query(
        "SELECT id, service_id, title, body, url, status, sent_on, due_on, approved_on, "
        "rejected_on, implemented_on FROM recommendations WHERE client_id = $1 AND archived_at IS "
        "NULL AND status <> 'draft' ORDER BY sent_on DESC, id DESC LIMIT 200",
        {client_id});
    json::array recs;
    for (std::size_t i = 0; i < r.rows.size(); ++i) {
        json::object rec{{"id", r.int_at(i, "id")},
                         {"service_id", int_or_null(r, i, "service_id")},
                         {"title", r.text_at(i, "title")},
                         {"status", r.text_at(i, "status")}};
        for (const char* k :
             {"body", "url", "sent_on", "due_on", "approved_on", "rejected_on", "implemented_on"})
            rec[k] = text_or_null(r, i, k);
        recs.push_back(std::move(rec));
    }
    out["recommendations"] = std::move(recs);
    return out;
}

}  // namespace

void register_routes(http::Router& router, db::Database& db) {
    router.add("GET", "/api/v1/portal", http::Policy::roles_of({access::kClient}),
               [&db](http::Context& ctx) {
                   auto client = access::client_of(ctx.user());
                   if (!client) throw not_found();
                   db::Lease conn = db.acquire();
                   return http::json_response(
                       200, json::serialize(overview(*conn, *client, ctx.request.lang)));
               });
}

}  // namespace retainer::portal
