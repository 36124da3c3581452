#include "modules/reports/time_report_store.hpp"

#include <gtest/gtest.h>

#include "modules/access/roles.hpp"
#include "modules/time/time_entries.hpp"
#include "platform/db/migrate.hpp"

namespace retainer::reports {
namespace {

// Two groups; employees 2 (SEO group, 1,200 ₽/h) and 3 (Ads group, 900 ₽/h) and 4 (no group,
// 1,000 ₽/h); clients 1 "Альфа", 2 "Бета"; services 10 (Альфа SEO, specialist 2),
// 11 (Бета Директ, specialist 3), 12 (Бета SEO, specialist 2).
class TimeReportStore : public ::testing::Test {
  protected:
    static void SetUpTestSuite() {
        db_ = db::Database::open("sqlite::memory:", 1).release();
        db::migrate(*db_);
        db::Lease conn = db_->acquire();
        conn->execute_script(R"(
INSERT INTO groups (id, name, direction, created_at, updated_at) VALUES
  (1, 'SEO group', 'seo', 'x', 'x'), (2, 'Ads group', 'ads', 'x', 'x');
INSERT INTO users (id, email, name, role, group_id, cost_rate_kopecks, created_at, updated_at) VALUES
  (1, 'o@x', 'Owner', 'owner', NULL, 0, 'x', 'x'),
  (2, 's2@x', 'Вера', 'specialist', 1, 120000, 'x', 'x'),
  (3, 's3@x', 'Глеб', 'specialist', 2, 90000, 'x', 'x'),
  (4, 's4@x', 'Дина', 'specialist', NULL, 100000, 'x', 'x');
INSERT INTO clients (id, name, created_at, updated_at) VALUES
  (1, 'Альфа', 'x', 'x'), (2, 'Бета', 'x', 'x');
INSERT INTO service_types (id, code, name, direction, planning_rate_kopecks, created_at,
  updated_at) VALUES (1, 'seo', 'SEO', 'seo', 200000, 'x', 'x'),
  (2, 'direct', 'Директ', 'ads', 200000, 'x', 'x');
INSERT INTO services (id, client_id, service_type_id, name, specialist_id,
  monthly_fee_kopecks, starts_on, created_at, updated_at) VALUES
  (10, 1, 1, 'SEO', 2, 100, '2026-01-01', 'x', 'x'),
  (11, 2, 2, 'Директ — Бета', 3, 100, '2026-01-01', 'x', 'x'),
  (12, 2, 1, 'SEO', 2, 100, '2026-01-01', 'x', 'x');
INSERT INTO time_entries (service_id, user_id, date, duration_minutes, created_at, updated_at)
VALUES
  (10, 2, '2026-01-05', 60, 'x', 'x'), (10, 2, '2026-01-11', 30, 'x', 'x'),
  (10, 2, '2026-01-12', 45, 'x', 'x'), (11, 3, '2026-01-31', 120, 'x', 'x'),
  (11, 3, '2026-02-01', 10, 'x', 'x'), (12, 2, '2026-02-15', 20, 'x', 'x'),
  (11, 4, '2026-02-20', 15, 'x', 'x'), (10, 2, '2026-03-01', 999, 'x', 'x');
)");
        time::rebuild_rollups(*conn);
    }
    static void TearDownTestSuite() {
        delete db_;
        db_ = nullptr;
    }

    static http::Caller as(const std::string& role, std::int64_t user_id) {
        http::Caller c;
        c.role = role;
        c.user_id = user_id;
        return c;
    }

    static Pivot report(const http::Caller& caller, std::map<std::string, std::string> query) {
        query.try_emplace("from", "2026-01-01");
        query.try_emplace("to", "2026-02-28");
        ReportSpec spec = parse_spec(query);
        db::Lease conn = db_->acquire();
        TimeReportData data = load_time_report(*conn, caller, spec);
        return assemble(spec.rows, spec.cols, columns_between(spec.from, spec.to, spec.cols),
                        data.aggregates, data.names);
    }

