#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace retainer::csv {

using Row = std::vector<std::string>;

struct Parsed {
    char separator = ',';
    std::vector<Row> rows;  // blank lines dropped
};

/// Parses RFC 4180 CSV (quoted fields, doubled quotes, CRLF or LF, a leading UTF-8 BOM). The
/// separator is `;` when the first line has more semicolons than commas outside quotes (Russian
/// Excel exports), else `,`. Returns nullopt with `error` set on an unterminated quote.
std::optional<Parsed> parse(std::string_view text, std::string& error);

}  // namespace retainer::csv
