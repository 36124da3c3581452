#include "modules/access/scopes.hpp"

#include <gtest/gtest.h>
#include <spdlog/spdlog.h>

#include "modules/access/roles.hpp"
#include "platform/db/migrate.hpp"

namespace retainer::access {
namespace {

using Ids = std::vector<std::int64_t>;

// A small agency on a real SQLite database. Group 1 = head 2, manager 3, specialist 5;
// group 2 = manager 4, specialist 6.
//   clients: 1 (manager 3), 2 (manager 4), 3 (no manager), 4 (manager 4), 5 (no manager, no work)
//   services (client, specialist, manager): 1 (1, 5, 3), 2 (2, 6, 4), 3 (3, 6, 3), 4 (4, 6, 4),
//                                           5 (2, 5, 4)
//   time entries (service, user): 1 (1, 5), 2 (2, 6), 3 (4, 5) — specialist 5 helped on service 4,
//                                 4 (3, 6)
class Scopes : public ::testing::Test {
  protected:
    static void SetUpTestSuite() {
        db_ = db::Database::open("sqlite::memory:", 1).release();
        spdlog::set_level(spdlog::level::warn);  // one line per migration otherwise
        db::migrate(*db_);
        spdlog::set_level(spdlog::level::info);
        db::Lease conn = db_->acquire();
        conn->execute_script(R"(
INSERT INTO groups (id, name, direction, created_at, updated_at) VALUES
  (1, 'SEO', 'seo', 'x', 'x'), (2, 'Ads', 'ads', 'x', 'x');
INSERT INTO users (id, email, name, role, group_id, client_id, created_at, updated_at) VALUES
  (1, 'o@x', 'o', 'owner', NULL, NULL, 'x', 'x'),
  (2, 'h@x', 'h', 'head', 1, NULL, 'x', 'x'),
  (3, 'ma@x', 'ma', 'manager', 1, NULL, 'x', 'x'),
  (4, 'mb@x', 'mb', 'manager', 2, NULL, 'x', 'x'),
  (5, 'sa@x', 'sa', 'specialist', 1, NULL, 'x', 'x'),
  (6, 'sb@x', 'sb', 'specialist', 2, NULL, 'x', 'x'),
  (7, 'c@x', 'c', 'client', NULL, 1, 'x', 'x');
INSERT INTO clients (id, name, account_manager_id, created_at, updated_at) VALUES
  (1, 'C1', 3, 'x', 'x'), (2, 'C2', 4, 'x', 'x'), (3, 'C3', NULL, 'x', 'x'),
  (4, 'C4', 4, 'x', 'x'), (5, 'C5', NULL, 'x', 'x');
INSERT INTO service_types (id, code, name, direction, planning_rate_kopecks, created_at,
  updated_at) VALUES (1, 'seo', 'SEO', 'seo', 200000, 'x', 'x');
INSERT INTO services (id, client_id, service_type_id, name, specialist_id, account_manager_id,
  monthly_fee_kopecks, starts_on, created_at, updated_at) VALUES
  (1, 1, 1, 'S1', 5, 3, 100, '2026-01-01', 'x', 'x'),
  (2, 2, 1, 'S2', 6, 4, 100, '2026-01-01', 'x', 'x'),
  (3, 3, 1, 'S3', 6, 3, 100, '2026-01-01', 'x', 'x'),
  (4, 4, 1, 'S4', 6, 4, 100, '2026-01-01', 'x', 'x'),
  (5, 2, 1, 'S5', 5, 4, 100, '2026-01-01', 'x', 'x');
INSERT INTO time_entries (id, service_id, user_id, date, duration_minutes, created_at,
  updated_at) VALUES
  (1, 1, 5, '2026-01-10', 60, 'x', 'x'), (2, 2, 6, '2026-01-10', 60, 'x', 'x'),
  (3, 4, 5, '2026-01-11', 30, 'x', 'x'), (4, 3, 6, '2026-01-12', 45, 'x', 'x');
)");
    }
    static void TearDownTestSuite() {
        delete db_;
        db_ = nullptr;
    }

    static http::Caller as(const std::string& role, std::int64_t user_id,
                           std::optional<std::int64_t> group_id = std::nullopt,
                           std::optional<std::int64_t> client_id = std::nullopt) {
        http::Caller c;
        c.role = role;
        c.user_id = user_id;
        set_scope(c, group_id, client_id);
        return c;
    }

    /// Ids of `table` the caller's scope lets through. A parameter is bound before the scope, as
    /// callers do, so the scope's placeholders must continue the numbering.
    static Ids visible(const std::string& table,
                       std::string (*scope)(db::Params&, const http::Caller&, const std::string&),
                       const http::Caller& caller) {
        db::Params p;
        std::string sql =
            "SELECT t.id FROM " + table + " t WHERE t.id > " + p.bind(std::int64_t{0});
        std::string predicate = scope(p, caller, "t");
        if (!predicate.empty()) sql += " AND (" + predicate + ")";
        sql += " ORDER BY t.id";
        db::Lease conn = db_->acquire();
        auto r = conn->query(sql, p.values());
        Ids ids;
        for (std::size_t i = 0; i < r.rows.size(); ++i) ids.push_back(r.int_at(i, "id"));
        return ids;
    }
    static Ids clients(const http::Caller& c) { return visible("clients", client_scope, c); }
    static Ids services(const http::Caller& c) { return visible("services", service_scope, c); }
    static Ids entries(const http::Caller& c) {
        return visible("time_entries", time_entry_scope, c);
    }

