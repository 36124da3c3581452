#include "platform/http/router.hpp"

#include <gtest/gtest.h>
#include <spdlog/spdlog.h>

#include <boost/json.hpp>

#include "core/error.hpp"

namespace retainer::http {
namespace {

/// Authenticates by a header the test sets: "x-test-role: manager" (cookie session unless
/// "x-test-bearer" is present).
class HeaderAuthenticator : public Authenticator {
  public:
    std::optional<Caller> authenticate(const Request& request) override {
        auto role = request.header("x-test-role");
        if (!role) return std::nullopt;
        Caller c;
        c.user_id = 7;
        c.role = *role;
        c.via_cookie = !request.header("x-test-bearer");
        c.csrf_token = "csrf-secret";
        return c;
    }
};

class RouterTest : public ::testing::Test {
  protected:
    RouterTest() : router_(auth_, metrics_) {
        spdlog::set_level(spdlog::level::off);  // every dispatch writes an access log line
        router_.add("GET", "/api/v1/things", Policy::signed_in(), [this](Context&) {
            ++calls_;
            return json_response(200, R"({"items":[]})");
        });
        router_.add("GET", "/api/v1/things/{id}", Policy::roles_of({"owner", "manager"}),
                    [this](Context& ctx) {
                        ++calls_;
                        return json_response(200,
                                             "{\"id\":" + std::to_string(ctx.id_param()) + "}");
                    });
        router_.add("POST", "/api/v1/things", Policy::roles_of({"owner"}), [this](Context&) {
            ++calls_;
            return json_response(201, "{}");
        });
        router_.add("GET", "/api/v1/unguarded", Policy{}, [this](Context&) {
            ++calls_;
            return json_response(200, "{}");
        });
        router_.add("POST", "/api/v1/open", Policy::open(), [this](Context& ctx) {
            ++calls_;
            return json_response(200, ctx.caller ? "{\"caller\":true}" : "{\"caller\":false}");
        });
        router_.add("GET", "/api/v1/fail/{kind}", Policy::open(), [](Context& ctx) -> Response {
            const std::string& kind = ctx.path_params.at("kind");
            if (kind == "invalid") throw invalid("inn", "must be 10 or 12 digits");
            if (kind == "not-found") throw not_found();
            if (kind == "conflict") throw conflict("stale version");
            if (kind == "limited") throw Error(ErrorKind::kRateLimited, "slow down");
            if (kind == "limited-900") throw rate_limited("slow down", 900);
            throw std::runtime_error("secret internals: password=hunter2");
        });
    }

    ~RouterTest() override { spdlog::set_level(spdlog::level::info); }

    Response call(const std::string& method, const std::string& path,
                  std::map<std::string, std::string> headers = {}) {
        Request r;
        r.method = method;
        r.target = path;
        r.path = path;
        r.headers = std::move(headers);
        r.request_id = "req-1";
        r.received_at = std::chrono::steady_clock::now();
        return router_.dispatch(r);
    }

    static boost::json::object body(const Response& r) {
        return boost::json::parse(r.body).as_object();
    }
    static std::string error_code(const Response& r) {
        return std::string(body(r).at("error").at("code").as_string());
    }
    static std::optional<std::string> header(const Response& r, const std::string& name) {
        for (const auto& [n, v] : r.headers)
            if (n == name) return v;
        return std::nullopt;
    }

