#include "platform/records/schema.hpp"

#include <gtest/gtest.h>

#include <limits>

namespace retainer::records {

// Found by fuzz/json_input: converting a double beyond int64 to an integer is undefined behaviour
// (clang's UBSan reports it; on x86 it happened to give INT64_MIN), so the range is checked first.
TEST(Coerce, RefusesWholeDoublesBeyondInt64WithoutConvertingThem) {
    const double inf = std::numeric_limits<double>::infinity();
    for (double d : {1e19, -1e19, -9.3e21, 1e300, inf, -inf}) {
        boost::json::value n = d;
        EXPECT_EQ(coerce(integer("position"), n), "must be a whole number") << d;
        boost::json::value m = d;
        EXPECT_EQ(coerce(money_field("fee_kopecks"), m), "must be a whole number of kopecks") << d;
        boost::json::value r = d;
        EXPECT_EQ(coerce(ref("client_id", "clients"), r), "must be a whole number") << d;
    }
}

TEST(Coerce, TakesWholeDoublesAsIntegersAndRefusesFractions) {
    boost::json::value whole = 150050.0;
    EXPECT_FALSE(coerce(money_field("fee_kopecks"), whole));
    EXPECT_TRUE(whole.is_int64());
    EXPECT_EQ(whole.as_int64(), 150050);
    boost::json::value id = 42.0;
    EXPECT_FALSE(coerce(ref("client_id", "clients"), id));
    EXPECT_EQ(id.as_int64(), 42);
    boost::json::value half = 0.5;
    EXPECT_EQ(coerce(money_field("fee_kopecks"), half), "must be a whole number of kopecks");
    boost::json::value large = 9e18;  // the largest accepted magnitude, then the field's range
    EXPECT_EQ(coerce(integer("position"), large), "must be between -2147483648 and 2147483647");
}

}  // namespace retainer::records
