#include "core/json_input.hpp"

#include <gtest/gtest.h>

#include "core/error.hpp"

namespace retainer::json_input {
namespace {

/// The ErrorKind and message parse_object throws, or nullopt when it accepts the body.
std::optional<std::pair<ErrorKind, std::string>> refusal(std::string_view body) {
    try {
        parse_object(body);
        return std::nullopt;
    } catch (const Error& e) {
        return std::make_pair(e.kind(), std::string(e.what()));
    }
}

}  // namespace

TEST(JsonInput, ParsesAnObject) {
    auto o = parse_object(R"({"name":"ООО Ромашка","fee_kopecks":150050,"tags":["seo"]})");
    EXPECT_EQ(o.at("name").as_string(), "ООО Ромашка");
    EXPECT_EQ(o.at("fee_kopecks").as_int64(), 150050);
    EXPECT_EQ(o.at("tags").as_array().size(), 1u);
    EXPECT_TRUE(parse_object("{}").empty());
    EXPECT_TRUE(parse_object(" \n{ } \n").empty());
}

TEST(JsonInput, RefusesABodyThatIsNotAnObject) {
    for (const char* body : {"[]", "[{\"a\":1}]", "42", "\"text\"", "null", "true"}) {
        auto r = refusal(body);
        ASSERT_TRUE(r) << body;
        EXPECT_EQ(r->first, ErrorKind::kBadRequest);
        EXPECT_EQ(r->second, "the body must be a JSON object") << body;
    }
}

TEST(JsonInput, RefusesMalformedJsonAsBadRequest) {
    for (const char* body : {"", "{", "{\"a\":}", "{'a':1}", "{\"a\":1,}", "{\"a\":1} {}",
                             "{\"a\":01}", "{\"a\":NaN}", "{\"a\":\"\\x\"}"}) {
        auto r = refusal(body);
        ASSERT_TRUE(r) << body;
        EXPECT_EQ(r->first, ErrorKind::kBadRequest) << body;
        EXPECT_EQ(r->second.rfind("malformed JSON", 0), 0u) << body << ": " << r->second;
    }
}

TEST(JsonInput, RefusesInvalidUtf8BeforeParsing) {
    auto r = refusal("{\"name\":\"\xD0\"}");
    ASSERT_TRUE(r);
    EXPECT_EQ(r->first, ErrorKind::kBadRequest);
    EXPECT_EQ(r->second, "body is not valid UTF-8");
    using namespace std::string_literals;
    EXPECT_TRUE(refusal("{\"a\":1}\0"s));
}

// Found by fuzz/json_input: a \u0000 escape put NUL into text that handlers pass on to SQL (libpq
// cuts a parameter at NUL, PostgreSQL text cannot hold it).
TEST(JsonInput, RefusesNulInStringsAndKeys) {
    for (const char* body : {R"({"name":"a\u0000b"})", R"({"a\u0000":1})",
                             R"({"tags":["ok","\u0000"]})", R"({"a":{"b":[{"c":"\u0000"}]}})"}) {
        auto r = refusal(body);
        ASSERT_TRUE(r) << body;
        EXPECT_EQ(r->first, ErrorKind::kBadRequest) << body;
        EXPECT_EQ(r->second, "text must not contain NUL (\\u0000)") << body;
    }
    EXPECT_FALSE(refusal(R"({"note":"a\tb\n\u0001 \ud83d\ude00"})"));
}

// Found by fuzz/json_input: 1e400 was read as infinity and written back as `Infinity`, which is
// not JSON (a stored JSON field or brief answer would no longer read back).
TEST(JsonInput, RefusesNumbersBeyondTheRangeOfDouble) {
    for (const char* body : {R"({"a":1e400})", R"({"a":-1e400})", R"({"a":[{"b":1E999}]})"}) {
        auto r = refusal(body);
        ASSERT_TRUE(r) << body;
        EXPECT_EQ(r->first, ErrorKind::kBadRequest) << body;
        EXPECT_EQ(r->second, "a number is out of range") << body;
    }
    EXPECT_FALSE(refusal(R"({"a":1.7976931348623157e308,"b":1e-400})"));
}

TEST(JsonInput, RefusesDeepNestingInsteadOfExhaustingTheStack) {
    std::string deep = "{\"a\":" + std::string(40, '[') + std::string(40, ']') + "}";
    auto r = refusal(deep);
    ASSERT_TRUE(r);
    EXPECT_EQ(r->first, ErrorKind::kBadRequest);
    std::string shallow = "{\"a\":" + std::string(20, '[') + std::string(20, ']') + "}";
    EXPECT_FALSE(refusal(shallow));
}

TEST(JsonInput, KeepsLargeNumbersDistinguishableFromInt64) {
    // Field validation tells "too large" from "not an integer" by the parsed kind.
    auto o = parse_object(R"({"big":18446744073709551615,"max":9223372036854775807,"x":1.5})");
    EXPECT_TRUE(o.at("big").is_uint64());
    EXPECT_TRUE(o.at("max").is_int64());
    EXPECT_TRUE(o.at("x").is_double());
}

TEST(JsonInput, SerialisesEscapingControlCharacters) {
    boost::json::object o{{"note", "line\nbreak \"quoted\" \x01"}};
    EXPECT_EQ(to_string(o), R"({"note":"line\nbreak \"quoted\" \u0001"})");
}

}  // namespace retainer::json_input
