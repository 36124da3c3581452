#pragma once
#include <cstddef>
#include <string>
#include <string_view>

#include "modules/reports/time_report.hpp"

/// A minimal Office Open XML (ECMA-376) workbook writer for report tables. Pure: returns bytes.
namespace retainer::reports {

/// Spreadsheet column letters of a zero-based index: 0 → "A", 25 → "Z", 26 → "AA".
std::string column_letters(std::size_t col);
/// "A1"-style reference of a zero-based row and column: (2, 1) → "B3".
std::string cell_ref(std::size_t row, std::size_t col);
/// Text safe inside XML elements and attributes; characters XML 1.0 forbids are dropped.
std::string xml_escape(std::string_view text);

/// The worksheet part: bold header row frozen with the first `frozen_columns` columns, inline
/// strings, hours as numbers formatted "0.00", rubles as numbers formatted "#,##0.00", the last
/// row (totals) bold.
std::string sheet_xml(const Table& table, std::size_t frozen_columns);

/// A one-sheet .xlsx workbook of the table.
std::string to_xlsx(const Table& table, std::size_t frozen_columns, std::string_view sheet_name);

}  // namespace retainer::reports
