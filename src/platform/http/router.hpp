#pragma once
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"
#include "platform/http/message.hpp"
#include "platform/http/metrics.hpp"

namespace retainer::http {

/// Who is calling: resolved from a session cookie or an API token by an Authenticator.
struct Caller {
    std::int64_t user_id = 0;
    std::string role;
    std::string email;
    std::string name;
    /// The row-scope attributes the application asked the authenticator to read with the user
    /// (named columns of the user's row; the access module names and interprets them). A null
    /// column is absent.
    std::map<std::string, std::int64_t, std::less<>> scope;
    std::optional<std::int64_t> scope_value(std::string_view name) const {
        auto it = scope.find(name);
        if (it == scope.end()) return std::nullopt;
        return it->second;
    }
    bool via_cookie = false;
    std::string csrf_token;   // of the session, when via_cookie
    std::string session_key;  // hashed session id, when via_cookie
};

/// Who may call a route. Every route names one; row-level rules live in the module.
struct Policy {
    enum class Mode { kUnset, kPublic, kAuthenticated };
    Mode mode = Mode::kUnset;
    std::vector<std::string> roles;  // empty with kAuthenticated: any signed-in user
    bool csrf_exempt = false;        // public forms, login
    /// The path carries a secret (a document or form link): every answer, errors included, is
    /// sent with no referrer, no caching and no indexing.
    bool secret_link = false;

    static Policy open() { return {Mode::kPublic, {}, true, false}; }
    static Policy secret_link_page() { return {Mode::kPublic, {}, true, true}; }
    static Policy signed_in() { return {Mode::kAuthenticated, {}, false, false}; }
    static Policy roles_of(std::vector<std::string> r) {
        return {Mode::kAuthenticated, std::move(r), false, false};
    }
    bool allows(const std::string& role) const;
};

/// What a handler receives: the request, the caller (null on public routes) and path parameters.
struct Context {
    Request& request;
    const Caller* caller;
    std::map<std::string, std::string> path_params;

    const Caller& user() const { return *caller; }
    std::int64_t id_param(const std::string& name = "id") const;
};

using Handler = std::function<Response(Context&)>;

class Authenticator {
  public:
    virtual ~Authenticator() = default;
    /// The caller of a request, or nullopt when it carries no valid session or token.
    virtual std::optional<Caller> authenticate(const Request& request) = 0;
};

struct Route {
    std::string method;
    std::string pattern;  // "/api/v1/clients/{id}"
    Policy policy;
    Handler handler;
    std::vector<std::string> segments;
    /// The query parameters the route reads; when set, any other answers 400 (a misspelt filter
    /// must not quietly answer with everything). Unset: the handler checks its own.
    std::optional<std::vector<std::string>> query_params;

    Route& accepts(std::vector<std::string> names) {
        query_params = std::move(names);
        return *this;
    }
};

/// Puts what people read into their language (docs/i18n.md): the router asks it for the texts of
/// error answers and for the agency's language, which pages behind secret links speak.
struct Localizer {
    /// The text in `lang`, or nullopt when there is no translation.
    std::function<std::optional<std::string>(std::string_view english, i18n::Lang lang)> translate;
    std::function<i18n::Lang()> agency_language;
};

/// The one table of routes and their access policies, and the dispatch around every request:
/// authentication, policy, CSRF, error mapping, security headers, metrics and the access log.
class Router {
  public:
    Router(Authenticator& auth, Metrics& metrics) : auth_(auth), metrics_(metrics) {}

    /// Registers a route; the reference returned is valid until the next add (for `accepts`).
    Route& add(std::string method, std::string pattern, Policy policy, Handler handler);
    /// Serves non-API GET paths (the web UI); nullopt falls through to 404.
    void set_fallback(std::function<std::optional<Response>(const Request&)> fallback) {
        fallback_ = std::move(fallback);
    }
    Response dispatch(Request& request);
    /// Judges a request by its header alone, before its body is read: the answer it would get
    /// anyway (404, 405, 401, 403 — complete, with headers, metrics and log line), or nullopt
    /// when its handler would run. Authenticates (a database lookup): call it on the worker pool.
    std::optional<Response> precheck(Request& request);
    void set_localizer(Localizer localizer) { localizer_ = std::move(localizer); }
    const std::vector<Route>& routes() const { return routes_; }

  private:
    /// What is known about a request before its handler runs.
    struct Admission {
        const Route* route = nullptr;  // null: the web UI fallback may answer
        std::map<std::string, std::string> params;
        std::string label = "unmatched";  // for metrics and the log: the pattern, never the path
        std::optional<Caller> caller;
    };
    std::optional<Response> admit(Request& request, Admission& a);
    /// admit, then (when `run_handler`) the handler or fallback, with errors mapped to answers.
    std::optional<Response> run(Request& request, Admission& a, bool run_handler);
    Response finish(const Request& request, Response response, const Admission& a);

    Authenticator& auth_;
    Metrics& metrics_;
    std::vector<Route> routes_;
    std::function<std::optional<Response>(const Request&)> fallback_;
    Localizer localizer_;
};

/// A JSON response with the given status.
Response json_response(int status, const std::string& body);
/// The error body of api.md: {"error":{"code","message","fields"}}.
Response error_response(int status, const std::string& code, const std::string& message,
                        const std::map<std::string, std::string>& fields = {});
/// The response api.md prescribes for a domain error: the one table of kinds to statuses.
Response error_response(const Error& error);
/// Adds the security headers every response carries. A Content-Security-Policy the handler set
/// (a stricter one, for a page of outside content) is kept.
void add_security_headers(Response& response, bool is_api);

}  // namespace retainer::http