    static db::Database* db_;
};
db::Database* TimeReportStore::db_ = nullptr;

}  // namespace

TEST_F(TimeReportStore, EmployeeByServiceByMonthWithCosts) {
    Pivot p = report(as(access::kOwner, 1), {{"rows", "employee,service"}, {"cols", "month"}});
    ASSERT_EQ(p.columns, (std::vector<std::string>{"2026-01", "2026-02"}));
    ASSERT_EQ(p.lines.size(), 4u);
    // Вера: SEO at Альфа 135 min in January (2,700 ₽), SEO at Бета 20 min in
    // February (400 ₽).
    EXPECT_EQ(p.lines[0].names, (std::vector<std::optional<std::string>>{"Вера", "Альфа — SEO"}));
    EXPECT_EQ(p.lines[0].cells[0].minutes, 135);
    EXPECT_EQ(p.lines[0].cells[0].labour_cost_kopecks(), 270'000);
    EXPECT_EQ(p.lines[1].names, (std::vector<std::optional<std::string>>{"Вера", "Бета — SEO"}));
    EXPECT_EQ(p.lines[1].cells[1].minutes, 20);
    // Глеб: 120 min on Jan 31 and 10 min on Feb 1 at 900 ₽/h = 1,800 ₽ and 150 ₽.
    EXPECT_EQ(p.lines[2].names[0], "Глеб");
    EXPECT_EQ(p.lines[2].cells[0].labour_cost_kopecks(), 180'000);
    EXPECT_EQ(p.lines[2].cells[1].labour_cost_kopecks(), 15'000);
    // Дина: 15 min at 1,000 ₽/h = 250 ₽.
    EXPECT_EQ(p.lines[3].total.labour_cost_kopecks(), 25'000);
    EXPECT_EQ(p.total.minutes, 135 + 20 + 130 + 15);
    EXPECT_EQ(p.total.labour_cost_kopecks(), 270'000 + 40'000 + 195'000 + 25'000);
}

TEST_F(TimeReportStore, AServiceNamedAfterItsClientIsNotPrefixedTwice) {
    Pivot p = report(as(access::kOwner, 1), {{"rows", "service"}, {"cols", "month"}});
    std::vector<std::string> names;
    for (const auto& line : p.lines) names.push_back(line.names[0].value_or(""));
    EXPECT_NE(std::find(names.begin(), names.end(), "Директ — Бета"), names.end());
    EXPECT_NE(std::find(names.begin(), names.end(), "Альфа — SEO"), names.end());
}

TEST_F(TimeReportStore, PartialMonthsAtTheEdgesCountOnlyTheirDaysInRange) {
    // January from the 6th: 30 + 45 + 120 min; February to the 15th: 10 + 20 (not the 20th).
    Pivot p = report(as(access::kOwner, 1),
                     {{"rows", "employee"}, {"from", "2026-01-06"}, {"to", "2026-02-15"}});
    EXPECT_EQ(p.column_totals[0].minutes, 195);
    EXPECT_EQ(p.column_totals[1].minutes, 30);
    // A range inside one month reads only its days.
    Pivot q = report(as(access::kOwner, 1),
                     {{"rows", "employee"}, {"from", "2026-01-11"}, {"to", "2026-01-12"}});
    ASSERT_EQ(q.columns.size(), 1u);
    EXPECT_EQ(q.total.minutes, 75);
    // Whole months (from the monthly rollups) agree with the same range by day (from entries).
    Pivot months =
        report(as(access::kOwner, 1), {{"rows", "employee,service"}, {"to", "2026-03-31"}});
    Pivot days = report(as(access::kOwner, 1),
                        {{"rows", "employee,service"}, {"cols", "day"}, {"to", "2026-03-31"}});
    ASSERT_EQ(months.lines.size(), days.lines.size());
    for (std::size_t i = 0; i < months.lines.size(); ++i) {
        EXPECT_EQ(months.lines[i].total.minutes, days.lines[i].total.minutes);
        EXPECT_EQ(months.lines[i].total.cost_rate_minutes, days.lines[i].total.cost_rate_minutes);
    }
    EXPECT_EQ(months.total.minutes, 300 + 999);
}

TEST_F(TimeReportStore, WeeksComeFromTheIsoCalendar) {
    Pivot p =
        report(as(access::kOwner, 1), {{"rows", "client"}, {"cols", "week"}, {"to", "2026-01-31"}});
    // 2026-01-01 is a Thursday of 2026-W01; the 5th starts W02, the 11th is a Sunday of W02.
    ASSERT_EQ(p.columns.front(), "2026-W01");
    ASSERT_EQ(p.columns.back(), "2026-W05");
    ASSERT_EQ(p.lines.size(), 2u);
    EXPECT_EQ(p.lines[0].names[0], "Альфа");
    EXPECT_EQ(p.lines[0].cells[1].minutes, 90);   // W02: 5th and 11th
    EXPECT_EQ(p.lines[0].cells[2].minutes, 45);   // W03: the 12th
    EXPECT_EQ(p.lines[1].cells[4].minutes, 120);  // Бета, W05: the 31st
}

TEST_F(TimeReportStore, DirectionIsTheServiceTypesAndGroupMayBeNone) {
    Pivot d = report(as(access::kOwner, 1), {{"rows", "direction"}});
    ASSERT_EQ(d.lines.size(), 2u);
    EXPECT_EQ(d.lines[0].keys[0].code, "ads");
    EXPECT_EQ(d.lines[0].total.minutes, 145);  // Дина's 15 min on Директ count as ads
    EXPECT_EQ(d.lines[1].total.minutes, 155);

    Pivot g = report(as(access::kOwner, 1), {{"rows", "group"}});
    ASSERT_EQ(g.lines.size(), 3u);
    EXPECT_EQ(g.lines[2].names[0], std::nullopt);  // Дина has no group
    EXPECT_EQ(g.lines[2].total.minutes, 15);
}

TEST_F(TimeReportStore, FiltersNarrowTheEntries) {
    EXPECT_EQ(
        report(as(access::kOwner, 1), {{"rows", "employee"}, {"client_id", "2"}}).total.minutes,
        165);
    EXPECT_EQ(report(as(access::kOwner, 1), {{"rows", "employee"}, {"service_type_id", "1"}})
                  .total.minutes,
              155);
    EXPECT_EQ(
        report(as(access::kOwner, 1), {{"rows", "client"}, {"employee_id", "3"}}).total.minutes,
        130);
}

TEST_F(TimeReportStore, SpecialistSeesOnlyServicesTheyWorkOn) {
    // Дина logged time on service 11 only; she sees Глеб's entries there too, nothing else.
    Pivot p = report(as(access::kSpecialist, 4), {{"rows", "service"}});
    ASSERT_EQ(p.lines.size(), 1u);
    EXPECT_EQ(p.lines[0].keys[0].id, 11);
    EXPECT_EQ(p.total.minutes, 145);
}

TEST_F(TimeReportStore, ServiceNamesOmitTheClientWhenItIsTheOtherDimension) {
    Pivot p = report(as(access::kOwner, 1), {{"rows", "client,service"}});
    EXPECT_EQ(p.lines[0].names, (std::vector<std::optional<std::string>>{"Альфа", "SEO"}));
}

}  // namespace retainer::reports
