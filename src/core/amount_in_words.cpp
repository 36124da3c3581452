#include "core/amount_in_words.hpp"

#include <array>
#include <cstdint>
#include <string_view>

namespace retainer::money {
namespace {

// ---- Russian
constexpr std::array<std::string_view, 20> kUnitsMasculine = {
    "",           "один",        "два",        "три",          "четыре",
    "пять",       "шесть",       "семь",       "восемь",       "девять",
    "десять",     "одиннадцать", "двенадцать", "тринадцать",   "четырнадцать",
    "пятнадцать", "шестнадцать", "семнадцать", "восемнадцать", "девятнадцать"};
constexpr std::array<std::string_view, 10> kTens = {
    "",          "",           "двадцать",  "тридцать",    "сорок",
    "пятьдесят", "шестьдесят", "семьдесят", "восемьдесят", "девяносто"};
constexpr std::array<std::string_view, 10> kHundreds = {
    "",        "сто",      "двести",  "триста",    "четыреста",
    "пятьсот", "шестьсот", "семьсот", "восемьсот", "девятьсот"};

/// Which of three forms a count takes: 1 рубль, 2 рубля, 5 рублей (11–14 take the third).
int russian_form(std::int64_t n) {
    std::int64_t tens = n % 100, last = n % 10;
    if (tens >= 11 && tens <= 14) return 2;
    if (last == 1) return 0;
    if (last >= 2 && last <= 4) return 1;
    return 2;
}

struct Scale {
    std::array<std::string_view, 3> forms;
    bool feminine;
};
// Thousands are feminine (одна тысяча, две тысячи); the rest masculine.
constexpr std::array<Scale, 5> kScales = {{{{"", "", ""}, false},
                                           {{"тысяча", "тысячи", "тысяч"}, true},
                                           {{"миллион", "миллиона", "миллионов"}, false},
                                           {{"миллиард", "миллиарда", "миллиардов"}, false},
                                           {{"триллион", "триллиона", "триллионов"}, false}}};

void append(std::string& out, std::string_view word) {
    if (word.empty()) return;
    if (!out.empty()) out += ' ';
    out += word;
}

void triple_ru(std::string& out, int n, bool feminine) {
    append(out, kHundreds[static_cast<std::size_t>(n / 100)]);
    int rest = n % 100;
    if (rest >= 20) {
        append(out, kTens[static_cast<std::size_t>(rest / 10)]);
        rest %= 10;
    }
    if (feminine && rest == 1)
        append(out, "одна");
    else if (feminine && rest == 2)
        append(out, "две");
    else
        append(out, kUnitsMasculine[static_cast<std::size_t>(rest)]);
}

std::string russian(std::int64_t rubles, std::int64_t kopecks) {
    std::string out;
    if (rubles == 0) out = "ноль";
    std::array<int, kScales.size()> groups{};
    std::int64_t rest = rubles;
    for (auto& g : groups) {
        g = static_cast<int>(rest % 1000);
        rest /= 1000;
    }
    for (std::size_t i = groups.size(); i-- > 0;) {
        if (groups[i] == 0) continue;
        triple_ru(out, groups[i], kScales[i].feminine);
        if (i > 0) append(out, kScales[i].forms[static_cast<std::size_t>(russian_form(groups[i]))]);
    }
    static constexpr std::array<std::string_view, 3> kRubles = {"рубль", "рубля", "рублей"};
    static constexpr std::array<std::string_view, 3> kKopecks = {"копейка", "копейки", "копеек"};
    append(out, kRubles[static_cast<std::size_t>(russian_form(rubles))]);
    std::string k = std::to_string(kopecks);
    if (k.size() < 2) k.insert(0, "0");
    append(out, k);
    append(out, kKopecks[static_cast<std::size_t>(russian_form(kopecks))]);
    return out;
}

// ---- English
constexpr std::array<std::string_view, 20> kOnes = {
    "",         "one",     "two",     "three",     "four",     "five",    "six",
    "seven",    "eight",   "nine",    "ten",       "eleven",   "twelve",  "thirteen",
    "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"};
constexpr std::array<std::string_view, 10> kTensEn = {
    "", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"};
constexpr std::array<std::string_view, 5> kScalesEn = {"", "thousand", "million", "billion",
                                                       "trillion"};

void triple_en(std::string& out, int n) {
    if (n >= 100) {
        append(out, kOnes[static_cast<std::size_t>(n / 100)]);
        append(out, "hundred");
    }
    int rest = n % 100;
    if (rest >= 20) {
        std::string tens(kTensEn[static_cast<std::size_t>(rest / 10)]);
        if (rest % 10) tens += "-" + std::string(kOnes[static_cast<std::size_t>(rest % 10)]);
        append(out, tens);
    } else {
        append(out, kOnes[static_cast<std::size_t>(rest)]);
    }
}

std::string english(std::int64_t rubles, std::int64_t kopecks) {
    std::string out;
    if (rubles == 0) out = "zero";
    std::array<int, kScalesEn.size()> groups{};
    std::int64_t rest = rubles;
    for (auto& g : groups) {
        g = static_cast<int>(rest % 1000);
        rest /= 1000;
    }
    for (std::size_t i = groups.size(); i-- > 0;) {
        if (groups[i] == 0) continue;
        triple_en(out, groups[i]);
        append(out, kScalesEn[i]);
    }
    append(out, rubles == 1 ? "rouble" : "roubles");
    std::string k = std::to_string(kopecks);
    if (k.size() < 2) k.insert(0, "0");
    append(out, k);
    append(out, kopecks == 1 ? "kopeck" : "kopecks");
    return out;
}

/// Upper-cases the first letter (ASCII, or Cyrillic а–я, ё in UTF-8).
void capitalise(std::string& s) {
    if (s.empty()) return;
    auto c = static_cast<unsigned char>(s[0]);
    if (c >= 'a' && c <= 'z') {
        s[0] = static_cast<char>(c - 32);
    } else if (c == 0xD0 && s.size() > 1) {
        auto d = static_cast<unsigned char>(s[1]);
        if (d >= 0xB0 && d <= 0xBF) s[1] = static_cast<char>(d - 0x20);  // а–п → А–П
    } else if (c == 0xD1 && s.size() > 1) {
        auto d = static_cast<unsigned char>(s[1]);
        if (d >= 0x80 && d <= 0x8F) {  // р–я → Р–Я
            s[0] = static_cast<char>(0xD0);
            s[1] = static_cast<char>(d + 0x20);
        } else if (d == 0x91) {  // ё → Ё
            s[0] = static_cast<char>(0xD0);
            s[1] = static_cast<char>(0x81);
        }
    }
}

}  // namespace

std::string in_words(Kopecks amount, i18n::Lang lang) {
    bool negative = amount < 0;
    // Past a trillion the words run out of scales; amounts are capped far below (kMaxAmount).
    std::uint64_t abs =
        negative ? 0 - static_cast<std::uint64_t>(amount) : static_cast<std::uint64_t>(amount);
    auto rubles = static_cast<std::int64_t>(abs / 100);
    auto kopecks = static_cast<std::int64_t>(abs % 100);
    std::string out = lang == i18n::Lang::kRu ? russian(rubles, kopecks) : english(rubles, kopecks);
    if (negative) out = std::string(lang == i18n::Lang::kRu ? "минус " : "minus ") + out;
    capitalise(out);
    return out;
}

}  // namespace retainer::money
