#pragma once
#include <string>

#include "core/i18n.hpp"
#include "core/money.hpp"

namespace retainer::money {

/// An amount the way Russian payment documents spell it out: "Триста двадцать шесть тысяч
/// триста пятьдесят рублей 00 копеек" (numerals agree in gender and number with тысяча, рубль,
/// копейка); in English "Three hundred twenty-six thousand three hundred fifty roubles 00
/// kopecks". Negative amounts get «минус» / "minus". Capitalised.
std::string in_words(Kopecks amount, i18n::Lang lang);

}  // namespace retainer::money
