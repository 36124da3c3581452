#include "modules/demo/demo.hpp"

#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <map>

#include "core/requisites.hpp"
#include "modules/workload/rules.hpp"
#include "platform/db/migrate.hpp"

namespace retainer::demo {
namespace {

std::unique_ptr<db::Database> filled(const Instant& now, DemoSummary* summary = nullptr,
                                     std::uint64_t seed = 42) {
    auto db = db::Database::open("sqlite::memory:", 1);
    db::migrate(*db);
    DemoSummary s = fill_demo(*db, DemoOptions{.clients = 60, .seed = seed}, now);
    if (summary) *summary = s;
    return db;
}

Instant at(const char* rfc3339) { return *Instant::parse_rfc3339(rfc3339); }

/// Lights of every service running in `period` as of `today`: light and projected light counts.
std::map<std::string, int> lights(db::Connection& conn, const Period& period, const Date& today,
                                  bool projected) {
    auto r = conn.query(
        "SELECT s.monthly_fee_kopecks AS fee, t.planning_rate_kopecks AS rate, s.starts_on, "
        "s.ends_on, COALESCE((SELECT SUM(minutes) FROM time_rollups r WHERE r.service_id = s.id "
        "AND r.month = $1), 0) AS actual FROM services s JOIN service_types t ON "
        "t.id = s.service_type_id",
        {period.to_string()});
    std::map<std::string, int> out;
    for (std::size_t i = 0; i < r.rows.size(); ++i) {
        workload::ServiceTerms terms{r.int_at(i, "fee"), r.int_at(i, "rate"),
                                     *Date::parse(r.text_at(i, "starts_on")), std::nullopt};
        if (auto e = r.opt_text_at(i, "ends_on")) terms.ends_on = Date::parse(*e);
        if (workload::elapsed_active_days(period, terms.starts_on, terms.ends_on, today) <= 0)
            continue;
        auto pf = workload::plan_fact(terms, period, r.int_at(i, "actual"), today);
        ++out[std::string(workload::to_string(projected ? pf.projected_light : pf.light))];
    }
    return out;
}

void expect_split(std::map<std::string, int> counts, double tolerance) {
    double n = counts["blue"] + counts["yellow"] + counts["red"];
    ASSERT_GT(n, 50);
    EXPECT_NEAR(counts["blue"] / n, 0.6, tolerance);
    EXPECT_NEAR(counts["yellow"] / n, 0.2, tolerance);
    EXPECT_NEAR(counts["red"] / n, 0.2, tolerance);
}

TEST(Demo, FillsAnAgencyWithValidRequisitesAndShapedLights) {
    DemoSummary s;
    auto db = filled(at("2026-11-25T12:00:00Z"), &s);
    EXPECT_EQ(s.today, "2026-11-25");
    EXPECT_EQ(s.clients, 60);
    EXPECT_GT(s.services, 90);
    EXPECT_GT(s.time_entries, 10000);
    EXPECT_GT(s.recommendations, 100);
    EXPECT_GT(s.calls, 250);
    auto conn = db->acquire();

    auto clients = conn->query(
        "SELECT name, inn, kpp, ogrn, bik, bank_account, correspondent_account, search_text "
        "FROM clients");
    for (std::size_t i = 0; i < clients.rows.size(); ++i) {
        std::string inn = clients.text_at(i, "inn");
        EXPECT_FALSE(requisites::inn_problem(inn)) << inn;
        EXPECT_FALSE(requisites::ogrn_problem(clients.text_at(i, "ogrn")));
        auto kpp = clients.opt_text_at(i, "kpp");
        EXPECT_EQ(kpp.has_value(), inn.size() == 10) << clients.text_at(i, "name");
        if (kpp) {
            EXPECT_FALSE(requisites::kpp_problem(*kpp));
        }
        std::string bik = clients.text_at(i, "bik");
        EXPECT_FALSE(
            requisites::settlement_account_problem(clients.text_at(i, "bank_account"), bik));
        EXPECT_FALSE(requisites::correspondent_account_problem(
            clients.text_at(i, "correspondent_account"), bik));
        EXPECT_FALSE(clients.text_at(i, "search_text").empty());
    }
    EXPECT_EQ(clients.text_at(0, "name"), "ООО Ромашка");

    // Accounts: one per role, the portal user on the demo client.
    for (const char* email :
         {"owner@demo.local", "head@demo.local", "manager@demo.local", "specialist@demo.local",
          "sales@demo.local", "accountant@demo.local", "client@demo.local"})
        EXPECT_EQ(conn->query("SELECT COUNT(*) AS n FROM users WHERE email = $1 AND "
                              "password_hash IS NOT NULL",
                              {std::string(email)})
                      .int_at(0, "n"),
                  1)
            << email;
    EXPECT_EQ(conn->query("SELECT c.name FROM users u JOIN clients c ON c.id = u.client_id WHERE "
                          "u.email = 'client@demo.local'")
                  .text_at(0, "name"),
              "ООО Ромашка");
    EXPECT_EQ(conn->query("SELECT COUNT(*) AS n FROM clients WHERE account_manager_id = (SELECT id "
                          "FROM users WHERE email = 'manager@demo.local')")
                  .int_at(0, "n"),
              30);
    EXPECT_EQ(conn->query("SELECT COUNT(*) AS n FROM services WHERE specialist_id = (SELECT id "
                          "FROM users WHERE email = 'specialist@demo.local')")
                  .int_at(0, "n"),
              12);

    // Time: nothing after today, nobody over 24 hours a day, rollups in step.
    EXPECT_EQ(conn->query("SELECT MAX(date) AS d FROM time_entries").text_at(0, "d"), "2026-11-25");
    EXPECT_LE(conn->query("SELECT MAX(m) AS m FROM (SELECT SUM(duration_minutes) AS m FROM "
                          "time_entries GROUP BY user_id, date) x")
                  .int_at(0, "m"),
              1440);
    EXPECT_EQ(conn->query("SELECT SUM(minutes) AS m FROM time_rollups").int_at(0, "m"),
              conn->query("SELECT SUM(duration_minutes) AS m FROM time_entries").int_at(0, "m"));

    // Calls to return: every account manager has a missed incoming call of the last days that is
    // their client's latest (the manager's Today lists it), none after now.
    auto to_return = conn->query(
        "SELECT u.email, COUNT(*) AS n FROM calls k JOIN users u ON u.id = k.employee_id WHERE "
        "u.role = 'manager' AND k.direction = 'in' AND k.status = 'missed' AND k.started_on >= "
        "'2026-11-21' AND NOT EXISTS (SELECT 1 FROM calls b WHERE b.client_id = k.client_id AND "
        "b.started_at > k.started_at) GROUP BY u.email");
    EXPECT_EQ(to_return.rows.size(),
              conn->query("SELECT COUNT(*) AS n FROM users WHERE role = 'manager'").int_at(0, "n"));
    for (std::size_t i = 0; i < to_return.rows.size(); ++i)
        EXPECT_GE(to_return.int_at(i, "n"), 3) << to_return.text_at(i, "email");
    EXPECT_LE(conn->query("SELECT MAX(started_at) AS t FROM calls").text_at(0, "t"),
              "2026-11-25T12:00:00Z");

    Date today{2026, 11, 25};
    expect_split(lights(*conn, Period{2026, 11}, today, false), 0.03);
    expect_split(lights(*conn, Period{2026, 10}, today, false), 0.03);
    expect_split(lights(*conn, Period{2026, 10}, today, true), 0.03);
}

TEST(Demo, EarlyInTheMonthTheCurrentPaceCarriesTheSplit) {
    auto db = filled(at("2026-12-02T08:00:00Z"));
    auto conn = db->acquire();
    EXPECT_EQ(conn->query("SELECT MAX(date) AS d FROM time_entries").text_at(0, "d"), "2026-12-02");
    expect_split(lights(*conn, Period{2026, 12}, Date{2026, 12, 2}, true), 0.1);
    expect_split(lights(*conn, Period{2026, 11}, Date{2026, 12, 2}, false), 0.03);
}

TEST(Demo, RefusesAFilledDatabaseAndIsDeterministic) {
    Instant now = at("2026-11-25T12:00:00Z");
    auto a = filled(now);
    EXPECT_THROW(fill_demo(*a, DemoOptions{.clients = 5, .seed = 1}, now), std::runtime_error);
    auto b = filled(now);
    auto c = filled(now, nullptr, 7);
    const char* digest =
        "SELECT COUNT(*) AS n, SUM(duration_minutes * (id % 97)) AS d, "
        "(SELECT GROUP_CONCAT(inn, ',') FROM clients) AS inns FROM time_entries";
    auto ra = a->acquire()->query(digest);
    auto rb = b->acquire()->query(digest);
    auto rc = c->acquire()->query(digest);
    EXPECT_EQ(ra.rows, rb.rows);
    EXPECT_NE(ra.rows, rc.rows);
}

}  // namespace
}  // namespace retainer::demo

