#include "modules/dashboard/dashboard.hpp"

#include <gtest/gtest.h>
#include <zlib.h>

namespace retainer::dashboard {

TEST(PayloadCache, ServesOnlyAtTheGenerationItWasBuiltAt) {
    PayloadCache cache;
    auto p = std::make_shared<const Payload>("{\"a\":1}");
    cache.store("owner|*|2026-11|2026-11-24", 7, p);
    EXPECT_EQ(cache.find("owner|*|2026-11|2026-11-24", 7), p);
    EXPECT_EQ(cache.find("owner|*|2026-11|2026-11-24", 8), nullptr);  // data changed since
    EXPECT_EQ(cache.find("owner|*|2026-11|2026-11-25", 7), nullptr);  // another day
    EXPECT_EQ(cache.find("head|3|2|0|2026-11|2026-11-24", 7), nullptr);
}

TEST(PayloadCache, ANewerGenerationDropsOlderEntriesAndSizeIsBounded) {
    PayloadCache cache;
    cache.store("a", 1, std::make_shared<const Payload>("1"));
    cache.store("b", 2, std::make_shared<const Payload>("2"));
    EXPECT_EQ(cache.find("a", 1), nullptr);
    EXPECT_NE(cache.find("b", 2), nullptr);
    for (int i = 0; i < 100; ++i)
        cache.store("k" + std::to_string(i), 2, std::make_shared<const Payload>("x"));
    EXPECT_NE(cache.find("k99", 2), nullptr);
    EXPECT_EQ(cache.find("k0", 2), nullptr);  // least recently used went first
}

TEST(Payload, GzipIsMadeOnceAndInflatesToTheBody) {
    std::string body(5000, 'x');
    Payload p(body);
    const std::string* gz = p.gzipped();
    ASSERT_NE(gz, nullptr);
    EXPECT_EQ(p.gzipped(), gz);
    EXPECT_LT(gz->size(), body.size() / 10);
    std::string out(body.size(), '\0');
    z_stream zs{};
    ASSERT_EQ(inflateInit2(&zs, 15 + 16), Z_OK);
    zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(gz->data()));
    zs.avail_in = static_cast<uInt>(gz->size());
    zs.next_out = reinterpret_cast<Bytef*>(out.data());
    zs.avail_out = static_cast<uInt>(out.size());
    EXPECT_EQ(inflate(&zs, Z_FINISH), Z_STREAM_END);
    inflateEnd(&zs);
    EXPECT_EQ(out, body);
}

}  // namespace retainer::dashboard
