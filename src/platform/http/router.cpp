#include "platform/http/router.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <boost/json.hpp>
#include <chrono>

#include "core/error.hpp"
#include "platform/http/gzip.hpp"
#include "platform/http/validators.hpp"

namespace retainer::http {
namespace {

std::vector<std::string> split_path(std::string_view path) {
    std::vector<std::string> out;
    std::size_t i = 0;
    while (i < path.size()) {
        if (path[i] == '/') {
            ++i;
            continue;
        }
        std::size_t j = path.find('/', i);
        if (j == std::string_view::npos) j = path.size();
        out.emplace_back(path.substr(i, j - i));
        i = j;
    }
    return out;
}

bool match(const Route& route, const std::vector<std::string>& segments,
           std::map<std::string, std::string>& params) {
    if (route.segments.size() != segments.size()) return false;
    for (std::size_t i = 0; i < segments.size(); ++i) {
        const std::string& want = route.segments[i];
        if (want.size() > 2 && want.front() == '{' && want.back() == '}') {
            params[want.substr(1, want.size() - 2)] = segments[i];
        } else if (want != segments[i]) {
            return false;
        }
    }
    return true;
}

struct ErrorMapping {
    ErrorKind kind;
    int status;
    const char* code;
    bool retry_after = false;  // the answer says when to try again (Retry-After)
};

// The one table from domain errors to HTTP (api.md, "Errors").
constexpr ErrorMapping kErrorTable[] = {
    {ErrorKind::kBadRequest, 400, "bad_request"},
    {ErrorKind::kInvalid, 400, "validation_failed"},
    {ErrorKind::kUnauthenticated, 401, "unauthenticated"},
    {ErrorKind::kForbidden, 403, "forbidden"},
    {ErrorKind::kNotFound, 404, "not_found"},
    {ErrorKind::kConflict, 409, "conflict"},
    {ErrorKind::kPayloadTooLarge, 413, "payload_too_large"},
    {ErrorKind::kRateLimited, 429, "rate_limited", true},
};

// When a rate-limit error does not say how long to wait.
constexpr int kDefaultRetryAfterSeconds = 60;

bool constant_time_equal(const std::string& a, const std::string& b) {
    if (a.size() != b.size()) return false;
    unsigned char diff = 0;
    for (std::size_t i = 0; i < a.size(); ++i) diff |= static_cast<unsigned char>(a[i] ^ b[i]);
    return diff == 0;
}

bool is_safe_method(const std::string& m) { return m == "GET" || m == "HEAD" || m == "OPTIONS"; }

}  // namespace

bool Policy::allows(const std::string& role) const {
    if (mode == Mode::kPublic) return true;
    if (mode != Mode::kAuthenticated) return false;
    return roles.empty() || std::find(roles.begin(), roles.end(), role) != roles.end();
}

std::int64_t Context::id_param(const std::string& name) const {
    auto it = path_params.find(name);
    if (it == path_params.end() || it->second.empty() || it->second.size() > 18 ||
        !std::all_of(it->second.begin(), it->second.end(),
                     [](char c) { return c >= '0' && c <= '9'; }))
        throw not_found();
    return std::stoll(it->second);
}

Route& Router::add(std::string method, std::string pattern, Policy policy, Handler handler) {
    Route r{std::move(method), std::move(pattern), std::move(policy), std::move(handler), {}, {}};
    r.segments = split_path(r.pattern);
    routes_.push_back(std::move(r));
    return routes_.back();
}

Response json_response(int status, const std::string& body) {
    Response r;
    r.status = status;
    r.body = body;
    return r;
}

Response error_response(int status, const std::string& code, const std::string& message,
                        const std::map<std::string, std::string>& fields) {
    boost::json::object err{{"code", code}, {"message", message}};
    if (!fields.empty()) {
        boost::json::object f;
        for (const auto& [k, v] : fields) f[k] = v;
        err["fields"] = std::move(f);
    }
    return json_response(status, boost::json::serialize(boost::json::object{{"error", err}}));
}

Response error_response(const Error& e) {
    for (const auto& m : kErrorTable) {
        if (m.kind != e.kind()) continue;
        Response r = error_response(m.status, m.code, e.what(), e.fields());
        if (m.retry_after)
            r.set_header("Retry-After",
                         std::to_string(std::max(
                             1, e.retry_after_seconds().value_or(kDefaultRetryAfterSeconds))));
        return r;
    }
    return error_response(500, "internal", "internal error");
}

void add_security_headers(Response& r, bool is_api) {
    if (!r.find_header("Content-Security-Policy"))
        r.set_header(
            "Content-Security-Policy",
            "default-src 'self'; img-src 'self' data: https:; style-src 'self' 'unsafe-inline'; "
            "script-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; "
            "form-action 'self'; frame-ancestors 'none'");
    r.set_header("X-Content-Type-Options", "nosniff");
    r.set_header("X-Frame-Options", "DENY");
    // A handler may ask for a stricter policy (secret document links send no-referrer).
    bool has_referrer = std::any_of(r.headers.begin(), r.headers.end(),
                                    [](const auto& h) { return h.first == "Referrer-Policy"; });
    if (!has_referrer) r.set_header("Referrer-Policy", "strict-origin-when-cross-origin");
    bool has_cache = std::any_of(r.headers.begin(), r.headers.end(),
                                 [](const auto& h) { return h.first == "Cache-Control"; });
    if (is_api && !has_cache) r.set_header("Cache-Control", "no-store");
}

namespace {

bool compressible(const std::string& content_type) {
    return content_type.rfind("application/json", 0) == 0 || content_type.rfind("text/", 0) == 0 ||
           content_type.rfind("application/javascript", 0) == 0 ||
           content_type.rfind("image/svg+xml", 0) == 0;
}

bool is_api_path(const std::string& path) { return path.rfind("/api/", 0) == 0; }

/// Whether the router gzips this answer for a client that accepts it (so it varies by
/// Accept-Encoding).
bool compression_applies(const Request& request, const Response& response) {
    constexpr std::size_t kMinSize = 1024;
    if (response.body.size() < kMinSize || !compressible(response.content_type)) return false;
    // Responses carrying the CSRF token stay uncompressed: no length oracle on it (BREACH).
    if (request.path.rfind("/api/v1/auth/", 0) == 0) return false;
    return response.find_header("Content-Encoding") == nullptr;
}

/// gzip at level 1: the dashboard payload is megabytes of JSON; level 1 keeps most of the ratio
/// at a fraction of level 6's CPU time.
void maybe_compress(const Request& request, Response& response) {
    if (!compression_applies(request, response)) return;
    response.set_header("Vary", "Accept-Encoding");
    auto accept = request.header("accept-encoding");
    if (!accept || !accepts_gzip(*accept)) return;
    if (auto packed = gzip(response.body)) {
        response.body = std::move(*packed);
        response.set_header("Content-Encoding", "gzip");
    }
}

/// ETag on API answers (for integrations that poll; Cache-Control stays no-store for privacy),
/// then If-None-Match / If-Modified-Since → 304. Static files bring their own ETag and
/// Last-Modified. The tag is computed before compression, so gzip and identity share it.
void apply_validators(const Request& request, Response& response, bool is_api) {
    if (is_api && !response.find_header("ETag"))
        response.set_header("ETag", weak_etag(response.body));
    const std::string* etag = response.find_header("ETag");
    bool not_modified = false;
    // If-None-Match wins over If-Modified-Since when both are present (RFC 9110 §13.2.2).
    if (auto inm = request.header("if-none-match")) {
        not_modified = etag && etag_matches(*inm, *etag);
    } else if (auto ims = request.header("if-modified-since")) {
        const std::string* lm = response.find_header("Last-Modified");
        auto since = parse_http_date(*ims);
        auto modified = lm ? parse_http_date(*lm) : std::nullopt;
        not_modified = since && modified && *modified <= *since;
    }
    if (!not_modified) return;
    if (compression_applies(request, response)) response.set_header("Vary", "Accept-Encoding");
    std::erase_if(response.headers, [](const auto& h) { return h.first == "Content-Encoding"; });
    response.status = 304;
    response.body.clear();
}

bool may_have_body(int status) { return status >= 200 && status != 204 && status != 304; }

/// The language of what a person reads: a page behind a secret link speaks the agency's language
/// (its reader is the agency's customer); otherwise the language the client asks for
/// (Accept-Language: the web UI sends its own), else the agency's on public pages, else English.
i18n::Lang choose_language(const Request& request, const Route* route, const Localizer& l) {
    auto agency = [&] { return l.agency_language ? l.agency_language() : i18n::Lang::kEn; };
    if (route && route->policy.secret_link) return agency();
    if (auto asked = request.header("accept-language"))
        if (auto lang = i18n::from_accept_language(*asked)) return *lang;
    if (route && route->policy.mode == Policy::Mode::kPublic) return agency();
    return i18n::Lang::kEn;
}

/// Error answers are written in English; this puts their message and field messages into the
/// reader's language, and logs any text the catalog lacks (the API suite fails on that log line).
void localize_error(Response& response, i18n::Lang lang, const Localizer& l) {
    if (!l.translate || response.status < 400 ||
        response.content_type.rfind("application/json", 0) != 0 ||
        response.body.rfind("{\"error\":", 0) != 0)
        return;
    boost::system::error_code ec;
    auto parsed = boost::json::parse(response.body, ec);
    if (ec || !parsed.is_object()) return;
    auto* error = parsed.as_object().if_contains("error");
    if (!error || !error->is_object()) return;
    auto say = [&](boost::json::value& v) {
        if (!v.is_string()) return;
        std::string english(v.as_string());
        if (!l.translate(english, i18n::Lang::kRu))
            spdlog::warn(R"({{"event":"untranslated","text":{}}})",
                         boost::json::serialize(boost::json::string(english)));
        if (auto text = l.translate(english, lang)) v = boost::json::string(*text);
    };
    if (auto* m = error->as_object().if_contains("message")) say(*m);
    if (auto* f = error->as_object().if_contains("fields"); f && f->is_object())
        for (auto& [name, problem] : f->as_object()) say(problem);
    response.body = boost::json::serialize(parsed);
}

/// JSON answers never carry a raw '<' (docs/security.md): a payload inlined into a page stays inert
/// ("</script>"). In JSON text '<' can only stand inside a string, where \u003c means the same.
void escape_angle_brackets(Response& response) {
    if (response.content_type.rfind("application/json", 0) != 0) return;
    for (const auto& [name, value] : response.headers)
        if (name == "Content-Encoding") return;
    std::size_t at = response.body.find('<');
    if (at == std::string::npos) return;
    std::string out;
    out.reserve(response.body.size() + 16);
    std::size_t from = 0;
    for (; at != std::string::npos; at = response.body.find('<', from)) {
        out.append(response.body, from, at - from);
        out += "\\u003c";
        from = at + 1;
    }
    out.append(response.body, from);
    response.body = std::move(out);
}

}  // namespace

Response Router::dispatch(Request& request) {
    Admission a;
    Response response = *run(request, a, true);
    return finish(request, std::move(response), a);
}

std::optional<Response> Router::precheck(Request& request) {
    Admission a;
    std::optional<Response> refusal = run(request, a, false);
    if (!refusal) return std::nullopt;
    return finish(request, std::move(*refusal), a);
}

Response Router::finish(const Request& request, Response response, const Admission& a) {
    bool is_api = is_api_path(request.path);
    if (a.route && a.route->policy.secret_link) {
        // The path is a secret: no answer under it, errors included, may leak it onwards.
        response.set_header("Referrer-Policy", "no-referrer");
        response.set_header("Cache-Control", "no-store");
        response.set_header("X-Robots-Tag", "noindex, nofollow");
    }
    localize_error(response, request.lang, localizer_);
    escape_angle_brackets(response);
    if (response.status == 429 && !response.find_header("Retry-After"))
        response.set_header("Retry-After", std::to_string(kDefaultRetryAfterSeconds));
    add_security_headers(response, is_api);
    response.set_header("X-Request-Id", request.request_id);
    bool get_or_head = request.method == "GET" || request.method == "HEAD";
    if (get_or_head && response.status == 200) apply_validators(request, response, is_api);
    maybe_compress(request, response);
    // HEAD describes the GET: the same headers and the length of the body it would carry.
    if (request.method == "HEAD") {
        if (may_have_body(response.status)) response.head_length = response.body.size();
        response.body.clear();
    }

    double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - request.received_at)
            .count();
    metrics_.observe(request.method, a.label, response.status, seconds);
    // Public document links carry their secret in the path: log the route pattern, never the path.
    spdlog::info(
        R"({{"request_id":"{}","method":"{}","route":"{}","status":{},"ms":{:.2f},"user":{},"ip":"{}"}})",
        request.request_id, request.method, a.label, response.status, seconds * 1000,
        a.caller ? a.caller->user_id : 0, request.remote_ip);
    return response;
}

