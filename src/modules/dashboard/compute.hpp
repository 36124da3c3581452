#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/date.hpp"
#include "modules/workload/rules.hpp"

/// The dashboard as plain data: what the database gave, and the plan-vs-fact figures computed from
/// it. Pure: no I/O, so every figure can be checked by hand in unit tests.
namespace retainer::dashboard {

struct Person {
    std::int64_t id = 0;
    std::string name;
    std::string role;
    std::optional<std::string> photo_url{};
    std::optional<std::int64_t> group_id{};
    std::int64_t cost_rate_kopecks = 0;  // per hour
};

struct ServiceInput {
    std::int64_t id = 0;
    std::int64_t client_id = 0;
    std::int64_t service_type_id = 0;
    std::string name;
    std::optional<std::int64_t> specialist_id;
    std::optional<std::int64_t> account_manager_id;
    std::string status;
    std::optional<std::string> documents_url;
    workload::ServiceTerms terms;
};

/// Minutes logged on one service in one month (time_rollups summed over people), and those minutes
/// weighted by each logger's hourly cost rate (Σ minutes × kopecks per hour).
struct Rollup {
    std::int64_t service_id = 0;
    bool current = true;  // false: the previous period
    std::int64_t minutes = 0;
    std::int64_t cost_rate_minutes = 0;
};

struct ClientInput {
    std::int64_t id = 0;
    std::string name;
    std::optional<std::int64_t> account_manager_id{};
    std::int64_t recommendations = 0;
    std::int64_t recommendations_approved_on_time = 0;
    std::int64_t recommendations_overdue = 0;
    std::int64_t calls = 0;
    std::int64_t call_seconds = 0;
    std::optional<std::string> last_contact_on{};
};

struct Input {
    Period period;
    Date today;
    std::vector<ClientInput> clients;  // in display order
    std::vector<ServiceInput> services;
    std::vector<Rollup> rollups;
    std::unordered_map<std::int64_t, Person> people;
};

struct ServiceFigures {
    const ServiceInput* service = nullptr;
    workload::PlanFact current;
    workload::PlanFact previous;
    std::int64_t labour_cost_kopecks = 0;  // current period
    std::int64_t margin_kopecks = 0;       // prorated fee − labour cost
};

struct ClientFigures {
    const ClientInput* client = nullptr;
    std::vector<ServiceFigures> services;
};

struct Totals {
    std::int64_t turnover_kopecks = 0;
    std::int64_t clients = 0;
    std::int64_t services = 0;
    std::int64_t planned_minutes = 0;
    std::int64_t actual_minutes = 0;
    std::int64_t labour_cost_kopecks = 0;
    std::int64_t margin_kopecks = 0;
};

struct Dashboard {
    Period period;
    Date today;
    double elapsed_share = 0;  // of the whole period
    Totals totals;
    std::vector<ClientFigures> clients;  // only clients with at least one service
};

/// Plan vs fact, lights, projections, labour cost and margin of every service in `input`.
/// Labour cost is Σ minutes × the logger's hourly cost rate ÷ 60, rounded once per service.
Dashboard compute(const Input& input);

/// Overrun in percent, one decimal (−16.7), or nullopt when nothing was planned.
std::optional<double> overrun_percent(const workload::PlanFact& f);

}  // namespace retainer::dashboard
