// The CSV reader (core/csv) behind the calls import. The import's row rules run inside its
// database transaction (they need the agency's time zone, employees and clients), so the reader is
// fuzzed alone. The input is a file as uploaded.
#include "core/csv.hpp"

#include <string>
#include <vector>

#include "check.hpp"

using namespace retainer;

namespace {

bool blank(const csv::Row& row) {
    for (const std::string& f : row)
        if (f.find_first_not_of(" \t") != std::string::npos) return false;
    return true;
}

// Every field quoted, so any cell (separators, quotes, CR, LF, a BOM) survives the trip.
std::string serialise(const std::vector<csv::Row>& rows, char separator) {
    std::string out;
    for (const csv::Row& row : rows) {
        for (std::size_t i = 0; i < row.size(); ++i) {
            if (i > 0) out += separator;
            out += '"';
            for (char c : row[i]) {
                if (c == '"') out += '"';
                out += c;
            }
            out += '"';
        }
        out += "\r\n";
    }
    return out;
}

std::string join(const csv::Row& row, char separator) {
    std::string out;
    for (std::size_t i = 0; i < row.size(); ++i)
        out += (i > 0 ? std::string(1, separator) : "") + row[i];
    return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string_view text = fuzz::as_text(data, size);
    std::string error;
    auto parsed = csv::parse(text, error);
    if (!parsed) {
        FUZZ_CHECK(text.find('"') != text.npos && error.rfind("unterminated quote", 0) == 0);
        return 0;
    }
    FUZZ_CHECK(parsed->separator == ',' || parsed->separator == ';');
    for (const csv::Row& row : parsed->rows) FUZZ_CHECK(!row.empty() && !blank(row));

    // Written back out and read again, the cells are the same. A header of one cell cannot say
    // which separator follows (the reader then takes ','), so such a file is written with ','.
    char separator = !parsed->rows.empty() && parsed->rows[0].size() > 1 ? parsed->separator : ',';
    std::string again_error;
    auto again = csv::parse(serialise(parsed->rows, separator), again_error);
    FUZZ_CHECK(again && again->rows == parsed->rows);

    // Without quotes a row is its line: the line split at the separator, CR before LF dropped,
    // blank lines skipped.
    if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
    if (text.find('"') == text.npos) {
        std::vector<std::string> lines;
        std::size_t start = 0;
        while (start <= text.size()) {
            std::size_t end = text.find('\n', start);
            bool last = end == text.npos;
            std::string line(text.substr(start, last ? text.npos : end - start));
            if (!last && !line.empty() && line.back() == '\r') line.pop_back();
            lines.push_back(line);
            if (last) break;
            start = end + 1;
        }
        std::size_t r = 0;
        for (const std::string& line : lines) {
            csv::Row cells;
            std::size_t from = 0;
            for (;;) {
                std::size_t sep = line.find(parsed->separator, from);
                cells.push_back(line.substr(from, sep == line.npos ? line.npos : sep - from));
                if (sep == line.npos) break;
                from = sep + 1;
            }
            if (blank(cells)) continue;
            FUZZ_CHECK(r < parsed->rows.size() && join(parsed->rows[r], parsed->separator) == line);
            ++r;
        }
        FUZZ_CHECK(r == parsed->rows.size());
    }
    return 0;
}
