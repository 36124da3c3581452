#include "modules/reports/time_report.hpp"

#include <algorithm>
#include <array>
#include <cstdio>
#include <unordered_map>
#include <utility>

#include "core/error.hpp"
#include "core/json_writer.hpp"
#include "core/money.hpp"
#include "core/text.hpp"

namespace retainer::reports {

namespace {

constexpr std::array<std::pair<Dimension, std::string_view>, 6> kDimensionNames = {{
    {Dimension::kClient, "client"},
    {Dimension::kService, "service"},
    {Dimension::kServiceType, "service_type"},
    {Dimension::kEmployee, "employee"},
    {Dimension::kGroup, "group"},
    {Dimension::kDirection, "direction"},
}};

const std::string kDimensionList = "client, service, service_type, employee, group, direction";

// Days from 0000-03-01 to 1970-01-01 (Howard Hinnant's civil calendar), plus 2: 0000-03-01 fell
// on a Wednesday, so weeks counted from two days earlier start on Mondays.
constexpr std::int64_t kWeekOrigin = 719468 + 2;

std::optional<std::int64_t> parse_id(const std::string& text) {
    if (text.empty() || text.size() > 18 ||
        text.find_first_not_of("0123456789") != std::string::npos)
        return std::nullopt;
    std::int64_t v = std::stoll(text);
    if (v <= 0) return std::nullopt;
    return v;
}

std::vector<std::string> split(std::string_view text, char sep) {
    std::vector<std::string> parts;
    std::size_t start = 0;
    while (true) {
        std::size_t end = text.find(sep, start);
        parts.emplace_back(text.substr(start, end == std::string_view::npos ? end : end - start));
        if (end == std::string_view::npos) break;
        start = end + 1;
    }
    return parts;
}

std::string two_digits(int v) {
    char buf[8];
    std::snprintf(buf, sizeof buf, "%02d", v);
    return buf;
}

// A count of hundredths as "units<sep>hundredths": 12345 → "123,45". Negation goes through
// unsigned so that INT64_MIN does not overflow.
std::string fixed_two(std::int64_t hundredths, char decimal_separator) {
    std::string sign = hundredths < 0 ? "-" : "";
    std::uint64_t v = hundredths < 0 ? 0 - static_cast<std::uint64_t>(hundredths)
                                     : static_cast<std::uint64_t>(hundredths);
    std::string frac = std::to_string(v % 100);
    if (frac.size() < 2) frac.insert(0, "0");
    return sign + std::to_string(v / 100) + decimal_separator + frac;
}

std::string_view dimension_label(Dimension d, Lang lang) {
    bool ru = lang == Lang::kRu;
    switch (d) {
        case Dimension::kClient:
            return ru ? "Клиент" : "Client";
        case Dimension::kService:
            return ru ? "Услуга" : "Service";
        case Dimension::kServiceType:
            return ru ? "Вид услуги" : "Service type";
        case Dimension::kEmployee:
            return ru ? "Сотрудник" : "Employee";
        case Dimension::kGroup:
            return ru ? "Группа" : "Group";
        case Dimension::kDirection:
            return ru ? "Направление" : "Direction";
    }
    return "";
}

}  // namespace

std::string_view to_string(Dimension d) {
    for (const auto& [dim, name] : kDimensionNames)
        if (dim == d) return name;
    return "";
}

std::optional<Dimension> parse_dimension(std::string_view text) {
    for (const auto& [dim, name] : kDimensionNames)
        if (name == text) return dim;
    return std::nullopt;
}

std::string_view to_string(Columns c) {
    switch (c) {
        case Columns::kDay:
            return "day";
        case Columns::kWeek:
            return "week";
        case Columns::kMonth:
            return "month";
    }
    return "";
}

int max_range_days(Columns cols) {
    switch (cols) {
        case Columns::kDay:
            return 366;
        case Columns::kWeek:
            return 3 * 366;
        case Columns::kMonth:
            return 10 * 366;
    }
    return 0;
}

ReportSpec parse_spec(const std::map<std::string, std::string>& query) {
    ReportSpec spec;
    FieldErrors errors;
    auto param = [&](const char* name) -> const std::string* {
        auto it = query.find(name);
        return it == query.end() ? nullptr : &it->second;
    };

    if (const std::string* rows = param("rows"); !rows || rows->empty()) {
        errors["rows"] = "required: one or two of " + kDimensionList;
    } else {
        for (const std::string& raw : split(*rows, ',')) {
            std::string part(text::trim(raw));
            auto d = parse_dimension(part);
            if (!d) {
                errors["rows"] =
                    "unknown dimension '" + part + "'; use one or two of " + kDimensionList;
                break;
            }
            if (std::find(spec.rows.begin(), spec.rows.end(), *d) != spec.rows.end()) {
                errors["rows"] = "dimension '" + part + "' is repeated";
                break;
            }
            spec.rows.push_back(*d);
        }
        if (!errors.count("rows") && spec.rows.size() > 2)
            errors["rows"] = "at most two dimensions";
    }

    if (const std::string* cols = param("cols")) {
        if (*cols == "day")
            spec.cols = Columns::kDay;
        else if (*cols == "week")
            spec.cols = Columns::kWeek;
        else if (*cols == "month")
            spec.cols = Columns::kMonth;
        else
            errors["cols"] = "must be day, week or month";
    }

    auto date_param = [&](const char* name, Date& out) {
        const std::string* text = param(name);
        if (!text) {
            errors[name] = "required, YYYY-MM-DD";
            return false;
        }
        auto d = Date::parse(*text);
        if (!d) {
            errors[name] = "must be a date YYYY-MM-DD";
            return false;
        }
        out = *d;
        return true;
    };
    bool dates_ok = date_param("from", spec.from);
    dates_ok = date_param("to", spec.to) && dates_ok;
    if (dates_ok && spec.to < spec.from) {
        errors["to"] = "must not be before from";
    } else if (dates_ok && !errors.count("cols")) {
        std::int64_t days = spec.to.days_since_epoch() - spec.from.days_since_epoch() + 1;
        if (days > max_range_days(spec.cols))
            errors["to"] = "the range may span at most " +
                           std::to_string(max_range_days(spec.cols)) + " days with " +
                           std::string(to_string(spec.cols)) + " columns";
    }

    for (auto [name, target] :
         {std::pair{"employee_id", &spec.employee_id}, std::pair{"client_id", &spec.client_id},
          std::pair{"service_type_id", &spec.service_type_id}}) {
        const std::string* text = param(name);
        if (!text) continue;
        *target = parse_id(*text);
        if (!*target) errors[name] = "must be a positive integer id";
    }

    if (const std::string* format = param("format")) {
        if (*format == "json")
            spec.format = Format::kJson;
        else if (*format == "csv")
            spec.format = Format::kCsv;
        else if (*format == "xlsx")
            spec.format = Format::kXlsx;
        else
            errors["format"] = "must be json, csv or xlsx";
    }
    if (const std::string* lang = param("lang")) {
        if (*lang == "ru")
            spec.lang = Lang::kRu;
        else if (*lang == "en")
            spec.lang = Lang::kEn;
        else
            errors["lang"] = "must be ru or en";
    }

    if (!errors.empty()) throw invalid(std::move(errors));
    return spec;
}

IsoWeek iso_week(const Date& d) {
    std::int64_t days = d.days_since_epoch();
    // 1970-01-01 was a Thursday; weekday 1 = Monday … 7 = Sunday.
    std::int64_t weekday = ((days + 3) % 7 + 7) % 7 + 1;
    Date thursday = Date::from_days(days - weekday + 4);
    std::int64_t jan1 = Date{thursday.year, 1, 1}.days_since_epoch();
    return {thursday.year, static_cast<int>((thursday.days_since_epoch() - jan1) / 7 + 1)};
}

std::int64_t week_index(const Date& d) { return (d.days_since_epoch() + kWeekOrigin) / 7; }

Date monday_of_week(std::int64_t index) { return Date::from_days(index * 7 - kWeekOrigin); }

std::string bucket_of(const Date& d, Columns cols) {
    switch (cols) {
        case Columns::kDay:
            return d.to_string();
        case Columns::kWeek: {
            IsoWeek w = iso_week(d);
            return std::to_string(w.year) + "-W" + two_digits(w.week);
        }
        case Columns::kMonth:
            return Period::of(d).to_string();
    }
    return {};
}

std::vector<std::string> columns_between(const Date& from, const Date& to, Columns cols) {
    std::vector<std::string> out;
    if (to < from) return out;
    switch (cols) {
        case Columns::kDay:
            for (std::int64_t n = from.days_since_epoch(); n <= to.days_since_epoch(); ++n)
                out.push_back(Date::from_days(n).to_string());
            break;
        case Columns::kWeek:
            for (std::int64_t w = week_index(from); w <= week_index(to); ++w)
                out.push_back(bucket_of(monday_of_week(w), Columns::kWeek));
            break;
        case Columns::kMonth:
            for (Period p = Period::of(from); p <= Period::of(to); p = p.next())
                out.push_back(p.to_string());
            break;
    }
    return out;
}

void Cell::round_for_display() {
    shown_kopecks = money::mul_div_round(cost_rate_minutes, 1, 60).value_or(0);
    shown_hundredths = money::mul_div_round(minutes, 100, 60).value_or(0);
}

Cell& Cell::operator+=(const Cell& other) {
    minutes += other.minutes;
    cost_rate_minutes += other.cost_rate_minutes;
    shown_kopecks += other.shown_kopecks;
    shown_hundredths += other.shown_hundredths;
    return *this;
}

Pivot assemble(const std::vector<Dimension>& rows, Columns cols, std::vector<std::string> columns,
               const std::vector<Aggregate>& aggregates, const std::vector<Names>& names) {
    Pivot pivot;
    pivot.rows = rows;
    pivot.cols = cols;
    pivot.columns = std::move(columns);
    pivot.column_totals.assign(pivot.columns.size(), Cell{});

    std::unordered_map<std::string_view, std::size_t> column_index;
    for (std::size_t i = 0; i < pivot.columns.size(); ++i) column_index[pivot.columns[i]] = i;

    std::map<std::vector<RowKey>, std::size_t> line_index;
    for (const Aggregate& a : aggregates) {
        auto col = column_index.find(a.column);
        if (col == column_index.end()) continue;
        auto [it, inserted] = line_index.try_emplace(a.keys, pivot.lines.size());
        if (inserted) {
            Line line;
            line.keys = a.keys;
            line.cells.assign(pivot.columns.size(), Cell{});
            for (std::size_t d = 0; d < a.keys.size(); ++d) {
                std::optional<std::string> name;
                if (d < names.size()) {
                    auto n = names[d].find(a.keys[d]);
                    if (n != names[d].end()) name = n->second;
                }
                line.names.push_back(std::move(name));
            }
            pivot.lines.push_back(std::move(line));
        }
        pivot.lines[it->second].cells[col->second] += a.cell;
    }
    // Totals add the cells as they are shown (rounded), never a separately rounded exact sum:
    // 192 of 690 line totals were a few kopecks off the sum of their cells before.
    for (Line& line : pivot.lines) {
        for (std::size_t c = 0; c < line.cells.size(); ++c) {
            Cell& cell = line.cells[c];
            cell.round_for_display();
            line.total += cell;
            pivot.column_totals[c] += cell;
            pivot.total += cell;
        }
    }

    // By name, dimension by dimension; nameless keys ("no group") last, ties by key.
    std::sort(pivot.lines.begin(), pivot.lines.end(), [](const Line& a, const Line& b) {
        for (std::size_t d = 0; d < a.keys.size() && d < b.keys.size(); ++d) {
            if (a.names[d].has_value() != b.names[d].has_value()) return a.names[d].has_value();
            if (a.names[d] != b.names[d]) return *a.names[d] < *b.names[d];
            if (a.keys[d] != b.keys[d]) return a.keys[d] < b.keys[d];
        }
        return false;
    });
    return pivot;
}

std::string to_json(const Pivot& pivot, const ReportSpec& spec, bool with_costs) {
    std::string out;
    out.reserve(64 + pivot.lines.size() * (pivot.columns.size() + 1) * (with_costs ? 48 : 16));
    json::Writer w(out);
    auto cell = [&](const Cell& c) {
        w.begin_object().member("minutes", c.minutes);
        if (with_costs) w.member("labour_cost_kopecks", c.labour_cost_kopecks());
        w.end_object();
    };
    auto cells = [&](const std::vector<Cell>& cs) {
        w.begin_array();
        for (const Cell& c : cs) cell(c);
        w.end_array();
    };

    w.begin_object().key("rows").begin_array();
    for (Dimension d : pivot.rows) w.value(to_string(d));
    w.end_array();
    w.member("cols", to_string(pivot.cols));
    w.member("from", spec.from.to_string()).member("to", spec.to.to_string());
    w.key("columns").begin_array();
    for (const std::string& c : pivot.columns) w.value(c);
    w.end_array();
    w.key("lines").begin_array();
    for (const Line& line : pivot.lines) {
        w.begin_object().key("keys").begin_array();
        for (std::size_t d = 0; d < line.keys.size(); ++d) {
            w.begin_object();
            if (line.keys[d].code)
                w.member("code", *line.keys[d].code);
            else
                w.member("id", line.keys[d].id);
            w.member("name", line.names[d]).end_object();
        }
        w.end_array().key("cells");
        cells(line.cells);
        w.key("total");
        cell(line.total);
        w.end_object();
    }
    w.end_array();
    w.key("totals").begin_object().key("cells");
    cells(pivot.column_totals);
    w.key("total");
    cell(pivot.total);
    w.end_object().end_object();
    return out;
}

std::string format_hours(std::int64_t minutes, char decimal_separator) {
    // Hundredths of an hour, rounded half up: minutes × 100 / 60.
    return fixed_two(money::mul_div_round(minutes, 100, 60).value_or(0), decimal_separator);
}

std::string format_rubles_plain(std::int64_t kopecks, char decimal_separator) {
    return fixed_two(kopecks, decimal_separator);
}

std::string csv_field(std::string_view text, char separator) {
    std::string value(text);
    // A leading = + - @ (or tab/CR) would make a spreadsheet evaluate the cell as a formula.
    if (!value.empty() && std::string_view("=+-@\t\r").find(value.front()) != std::string::npos)
        value.insert(0, "'");
    if (value.find_first_of(std::string{separator, '"', '\r', '\n'}) == std::string::npos)
        return value;
    std::string quoted = "\"";
    for (char c : value) {
        if (c == '"') quoted += '"';
        quoted += c;
    }
    quoted += '"';
    return quoted;
}

Table to_table(const Pivot& pivot, bool with_costs, Lang lang) {
    using Value = Table::Value;
    bool ru = lang == Lang::kRu;
    std::string hours_unit = ru ? ", ч" : ", h";
    std::string cost_unit = ru ? ", ₽" : ", RUB";
    std::string total_label = ru ? "Итого" : "Total";

    Table t;
    for (Dimension d : pivot.rows) t.header.emplace_back(dimension_label(d, lang));
    for (const std::string& c : pivot.columns) {
        t.header.push_back(c + hours_unit);
        if (with_costs) t.header.push_back(c + cost_unit);
    }
    t.header.push_back(total_label + hours_unit);
    if (with_costs) t.header.push_back(total_label + cost_unit);

    auto add_cells = [&](std::vector<Value>& row, const std::vector<Cell>& cells,
                         const Cell& total) {
        for (const Cell& c : cells) {
            row.push_back({Value::Kind::kHours, {}, c.shown_hundredths});
            if (with_costs) row.push_back({Value::Kind::kRubles, {}, c.labour_cost_kopecks()});
        }
        row.push_back({Value::Kind::kHours, {}, total.shown_hundredths});
        if (with_costs) row.push_back({Value::Kind::kRubles, {}, total.labour_cost_kopecks()});
    };

    std::string no_name = ru ? "(нет)" : "(none)";
    for (const Line& line : pivot.lines) {
        std::vector<Value> row;
        for (const auto& name : line.names)
            row.push_back({Value::Kind::kText, name.value_or(no_name), 0});
        add_cells(row, line.cells, line.total);
        t.body.push_back(std::move(row));
    }
    std::vector<Value> totals;
    for (std::size_t d = 0; d < pivot.rows.size(); ++d)
        totals.push_back({Value::Kind::kText, d == 0 ? total_label : std::string{}, 0});
    add_cells(totals, pivot.column_totals, pivot.total);
    t.body.push_back(std::move(totals));
    return t;
}

std::string to_csv(const Table& table, Lang lang) {
    // Russian Excel splits on ';' and reads ',' as the decimal point.
    char sep = lang == Lang::kRu ? ';' : ',';
    char decimal = lang == Lang::kRu ? ',' : '.';
    std::string out = "\xEF\xBB\xBF";
    auto line = [&](auto&& fields) {
        bool first = true;
        for (const auto& f : fields) {
            if (!first) out += sep;
            first = false;
            out += f;
        }
        out += "\r\n";
    };
    std::vector<std::string> fields;
    for (const std::string& h : table.header) fields.push_back(csv_field(h, sep));
    line(fields);
    for (const auto& row : table.body) {
        fields.clear();
        for (const Table::Value& v : row) {
            switch (v.kind) {
                case Table::Value::Kind::kText:
                    fields.push_back(csv_field(v.text, sep));
                    break;
                case Table::Value::Kind::kHours:
                    fields.push_back(fixed_two(v.amount, decimal));
                    break;
                case Table::Value::Kind::kRubles:
                    fields.push_back(format_rubles_plain(v.amount, decimal));
                    break;
            }
        }
        line(fields);
    }
    return out;
}

std::string file_name(const ReportSpec& spec) {
    std::string ext = spec.format == Format::kCsv    ? "csv"
                      : spec.format == Format::kXlsx ? "xlsx"
                                                     : "json";
    return "time-report_" + spec.from.to_string() + "_" + spec.to.to_string() + "." + ext;
}

}  // namespace retainer::reports
