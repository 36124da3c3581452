#include "core/amount_in_words.hpp"

#include <gtest/gtest.h>

namespace retainer::money {
namespace {

std::string ru(Kopecks k) { return in_words(k, i18n::Lang::kRu); }
std::string en(Kopecks k) { return in_words(k, i18n::Lang::kEn); }

TEST(AmountInWords, RussianNumeralsAgreeWithRublesAndKopecks) {
    EXPECT_EQ(ru(0), "Ноль рублей 00 копеек");
    EXPECT_EQ(ru(100), "Один рубль 00 копеек");
    EXPECT_EQ(ru(201), "Два рубля 01 копейка");
    EXPECT_EQ(ru(502), "Пять рублей 02 копейки");
    EXPECT_EQ(ru(1105), "Одиннадцать рублей 05 копеек");
    EXPECT_EQ(ru(2111), "Двадцать один рубль 11 копеек");
    EXPECT_EQ(ru(11421), "Сто четырнадцать рублей 21 копейка");
}

TEST(AmountInWords, ThousandsAreFeminine) {
    EXPECT_EQ(ru(100000), "Одна тысяча рублей 00 копеек");
    EXPECT_EQ(ru(200000), "Две тысячи рублей 00 копеек");
    EXPECT_EQ(ru(2100000), "Двадцать одна тысяча рублей 00 копеек");
    EXPECT_EQ(ru(3'263'5000), "Триста двадцать шесть тысяч триста пятьдесят рублей 00 копеек");
    EXPECT_EQ(ru(1'200'000'00), "Один миллион двести тысяч рублей 00 копеек");
    EXPECT_EQ(ru(2'000'002'00), "Два миллиона два рубля 00 копеек");
    EXPECT_EQ(ru(5'000'000'000'00), "Пять миллиардов рублей 00 копеек");
}

TEST(AmountInWords, EnglishAndNegative) {
    EXPECT_EQ(en(3'263'5000),
              "Three hundred twenty-six thousand three hundred fifty roubles 00 kopecks");
    EXPECT_EQ(en(101), "One rouble 01 kopeck");
    EXPECT_EQ(en(0), "Zero roubles 00 kopecks");
    EXPECT_EQ(ru(-150), "Минус один рубль 50 копеек");
}

}  // namespace
}  // namespace retainer::money
