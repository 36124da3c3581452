#include "core/tax.hpp"

#include <gtest/gtest.h>

namespace retainer::tax {

TEST(Vat, RateByTaxModeAndDate) {
    EXPECT_EQ(vat_rate_percent("vat", {2025, 12, 31}), 20);
    EXPECT_EQ(vat_rate_percent("vat", {2026, 1, 1}), 22);
    EXPECT_EQ(vat_rate_percent("usn_vat_5", {2026, 6, 1}), 5);
    EXPECT_EQ(vat_rate_percent("usn_vat_7", {2026, 6, 1}), 7);
    EXPECT_EQ(vat_rate_percent("no_vat", {2026, 6, 1}), 0);
    EXPECT_EQ(vat_rate_percent("something else", {2026, 6, 1}), 0);
    EXPECT_EQ(vat_label("vat", 22), "НДС 22 %");
    EXPECT_EQ(vat_label("no_vat", 0), "Без НДС");
}

TEST(Vat, ModesAreTheFourTheSettingsAccept) {
    EXPECT_EQ(modes(), (std::vector<std::string>{"vat", "usn_vat_5", "usn_vat_7", "no_vat"}));
}

}  // namespace retainer::tax
