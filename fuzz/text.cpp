// The text helpers every reader leans on (core/text): UTF-8 validation, length, case folding for
// search, trimming. The input is any bytes a client could send as text.
#include "core/text.hpp"

#include <unicode/utf8.h>

#include <string>

#include "check.hpp"

using namespace retainer;

namespace {

// ICU's strict decoder as the second opinion: it refuses overlong forms, surrogates and code
// points past U+10FFFF, as valid_utf8 must. Returns the number of code points, or -1.
long icu_code_points(std::string_view s, bool allow_nul) {
    const auto* p = reinterpret_cast<const std::uint8_t*>(s.data());
    auto n = static_cast<std::int32_t>(s.size());
    long count = 0;
    for (std::int32_t i = 0; i < n;) {
        UChar32 c;
        U8_NEXT(p, i, n, c);
        if (c < 0 || (c == 0 && !allow_nul)) return -1;
        ++count;
    }
    return count;
}

bool space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string_view s = fuzz::as_text(data, size);
    long points = icu_code_points(s, false);
    bool valid = text::valid_utf8(s);
    FUZZ_CHECK(valid == (points >= 0));
    if (valid) FUZZ_CHECK(text::length(s) == static_cast<std::size_t>(points));

    // Folding writes well-formed UTF-8 whatever it reads, and folding twice changes nothing:
    // search_text is stored folded and compared with the folded query.
    std::string folded = text::fold(s);
    FUZZ_CHECK(icu_code_points(folded, true) >= 0);
    FUZZ_CHECK(text::fold(folded) == folded);
    if (valid) FUZZ_CHECK(text::valid_utf8(folded));

    std::string_view trimmed = text::trim(s);
    FUZZ_CHECK(trimmed.data() >= s.data() &&
               trimmed.data() + trimmed.size() <= s.data() + s.size());
    FUZZ_CHECK(trimmed.empty() || (!space(trimmed.front()) && !space(trimmed.back())));
    FUZZ_CHECK(text::trim(trimmed) == trimmed);
    return 0;
}
