#include "modules/sales/funnel.hpp"

#include <algorithm>
#include <set>

namespace retainer::sales {

std::optional<std::int64_t> percent_tenths(std::int64_t a, std::int64_t b) {
    if (b == 0) return std::nullopt;
    return (a * 2000 + b) / (2 * b);
}

Funnel compute_funnel(const std::vector<FunnelStage>& stages, const std::vector<FunnelDeal>& deals,
                      const std::vector<FunnelMove>& moves) {
    std::vector<FunnelStage> ordered;
    for (const char* kind : {"open", "won", "lost"})
        for (const auto& s : stages)
            if (s.kind == kind) ordered.push_back(s);
    std::stable_sort(ordered.begin(), ordered.end(), [](const auto& a, const auto& b) {
        auto rank = [](const std::string& k) { return k == "open" ? 0 : k == "won" ? 1 : 2; };
        if (rank(a.kind) != rank(b.kind)) return rank(a.kind) < rank(b.kind);
        return a.kind == "open" && a.position < b.position;
    });
    std::map<std::int64_t, const FunnelStage*> by_id;
    for (const auto& s : ordered) by_id[s.id] = &s;

    std::map<std::int64_t, std::set<std::int64_t>> reached;  // deal → stages
    std::set<std::int64_t> cohort;
    for (const auto& d : deals) {
        cohort.insert(d.id);
        reached[d.id].insert(d.stage_id);
    }
    std::map<std::int64_t, std::vector<std::int64_t>> minutes_out;  // stage → minutes
    for (const auto& m : moves) {
        if (!cohort.count(m.deal_id)) continue;
        reached[m.deal_id].insert(m.to_stage_id);
        if (m.from_stage_id) {
            reached[m.deal_id].insert(*m.from_stage_id);
            if (m.minutes_in_previous_stage)
                minutes_out[*m.from_stage_id].push_back(*m.minutes_in_previous_stage);
        }
    }

    Funnel f;
    // Per deal: the furthest open position reached, and whether it won or was lost.
    struct Reach {
        std::optional<std::int64_t> furthest_open;
        bool won = false, lost = false;
    };
    std::map<std::int64_t, Reach> reach;
    for (const auto& d : deals) {
        Reach r;
        for (auto stage : reached[d.id]) {
            auto it = by_id.find(stage);
            if (it == by_id.end()) continue;
            const FunnelStage& s = *it->second;
            if (s.kind == "open")
                r.furthest_open = std::max(r.furthest_open.value_or(s.position), s.position);
        }
        auto cur = by_id.find(d.stage_id);
        if (cur != by_id.end()) {
            r.won = cur->second->kind == "won";
            r.lost = cur->second->kind == "lost";
        }
        reach[d.id] = r;
    }
    for (const auto& s : ordered) {
        StageFigures fig{s.id, s.name, s.kind, 0, 0, std::nullopt, std::nullopt, std::nullopt};
        for (const auto& d : deals) {
            const Reach& r = reach[d.id];
            if (s.kind == "open") {
                bool entered = r.won || (r.furthest_open && *r.furthest_open >= s.position);
                bool moved = r.won || (r.furthest_open && *r.furthest_open > s.position);
                fig.entered += entered;
                fig.moved_on += entered && moved;
            } else if (s.kind == "won") {
                fig.entered += r.won;
            } else {
                fig.entered += r.lost;
            }
        }
        if (s.kind == "open") fig.conversion_tenths = percent_tenths(fig.moved_on, fig.entered);
        auto& mins = minutes_out[s.id];
        if (!mins.empty()) {
            std::sort(mins.begin(), mins.end());
            std::int64_t sum = 0;
            for (auto m : mins) sum += m;
            auto n = static_cast<std::int64_t>(mins.size());
            fig.avg_minutes = (sum + n / 2) / n;
            fig.median_minutes = n % 2 ? mins[n / 2] : (mins[n / 2 - 1] + mins[n / 2] + 1) / 2;
        }
        f.stages.push_back(fig);
    }

    std::map<std::optional<std::int64_t>, OwnerFigures> owners;
    std::map<std::string, std::int64_t> reasons;
    for (const auto& d : deals) {
        const Reach& r = reach[d.id];
        auto& o = owners[d.owner_id];
        o.owner_id = d.owner_id;
        ++o.deals;
        ++f.deals;
        if (r.won) {
            ++o.won;
            ++f.won;
            o.won_amount_kopecks += d.amount_kopecks;
            f.won_amount_kopecks += d.amount_kopecks;
        }
        if (r.lost) {
            ++o.lost;
            ++f.lost;
            std::string reason = d.lost_reason.empty() ? "—" : d.lost_reason;
            ++reasons[reason];
        }
    }
    for (auto& [id, o] : owners) {
        o.win_rate_tenths = percent_tenths(o.won, o.won + o.lost);
        f.owners.push_back(o);
    }
    std::stable_sort(f.owners.begin(), f.owners.end(),
                     [](const auto& a, const auto& b) { return a.deals > b.deals; });
    f.win_rate_tenths = percent_tenths(f.won, f.won + f.lost);
    for (const auto& [reason, n] : reasons) f.lost_reasons.emplace_back(reason, n);
    std::stable_sort(f.lost_reasons.begin(), f.lost_reasons.end(),
                     [](const auto& a, const auto& b) { return a.second > b.second; });
    return f;
}

}  // namespace retainer::sales
