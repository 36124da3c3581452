#include "core/text.hpp"

#include <gtest/gtest.h>

namespace retainer::text {

TEST(Text, FoldLowersCyrillicAndLatin) {
    EXPECT_EQ(fold("ООО Ромашка"), "ооо ромашка");
    EXPECT_EQ(fold("ИП ПЕТРОВ"), "ип петров");
    EXPECT_EQ(fold("ACME Ltd"), "acme ltd");
    EXPECT_EQ(fold("Яндекс.Директ"), "яндекс.директ");
    EXPECT_EQ(fold("SEO — Ромашка"), "seo — ромашка");
}

TEST(Text, FoldTreatsYoAsYe) {
    // Russian text is written with and without ё: "Королёв" must be found by "королев" and back.
    EXPECT_EQ(fold("Королёв"), "королев");
    EXPECT_EQ(fold("ЁЛКА"), "елка");
    EXPECT_EQ(fold("Ёлка"), fold("елка"));
}

TEST(Text, FoldUsesFullUnicodeCaseFolding) {
    EXPECT_EQ(fold("Straße"), "strasse");
    EXPECT_EQ(fold("ΣΟΦΙΑ"), fold("σοφια"));
}

TEST(Text, FoldLeavesDigitsPunctuationAndEmptyAlone) {
    EXPECT_EQ(fold(""), "");
    EXPECT_EQ(fold("7707083893 +7 (495) 500-55-50 100%_"), "7707083893 +7 (495) 500-55-50 100%_");
}

TEST(Text, ValidUtf8AcceptsWellFormedText) {
    EXPECT_TRUE(valid_utf8(""));
    EXPECT_TRUE(valid_utf8("plain ascii"));
    EXPECT_TRUE(valid_utf8("ООО «Ромашка» — 1 500 ₽"));
    EXPECT_TRUE(valid_utf8("\xF0\x9F\x98\x80"));  // 😀, four bytes
    EXPECT_TRUE(valid_utf8("я"));                 // a two-byte sequence that ends the string
}

TEST(Text, ValidUtf8RefusesMalformedText) {
    using namespace std::string_literals;
    EXPECT_FALSE(valid_utf8("\xD0"));              // truncated two-byte sequence
    EXPECT_FALSE(valid_utf8("ab\xE2\x82"));        // truncated three-byte sequence
    EXPECT_FALSE(valid_utf8("\xC0\xAF"));          // overlong '/'
    EXPECT_FALSE(valid_utf8("\xE0\x80\xAF"));      // overlong '/', three bytes
    EXPECT_FALSE(valid_utf8("\xED\xA0\x80"));      // UTF-16 surrogate
    EXPECT_FALSE(valid_utf8("\xF4\x90\x80\x80"));  // beyond U+10FFFF
    EXPECT_FALSE(valid_utf8("\xFF"));              // never valid
    EXPECT_FALSE(valid_utf8("\x80"));              // lone continuation byte
    EXPECT_FALSE(valid_utf8("\xD0\x41"));          // continuation byte missing
    EXPECT_FALSE(valid_utf8("a\0b"s));             // NUL would truncate C strings
}

TEST(Text, LengthCountsCodePointsNotBytes) {
    EXPECT_EQ(length(""), 0u);
    EXPECT_EQ(length("abc"), 3u);
    EXPECT_EQ(length("Ромашка"), 7u);
    EXPECT_EQ(length("₽"), 1u);
    EXPECT_EQ(length("\xF0\x9F\x98\x80!"), 2u);
}

TEST(Text, TrimRemovesAsciiWhitespaceAtBothEnds) {
    EXPECT_EQ(trim("  Ромашка \t\r\n"), "Ромашка");
    EXPECT_EQ(trim("a b"), "a b");
    EXPECT_EQ(trim(" \t "), "");
    EXPECT_EQ(trim(""), "");
}

}  // namespace retainer::text