namespace retainer::demo {
namespace {

TEST(Demo, DealsFillEveryStageWithConsistentHistories) {
    DemoSummary s;
    auto db = filled(at("2026-11-25T12:00:00Z"), &s);
    EXPECT_EQ(s.deals, 150);
    auto conn = db->acquire();
    auto pipes = conn->query("SELECT code FROM pipelines ORDER BY position");
    ASSERT_EQ(pipes.rows.size(), 2u);
    EXPECT_EQ(pipes.text_at(0, "code"), "subscription");
    EXPECT_EQ(pipes.text_at(1, "code"), "webdev");
    auto empty = conn->query(
        "SELECT s.name FROM pipeline_stages s WHERE NOT EXISTS (SELECT 1 FROM deals d WHERE "
        "d.stage_id = s.id) AND s.pipeline_id = (SELECT id FROM pipelines WHERE code = "
        "'subscription')");
    EXPECT_TRUE(empty.empty()) << "a subscription stage without deals";
    // Every deal's last history entry is its current stage, entered at stage_entered_at.
    auto mismatched = conn->query(
        "SELECT d.id FROM deals d WHERE d.stage_id <> (SELECT h.to_stage_id FROM "
        "deal_stage_history h WHERE h.deal_id = d.id ORDER BY h.at DESC, h.id DESC LIMIT 1) OR "
        "d.stage_entered_at <> (SELECT MAX(h.at) FROM deal_stage_history h WHERE h.deal_id = "
        "d.id)");
    EXPECT_TRUE(mismatched.empty());
    auto lost = conn->query(
        "SELECT COUNT(*) AS n FROM deals d JOIN pipeline_stages s ON s.id = d.stage_id WHERE "
        "s.kind = 'lost' AND (d.lost_reason IS NULL OR d.closed_at IS NULL)");
    EXPECT_EQ(lost.int_at(0, "n"), 0);
    auto sales = conn->query(
        "SELECT COUNT(*) AS n FROM deals d JOIN users u ON u.id = d.owner_id WHERE u.email = "
        "'sales@demo.local' AND d.closed_at IS NULL");
    EXPECT_EQ(sales.int_at(0, "n"), 20);
}

}  // namespace
}  // namespace retainer::demo

