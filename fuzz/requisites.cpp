// The checks of company requisites (core/requisites): ИНН, КПП, ОГРН, БИК and bank accounts, as
// typed into a client's card. The input is lines of values; each line goes through every check
// and each pair of lines through the account checks as (account, БИК).
#include "core/requisites.hpp"

#include <algorithm>
#include <string>
#include <vector>

#include "check.hpp"

using namespace retainer;
using namespace retainer::requisites;

namespace {

bool digits(std::string_view s, std::initializer_list<std::size_t> sizes) {
    return std::find(sizes.begin(), sizes.end(), s.size()) != sizes.end() &&
           std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// A valid account with any one digit changed is refused: the key's weights 7, 1, 3 are prime to
// 10, so a single wrong digit always moves the sum.
template <typename Check>
void check_single_digit_errors_caught(std::string_view account, std::string_view bik,
                                      Check problem) {
    for (std::size_t i = 0; i < account.size(); ++i) {
        std::string typo(account);
        typo[i] = static_cast<char>('0' + (typo[i] - '0' + 1) % 10);
        FUZZ_CHECK(problem(typo, bik));
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string_view input = fuzz::as_text(data, size);
    std::vector<std::string_view> lines;
    while (lines.size() < 8) {
        std::size_t end = input.find('\n');
        lines.push_back(input.substr(0, end));
        if (end == input.npos) break;
        input.remove_prefix(end + 1);
    }

    for (std::string_view s : lines) {
        if (!inn_problem(s)) {
            FUZZ_CHECK(digits(s, {10, 12}));
            FUZZ_CHECK(complete_inn(s.substr(0, s.size() == 10 ? 9 : 11)) == s);
        }
        if (digits(s, {9, 11})) FUZZ_CHECK(!inn_problem(complete_inn(s)));
        if (!kpp_problem(s)) FUZZ_CHECK(s.size() == 9);
        if (!ogrn_problem(s)) FUZZ_CHECK(digits(s, {13, 15}));
        FUZZ_CHECK(bik_problem(s).has_value() != digits(s, {9}));
    }
    for (std::string_view account : lines) {
        for (std::string_view bik : lines) {
            if (!settlement_account_problem(account, bik)) {
                FUZZ_CHECK(digits(account, {20}));
                if (digits(bik, {9}))
                    check_single_digit_errors_caught(account, bik, settlement_account_problem);
            }
            if (!correspondent_account_problem(account, bik)) {
                FUZZ_CHECK(digits(account, {20}) && account.substr(0, 5) == "30101");
                // The first five digits are fixed by the rule itself; typos after them.
                if (digits(bik, {9}))
                    check_single_digit_errors_caught(
                        account.substr(5), bik, [&](std::string_view tail, std::string_view b) {
                            return correspondent_account_problem("30101" + std::string(tail), b);
                        });
            }
        }
    }
    return 0;
}
