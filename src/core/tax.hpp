#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "core/date.hpp"

namespace retainer::tax {

/// The tax modes an agency may work under (docs/paperwork.md, "Agency settings").
const std::vector<std::string>& modes();

/// The VAT rate of a tax mode on a date: `vat` is 20 % before 2026-01-01 and 22 % from then on;
/// `usn_vat_5` 5, `usn_vat_7` 7, `no_vat` 0.
int vat_rate_percent(std::string_view tax_mode, Date on);

/// "НДС 22 %", or "Без НДС" for the no-VAT mode.
std::string vat_label(std::string_view tax_mode, int rate_percent);

}  // namespace retainer::tax
