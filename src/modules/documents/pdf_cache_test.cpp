#include "modules/documents/pdf_cache.hpp"

#include <gtest/gtest.h>

namespace retainer::documents {
namespace {

struct FakeRenderer {
    int calls = 0;
    pdf::Result next;
    pdf::Result operator()(const std::string&) {
        ++calls;
        return next;
    }
};

class PdfCacheTest : public ::testing::Test {
  protected:
    FakeRenderer fake;
    std::chrono::steady_clock::time_point now{std::chrono::hours(1)};
    PdfCache cache{[this](const std::string& h) { return fake(h); }, [this] { return now; }, 1024,
                   std::chrono::minutes(5)};
};

TEST_F(PdfCacheTest, ADocumentIsRenderedOncePerVersion) {
    fake.next.pdf = "%PDF-1";
    EXPECT_EQ(cache.render(7, "d1", "<p>1</p>").pdf, "%PDF-1");
    EXPECT_EQ(cache.cached(7, "d1"), "%PDF-1");
    EXPECT_FALSE(cache.cached(7, "d2"));  // the document changed
    EXPECT_FALSE(cache.cached(8, "d1"));
    EXPECT_EQ(fake.calls, 1);
}

TEST_F(PdfCacheTest, AFailedRenderIsNotTriedAgainForAWhile) {
    fake.next.error = "the PDF renderer took longer than 10000 ms";
    auto first = cache.render(7, "slow", "<p>slow</p>");
    EXPECT_EQ(first.kind, PdfCache::Outcome::Kind::kFailed);
    EXPECT_EQ(first.retry_after, 300);
    now += std::chrono::minutes(1);
    auto again = cache.render(7, "slow", "<p>slow</p>");
    EXPECT_EQ(again.kind, PdfCache::Outcome::Kind::kFailed);
    EXPECT_EQ(again.retry_after, 240);
    EXPECT_EQ(fake.calls, 1);
    now += std::chrono::minutes(5);
    fake.next = {};
    fake.next.pdf = "%PDF-ok";
    EXPECT_EQ(cache.render(7, "slow", "<p>slow</p>").kind, PdfCache::Outcome::Kind::kPdf);
    EXPECT_EQ(fake.calls, 2);
}

TEST_F(PdfCacheTest, BusyIsAnsweredAtOnceAndNotRemembered) {
    fake.next.busy = true;
    fake.next.error = "the PDF renderer is busy";
    auto busy = cache.render(7, "d", "<p/>");
    EXPECT_EQ(busy.kind, PdfCache::Outcome::Kind::kBusy);
    EXPECT_GT(busy.retry_after, 0);
    fake.next = {};
    fake.next.pdf = "%PDF";
    EXPECT_EQ(cache.render(7, "d", "<p/>").kind, PdfCache::Outcome::Kind::kPdf);
    EXPECT_EQ(fake.calls, 2);
}

TEST_F(PdfCacheTest, TheCacheStaysWithinItsBudget) {
    fake.next.pdf = std::string(600, 'x');
    cache.render(1, "a", "a");
    cache.render(2, "b", "b");  // 1,200 bytes would pass the 1,024 budget: the first goes
    EXPECT_FALSE(cache.cached(1, "a"));
    EXPECT_TRUE(cache.cached(2, "b"));
}

}  // namespace
}  // namespace retainer::documents