std::optional<Response> Router::admit(Request& request, Admission& a) {
    // The server marks a target whose percent-encoding it could not decode with a control
    // character; no real path contains one. Answer 400 rather than the web UI's index.html.
    if (request.path.find('\x01') != std::string::npos)
        return error_response(400, "bad_request", "malformed URL");
    request.lang = choose_language(request, nullptr, localizer_);
    std::vector<std::string> segments = split_path(request.path);
    std::map<std::string, std::string> params;
    bool path_known = false;
    for (const Route& r : routes_) {
        params.clear();
        if (!match(r, segments, params)) continue;
        path_known = true;
        if (r.method == request.method || (request.method == "HEAD" && r.method == "GET")) {
            a.route = &r;
            a.params = std::move(params);
            break;
        }
    }
    if (!a.route) {
        if (path_known) {
            std::vector<std::string> methods;
            for (const Route& r : routes_) {
                params.clear();
                if (!match(r, segments, params)) continue;
                methods.push_back(r.method);
                if (r.method == "GET") methods.push_back("HEAD");
            }
            std::sort(methods.begin(), methods.end());
            methods.erase(std::unique(methods.begin(), methods.end()), methods.end());
            std::string allow;
            for (const auto& m : methods) allow += (allow.empty() ? "" : ", ") + m;
            Response r =
                error_response(405, "method_not_allowed", "method not allowed on this path");
            r.set_header("Allow", allow);
            return r;
        }
        if (!is_api_path(request.path) && fallback_ &&
            (request.method == "GET" || request.method == "HEAD"))
            return std::nullopt;  // the web UI may answer
        return error_response(404, "not_found", "no such path");
    }
    a.label = a.route->pattern;
    request.lang = choose_language(request, a.route, localizer_);
    const Policy& policy = a.route->policy;
    if (policy.mode == Policy::Mode::kUnset) {
        // A route without a policy is a bug; refuse rather than guess.
        return error_response(403, "forbidden", "route has no access policy");
    }
    a.caller = auth_.authenticate(request);
    if (policy.mode != Policy::Mode::kPublic) {
        if (!a.caller) return error_response(401, "unauthenticated", "sign in first");
        if (!policy.allows(a.caller->role))
            return error_response(403, "forbidden", "your role may not do this");
        if (a.caller->via_cookie && !policy.csrf_exempt && !is_safe_method(request.method)) {
            auto token = request.header("x-csrf-token");
            if (!token || !constant_time_equal(*token, a.caller->csrf_token))
                return error_response(403, "forbidden", "missing or wrong X-CSRF-Token header");
        }
    }
    if (const auto& accepted = a.route->query_params) {
        FieldErrors unknown;
        for (const auto& [name, value] : request.query)
            if (std::find(accepted->begin(), accepted->end(), name) == accepted->end())
                unknown[name.substr(0, 100)] = "unknown parameter";
        if (!unknown.empty()) return error_response(invalid(std::move(unknown)));
    }
    return std::nullopt;
}

std::optional<Response> Router::run(Request& request, Admission& a, bool run_handler) {
    try {
        if (auto refusal = admit(request, a)) return refusal;
        if (!run_handler) return std::nullopt;
        if (!a.route) {
            a.label = "static";
            if (auto r = fallback_(request)) return *r;
            a.label = "unmatched";
            return error_response(404, "not_found", "no such path");
        }
        Context ctx{request, a.caller ? &*a.caller : nullptr, std::move(a.params)};
        return a.route->handler(ctx);
    } catch (const Error& e) {
        return error_response(e);
    } catch (const std::exception& e) {
        spdlog::error(R"({{"request_id":"{}","error":{}}})", request.request_id,
                      boost::json::serialize(boost::json::string(e.what())));
        return error_response(500, "internal",
                              "internal error; quote request id " + request.request_id);
    }
}

}  // namespace retainer::http
