#include "modules/dashboard/compute.hpp"

#include <cmath>

namespace retainer::dashboard {

// Σ minutes × kopecks-per-hour overflows 64 bits only for absurd inputs; 128 bits rule it out.
__extension__ using Wide = __int128;

std::optional<double> overrun_percent(const workload::PlanFact& f) {
    if (!f.overrun) return std::nullopt;
    return std::round(*f.overrun * 1000.0) / 10.0;
}

Dashboard compute(const Input& in) {
    Dashboard out;
    out.period = in.period;
    out.today = in.today;
    {
        std::int64_t first = in.period.first_day().days_since_epoch();
        std::int64_t last = in.period.last_day().days_since_epoch();
        std::int64_t t = in.today.days_since_epoch();
        std::int64_t elapsed = t < first ? 0 : (t > last ? last - first + 1 : t - first + 1);
        out.elapsed_share = static_cast<double>(elapsed) / static_cast<double>(in.period.days());
    }

    // Minutes and cost·minutes per service, from the rollups (a few rows per service).
    struct Sums {
        std::int64_t current = 0;
        std::int64_t previous = 0;
        Wide cost_minutes = 0;  // Σ minutes × rate, kopecks·minutes/hour
    };
    std::unordered_map<std::int64_t, Sums> sums;
    sums.reserve(in.services.size());
    for (const Rollup& r : in.rollups) {
        Sums& s = sums[r.service_id];
        if (!r.current) {
            s.previous += r.minutes;
            continue;
        }
        s.current += r.minutes;
        s.cost_minutes += r.cost_rate_minutes;
    }

    std::unordered_map<std::int64_t, std::size_t> client_index;
    client_index.reserve(in.clients.size());
    std::vector<ClientFigures> by_client(in.clients.size());
    for (std::size_t i = 0; i < in.clients.size(); ++i) {
        client_index[in.clients[i].id] = i;
        by_client[i].client = &in.clients[i];
    }

    Date previous_today = in.period.previous().last_day();  // the previous period is complete
    for (const ServiceInput& s : in.services) {
        auto ci = client_index.find(s.client_id);
        if (ci == client_index.end()) continue;
        const Sums& sm = sums[s.id];
        ServiceFigures f;
        f.service = &s;
        f.current = workload::plan_fact(s.terms, in.period, sm.current, in.today);
        f.previous = workload::plan_fact(s.terms, in.period.previous(), sm.previous,
                                         std::min(previous_today, in.today));
        f.labour_cost_kopecks = static_cast<std::int64_t>((sm.cost_minutes + 30) / 60);
        f.margin_kopecks = f.current.fee_kopecks - f.labour_cost_kopecks;

        out.totals.turnover_kopecks += f.current.fee_kopecks;
        out.totals.planned_minutes += f.current.planned_minutes;
        out.totals.actual_minutes += f.current.actual_minutes;
        out.totals.labour_cost_kopecks += f.labour_cost_kopecks;
        out.totals.margin_kopecks += f.margin_kopecks;
        ++out.totals.services;
        by_client[ci->second].services.push_back(f);
    }
    for (ClientFigures& c : by_client) {
        if (c.services.empty()) continue;
        ++out.totals.clients;
        out.clients.push_back(std::move(c));
    }
    return out;
}

}  // namespace retainer::dashboard
