#include "core/i18n.hpp"

#include <gtest/gtest.h>

namespace retainer::i18n {
namespace {

TEST(I18n, AcceptLanguagePicksTheFirstSupportedTag) {
    EXPECT_EQ(from_accept_language("ru-RU,ru;q=0.9,en-US;q=0.8"), Lang::kRu);
    EXPECT_EQ(from_accept_language("en-GB, ru;q=0.5"), Lang::kEn);
    EXPECT_EQ(from_accept_language("de-DE,de;q=0.9,RU;q=0.3"), Lang::kRu);
    EXPECT_EQ(from_accept_language("fr, de"), std::nullopt);
    EXPECT_EQ(from_accept_language(""), std::nullopt);
}

TEST(I18n, CatalogNamesItsOwnMistakes) {
    Catalog c({{"a {}", "а"}, {"b", "б"}, {"b", "бэ"}, {"c", ""}});
    auto p = c.problems();
    ASSERT_EQ(p.size(), 3u);
    EXPECT_EQ(p[0], "placeholders differ: a {}");
    EXPECT_EQ(p[1], "repeated: b");
    EXPECT_EQ(p[2], "no Russian: c");
}

TEST(I18n, PatternsNeedTheirLiteralsAtTheRightPlaces) {
    Catalog c({{"must be at most {} characters", "не длиннее {} символов"},
               {"{} is never closed", "{} не закрыт"}});
    EXPECT_EQ(c.translate("must be at most 5 characters", Lang::kRu), "не длиннее 5 символов");
    EXPECT_EQ(c.translate("must be at most 5 characters!", Lang::kRu), std::nullopt);
    EXPECT_EQ(c.translate("it must be at most 5 characters", Lang::kRu), std::nullopt);
    EXPECT_EQ(c.translate("{{#a}} is never closed", Lang::kRu), "{{#a}} не закрыт");
}

}  // namespace
}  // namespace retainer::i18n
