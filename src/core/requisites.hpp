#pragma once
#include <optional>
#include <string>
#include <string_view>

/// Checks of Russian company requisites. Each returns nullopt when valid, else the problem in
/// words.
namespace retainer::requisites {

/// ИНН: 10 digits (organisation) or 12 (individual), with the tax service's check digits.
std::optional<std::string> inn_problem(std::string_view inn);
/// КПП: 9 characters, NNNNPPNNN where PP are digits or capital Latin letters.
std::optional<std::string> kpp_problem(std::string_view kpp);
/// ОГРН (13 digits) or ОГРНИП (15 digits) with its check digit.
std::optional<std::string> ogrn_problem(std::string_view ogrn);
/// БИК: 9 digits.
std::optional<std::string> bik_problem(std::string_view bik);
/// Settlement account (расчётный счёт): 20 digits whose key matches the bank's БИК.
std::optional<std::string> settlement_account_problem(std::string_view account,
                                                      std::string_view bik);
/// Correspondent account: 20 digits starting 30101 whose key matches the bank's БИК.
std::optional<std::string> correspondent_account_problem(std::string_view account,
                                                         std::string_view bik);

/// Appends check digits to a 9- or 11-digit ИНН body (demo data and tests need valid numbers).
std::string complete_inn(std::string_view body);

}  // namespace retainer::requisites
