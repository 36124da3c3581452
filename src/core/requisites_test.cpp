#include "core/requisites.hpp"

#include <gtest/gtest.h>

namespace retainer::requisites {

// Real registered companies: ПАО Сбербанк (ИНН 7707083893, КПП 773601001, ОГРН 1027700132195,
// БИК 044525225, к/с 30101810400000000225) and ООО «Яндекс» (ИНН 7736207543).

TEST(Requisites, AcceptsRealTenDigitInnOfOrganisations) {
    EXPECT_EQ(inn_problem("7707083893"), std::nullopt);
    EXPECT_EQ(inn_problem("7736207543"), std::nullopt);
}

TEST(Requisites, RefusesTenDigitInnWithAWrongCheckDigit) {
    EXPECT_EQ(inn_problem("7707083894").value(), "check digit does not match");
    EXPECT_EQ(inn_problem("1234567890").value(), "check digit does not match");
    // A swapped pair of digits changes the weighted sum.
    EXPECT_TRUE(inn_problem("7770083893").has_value());
}

TEST(Requisites, AcceptsTwelveDigitInnOfIndividualsOnlyWithBothCheckDigits) {
    EXPECT_EQ(inn_problem("500100732259"), std::nullopt);
    EXPECT_EQ(inn_problem("500100732258").value(), "check digits do not match");  // 12th wrong
    EXPECT_EQ(inn_problem("500100732269").value(), "check digits do not match");  // 11th wrong
}

TEST(Requisites, InnMustBeTenOrTwelveDigits) {
    for (const char* bad : {"", "770708389", "77070838931", "7707O83893", "770708389 3",
                            "+707083893", "5001007322590"})
        EXPECT_EQ(inn_problem(bad).value_or("valid"), "must be 10 or 12 digits") << bad;
}

TEST(Requisites, CompletedInnBodiesAreValid) {
    EXPECT_EQ(complete_inn("770708389"), "7707083893");
    EXPECT_EQ(complete_inn("50010073225"), "500100732259");
    for (const char* body : {"123456789", "500000000", "98765432109", "77001234567"})
        EXPECT_EQ(inn_problem(complete_inn(body)), std::nullopt) << body;
}

TEST(Requisites, KppIsFourDigitsTwoDigitsOrCapitalLettersThreeDigits) {
    EXPECT_EQ(kpp_problem("773601001"), std::nullopt);
    EXPECT_EQ(kpp_problem("7736AB001"), std::nullopt);
    EXPECT_EQ(kpp_problem("77360100").value(), "must be 9 characters");
    EXPECT_EQ(kpp_problem("7736010011").value(), "must be 9 characters");
    for (const char* bad : {"7736ab001", "773A01001", "77360100X", "7736-1001"})
        EXPECT_TRUE(kpp_problem(bad).has_value()) << bad;
}

TEST(Requisites, OgrnAndOgrnipCheckDigits) {
    EXPECT_EQ(ogrn_problem("1027700132195"), std::nullopt);    // ОГРН, mod 11
    EXPECT_EQ(ogrn_problem("304500116000157"), std::nullopt);  // ОГРНИП, mod 13
    EXPECT_EQ(ogrn_problem("1027700132196").value(), "check digit does not match");
    EXPECT_EQ(ogrn_problem("304500116000158").value(), "check digit does not match");
    EXPECT_EQ(ogrn_problem("10277001321951").value(), "must be 13 (ОГРН) or 15 (ОГРНИП) digits");
    EXPECT_TRUE(ogrn_problem("102770013219A").has_value());
}

TEST(Requisites, OgrnRemainderTenGivesCheckDigitZero) {
    // 100000000000 mod 11 = 10 → the check digit is 0, not "10".
    EXPECT_EQ(ogrn_problem("1000000000000"), std::nullopt);
    EXPECT_TRUE(ogrn_problem("1000000000001").has_value());
}

TEST(Requisites, BikIsNineDigits) {
    EXPECT_EQ(bik_problem("044525225"), std::nullopt);
    EXPECT_TRUE(bik_problem("04452522").has_value());
    EXPECT_TRUE(bik_problem("04452522X").has_value());
}

TEST(Requisites, CorrespondentAccountKeyMatchesTheBik) {
    EXPECT_EQ(correspondent_account_problem("30101810400000000225", "044525225"), std::nullopt);
    EXPECT_EQ(correspondent_account_problem("30101810500000000225", "044525225").value(),
              "does not match the bank's БИК");
    EXPECT_EQ(correspondent_account_problem("40101810400000000225", "044525225").value(),
              "must start with 30101");
    EXPECT_EQ(correspondent_account_problem("3010181040000000022", "044525225").value(),
              "must be 20 digits");
}

TEST(Requisites, SettlementAccountKeyMatchesTheLastThreeDigitsOfTheBik) {
    EXPECT_EQ(settlement_account_problem("40702810200000012345", "044525225"), std::nullopt);
    EXPECT_EQ(settlement_account_problem("40702810300000012345", "044525225").value(),
              "does not match the bank's БИК");
    // The same account at a bank with other last digits of the БИК fails the key.
    EXPECT_TRUE(settlement_account_problem("40702810200000012345", "044525974").has_value());
    EXPECT_EQ(settlement_account_problem("4070281020000001234a", "044525225").value(),
              "must be 20 digits");
}

TEST(Requisites, AccountsAreOnlyFormatCheckedWithoutAUsableBik) {
    EXPECT_EQ(settlement_account_problem("40702810300000012345", ""), std::nullopt);
    EXPECT_EQ(correspondent_account_problem("30101810500000000225", "bad"), std::nullopt);
}

}  // namespace retainer::requisites
