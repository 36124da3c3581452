#include "app/app.hpp"

#include <gtest/gtest.h>
#include <spdlog/spdlog.h>

#include <set>

#include "modules/access/roles.hpp"
#include "platform/db/migrate.hpp"

namespace retainer::app {
namespace {

using http::Policy;

class RouteTable : public ::testing::Test {
  protected:
    static void SetUpTestSuite() {
        spdlog::set_level(spdlog::level::off);
        db_ = db::Database::open("sqlite::memory:", 1).release();
        db::migrate(*db_);
        app_ = new App(
            *db_, [] { return Instant{1795512600}; }, "");
    }
    static void TearDownTestSuite() {
        delete app_;
        delete db_;
        spdlog::set_level(spdlog::level::info);
    }
    static const std::vector<http::Route>& routes() { return app_->router().routes(); }
    static const http::Route* find(const std::string& method, const std::string& pattern) {
        for (const auto& r : routes())
            if (r.method == method && r.pattern == pattern) return &r;
        return nullptr;
    }
    /// The roles a route admits, in kAllRoles order.
    static std::vector<std::string> admitted(const std::string& method,
                                             const std::string& pattern) {
        const http::Route* r = find(method, pattern);
        if (!r) return {"<no such route>"};
        std::vector<std::string> out;
        for (const auto& role : access::kAllRoles)
            if (r->policy.allows(role)) out.push_back(role);
        return out;
    }

