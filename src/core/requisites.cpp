#include "core/requisites.hpp"

#include <algorithm>
#include <array>

namespace retainer::requisites {
namespace {

bool all_digits(std::string_view s) {
    return std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

int weighted_check(std::string_view digits, const int* weights, int count) {
    int sum = 0;
    for (int i = 0; i < count; ++i) sum += (digits[static_cast<std::size_t>(i)] - '0') * weights[i];
    return sum % 11 % 10;
}

constexpr int kInn10[] = {2, 4, 10, 3, 5, 9, 4, 6, 8};
constexpr int kInn11[] = {7, 2, 4, 10, 3, 5, 9, 4, 6, 8};
constexpr int kInn12[] = {3, 7, 2, 4, 10, 3, 5, 9, 4, 6, 8};

bool account_key_ok(std::string_view prefix3, std::string_view account) {
    static constexpr int kWeights[] = {7, 1, 3};
    std::string digits = std::string(prefix3) + std::string(account);
    int sum = 0;
    for (std::size_t i = 0; i < digits.size(); ++i)
        sum += ((digits[i] - '0') * kWeights[i % 3]) % 10;
    return sum % 10 == 0;
}

}  // namespace

std::optional<std::string> inn_problem(std::string_view inn) {
    if ((inn.size() != 10 && inn.size() != 12) || !all_digits(inn))
        return "must be 10 or 12 digits";
    if (inn.size() == 10) {
        if (weighted_check(inn, kInn10, 9) != inn[9] - '0') return "check digit does not match";
        return std::nullopt;
    }
    if (weighted_check(inn, kInn11, 10) != inn[10] - '0' ||
        weighted_check(inn, kInn12, 11) != inn[11] - '0')
        return "check digits do not match";
    return std::nullopt;
}

std::string complete_inn(std::string_view body) {
    std::string inn(body);
    if (inn.size() == 9) {
        inn += static_cast<char>('0' + weighted_check(inn, kInn10, 9));
    } else if (inn.size() == 11) {
        inn.pop_back();
        inn += static_cast<char>('0' + weighted_check(inn, kInn11, 10));
        inn += static_cast<char>('0' + weighted_check(inn, kInn12, 11));
    }
    return inn;
}

std::optional<std::string> kpp_problem(std::string_view kpp) {
    if (kpp.size() != 9) return "must be 9 characters";
    auto code_ok = [](char c) { return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z'); };
    if (!all_digits(kpp.substr(0, 4)) || !code_ok(kpp[4]) || !code_ok(kpp[5]) ||
        !all_digits(kpp.substr(6, 3)))
        return "must look like 770101001 (4 digits, 2 digits or capital letters, 3 digits)";
    return std::nullopt;
}

std::optional<std::string> ogrn_problem(std::string_view ogrn) {
    if ((ogrn.size() != 13 && ogrn.size() != 15) || !all_digits(ogrn))
        return "must be 13 (ОГРН) or 15 (ОГРНИП) digits";
    unsigned long long body = std::stoull(std::string(ogrn.substr(0, ogrn.size() - 1)));
    unsigned long long mod = ogrn.size() == 13 ? 11 : 13;
    if (static_cast<int>(body % mod % 10) != ogrn.back() - '0') return "check digit does not match";
    return std::nullopt;
}

std::optional<std::string> bik_problem(std::string_view bik) {
    if (bik.size() != 9 || !all_digits(bik)) return "must be 9 digits";
    return std::nullopt;
}

std::optional<std::string> settlement_account_problem(std::string_view account,
                                                      std::string_view bik) {
    if (account.size() != 20 || !all_digits(account)) return "must be 20 digits";
    if (bik.size() == 9 && all_digits(bik) && !account_key_ok(bik.substr(6, 3), account))
        return "does not match the bank's БИК";
    return std::nullopt;
}

std::optional<std::string> correspondent_account_problem(std::string_view account,
                                                         std::string_view bik) {
    if (account.size() != 20 || !all_digits(account)) return "must be 20 digits";
    if (account.substr(0, 5) != "30101") return "must start with 30101";
    if (bik.size() == 9 && all_digits(bik)) {
        std::string prefix = "0" + std::string(bik.substr(4, 2));
        if (!account_key_ok(prefix, account)) return "does not match the bank's БИК";
    }
    return std::nullopt;
}

}  // namespace retainer::requisites
