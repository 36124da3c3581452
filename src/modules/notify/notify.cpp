#include "modules/notify/notify.hpp"

#include <boost/json.hpp>

#include "core/error.hpp"
#include "modules/access/roles.hpp"
#include "modules/agency/settings.hpp"
#include "modules/texts/messages.hpp"
#include "platform/mail/outbox.hpp"
#include "platform/records/record_store.hpp"

namespace retainer::notify {
namespace json = boost::json;

void notify(db::Connection& conn, const Event& e, const std::string& now) {
    conn.query(
        "INSERT INTO notifications (user_id, kind, title, deal_id, entity, entity_id, created_at) "
        "VALUES ($1, $2, $3, $4, $5, $6, $7)",
        {e.user_id, e.kind, e.title, db::optional_value(e.deal_id), e.entity,
         db::optional_value(e.entity_id), now});
    auto u = conn.query(
        "SELECT email, name, locale FROM users WHERE id = $1 AND archived_at IS NULL AND email <> "
        "''",
        {e.user_id});
    if (u.empty()) return;
    // The e-mail is written in its reader's language; the row keeps the English, translated
    // whenever the list is read.
    auto lang = i18n::lang_of(u.text_at(0, "locale")).value_or(i18n::Lang::kRu);
    std::string title = texts::tr(e.title, lang);
    std::string body = u.text_at(0, "name") + ",\r\n\r\n" + title + "\r\n";
    if (e.deal_id) {
        // Without the address people open Retainer at, the e-mail names the deal instead.
        std::string base = agency::read(conn).public_base_url;
        body += "\r\n" +
                (base.empty()
                     ? texts::tr("Deal No. " + std::to_string(*e.deal_id) + " in Retainer.", lang)
                     : texts::tr("Open the deal: " + base +
                                     "/sales?panel=deal:" + std::to_string(*e.deal_id),
                                 lang)) +
                "\r\n";
    }
    mail::enqueue(conn, {u.text_at(0, "email"), title, body}, now);
}

void notify_deal_people(db::Connection& conn, std::int64_t deal_id, Event event,
                        const std::string& now) {
    event.deal_id = deal_id;
    auto d = conn.query("SELECT owner_id FROM deals WHERE id = $1", {deal_id});
    if (!d.empty()) {
        if (auto owner = d.opt_int_at(0, "owner_id")) {
            event.user_id = *owner;
            notify(conn, event, now);
            return;
        }
    }
    auto people = conn.query(
        "SELECT id FROM users WHERE archived_at IS NULL AND role IN ($1, $2, $3) ORDER BY id",
        {access::kOwner, access::kHead, access::kSales});
    for (std::size_t i = 0; i < people.rows.size(); ++i) {
        event.user_id = people.int_at(i, "id");
        notify(conn, event, now);
    }
}

void register_routes(http::Router& router, db::Database& db, std::function<std::string()> now) {
    router
        .add(
            "GET", "/api/v1/notifications", http::Policy::signed_in(),
            [&db](http::Context& ctx) {
                const auto& q = ctx.request.query;
                bool unread = false;
                if (auto it = q.find("unread"); it != q.end()) {
                    if (it->second != "true" && it->second != "false")
                        throw invalid("unread", "must be true or false");
                    unread = it->second == "true";
                }
                auto [limit, offset] = records::parse_paging(q);
                db::Lease conn = db.acquire();
                std::string where =
                    "user_id = $1" + std::string(unread ? " AND read_at IS NULL" : "");
                auto r = conn->query(
                    "SELECT id, kind, title, deal_id, entity, entity_id, created_at, read_at "
                    "FROM notifications WHERE " +
                        where + " ORDER BY created_at DESC, id DESC LIMIT $2 OFFSET $3",
                    {ctx.user().user_id, limit, offset});
                auto n = conn->query(
                    "SELECT COUNT(*) AS total, SUM(CASE WHEN read_at IS NULL THEN 1 ELSE 0 END) AS "
                    "unread FROM notifications WHERE user_id = $1",
                    {ctx.user().user_id});
                std::int64_t unread_count = n.opt_int_at(0, "unread").value_or(0);
                std::int64_t total = unread ? unread_count : n.int_at(0, "total");
                json::array items;
                for (std::size_t i = 0; i < r.rows.size(); ++i) {
                    auto opt_int = [&](const char* k) {
                        auto v = r.opt_int_at(i, k);
                        return v ? json::value(*v) : json::value(nullptr);
                    };
                    auto read = r.opt_text_at(i, "read_at");
                    items.push_back(
                        json::object{{"id", r.int_at(i, "id")},
                                     {"kind", r.text_at(i, "kind")},
                                     {"title", texts::tr(r.text_at(i, "title"), ctx.request.lang)},
                                     {"deal_id", opt_int("deal_id")},
                                     {"entity", r.opt_text_at(i, "entity").value_or("")},
                                     {"entity_id", opt_int("entity_id")},
                                     {"created_at", r.text_at(i, "created_at")},
                                     {"read_at", read ? json::value(json::string(*read))
                                                      : json::value(nullptr)}});
                }
                return http::json_response(200,
                                           json::serialize(json::object{{"items", items},
                                                                        {"total", total},
                                                                        {"limit", limit},
                                                                        {"offset", offset},
                                                                        {"unread", unread_count}}));
            })
        .accepts({"unread", "limit", "offset"});
    router.add("POST", "/api/v1/notifications/{id}/read", http::Policy::signed_in(),
               [&db, now](http::Context& ctx) {
                   db::Lease conn = db.acquire();
                   auto r = conn->query(
                       "UPDATE notifications SET read_at = COALESCE(read_at, $1) WHERE id = $2 AND "
                       "user_id = $3 RETURNING id",
                       {now(), ctx.id_param(), ctx.user().user_id});
                   if (r.empty()) throw not_found();
                   return http::json_response(200, R"({"status":"read"})");
               });
    router.add("POST", "/api/v1/notifications/read-all", http::Policy::signed_in(),
               [&db, now](http::Context& ctx) {
                   db::Lease conn = db.acquire();
                   conn->query(
                       "UPDATE notifications SET read_at = $1 WHERE user_id = $2 AND read_at IS "
                       "NULL",
                       {now(), ctx.user().user_id});
                   return http::json_response(200, R"({"status":"read"})");
               });
}

}  // namespace retainer::notify