    static db::Database* db_;
    static App* app_;
};
db::Database* RouteTable::db_ = nullptr;
App* RouteTable::app_ = nullptr;

const std::vector<std::string> kEveryone = access::kAllRoles;
const std::vector<std::string> kStaff = access::kStaff;

}  // namespace

TEST_F(RouteTable, EveryRouteHasAnExplicitAccessPolicy) {
    ASSERT_GT(routes().size(), 40u);
    for (const auto& r : routes())
        EXPECT_NE(r.policy.mode, Policy::Mode::kUnset) << r.method << " " << r.pattern;
}

TEST_F(RouteTable, PoliciesNameOnlyRealRoles) {
    for (const auto& r : routes())
        for (const auto& role : r.policy.roles)
            EXPECT_TRUE(access::is_role(role)) << r.method << " " << r.pattern << ": " << role;
}

TEST_F(RouteTable, NoMethodAndPatternIsRegisteredTwice) {
    std::set<std::string> seen;
    for (const auto& r : routes())
        EXPECT_TRUE(seen.insert(r.method + " " + r.pattern).second) << r.method << " " << r.pattern;
}

TEST_F(RouteTable, NoRouteIsShadowedByAnEarlierOne) {
    // The router takes the first match, so "/x/{id}" registered before "/x/export" would swallow
    // it.
    const auto& all = routes();
    for (std::size_t later = 0; later < all.size(); ++later)
        for (std::size_t earlier = 0; earlier < later; ++earlier) {
            const auto& a = all[earlier];
            const auto& b = all[later];
            if (a.method != b.method || a.segments.size() != b.segments.size()) continue;
            bool swallows = true;
            for (std::size_t i = 0; i < a.segments.size() && swallows; ++i)
                swallows = a.segments[i].front() == '{' || a.segments[i] == b.segments[i];
            EXPECT_FALSE(swallows) << a.pattern << " hides " << b.method << " " << b.pattern;
        }
}

TEST_F(RouteTable, OnlyHealthMetricsAndLoginArePublicAmongCoreRoutes) {
    // A new public route must be a decision: add it here with the reason.
    // Site forms post applications without a session (docs/sales.md); OPTIONS is their CORS
    // preflight. Secret document links (docs/documents.md): the token in the path is the key; the
    // client views and accepts without an account.
    const std::set<std::string> allowed = {
        "GET /healthz",
        "GET /metrics",
        "POST /api/v1/auth/login",
        "POST /api/v1/public/applications",
        "OPTIONS /api/v1/public/applications",
        "GET /d/{token}",
        "GET /d/{token}/pdf",
        "POST /d/{token}/accept",
        // Briefs (docs/paperwork.md): the client fills the questionnaire behind its secret link;
        // the page's autosave script is static.
        "GET /b/{token}",
        "GET /b/{token}/answers",
        "PUT /b/{token}/answers",
        "POST /b/{token}/submit",
        "GET /p/brief.js",
        // What the sign-in page may know: the agency's name and language, whether it is the demo.
        "GET /api/v1/public/config",
    };
    for (const auto& r : routes()) {
        if (r.policy.mode != Policy::Mode::kPublic) continue;
        EXPECT_TRUE(allowed.count(r.method + " " + r.pattern)) << r.method << " " << r.pattern;
    }
}

TEST_F(RouteTable, WithoutASessionEveryProtectedRouteAnswers401) {
    for (const auto& r : routes()) {
        if (r.policy.mode == Policy::Mode::kPublic) continue;
        http::Request req;
        req.method = r.method;
        for (const auto& s : r.segments) req.path += "/" + (s.front() == '{' ? "1" : s);
        req.target = req.path;
        req.request_id = "t";
        req.received_at = std::chrono::steady_clock::now();
        EXPECT_EQ(app_->router().dispatch(req).status, 401) << r.method << " " << r.pattern;
    }
}

TEST_F(RouteTable, MetricsAnswerOnlyThisMachineOrTheTokenHolder) {
    setenv("RETAINER_METRICS_TOKEN", "scrape-secret", 1);
    App app(
        *db_, [] { return Instant{1795512600}; }, "");
    unsetenv("RETAINER_METRICS_TOKEN");
    auto status = [&app](bool loopback, bool via_proxy, std::string authorization) {
        http::Request req;
        req.method = "GET";
        req.path = req.target = "/metrics";
        req.remote_ip = loopback ? "127.0.0.1" : "203.0.113.9";
        req.loopback_peer = loopback;
        req.via_trusted_proxy = via_proxy;
        if (!authorization.empty()) req.headers["authorization"] = authorization;
        req.request_id = "t";
        req.received_at = std::chrono::steady_clock::now();
        return app.router().dispatch(req).status;
    };
    EXPECT_EQ(status(true, false, ""), 200);
    EXPECT_EQ(status(false, false, ""), 404);
    EXPECT_EQ(status(true, true, ""), 404);  // a proxy's clients all arrive from loopback
    EXPECT_EQ(status(false, false, "Bearer scrape-secret"), 200);
    EXPECT_EQ(status(true, true, "Bearer scrape-secret"), 200);
    EXPECT_EQ(status(false, false, "Bearer scrape-secreT"), 404);
    EXPECT_EQ(status(false, false, "Bearer "), 404);
    // Without the variable an empty token opens nothing.
    http::Request req;
    req.method = "GET";
    req.path = req.target = "/metrics";
    req.remote_ip = "203.0.113.9";
    req.headers["authorization"] = "Bearer ";
    req.request_id = "t";
    req.received_at = std::chrono::steady_clock::now();
    EXPECT_EQ(app_->router().dispatch(req).status, 404);
}

TEST_F(RouteTable, RoutePoliciesMatchTheAccessMatrix) {
    // docs/access.md, "Route policies".
    const std::vector<std::string> client_writers = {"owner", "head", "manager", "sales",
                                                     "lead_generator"};
    EXPECT_EQ(admitted("GET", "/api/v1/clients"), kEveryone);
    EXPECT_EQ(admitted("GET", "/api/v1/clients/{id}"), kEveryone);
    EXPECT_EQ(admitted("POST", "/api/v1/clients"), client_writers);
    EXPECT_EQ(admitted("PATCH", "/api/v1/clients/{id}"), client_writers);
    EXPECT_EQ(admitted("DELETE", "/api/v1/clients/{id}"),
              (std::vector<std::string>{"owner", "head"}));
    EXPECT_EQ(admitted("GET", "/api/v1/contacts"), kEveryone);
    EXPECT_EQ(admitted("POST", "/api/v1/contacts"), client_writers);
    EXPECT_EQ(admitted("DELETE", "/api/v1/contacts/{id}"), client_writers);

    const std::vector<std::string> service_readers = {"owner",      "head",       "manager",
                                                      "specialist", "accountant", "client"};
    EXPECT_EQ(admitted("GET", "/api/v1/services"), service_readers);
    EXPECT_EQ(admitted("GET", "/api/v1/services/{id}"), service_readers);
    EXPECT_EQ(admitted("POST", "/api/v1/services"),
              (std::vector<std::string>{"owner", "head", "manager"}));
    EXPECT_EQ(admitted("PATCH", "/api/v1/services/{id}"),
              (std::vector<std::string>{"owner", "head", "manager"}));
    EXPECT_EQ(admitted("DELETE", "/api/v1/services/{id}"),
              (std::vector<std::string>{"owner", "head"}));

    const std::vector<std::string> time_readers = {"owner", "head", "manager", "specialist",
                                                   "accountant"};
    const std::vector<std::string> time_writers = {"owner", "head", "manager", "specialist"};
    EXPECT_EQ(admitted("GET", "/api/v1/time-entries"), time_readers);
    EXPECT_EQ(admitted("GET", "/api/v1/time-entries/{id}"), time_readers);
    EXPECT_EQ(admitted("POST", "/api/v1/time-entries"), time_writers);
    EXPECT_EQ(admitted("PATCH", "/api/v1/time-entries/{id}"), time_writers);
    EXPECT_EQ(admitted("DELETE", "/api/v1/time-entries/{id}"), time_writers);

    const std::vector<std::string> owner_only = {"owner"};
    for (const char* base : {"/api/v1/employees", "/api/v1/groups", "/api/v1/service-types"}) {
        std::string one = std::string(base) + "/{id}";
        EXPECT_EQ(admitted("GET", base), kStaff) << base;
        EXPECT_EQ(admitted("GET", one), kStaff) << base;
        EXPECT_EQ(admitted("POST", base), owner_only) << base;
        EXPECT_EQ(admitted("PATCH", one), owner_only) << base;
        EXPECT_EQ(admitted("DELETE", one), owner_only) << base;
    }
    EXPECT_EQ(admitted("GET", "/api/v1/api-tokens"), owner_only);
    EXPECT_EQ(admitted("POST", "/api/v1/api-tokens"), owner_only);
    EXPECT_EQ(admitted("DELETE", "/api/v1/api-tokens/{id}"), owner_only);
    EXPECT_EQ(admitted("GET", "/api/v1/audit"), (std::vector<std::string>{"owner", "head"}));
    EXPECT_EQ(admitted("GET", "/api/v1/auth/me"), kEveryone);
    EXPECT_EQ(admitted("PATCH", "/api/v1/auth/me"), kEveryone);
    EXPECT_EQ(admitted("POST", "/api/v1/auth/logout"), kEveryone);
    EXPECT_EQ(find("POST", "/api/v1/auth/login")->policy.mode, Policy::Mode::kPublic);
}

TEST_F(RouteTable, DashboardIsForTheRolesThatPlanWork) {
    // docs/dashboard.md: owner, head, manager, specialist, accountant.
    EXPECT_EQ(admitted("GET", "/api/v1/dashboard"),
              (std::vector<std::string>{"owner", "head", "manager", "specialist", "accountant"}));
}

}  // namespace retainer::app
