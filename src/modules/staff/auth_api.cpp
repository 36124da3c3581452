#include "core/json_input.hpp"
#include "modules/access/roles.hpp"
#include "modules/staff/staff.hpp"
#include "platform/auth/password.hpp"

namespace retainer::staff {
namespace json = boost::json;

namespace {

json::object user_json(db::Connection& conn, const http::Caller& c) {
    auto r = conn.query(
        "SELECT id, email, name, role, position, photo_url, group_id, client_id, locale "
        "FROM users WHERE id = $1",
        {c.user_id});
    json::object u;
    if (r.empty()) return u;
    u["id"] = r.int_at(0, "id");
    u["email"] = r.text_at(0, "email");
    u["name"] = r.text_at(0, "name");
    u["role"] = r.text_at(0, "role");
    for (const char* k : {"position", "photo_url"}) {
        auto v = r.opt_text_at(0, k);
        u[k] = v ? json::value(json::string(*v)) : json::value(nullptr);
    }
    for (const char* k : {"group_id", "client_id"}) {
        auto v = r.opt_int_at(0, k);
        u[k] = v ? json::value(*v) : json::value(nullptr);
    }
    u["locale"] = r.text_at(0, "locale");
    return u;
}

/// Sign-in is open to anyone, so the CSRF token cannot guard it: a page elsewhere must not be able
/// to sign a visitor into an account of the attacker's (login CSRF). Browsers send a JSON body
/// cross-site only after a preflight we never grant, and they name the page's origin.
void refuse_cross_site(const http::Request& request) {
    std::string type = request.header("content-type").value_or("");
    if (type.rfind("application/json", 0) != 0)
        throw bad_request("send the sign-in as JSON (Content-Type: application/json)");
    if (request.header("sec-fetch-site").value_or("same-origin") == "cross-site")
        throw forbidden("sign in from Retainer's own page");
    if (auto origin = request.header("origin")) {
        // The origin's host must be the one the browser asked for (a proxy passes Host on).
        std::string host = request.header("host").value_or("");
        std::size_t scheme = origin->find("://");
        if (scheme == std::string::npos || host.empty() || origin->substr(scheme + 3) != host)
            throw forbidden("sign in from Retainer's own page");
    }
}

/// "METHOD /pattern" of every route the role may call: the UI hides what would answer 403.
json::array permissions(const http::Router* router, const std::string& role) {
    json::array out;
    if (!router) return out;
    for (const auto& route : router->routes())
        if (route.policy.mode == http::Policy::Mode::kAuthenticated && route.policy.allows(role))
            out.push_back(json::string(route.method + " " + route.pattern));
    return out;
}

}  // namespace

void StaffModule::register_auth_routes(http::Router& router) {
    using http::Policy;
    router.add("POST", "/api/v1/auth/login", Policy::open(), [this](http::Context& ctx) {
        refuse_cross_site(ctx.request);
        json::object in = json_input::parse_object(ctx.request.body);
        FieldErrors errors;
        auto email = in.if_contains("email");
        auto password = in.if_contains("password");
        if (!email || !email->is_string() || email->as_string().empty() ||
            email->as_string().size() > 254)
            errors["email"] = "is required";
        if (!password || !password->is_string() || password->as_string().empty() ||
            password->as_string().size() > 200)
            errors["password"] = "is required";
        if (!errors.empty()) throw invalid(std::move(errors));
        auto result = accounts_.login(std::string(email->as_string()),
                                      std::string(password->as_string()), ctx.request);
        db::Lease conn = db_.acquire();
        json::object out{{"user", user_json(*conn, result.caller)},
                         {"csrf_token", result.caller.csrf_token},
                         {"permissions", permissions(router_, result.caller.role)}};
        http::Response res = http::json_response(200, json::serialize(out));
        res.set_header("Set-Cookie",
                       auth::session_cookie(result.session_secret, ctx.request.https));
        return res;
    });
    router.add("POST", "/api/v1/auth/logout", Policy::signed_in(), [this](http::Context& ctx) {
        accounts_.logout(ctx.user());
        http::Response res;
        res.status = 204;
        res.set_header("Set-Cookie", auth::session_cookie("", false, true));
        return res;
    });
    router.add("GET", "/api/v1/auth/me", Policy::signed_in(), [this](http::Context& ctx) {
        db::Lease conn = db_.acquire();
        json::object out{{"user", user_json(*conn, ctx.user())},
                         {"csrf_token", ctx.user().csrf_token},
                         {"permissions", permissions(router_, ctx.user().role)}};
        return http::json_response(200, json::serialize(out));
    });
    // The signed-in user's own settings: interface language and password.
    router.add("PATCH", "/api/v1/auth/me", Policy::signed_in(), [this](http::Context& ctx) {
        json::object in = json_input::parse_object(ctx.request.body);
        FieldErrors errors;
        std::optional<std::string> locale;
        std::optional<std::string> new_hash;
        for (const auto& [key, value] : in) {
            if (key == "locale") {
                if (!value.is_string() || (value.as_string() != "ru" && value.as_string() != "en"))
                    errors["locale"] = "must be ru or en";
                else
                    locale = std::string(value.as_string());
            } else if (key == "new_password") {
                if (!value.is_string() || value.as_string().size() < 8 ||
                    value.as_string().size() > 200)
                    errors["new_password"] = "must be 8–200 characters";
            } else if (key != "current_password") {
                errors[std::string(key)] = "unknown field";
            }
        }
        if (!errors.empty()) throw invalid(std::move(errors));
        db::Lease conn = db_.acquire();
        if (auto np = in.if_contains("new_password")) {
            auto cur = in.if_contains("current_password");
            // A wrong current password counts as a failed sign-in: the same limits guard it.
            if (!cur || !cur->is_string() || cur->as_string().size() > 200 ||
                !accounts_.check_password(ctx.user(), std::string(cur->as_string()), ctx.request))
                throw invalid("current_password", "does not match");
            new_hash = auth::hash_password(std::string(np->as_string()));
        }
        conn->begin();
        try {
            if (locale)
                conn->query("UPDATE users SET locale = $1 WHERE id = $2",
                            {*locale, ctx.user().user_id});
            if (new_hash) {
                conn->query("UPDATE users SET password_hash = $1 WHERE id = $2",
                            {*new_hash, ctx.user().user_id});
                // Other sessions end; this one stays.
                accounts_.revoke_other_sessions(*conn, ctx.user().user_id, ctx.user().session_key);
            }
            conn->commit();
        } catch (...) {
            conn->rollback();
            throw;
        }
        json::object out{{"user", user_json(*conn, ctx.user())},
                         {"csrf_token", ctx.user().csrf_token},
                         {"permissions", permissions(router_, ctx.user().role)}};
        return http::json_response(200, json::serialize(out));
    });
}

}  // namespace retainer::staff
