#include "modules/staff/staff.hpp"

#include "core/json_input.hpp"
#include "core/text.hpp"
#include "modules/access/roles.hpp"
#include "modules/access/scopes.hpp"
#include "platform/auth/password.hpp"
#include "platform/records/audit.hpp"

namespace retainer::staff {
using namespace records;
namespace json = boost::json;

Schema group_schema() {
    Schema s;
    s.table = "groups";
    s.entity = "groups";
    s.archivable = false;
    s.default_sort = "name";
    s.fields = {
        records::text("name").req().search().sort(),
        choice("direction",
               {"seo", "ads", "smm", "dev", "support", "reputation", "sales", "management"})
            .req()
            .filter()
            .sort(),
    };
    return s;
}

Schema employee_schema() {
    Schema s;
    s.table = "users";
    s.entity = "employees";
    s.default_sort = "name";
    s.fields = {
        email("email").req().search().sort(),
        records::text("name").req().search().sort(),
        choice("role", access::kAllRoles).req().filter().sort(),
        records::text("position").len(200).search(),
        records::text("phone").len(50),
        url("photo_url"),
        ref("group_id", "groups").filter(),
        ref("client_id", "clients").filter(),
        money_field("cost_rate_kopecks")
            .range(0, 100'000'000)
            .fallback(0)
            .sort()
            .only_for(access::kCostsAudience),
        choice("locale", {"ru", "en"}).fallback("ru"),
        records::text("password").len(200).write_only(),
    };
    return s;
}

std::int64_t create_account(db::Connection& conn, const NewAccount& a, const std::string& now,
                            const std::string& request_id) {
    auto r = conn.query(
        "INSERT INTO users (email, name, role, client_id, password_hash, search_text, created_at, "
        "updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $7) RETURNING id",
        {a.email, a.name, a.role, db::optional_value(a.client_id), a.password_hash,
         text::fold(a.email + " " + a.name), now});
    std::int64_t id = r.int_at(0, "id");
    write_audit(conn,
                {now, std::nullopt, "employees", id, "create", std::nullopt,
                 json::object{{"email", a.email}, {"name", a.name}, {"role", a.role}}, request_id});
    return id;
}

StaffModule::StaffModule(db::Database& db, auth::Accounts& accounts, Resource::Now now)
    : db_(db),
      accounts_(accounts),
      now_(now),
      groups_(db, group_schema(), Hooks{}, now),
      employees_(db, employee_schema(),
                 Hooks{
                     .scope = {},
                     .on_write =
                         [this](db::Connection& conn, const http::Caller& c, const Record* before,
                                Record& after, Extras& extras) {
                             (void)c;
                             const std::string role(after.at("role").as_string());
                             bool is_client = role == access::kClient;
                             // Optional fields without a default are absent from a create.
                             const auto* client_id = after.if_contains("client_id");
                             bool has_client = client_id && !client_id->is_null();
                             if (is_client && !has_client)
                                 throw invalid("client_id", "is required for a portal client");
                             if (!is_client && has_client)
                                 throw invalid("client_id",
                                               "only portal clients belong to a client");
                             if (auto pw = after.find("password"); pw != after.end()) {
                                 if (!pw->value().is_null()) {
                                     std::string password(pw->value().as_string());
                                     if (password.size() < 8)
                                         throw invalid("password", "must be at least 8 characters");
                                     extras["password_hash"] = auth::hash_password(password);
                                 }
                                 after.erase("password");
                             }
                             if (before) {
                                 bool demoted = before->at("role").as_string() == access::kOwner &&
                                                role != access::kOwner;
                                 if (demoted) {
                                     auto owners = conn.query(
                                         "SELECT COUNT(*) AS n FROM users WHERE role = 'owner' AND "
                                         "archived_at IS NULL");
                                     if (owners.int_at(0, "n") <= 1)
                                         throw invalid("role",
                                                       "the last owner cannot lose the owner role");
                                 }
                                 // A changed role or password must not keep old sessions alive.
                                 if (before->at("role") != after.at("role") ||
                                     extras.count("password_hash"))
                                     accounts_.revoke_sessions(conn, before->at("id").as_int64());
                             }
                         },
                     .on_remove =
                         [this](db::Connection& conn, const http::Caller& c, const Record& before) {
                             if (before.at("id").as_int64() == c.user_id)
                                 throw invalid("id", "you cannot archive yourself");
                             accounts_.revoke_sessions(conn, before.at("id").as_int64());
                         },
                     // ?staff=true: the agency's people; ?staff=false: portal users of clients.
                     .filters =
                         [](const std::map<std::string, std::string>& q, db::Params& p,
                            std::vector<std::string>& where, FieldErrors& errors) {
                             auto it = q.find("staff");
                             if (it == q.end()) return;
                             if (it->second != "true" && it->second != "false")
                                 errors["staff"] = "must be true or false";
                             else
                                 where.push_back(std::string("t.role ") +
                                                 (it->second == "true" ? "<> " : "= ") +
                                                 p.bind(access::kClient));
                         },
                     .present = {},
                     .after_write = {},
                     .sees = access::sees,
                     .filter_params = {"staff"},
                 },
                 now) {}

void StaffModule::register_routes(http::Router& router) {
    using http::Policy;
    using namespace access;
    router_ = &router;
    groups_.register_routes(router, "/api/v1/groups",
                            {.list = Policy::roles_of(kStaff),
                             .read = Policy::roles_of(kStaff),
                             .create = Policy::roles_of({kOwner}),
                             .update = Policy::roles_of({kOwner}),
                             .remove = Policy::roles_of({kOwner})});
    employees_.register_routes(router, "/api/v1/employees",
                               {.list = Policy::roles_of(kStaff),
                                .read = Policy::roles_of(kStaff),
                                .create = Policy::roles_of({kOwner}),
                                .update = Policy::roles_of({kOwner}),
                                .remove = Policy::roles_of({kOwner})});

    router.add(
        "POST", "/api/v1/api-tokens", Policy::roles_of({kOwner}), [this](http::Context& ctx) {
            json::object in = json_input::parse_object(ctx.request.body);
            FieldErrors errors;
            std::string name;
            if (auto n = in.if_contains("name"); n && n->is_string())
                name = std::string(text::trim(std::string_view(n->as_string())));
            // valid_utf8 also refuses NUL, which would cut the name short in logs and exports.
            if (name.empty() || !text::valid_utf8(name) || text::length(name) > 100)
                errors["name"] = "is required: text up to 100 characters";
            std::int64_t user_id = ctx.user().user_id;
            if (auto u = in.if_contains("user_id"); u && !u->is_null()) {
                if (!u->is_int64())
                    errors["user_id"] = "must be an id (integer)";
                else
                    user_id = u->as_int64();
            }
            if (!errors.empty()) throw invalid(std::move(errors));
            {
                db::Lease conn = db_.acquire();
                if (conn->query("SELECT id FROM users WHERE id = $1 AND archived_at IS NULL",
                                {user_id})
                        .empty())
                    throw invalid("user_id", "no such active user");
            }
            std::string token = accounts_.create_token(user_id, name);
            db::Lease conn = db_.acquire();
            auto r =
                conn->query("SELECT id, prefix, created_at FROM api_tokens WHERE token_hash = $1",
                            {auth::digest(token)});
            json::object out{{"id", r.int_at(0, "id")},
                             {"name", name},
                             {"user_id", user_id},
                             {"prefix", r.text_at(0, "prefix")},
                             {"created_at", r.text_at(0, "created_at")},
                             {"token", token}};
            http::Response res = http::json_response(201, json::serialize(out));
            res.set_header("Location", "/api/v1/api-tokens/" + std::to_string(r.int_at(0, "id")));
            return res;
        });
    router.add("GET", "/api/v1/api-tokens", Policy::roles_of({kOwner}), [this](http::Context&) {
        db::Lease conn = db_.acquire();
        auto r = conn->query(
            "SELECT id, user_id, name, prefix, created_at, last_used_at, revoked_at FROM "
            "api_tokens ORDER BY id");
        json::array items;
        for (std::size_t i = 0; i < r.rows.size(); ++i) {
            json::object o{{"id", r.int_at(i, "id")},
                           {"user_id", r.int_at(i, "user_id")},
                           {"name", r.text_at(i, "name")},
                           {"prefix", r.text_at(i, "prefix")},
                           {"created_at", r.text_at(i, "created_at")}};
            auto used = r.opt_text_at(i, "last_used_at");
            auto revoked = r.opt_text_at(i, "revoked_at");
            o["last_used_at"] = used ? json::value(json::string(*used)) : json::value(nullptr);
            o["revoked_at"] = revoked ? json::value(json::string(*revoked)) : json::value(nullptr);
            items.push_back(std::move(o));
        }
        auto n = static_cast<std::int64_t>(items.size());
        return http::json_response(
            200, json::serialize(
                     json::object{{"items", items}, {"total", n}, {"limit", n}, {"offset", 0}}));
    });
    router.add("DELETE", "/api/v1/api-tokens/{id}", Policy::roles_of({kOwner}),
               [this](http::Context& ctx) {
                   db::Lease conn = db_.acquire();
                   if (!accounts_.revoke_token(*conn, ctx.id_param(), now_().to_rfc3339()))
                       throw not_found();
                   http::Response res;
                   res.status = 204;
                   return res;
               });
    register_auth_routes(router);
}

}  // namespace retainer::staff
