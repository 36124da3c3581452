#include "core/tax.hpp"

namespace retainer::tax {

const std::vector<std::string>& modes() {
    static const std::vector<std::string> all = {"vat", "usn_vat_5", "usn_vat_7", "no_vat"};
    return all;
}

int vat_rate_percent(std::string_view tax_mode, Date on) {
    if (tax_mode == "vat") return on < Date{2026, 1, 1} ? 20 : 22;
    if (tax_mode == "usn_vat_5") return 5;
    if (tax_mode == "usn_vat_7") return 7;
    return 0;
}

std::string vat_label(std::string_view tax_mode, int rate_percent) {
    if (tax_mode == "no_vat") return "Без НДС";
    return "НДС " + std::to_string(rate_percent) + " %";
}

}  // namespace retainer::tax