    HeaderAuthenticator auth_;
    Metrics metrics_;
    Router router_;
    int calls_ = 0;
};

}  // namespace

TEST_F(RouterTest, WithoutASessionProtectedRoutesAnswer401) {
    Response r = call("GET", "/api/v1/things");
    EXPECT_EQ(r.status, 401);
    EXPECT_EQ(error_code(r), "unauthenticated");
    EXPECT_EQ(calls_, 0);
}

TEST_F(RouterTest, ARoleOutsideThePolicyGets403AndTheHandlerNeverRuns) {
    Response r = call("GET", "/api/v1/things/5", {{"x-test-role", "specialist"}});
    EXPECT_EQ(r.status, 403);
    EXPECT_EQ(error_code(r), "forbidden");
    EXPECT_EQ(calls_, 0);
    EXPECT_EQ(call("GET", "/api/v1/things/5", {{"x-test-role", "manager"}}).body, R"({"id":5})");
}

TEST_F(RouterTest, ARouteWithoutAPolicyIsNeverServed) {
    EXPECT_EQ(call("GET", "/api/v1/unguarded").status, 403);
    EXPECT_EQ(call("GET", "/api/v1/unguarded", {{"x-test-role", "owner"}}).status, 403);
    EXPECT_EQ(calls_, 0);
}

TEST_F(RouterTest, CookieWritesNeedTheCsrfToken) {
    EXPECT_EQ(call("POST", "/api/v1/things", {{"x-test-role", "owner"}}).status, 403);
    EXPECT_EQ(
        call("POST", "/api/v1/things", {{"x-test-role", "owner"}, {"x-csrf-token", "csrf-secreT"}})
            .status,
        403);
    EXPECT_EQ(calls_, 0);
    EXPECT_EQ(
        call("POST", "/api/v1/things", {{"x-test-role", "owner"}, {"x-csrf-token", "csrf-secret"}})
            .status,
        201);
}

TEST_F(RouterTest, BearerTokensAndSafeMethodsNeedNoCsrfToken) {
    EXPECT_EQ(
        call("POST", "/api/v1/things", {{"x-test-role", "owner"}, {"x-test-bearer", "1"}}).status,
        201);
    EXPECT_EQ(call("GET", "/api/v1/things", {{"x-test-role", "client"}}).status, 200);
}

TEST_F(RouterTest, PublicRoutesSkipCsrfAndStillSeeTheCaller) {
    EXPECT_EQ(call("POST", "/api/v1/open").body, R"({"caller":false})");
    EXPECT_EQ(call("POST", "/api/v1/open", {{"x-test-role", "owner"}}).body, R"({"caller":true})");
}

TEST_F(RouterTest, UnknownPathIs404AndWrongMethodIs405) {
    Response missing = call("GET", "/api/v1/nothing");
    EXPECT_EQ(missing.status, 404);
    EXPECT_EQ(error_code(missing), "not_found");
    Response wrong = call("DELETE", "/api/v1/things", {{"x-test-role", "owner"}});
    EXPECT_EQ(wrong.status, 405);
    EXPECT_EQ(calls_, 0);
}

TEST_F(RouterTest, NonNumericIdsAreNotFound) {
    for (const char* path : {"/api/v1/things/abc", "/api/v1/things/-1", "/api/v1/things/1e3",
                             "/api/v1/things/9999999999999999999"})
        EXPECT_EQ(call("GET", path, {{"x-test-role", "owner"}}).status, 404) << path;
}

TEST_F(RouterTest, HeadIsServedByTheGetRouteWithoutABody) {
    Response r = call("HEAD", "/api/v1/things", {{"x-test-role", "owner"}});
    EXPECT_EQ(r.status, 200);
    EXPECT_TRUE(r.body.empty());
}

TEST_F(RouterTest, WrongMethodNamesTheAllowedOnes) {
    Response r = call("DELETE", "/api/v1/things", {{"x-test-role", "owner"}});
    EXPECT_EQ(r.status, 405);
    EXPECT_EQ(header(r, "Allow"), "GET, HEAD, POST");
    EXPECT_EQ(header(call("PUT", "/api/v1/open"), "Allow"), "POST");
}

TEST_F(RouterTest, HeadStatesTheLengthAndHeadersOfTheGet) {
    Response get = call("GET", "/api/v1/things/5", {{"x-test-role", "owner"}});
    Response head = call("HEAD", "/api/v1/things/5", {{"x-test-role", "owner"}});
    EXPECT_EQ(head.status, 200);
    EXPECT_TRUE(head.body.empty());
    ASSERT_TRUE(head.head_length);
    EXPECT_EQ(*head.head_length, get.body.size());
    EXPECT_EQ(header(head, "ETag"), header(get, "ETag"));
    EXPECT_FALSE(get.head_length);
    Response missing = call("HEAD", "/api/v1/nothing");
    EXPECT_EQ(missing.status, 404);
    EXPECT_EQ(*missing.head_length, call("GET", "/api/v1/nothing").body.size());
}

TEST_F(RouterTest, ApiAnswersCarryAnEtagAndIfNoneMatchGives304) {
    Response r = call("GET", "/api/v1/things/5", {{"x-test-role", "owner"}});
    auto etag = header(r, "ETag");
    ASSERT_TRUE(etag);
    EXPECT_EQ(etag->rfind("W/\"", 0), 0u);
    EXPECT_NE(etag, header(call("GET", "/api/v1/things/6", {{"x-test-role", "owner"}}), "ETag"));
    for (std::string inm : {*etag, "\"other\", " + *etag, std::string("*")}) {
        Response again =
            call("GET", "/api/v1/things/5", {{"x-test-role", "owner"}, {"if-none-match", inm}});
        EXPECT_EQ(again.status, 304) << inm;
        EXPECT_TRUE(again.body.empty());
        EXPECT_EQ(header(again, "ETag"), etag);
        EXPECT_EQ(header(again, "Cache-Control"), "no-store");  // kept private
    }
    Response changed = call("GET", "/api/v1/things/5",
                            {{"x-test-role", "owner"}, {"if-none-match", "W/\"stale\""}});
    EXPECT_EQ(changed.status, 200);
    EXPECT_EQ(changed.body, R"({"id":5})");
    // Validators are about GET: errors and writes get none.
    EXPECT_FALSE(header(call("GET", "/api/v1/things"), "ETag"));
    EXPECT_FALSE(header(call("POST", "/api/v1/open"), "ETag"));
}

TEST_F(RouterTest, LastModifiedAnswersIfModifiedSince) {
    router_.set_fallback([](const Request&) -> std::optional<Response> {
        Response r;
        r.content_type = "text/html";
        r.body = "<html></html>";
        r.set_header("Last-Modified", "Sun, 06 Nov 1994 08:49:37 GMT");
        return r;
    });
    EXPECT_EQ(call("GET", "/page", {{"if-modified-since", "Sun, 06 Nov 1994 08:49:37 GMT"}}).status,
              304);
    EXPECT_EQ(call("GET", "/page", {{"if-modified-since", "Mon, 07 Nov 1994 08:49:37 GMT"}}).status,
              304);
    EXPECT_EQ(call("GET", "/page", {{"if-modified-since", "Sat, 05 Nov 1994 08:49:37 GMT"}}).status,
              200);
    EXPECT_EQ(call("GET", "/page", {{"if-modified-since", "garbage"}}).status, 200);
    EXPECT_FALSE(header(call("GET", "/page"), "ETag"));  // only API answers get a computed one
}

TEST_F(RouterTest, RateLimitedAnswersSayWhenToRetry) {
    Response r = call("GET", "/api/v1/fail/limited");
    EXPECT_EQ(r.status, 429);
    EXPECT_EQ(header(r, "Retry-After"), "60");
    Response told = call("GET", "/api/v1/fail/limited-900");
    EXPECT_EQ(told.status, 429);
    EXPECT_EQ(header(told, "Retry-After"), "900");
    EXPECT_FALSE(header(call("GET", "/api/v1/fail/conflict"), "Retry-After"));
}

TEST_F(RouterTest, PrecheckRefusesBeforeTheBodyWithoutRunningHandlers) {
    auto pre = [this](const std::string& method, const std::string& path,
                      std::map<std::string, std::string> headers = {}) {
        Request r;
        r.method = method;
        r.target = path;
        r.path = path;
        r.headers = std::move(headers);
        r.request_id = "req-2";
        r.received_at = std::chrono::steady_clock::now();
        return router_.precheck(r);
    };
    auto anonymous = pre("POST", "/api/v1/things");
    ASSERT_TRUE(anonymous);
    EXPECT_EQ(anonymous->status, 401);
    EXPECT_EQ(header(*anonymous, "X-Request-Id"), "req-2");
    EXPECT_EQ(pre("POST", "/api/v1/things", {{"x-test-role", "manager"}})->status, 403);
    EXPECT_EQ(pre("POST", "/api/v1/things", {{"x-test-role", "owner"}})->status, 403);  // CSRF
    EXPECT_EQ(pre("POST", "/api/v1/nothing")->status, 404);
    EXPECT_EQ(pre("PATCH", "/api/v1/things")->status, 405);
    EXPECT_FALSE(pre("POST", "/api/v1/things", {{"x-test-role", "owner"}, {"x-test-bearer", "1"}}));
    EXPECT_FALSE(pre("POST", "/api/v1/open"));
    EXPECT_EQ(calls_, 0);
}

TEST_F(RouterTest, DomainErrorsMapToTheApiTable) {
    Response invalid = call("GET", "/api/v1/fail/invalid");
    EXPECT_EQ(invalid.status, 400);
    EXPECT_EQ(error_code(invalid), "validation_failed");
    EXPECT_EQ(body(invalid).at("error").at("fields").at("inn").as_string(),
              "must be 10 or 12 digits");
    EXPECT_EQ(call("GET", "/api/v1/fail/not-found").status, 404);
    EXPECT_EQ(error_code(call("GET", "/api/v1/fail/conflict")), "conflict");
    EXPECT_EQ(call("GET", "/api/v1/fail/conflict").status, 409);
    EXPECT_EQ(call("GET", "/api/v1/fail/limited").status, 429);
    EXPECT_EQ(error_code(call("GET", "/api/v1/fail/limited")), "rate_limited");
}

TEST_F(RouterTest, UnexpectedExceptionsAre500WithoutInternals) {
    Response r = call("GET", "/api/v1/fail/bug");
    EXPECT_EQ(r.status, 500);
    EXPECT_EQ(error_code(r), "internal");
    EXPECT_EQ(r.body.find("hunter2"), std::string::npos);
    EXPECT_NE(r.body.find("req-1"), std::string::npos);  // the request id to quote
}

TEST_F(RouterTest, EveryResponseCarriesSecurityHeadersAndTheRequestId) {
    for (const Response& r : {call("GET", "/api/v1/things", {{"x-test-role", "owner"}}),
                              call("GET", "/api/v1/things"), call("GET", "/api/v1/nothing")}) {
        EXPECT_EQ(header(r, "X-Request-Id"), "req-1");
        EXPECT_EQ(header(r, "X-Content-Type-Options"), "nosniff");
        EXPECT_EQ(header(r, "Cache-Control"), "no-store");
        EXPECT_NE(header(r, "Content-Security-Policy").value_or("").find("frame-ancestors 'none'"),
                  std::string::npos);
    }
}

TEST(Policy, AllowsByMode) {
    EXPECT_TRUE(Policy::open().allows("anyone"));
    EXPECT_TRUE(Policy::signed_in().allows("client"));
    EXPECT_TRUE(Policy::roles_of({"owner", "head"}).allows("head"));
    EXPECT_FALSE(Policy::roles_of({"owner", "head"}).allows("manager"));
    EXPECT_FALSE(Policy{}.allows("owner"));
}

TEST(Query, DecodesPercentAndPlus) {
    auto q = parse_query(
        "q=%D0%A0%D0%BE%D0%BC%D0%B0%D1%88%D0%BA%D0%B0+%D0%9E%D0%9E%D0%9E&limit=10"
        "&empty=&flag&limit=20");
    EXPECT_EQ(q.at("q"), "Ромашка ООО");
    EXPECT_EQ(q.at("limit"), "20");  // the last repeated value wins
    EXPECT_EQ(q.at("empty"), "");
    EXPECT_EQ(q.at("flag"), "");
}

TEST(Query, MalformedEscapesAreABadRequest) {
    for (const char* bad : {"q=%", "q=%4", "q=%zz", "%G1=x"}) {
        try {
            parse_query(bad);
            ADD_FAILURE() << bad;
        } catch (const Error& e) {
            EXPECT_EQ(e.kind(), ErrorKind::kBadRequest) << bad;
        }
    }
    EXPECT_EQ(percent_decode("a+b%2B", false), "a+b+");
    EXPECT_EQ(percent_decode("a+b%2B", true), "a b+");
}

}  // namespace retainer::http
