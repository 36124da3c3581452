#include "modules/reports/time_report.hpp"

#include <gtest/gtest.h>

#include <random>

#include "core/error.hpp"

namespace retainer::reports {
namespace {

using Query = std::map<std::string, std::string>;

Date d(const char* s) { return *Date::parse(s); }

FieldErrors errors_of(const Query& q) {
    try {
        parse_spec(q);
    } catch (const Error& e) {
        EXPECT_EQ(e.kind(), ErrorKind::kInvalid);
        return e.fields();
    }
    return {};
}

Query year_by(const char* rows, const char* cols = "month") {
    return {{"rows", rows}, {"cols", cols}, {"from", "2026-01-01"}, {"to", "2026-12-31"}};
}

RowKey id(std::int64_t v) { return RowKey{v, std::nullopt}; }

}  // namespace

TEST(TimeReportSpec, ReadsRowsColumnsRangeFiltersAndFormat) {
    Query q = year_by("employee,service", "week");
    q["employee_id"] = "7";
    q["client_id"] = "12";
    q["format"] = "xlsx";
    q["lang"] = "en";
    ReportSpec s = parse_spec(q);
    EXPECT_EQ(s.rows, (std::vector<Dimension>{Dimension::kEmployee, Dimension::kService}));
    EXPECT_EQ(s.cols, Columns::kWeek);
    EXPECT_EQ(s.from, d("2026-01-01"));
    EXPECT_EQ(s.to, d("2026-12-31"));
    EXPECT_EQ(s.employee_id, 7);
    EXPECT_EQ(s.client_id, 12);
    EXPECT_FALSE(s.service_type_id);
    EXPECT_EQ(s.format, Format::kXlsx);
    EXPECT_EQ(s.lang, Lang::kEn);
}

TEST(TimeReportSpec, SpacesAroundDimensionsAreIgnored) {
    EXPECT_EQ(parse_spec(year_by("client, service_type")).rows,
              (std::vector<Dimension>{Dimension::kClient, Dimension::kServiceType}));
}

TEST(TimeReportSpec, ColumnsDefaultToMonthsAndFormatToJson) {
    ReportSpec s =
        parse_spec({{"rows", "direction"}, {"from", "2026-01-01"}, {"to", "2026-03-31"}});
    EXPECT_EQ(s.cols, Columns::kMonth);
    EXPECT_EQ(s.format, Format::kJson);
    EXPECT_EQ(s.lang, Lang::kRu);
}

TEST(TimeReportSpec, EveryBadFieldGetsItsOwnMessage) {
    FieldErrors e = errors_of({{"rows", "employee,planet"},
                               {"cols", "year"},
                               {"from", "2026-02-30"},
                               {"employee_id", "x"},
                               {"format", "pdf"}});
    EXPECT_EQ(e.at("rows"),
              "unknown dimension 'planet'; use one or two of client, service, service_type, "
              "employee, group, direction");
    EXPECT_EQ(e.at("cols"), "must be day, week or month");
    EXPECT_EQ(e.at("from"), "must be a date YYYY-MM-DD");
    EXPECT_EQ(e.at("to"), "required, YYYY-MM-DD");
    EXPECT_EQ(e.at("employee_id"), "must be a positive integer id");
    EXPECT_EQ(e.at("format"), "must be json, csv or xlsx");
}

TEST(TimeReportSpec, RowsAreRequiredDistinctAndAtMostTwo) {
    EXPECT_TRUE(errors_of(year_by("")).count("rows"));
    EXPECT_EQ(errors_of(year_by("client,client")).at("rows"), "dimension 'client' is repeated");
    EXPECT_EQ(errors_of(year_by("client,service,employee")).at("rows"), "at most two dimensions");
    EXPECT_TRUE(errors_of(year_by("client,")).count("rows"));
}

TEST(TimeReportSpec, FromAfterToIsRefused) {
    Query q = year_by("client");
    q["from"] = "2026-05-02";
    q["to"] = "2026-05-01";
    EXPECT_EQ(errors_of(q).at("to"), "must not be before from");
}

TEST(TimeReportSpec, DayColumnsCoverAtMostOneLeapYear) {
    Query q = year_by("client", "day");
    q["from"] = "2024-01-01";
    q["to"] = "2024-12-31";  // 366 days: allowed
    EXPECT_NO_THROW(parse_spec(q));
    q["to"] = "2025-01-01";  // 367 days
    EXPECT_EQ(errors_of(q).at("to"), "the range may span at most 366 days with day columns");
    q["cols"] = "month";
    EXPECT_NO_THROW(parse_spec(q));
}

TEST(TimeReportBuckets, IsoWeeksStartOnMondayAndBelongToTheYearOfTheirThursday) {
    EXPECT_EQ(bucket_of(d("2026-01-01"), Columns::kWeek), "2026-W01");  // a Thursday
    EXPECT_EQ(bucket_of(d("2025-12-29"), Columns::kWeek), "2026-W01");  // its Monday
    EXPECT_EQ(bucket_of(d("2025-12-28"), Columns::kWeek), "2025-W52");  // the Sunday before
    EXPECT_EQ(bucket_of(d("2021-01-03"), Columns::kWeek), "2020-W53");
    EXPECT_EQ(bucket_of(d("2027-01-01"), Columns::kWeek), "2026-W53");  // a Friday
    EXPECT_EQ(bucket_of(d("2024-12-30"), Columns::kWeek), "2025-W01");
}

TEST(TimeReportBuckets, DayAndMonthLabelsAreIsoText) {
    EXPECT_EQ(bucket_of(d("2026-03-14"), Columns::kDay), "2026-03-14");
    EXPECT_EQ(bucket_of(d("2026-03-14"), Columns::kMonth), "2026-03");
}

TEST(TimeReportBuckets, WeekIndexCountsMondayToSunday) {
    EXPECT_EQ(week_index(d("2026-03-09")), week_index(d("2026-03-15")));  // Mon..Sun
    EXPECT_EQ(week_index(d("2026-03-16")), week_index(d("2026-03-15")) + 1);
    EXPECT_EQ(monday_of_week(week_index(d("2026-03-12"))), d("2026-03-09"));
    EXPECT_EQ(monday_of_week(week_index(d("1900-01-01"))), d("1900-01-01"));  // a Monday
}

TEST(TimeReportBuckets, ColumnsCoverTheRangeIncludingPartialEdges) {
    EXPECT_EQ(columns_between(d("2025-11-15"), d("2026-02-01"), Columns::kMonth),
              (std::vector<std::string>{"2025-11", "2025-12", "2026-01", "2026-02"}));
    EXPECT_EQ(columns_between(d("2025-12-31"), d("2026-01-12"), Columns::kWeek),
              (std::vector<std::string>{"2026-W01", "2026-W02", "2026-W03"}));
    EXPECT_EQ(columns_between(d("2024-02-28"), d("2024-03-01"), Columns::kDay),
              (std::vector<std::string>{"2024-02-28", "2024-02-29", "2024-03-01"}));
    EXPECT_EQ(columns_between(d("2024-01-01"), d("2024-12-31"), Columns::kDay).size(), 366u);
}

TEST(TimeReportPivot, LabourCostIsRoundedPerCellFromExactSums) {
    // 1 minute at 90 kopecks/h = 1.5 kopecks: each cell rounds up to 2, and the line total is the
    // 4 its cells show (issue 9: a total rounded on its own, 3, did not add up on paper).
    std::vector<Aggregate> a = {{{id(1)}, "2026-01", {1, 90}}, {{id(1)}, "2026-02", {1, 90}}};
    Pivot p = assemble({Dimension::kEmployee}, Columns::kMonth, {"2026-01", "2026-02"}, a,
                       {Names{{id(1), "Анна"}}});
    ASSERT_EQ(p.lines.size(), 1u);
    EXPECT_EQ(p.lines[0].cells[0].labour_cost_kopecks(), 2);
    EXPECT_EQ(p.lines[0].cells[1].labour_cost_kopecks(), 2);
    EXPECT_EQ(p.lines[0].total.labour_cost_kopecks(), 4);
    EXPECT_EQ(p.total.minutes, 2);
    EXPECT_EQ(p.total.labour_cost_kopecks(), 4);
}

TEST(TimeReportPivot, HalfAKopeckRoundsUp) {
    auto shown = [](Cell c) {
        c.round_for_display();
        return c.labour_cost_kopecks();
    };
    EXPECT_EQ(shown(Cell{1, 30}), 1);                   // 0.5
    EXPECT_EQ(shown(Cell{1, 29}), 0);                   // 0.483…
    EXPECT_EQ(shown(Cell{90, 150'000 * 90}), 225'000);  // 1.5 h at 1,500 ₽/h
}

TEST(TimeReportPivot, EveryTotalIsTheSumOfItsCellsAsShownForAnyReport) {
    // Property: over random reports, each line total, column total and the grand total equals
    // the sum of the cells beside it, in kopecks and in hundredths of an hour.
    std::mt19937 rng(20261207);
    for (int round = 0; round < 300; ++round) {
        int employees = 1 + static_cast<int>(rng() % 6), months = 1 + static_cast<int>(rng() % 12);
        std::vector<std::string> columns;
        for (int m = 1; m <= months; ++m)
            columns.push_back("2026-" + std::string(m < 10 ? "0" : "") + std::to_string(m));
        std::vector<Aggregate> a;
        Names names;
        for (int e = 1; e <= employees; ++e) {
            names[id(e)] = "Сотрудник " + std::to_string(e);
            std::int64_t rate = 50'000 + static_cast<std::int64_t>(rng() % 300'000);  // kopecks/h
            for (const auto& col : columns) {
                if (rng() % 3 == 0) continue;
                std::int64_t minutes = 1 + static_cast<std::int64_t>(rng() % 3000);
                a.push_back({{id(e)}, col, {minutes, minutes * rate}});
            }
        }
        Pivot p = assemble({Dimension::kEmployee}, Columns::kMonth, columns, a, {names});
        std::int64_t all_kopecks = 0, all_hundredths = 0;
        std::vector<std::int64_t> col_kopecks(columns.size()), col_hundredths(columns.size());
        for (const Line& line : p.lines) {
            std::int64_t k = 0, h = 0;
            for (std::size_t c = 0; c < line.cells.size(); ++c) {
                k += line.cells[c].labour_cost_kopecks();
                h += line.cells[c].shown_hundredths;
                col_kopecks[c] += line.cells[c].labour_cost_kopecks();
                col_hundredths[c] += line.cells[c].shown_hundredths;
            }
            ASSERT_EQ(line.total.labour_cost_kopecks(), k);
            ASSERT_EQ(line.total.shown_hundredths, h);
            all_kopecks += k;
            all_hundredths += h;
        }
        for (std::size_t c = 0; c < columns.size(); ++c) {
            ASSERT_EQ(p.column_totals[c].labour_cost_kopecks(), col_kopecks[c]);
            ASSERT_EQ(p.column_totals[c].shown_hundredths, col_hundredths[c]);
        }
        ASSERT_EQ(p.total.labour_cost_kopecks(), all_kopecks);
        ASSERT_EQ(p.total.shown_hundredths, all_hundredths);
    }
}

TEST(TimeReportPivot, LinesHaveEveryColumnAndTotalsAddUp) {
    // Employees 1 (Борис) and 2 (Анна) on services 10 and 11, January to March.
    std::vector<Aggregate> a = {
        {{id(1), id(10)}, "2026-01", {60, 60 * 1000}},
        {{id(1), id(10)}, "2026-03", {30, 30 * 1000}},
        {{id(2), id(11)}, "2026-02", {120, 120 * 2000}},
        {{id(2), id(10)}, "2026-02", {15, 15 * 2000}},
        {{id(2), id(10)}, "2027-01", {999, 0}},  // outside the columns: ignored
    };
    std::vector<Names> names = {{{id(1), "Борис"}, {id(2), "Анна"}},
                                {{id(10), "SEO"}, {id(11), "Директ"}}};
    Pivot p = assemble({Dimension::kEmployee, Dimension::kService}, Columns::kMonth,
                       {"2026-01", "2026-02", "2026-03"}, a, names);
    ASSERT_EQ(p.lines.size(), 3u);
    // Sorted by employee name, then service name.
    EXPECT_EQ(p.lines[0].names, (std::vector<std::optional<std::string>>{"Анна", "SEO"}));
    EXPECT_EQ(p.lines[1].names, (std::vector<std::optional<std::string>>{"Анна", "Директ"}));
    EXPECT_EQ(p.lines[2].names, (std::vector<std::optional<std::string>>{"Борис", "SEO"}));
    EXPECT_EQ(p.lines[2].cells[0].minutes, 60);
    EXPECT_EQ(p.lines[2].cells[1].minutes, 0);
    EXPECT_EQ(p.lines[2].cells[2].minutes, 30);
    EXPECT_EQ(p.lines[2].total.minutes, 90);
    EXPECT_EQ(p.lines[2].total.labour_cost_kopecks(), 1500);
    EXPECT_EQ(p.column_totals[1].minutes, 135);
    EXPECT_EQ(p.column_totals[1].labour_cost_kopecks(), 4500);
    EXPECT_EQ(p.total.minutes, 225);
    EXPECT_EQ(p.total.labour_cost_kopecks(), 6000);
}

TEST(TimeReportPivot, KeysWithoutNameSortLast) {
    std::vector<Aggregate> a = {{{RowKey{}}, "2026-01", {10, 0}}, {{id(3)}, "2026-01", {20, 0}}};
    Pivot p =
        assemble({Dimension::kGroup}, Columns::kMonth, {"2026-01"}, a, {Names{{id(3), "SEO"}}});
    ASSERT_EQ(p.lines.size(), 2u);
    EXPECT_EQ(p.lines[0].names[0], "SEO");
    EXPECT_FALSE(p.lines[1].names[0].has_value());
}

TEST(TimeReportJson, CostFieldsOnlyForRolesThatSeeCosts) {
    ReportSpec spec =
        parse_spec({{"rows", "direction"}, {"from", "2026-01-01"}, {"to", "2026-01-31"}});
    RowKey seo{std::nullopt, "seo"};
    Pivot p = assemble(spec.rows, spec.cols, {"2026-01"}, {{{seo}, "2026-01", {90, 90 * 1000}}},
                       {Names{{seo, "seo"}}});
    std::string with = to_json(p, spec, true);
    EXPECT_EQ(with, R"({"rows":["direction"],"cols":"month","from":"2026-01-01","to":"2026-01-31",)"
                    R"("columns":["2026-01"],"lines":[{"keys":[{"code":"seo","name":"seo"}],)"
                    R"("cells":[{"minutes":90,"labour_cost_kopecks":1500}],)"
                    R"("total":{"minutes":90,"labour_cost_kopecks":1500}}],)"
                    R"("totals":{"cells":[{"minutes":90,"labour_cost_kopecks":1500}],)"
                    R"("total":{"minutes":90,"labour_cost_kopecks":1500}}})");
    std::string without = to_json(p, spec, false);
    EXPECT_EQ(without.find("labour_cost"), std::string::npos);
}

TEST(TimeReportCsv, HoursHaveTwoDecimalsRoundedHalfUp) {
    EXPECT_EQ(format_hours(90, ','), "1,50");
    EXPECT_EQ(format_hours(10, ','), "0,17");  // 0.1666…
    EXPECT_EQ(format_hours(1, '.'), "0.02");   // 0.01666…
    EXPECT_EQ(format_hours(0, ','), "0,00");
    EXPECT_EQ(format_rubles_plain(123456, ','), "1234,56");
    EXPECT_EQ(format_rubles_plain(5, '.'), "0.05");
    EXPECT_EQ(format_rubles_plain(-150, '.'), "-1.50");
}

TEST(TimeReportCsv, FieldsAreQuotedOnlyWhenNeeded) {
    EXPECT_EQ(csv_field("ООО Ромашка", ';'), "ООО Ромашка");
    EXPECT_EQ(csv_field("Рога; Копыта", ';'), "\"Рога; Копыта\"");
    EXPECT_EQ(csv_field("Рога, Копыта", ';'), "Рога, Копыта");
    EXPECT_EQ(csv_field("Рога, Копыта", ','), "\"Рога, Копыта\"");
    EXPECT_EQ(csv_field("ООО \"Ромашка\"", ';'), "\"ООО \"\"Ромашка\"\"\"");
    EXPECT_EQ(csv_field("two\nlines", ';'), "\"two\nlines\"");
}

TEST(TimeReportCsv, FormulaLookingTextIsDefused) {
    EXPECT_EQ(csv_field("=HYPERLINK(\"x\")", ';'), "\"'=HYPERLINK(\"\"x\"\")\"");
    EXPECT_EQ(csv_field("+7 495", ';'), "'+7 495");
    EXPECT_EQ(csv_field("@SUM", ';'), "'@SUM");
}

TEST(TimeReportCsv, RussianExcelGetsBomSemicolonsAndDecimalCommas) {
    std::vector<Aggregate> a = {{{id(1)}, "2026-01", {90, 90 * 100'000}}};
    Pivot p = assemble({Dimension::kEmployee}, Columns::kMonth, {"2026-01"}, a,
                       {Names{{id(1), "Анна; SEO"}}});
    std::string csv = to_csv(to_table(p, true, Lang::kRu), Lang::kRu);
    EXPECT_EQ(csv,
              "\xEF\xBB\xBF"
              "Сотрудник;2026-01, ч;2026-01, ₽;Итого, ч;Итого, ₽\r\n"
              "\"Анна; SEO\";1,50;1500,00;1,50;1500,00\r\n"
              "Итого;1,50;1500,00;1,50;1500,00\r\n");
    std::string en = to_csv(to_table(p, false, Lang::kEn), Lang::kEn);
    EXPECT_EQ(en,
              "\xEF\xBB\xBF"
              "Employee,\"2026-01, h\",\"Total, h\"\r\n"
              "Анна; SEO,1.50,1.50\r\n"
              "Total,1.50,1.50\r\n");
}

TEST(TimeReportCsv, FileNameCarriesRangeAndExtension) {
    Query q = year_by("client");
    q["format"] = "csv";
    EXPECT_EQ(file_name(parse_spec(q)), "time-report_2026-01-01_2026-12-31.csv");
}

}  // namespace retainer::reports
