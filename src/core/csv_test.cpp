#include "core/csv.hpp"

#include <gtest/gtest.h>

namespace retainer::csv {

TEST(Csv, DetectsSemicolonsOfRussianExcelAndStripsBom) {
    std::string err;
    auto p = parse("\xEF\xBB\xBFstarted_at;direction\r\n2026-11-02T10:00:00Z;in\r\n", err);
    ASSERT_TRUE(p);
    EXPECT_EQ(p->separator, ';');
    ASSERT_EQ(p->rows.size(), 2u);
    EXPECT_EQ(p->rows[0][0], "started_at");
    EXPECT_EQ(p->rows[1][1], "in");
}

TEST(Csv, QuotedFieldsKeepSeparatorsQuotesAndNewlines) {
    std::string err;
    auto p = parse("a,b\n\"x, y\",\"he said \"\"hi\"\"\nnext line\"\n", err);
    ASSERT_TRUE(p);
    ASSERT_EQ(p->rows.size(), 2u);
    EXPECT_EQ(p->rows[1][0], "x, y");
    EXPECT_EQ(p->rows[1][1], "he said \"hi\"\nnext line");
}

TEST(Csv, DropsBlankLinesKeepsEmptyFieldsAndLastLineWithoutNewline) {
    std::string err;
    auto p = parse("a,b,c\n\n1,,3\n  \n4,5,", err);
    ASSERT_TRUE(p);
    ASSERT_EQ(p->rows.size(), 3u);
    EXPECT_EQ(p->rows[1], (Row{"1", "", "3"}));
    EXPECT_EQ(p->rows[2], (Row{"4", "5", ""}));
}

TEST(Csv, UnterminatedQuoteIsAnErrorNamingTheLine) {
    std::string err;
    EXPECT_FALSE(parse("a,b\n1,\"open\n2,3\n", err));
    EXPECT_NE(err.find("line 2"), std::string::npos);
}

}  // namespace retainer::csv