    static db::Database* db_;
};
db::Database* Scopes::db_ = nullptr;

}  // namespace

TEST_F(Scopes, OwnerAndAccountantSeeEverything) {
    for (const auto& role : {kOwner, kAccountant}) {
        http::Caller c = as(role, 1);
        db::Params p;
        EXPECT_EQ(client_scope(p, c, "t"), "") << role;  // no predicate: nothing to filter
        EXPECT_EQ(service_scope(p, c, "t"), "") << role;
        EXPECT_EQ(clients(c), (Ids{1, 2, 3, 4, 5})) << role;
        EXPECT_EQ(services(c), (Ids{1, 2, 3, 4, 5})) << role;
        EXPECT_EQ(entries(c), (Ids{1, 2, 3, 4})) << role;
    }
}

TEST_F(Scopes, SalesRolesSeeAllClientsButNoServicesOrTime) {
    for (const auto& role : {kSales, kLeadGenerator, kQuality}) {
        http::Caller c = as(role, 1);
        EXPECT_EQ(clients(c), (Ids{1, 2, 3, 4, 5})) << role;
        EXPECT_EQ(services(c), Ids{}) << role;
        EXPECT_EQ(entries(c), Ids{}) << role;
    }
}

TEST_F(Scopes, HeadSeesClientsAndServicesTouchedByTheirGroup) {
    http::Caller head = as(kHead, 2, 1);
    // C1 is managed in the group; C3 has a service managed in it; C2 a service of its specialist.
    EXPECT_EQ(clients(head), (Ids{1, 2, 3}));
    EXPECT_EQ(services(head), (Ids{1, 3, 5}));
    EXPECT_EQ(entries(head), (Ids{1, 4}));
}

TEST_F(Scopes, HeadWithoutAGroupSeesOnlyWhatIsTheirOwn) {
    http::Caller head = as(kHead, 2);
    EXPECT_EQ(clients(head), Ids{});
    EXPECT_EQ(services(head), Ids{});
    EXPECT_EQ(entries(head), Ids{});
}

TEST_F(Scopes, ManagerSeesClientsTheyManageOrServe) {
    EXPECT_EQ(clients(as(kManager, 3, 1)), (Ids{1, 3}));  // C3 through the service they manage
    EXPECT_EQ(clients(as(kManager, 4, 2)), (Ids{2, 4}));
}

TEST_F(Scopes, ManagerSeesServicesTheyManageOrOfTheirClients) {
    EXPECT_EQ(services(as(kManager, 3, 1)), (Ids{1, 3}));
    // S5 is managed by 4 and belongs to their client C2.
    EXPECT_EQ(services(as(kManager, 4, 2)), (Ids{2, 4, 5}));
    EXPECT_EQ(entries(as(kManager, 3, 1)), (Ids{1, 4}));
    EXPECT_EQ(entries(as(kManager, 4, 2)), (Ids{2, 3}));
}

TEST_F(Scopes, SpecialistSeesServicesAssignedOrWorkedOn) {
    http::Caller a = as(kSpecialist, 5, 1);
    EXPECT_EQ(services(a), (Ids{1, 4, 5}));  // S4 only through the time they logged on it
    EXPECT_EQ(clients(a), (Ids{1, 2, 4}));
    EXPECT_EQ(entries(a), (Ids{1, 3}));
    http::Caller b = as(kSpecialist, 6, 2);
    EXPECT_EQ(services(b), (Ids{2, 3, 4}));
    EXPECT_EQ(clients(b), (Ids{2, 3, 4}));
    // Entry 3 is the other specialist's, but on a service b is assigned to.
    EXPECT_EQ(entries(b), (Ids{2, 3, 4}));
}

TEST_F(Scopes, PortalClientSeesOnlyTheirCompanyAndNoTime) {
    http::Caller c = as(kClient, 7, std::nullopt, 1);
    EXPECT_EQ(clients(c), (Ids{1}));
    EXPECT_EQ(services(c), (Ids{1}));
    EXPECT_EQ(entries(c), Ids{});
}

TEST_F(Scopes, UnknownRolesAndClientsWithoutACompanySeeNothing) {
    for (const http::Caller& c : {as(kClient, 7), as("intern", 1), as("", 1)}) {
        EXPECT_EQ(clients(c), Ids{}) << c.role;
        EXPECT_EQ(services(c), Ids{}) << c.role;
        EXPECT_EQ(entries(c), Ids{}) << c.role;
    }
}

TEST(Access, OnlyOwnerHeadAndAccountantSeeCosts) {
    for (const auto& role : kAllRoles) {
        http::Caller c;
        c.role = role;
        bool expected = role == kOwner || role == kHead || role == kAccountant;
        EXPECT_EQ(sees_costs(c), expected) << role;
    }
}

TEST(Access, RolesAreTheDocumentedNine) {
    EXPECT_EQ(kAllRoles.size(), 9u);
    EXPECT_EQ(kStaff.size(), 8u);
    for (const auto& role : kStaff) EXPECT_TRUE(is_role(role)) << role;
    EXPECT_TRUE(is_role(kClient));
    EXPECT_FALSE(is_role("admin"));
    EXPECT_FALSE(is_role("Owner"));
    EXPECT_EQ(std::find(kStaff.begin(), kStaff.end(), kClient), kStaff.end());
}

}  // namespace retainer::access
