#include "platform/http/validators.hpp"

#include <gtest/gtest.h>

#include "platform/http/server.hpp"

namespace retainer::http {

TEST(WeakEtag, IsStableWeakAndChangesWithTheBody) {
    std::string a = weak_etag(R"({"id":1,"name":"Ромашка"})");
    EXPECT_EQ(a, weak_etag(R"({"id":1,"name":"Ромашка"})"));
    EXPECT_NE(a, weak_etag(R"({"id":1,"name":"Ромашкa"})"));
    EXPECT_EQ(a.rfind("W/\"", 0), 0u);
    EXPECT_EQ(a.back(), '"');
    EXPECT_EQ(a.size(), 3u + 16u + 1u);
    EXPECT_NE(weak_etag(""), weak_etag(std::string(1, '\0')));
}

TEST(EtagMatches, ComparesWeaklyInAListOrStar) {
    EXPECT_TRUE(etag_matches("W/\"abc\"", "W/\"abc\""));
    EXPECT_TRUE(etag_matches("\"abc\"", "W/\"abc\""));  // weak comparison ignores W/
    EXPECT_TRUE(etag_matches("\"x\", W/\"abc\" ,\"y\"", "W/\"abc\""));
    EXPECT_TRUE(etag_matches(" * ", "W/\"abc\""));
    EXPECT_FALSE(etag_matches("W/\"abd\"", "W/\"abc\""));
    EXPECT_FALSE(etag_matches("abc", "W/\"abc\""));  // unquoted is no tag
    EXPECT_FALSE(etag_matches("", "W/\"abc\""));
    EXPECT_FALSE(etag_matches("*", ""));  // nothing to match
}

TEST(HttpDate, FormatsAndParsesImfFixdate) {
    EXPECT_EQ(http_date(784111777), "Sun, 06 Nov 1994 08:49:37 GMT");
    EXPECT_EQ(parse_http_date("Sun, 06 Nov 1994 08:49:37 GMT"), 784111777);
    EXPECT_EQ(parse_http_date(http_date(1795512600)), 1795512600);
    for (const char* bad :
         {"", "yesterday", "Sunday, 06-Nov-94 08:49:37 GMT", "Sun Nov  6 08:49:37 1994",
          "Sun, 06 Nov 1994 08:49:37 UTC", "Sun, 06 Xyz 1994 08:49:37 GMT",
          "Sun, 36 Nov 1994 08:49:37 GMT", "Sun, 06 Nov 1994 25:49:37 GMT"})
        EXPECT_FALSE(parse_http_date(bad)) << bad;
}

TEST(AddressBlock, ParsesAddressesAndNetworks) {
    auto one = parse_address_block("127.0.0.1");
    ASSERT_TRUE(one);
    EXPECT_TRUE(one->v4);
    EXPECT_EQ(one->prefix_bits, 32);
    auto net = parse_address_block("10.0.0.0/8");
    ASSERT_TRUE(net);
    EXPECT_EQ(net->prefix_bits, 8);
    EXPECT_EQ(net->bytes[0], 10);
    auto v6 = parse_address_block("2001:db8::/32");
    ASSERT_TRUE(v6);
    EXPECT_FALSE(v6->v4);
    EXPECT_EQ(v6->prefix_bits, 32);
    auto mapped = parse_address_block("::ffff:192.168.1.5");
    ASSERT_TRUE(mapped);
    EXPECT_TRUE(mapped->v4);  // an IPv4 peer of a dual-stack socket matches it
    for (const char* bad : {"", "localhost", "10.0.0.0/33", "::1/129", "10.0.0.0/", "10.0.0.0/x",
                            "10.0.0.0/8/8", "300.1.1.1"})
        EXPECT_FALSE(parse_address_block(bad)) << bad;
}

}  // namespace retainer::http
