#include "core/json_writer.hpp"

#include <gtest/gtest.h>

#include <boost/json.hpp>

namespace retainer::json {

TEST(JsonWriter, NestsObjectsAndArraysWithCommasInTheRightPlaces) {
    std::string out;
    Writer w(out);
    w.begin_object().member("a", std::int64_t{1}).key("b").begin_array();
    w.value(std::int64_t{2}).begin_object().member("c", "x").end_object().value(true).end_array();
    w.member("d", std::optional<std::int64_t>{}).key("e").begin_array().end_array().end_object();
    EXPECT_EQ(out, R"({"a":1,"b":[2,{"c":"x"},true],"d":null,"e":[]})");
}

TEST(JsonWriter, EscapesQuotesControlCharactersAndScriptEndKeepingCyrillic) {
    std::string out;
    Writer w(out);
    w.value(std::string_view("ООО \"Ромашка\"\\\n\t\x01</script>"));
    EXPECT_EQ(out, "\"ООО \\\"Ромашка\\\"\\\\\\n\\t\\u0001\\u003c/script>\"");
    auto parsed = boost::json::parse(out);
    EXPECT_EQ(parsed.as_string(), "ООО \"Ромашка\"\\\n\t\x01</script>");
}

TEST(JsonWriter, DoublesAreRoundedAndTrimmedAndNonFiniteIsNull) {
    std::string out;
    Writer w(out);
    w.begin_array()
        .value(0.83333333)
        .value(12.5)
        .value(3.0)
        .value(-0.00001)
        .value(1.0 / 0.0)
        .end_array();
    EXPECT_EQ(out, "[0.8333,12.5,3,0,null]");
}

TEST(JsonWriter, IntegersCoverTheInt64Range) {
    std::string out;
    Writer w(out);
    w.begin_array().value(INT64_MIN).value(INT64_MAX).value(0).end_array();
    EXPECT_EQ(out, "[-9223372036854775808,9223372036854775807,0]");
}

}  // namespace retainer::json
