#pragma once
#include <string>
#include <string_view>

#include "core/date.hpp"
#include "core/i18n.hpp"

namespace retainer::texts {

/// The catalog of every text the server shows people: English keys, Russian translations.
const i18n::Catalog& messages();

/// `english` in `lang` (the English itself when the catalog has no translation).
std::string tr(std::string_view english, i18n::Lang lang);

/// A date as people read it: "07.12.2026" in Russian, "7 Dec 2026" in English.
std::string human_date(const Date& date, i18n::Lang lang);

}  // namespace retainer::texts
