#include "core/csv.hpp"

namespace retainer::csv {
namespace {

char detect_separator(std::string_view text) {
    int commas = 0, semicolons = 0;
    bool quoted = false;
    for (char c : text) {
        if (c == '"') quoted = !quoted;
        if (quoted) continue;
        if (c == '\n') break;
        if (c == ',') ++commas;
        if (c == ';') ++semicolons;
    }
    return semicolons > commas ? ';' : ',';
}

bool blank(const Row& row) {
    for (const std::string& f : row)
        if (f.find_first_not_of(" \t") != std::string::npos) return false;
    return true;
}

}  // namespace

std::optional<Parsed> parse(std::string_view text, std::string& error) {
    if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
    Parsed out;
    out.separator = detect_separator(text);
    Row row;
    std::string field;
    bool quoted = false;
    bool field_started = false;
    std::size_t line = 1;
    std::size_t quote_line = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
        char c = text[i];
        if (quoted) {
            if (c == '"') {
                if (i + 1 < text.size() && text[i + 1] == '"') {
                    field += '"';
                    ++i;
                } else {
                    quoted = false;
                }
            } else {
                if (c == '\n') ++line;
                field += c;
            }
            continue;
        }
        if (c == '"' && !field_started) {
            quoted = true;
            field_started = true;
            quote_line = line;
        } else if (c == out.separator) {
            row.push_back(std::move(field));
            field.clear();
            field_started = false;
        } else if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') {
            continue;
        } else if (c == '\n') {
            row.push_back(std::move(field));
            field.clear();
            field_started = false;
            if (!blank(row)) out.rows.push_back(std::move(row));
            row.clear();
            ++line;
        } else {
            field += c;
            field_started = true;
        }
    }
    if (quoted) {
        error = "unterminated quote starting on line " + std::to_string(quote_line);
        return std::nullopt;
    }
    if (field_started || !row.empty()) {
        row.push_back(std::move(field));
        if (!blank(row)) out.rows.push_back(std::move(row));
    }
    return out;
}

}  // namespace retainer::csv