namespace retainer::demo {
namespace {

TEST(Demo, PaperworkFollowsTheDeals) {
    DemoSummary s;
    auto db = filled(at("2026-11-25T12:00:00Z"), &s);
    auto conn = db->acquire();
    EXPECT_GT(s.briefs, 40);
    EXPECT_GT(s.estimates, 30);
    // A deal past the brief stage has a submitted brief; past "КП отправлено", a proposal made
    // from its last estimate; a proposal is accepted exactly when the deal reached the contract.
    auto unfilled = conn->query(
        "SELECT d.id FROM deals d JOIN pipeline_stages s ON s.id = d.stage_id WHERE s.kind = "
        "'open' AND s.position > 3 AND NOT EXISTS (SELECT 1 FROM briefs b WHERE b.deal_id = d.id "
        "AND b.status = 'submitted')");
    EXPECT_TRUE(unfilled.empty());
    auto orphan = conn->query(
        "SELECT e.id FROM estimates e WHERE e.status = 'proposed' AND NOT EXISTS (SELECT 1 FROM "
        "documents p WHERE p.id = e.proposal_document_id AND p.estimate_id = e.id AND p.kind = "
        "'proposal')");
    EXPECT_TRUE(orphan.empty());
    auto accepted_early = conn->query(
        "SELECT p.id FROM documents p JOIN deals d ON d.id = p.deal_id JOIN pipeline_stages s ON "
        "s.id = d.stage_id WHERE p.kind = 'proposal' AND p.status = 'accepted' AND s.kind = "
        "'open' AND s.position < 6");
    EXPECT_TRUE(accepted_early.empty());
    // The deal's amount is its last estimate's total; the totals are the sums of the lines.
    auto amounts = conn->query(
        "SELECT d.amount_kopecks, e.total_kopecks, e.lines FROM deals d JOIN estimates e ON "
        "e.deal_id = d.id WHERE e.revision = (SELECT MAX(revision) FROM estimates x WHERE "
        "x.deal_id = d.id)");
    ASSERT_FALSE(amounts.empty());
    for (std::size_t i = 0; i < amounts.rows.size(); ++i) {
        EXPECT_EQ(amounts.int_at(i, "amount_kopecks"), amounts.int_at(i, "total_kopecks"));
        std::int64_t sum = 0;
        boost::json::value lines = boost::json::parse(amounts.text_at(i, "lines"));
        for (const auto& l : lines.as_array()) sum += l.at("total_kopecks").as_int64();
        EXPECT_EQ(sum, amounts.int_at(i, "total_kopecks"));
    }
    // Numbers of each kind follow the order the documents were made, without gaps.
    auto docs =
        conn->query("SELECT kind, sequence, created_at FROM documents ORDER BY kind, sequence");
    std::map<std::string, std::pair<std::int64_t, std::string>> last;
    for (std::size_t i = 0; i < docs.rows.size(); ++i) {
        auto& [seq, created] = last[docs.text_at(i, "kind")];
        EXPECT_EQ(docs.int_at(i, "sequence"), seq + 1);
        EXPECT_LE(created, docs.text_at(i, "created_at"));
        seq = docs.int_at(i, "sequence");
        created = docs.text_at(i, "created_at");
    }
    auto views = conn->query("SELECT COUNT(*) AS n FROM document_views");
    EXPECT_GT(views.int_at(0, "n"), 10);
    auto site = conn->query(
        "SELECT COUNT(*) AS n FROM deals WHERE source = 'site' AND application_id IS NULL");
    EXPECT_EQ(site.int_at(0, "n"), 0);
}

}  // namespace
}  // namespace retainer::demo
