#pragma once
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.hpp"

/// The time report (docs/reports.md): minutes and labour cost pivoted by one or two row dimensions
/// against day, ISO week or month columns. Pure: no clock, no database, no I/O.
namespace retainer::reports {

/// What a report line is keyed by. Direction is the service type's direction (the kind of work
/// done), not the employee's group; the group is a dimension of its own.
enum class Dimension { kClient, kService, kServiceType, kEmployee, kGroup, kDirection };
std::string_view to_string(Dimension d);
std::optional<Dimension> parse_dimension(std::string_view text);

enum class Columns { kDay, kWeek, kMonth };
std::string_view to_string(Columns c);

enum class Format { kJson, kCsv, kXlsx };
/// Language of the exported headers and of the number format in CSV.
enum class Lang { kRu, kEn };

/// A validated report request.
struct ReportSpec {
    std::vector<Dimension> rows;  // one or two, distinct
    Columns cols = Columns::kMonth;
    Date from;
    Date to;
    std::optional<std::int64_t> employee_id;
    std::optional<std::int64_t> client_id;
    std::optional<std::int64_t> service_type_id;
    Format format = Format::kJson;
    Lang lang = Lang::kRu;
};

/// The longest range, in days, each column kind accepts (day columns: one leap year).
int max_range_days(Columns cols);

/// Validates the query parameters of GET /api/v1/reports/time; throws Error(kInvalid) with a
/// message per bad field.
ReportSpec parse_spec(const std::map<std::string, std::string>& query);

/// ISO 8601 week-numbering: weeks start on Monday, week 1 holds the year's first Thursday.
struct IsoWeek {
    int year = 1970;
    int week = 1;
};
IsoWeek iso_week(const Date& d);

/// Consecutive Monday-start weeks counted from a fixed Monday.
std::int64_t week_index(const Date& d);
/// The Monday of a week index.
Date monday_of_week(std::int64_t index);

/// The column label of a date: "2026-03-14" (day), "2026-W11" (ISO week), "2026-03" (month).
std::string bucket_of(const Date& d, Columns cols);
/// Every column label from `from` to `to` inclusive, in order (edge weeks and months may be
/// partial).
std::vector<std::string> columns_between(const Date& from, const Date& to, Columns cols);

/// One value of a row dimension: an id, or a code for directions; neither for "none" (an employee
/// without a group).
struct RowKey {
    std::optional<std::int64_t> id;
    std::optional<std::string> code;
    auto operator<=>(const RowKey&) const = default;
};

/// Minutes and their exact cost: Σ minutes × hourly rate, in kopecks × 60 so that no rounding
/// happens before a cell is shown.
struct Cell {
    std::int64_t minutes = 0;
    std::int64_t cost_rate_minutes = 0;
    /// What is shown (set by assemble): a cell's cost rounded half up to the kopeck and its hours
    /// to the hundredth; a total is the sum of its cells as shown, so a column or a line adds up
    /// on paper exactly as it is printed.
    std::int64_t shown_kopecks = 0;
    std::int64_t shown_hundredths = 0;

    std::int64_t labour_cost_kopecks() const { return shown_kopecks; }
    /// Rounds the exact sums into what is shown (for a cell, not a total).
    void round_for_display();
    Cell& operator+=(const Cell& other);
};

/// One aggregated group from the store: row keys, the column label and the sums.
struct Aggregate {
    std::vector<RowKey> keys;
    std::string column;
    Cell cell;
};

/// Display names of the keys of one dimension.
using Names = std::map<RowKey, std::string>;

struct Line {
    std::vector<RowKey> keys;
    std::vector<std::optional<std::string>> names;
    std::vector<Cell> cells;  // one per column
    Cell total;
};

/// The assembled report: lines sorted by name (then id), column totals and the grand total.
struct Pivot {
    std::vector<Dimension> rows;
    Columns cols = Columns::kMonth;
    std::vector<std::string> columns;
    std::vector<Line> lines;
    std::vector<Cell> column_totals;
    Cell total;
};

/// Pivots aggregates onto `columns`; aggregates whose column is not among them are ignored.
Pivot assemble(const std::vector<Dimension>& rows, Columns cols, std::vector<std::string> columns,
               const std::vector<Aggregate>& aggregates, const std::vector<Names>& names);

/// The JSON body of docs/reports.md; labour cost fields only when `with_costs`.
std::string to_json(const Pivot& pivot, const ReportSpec& spec, bool with_costs);

/// Hours of `minutes` as a decimal with two places ("12,50" with a comma, "12.50" with a point).
std::string format_hours(std::int64_t minutes, char decimal_separator);
/// Kopecks as rubles with two places and no thousands separator ("-1234,56").
std::string format_rubles_plain(std::int64_t kopecks, char decimal_separator);

/// Quotes a CSV field when it holds the separator, a quote, CR or LF (RFC 4180), and defuses
/// text starting with = + - @ so that spreadsheets never run it as a formula.
std::string csv_field(std::string_view text, char separator);

/// The spreadsheet header and body cells of a report: row dimensions, then per column hours
/// (and labour cost), then the total; last the totals line.
struct Table {
    struct Value {
        enum class Kind { kText, kHours, kRubles } kind = Kind::kText;
        std::string text;
        std::int64_t amount = 0;  // hundredths of an hour for kHours, kopecks for kRubles
    };
    std::vector<std::string> header;
    std::vector<std::vector<Value>> body;
};
Table to_table(const Pivot& pivot, bool with_costs, Lang lang);

/// CSV for spreadsheets: UTF-8 with BOM, CRLF; Russian: `;` and decimal comma, English: `,` and
/// decimal point.
std::string to_csv(const Table& table, Lang lang);

/// The download's file name, e.g. "time-report_2026-01-01_2026-12-31.csv".
std::string file_name(const ReportSpec& spec);

}  // namespace retainer::reports
