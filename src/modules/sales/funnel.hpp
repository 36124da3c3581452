#pragma once
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace retainer::sales {

/// Sales analytics over a cohort of deals (docs/paperwork.md, "Analytics"). Pure: the caller
/// loads the pipeline's stages, the cohort's deals and their stage history.
struct FunnelStage {
    std::int64_t id = 0;
    std::string name, kind;  // kind: open | won | lost
    std::int64_t position = 0;
};
struct FunnelDeal {
    std::int64_t id = 0;
    std::optional<std::int64_t> owner_id;
    std::int64_t stage_id = 0;
    std::int64_t amount_kopecks = 0;
    std::string lost_reason;
};
struct FunnelMove {
    std::int64_t deal_id = 0;
    std::optional<std::int64_t> from_stage_id;
    std::int64_t to_stage_id = 0;
    std::optional<std::int64_t> minutes_in_previous_stage;
};

struct StageFigures {
    std::int64_t stage_id = 0;
    std::string name, kind;
    std::int64_t entered = 0, moved_on = 0;
    std::optional<std::int64_t> conversion_tenths;  // moved_on ÷ entered, in 0.1 %
    std::optional<std::int64_t> avg_minutes, median_minutes;
};
struct OwnerFigures {
    std::optional<std::int64_t> owner_id;
    std::int64_t deals = 0, won = 0, lost = 0, won_amount_kopecks = 0;
    std::optional<std::int64_t> win_rate_tenths;  // won ÷ (won + lost)
};
struct Funnel {
    std::vector<StageFigures> stages;  // open stages by position, then won, then lost
    std::vector<OwnerFigures> owners;  // by deals, most first
    std::int64_t deals = 0, won = 0, lost = 0, won_amount_kopecks = 0;
    std::optional<std::int64_t> win_rate_tenths;
    std::vector<std::pair<std::string, std::int64_t>> lost_reasons;  // most frequent first
};

/// A deal entered an open stage when it reached that stage or any later open one, or won (a
/// skipped stage counts as passed); it moved on when it reached a later open stage or won.
/// Time in stage: the recorded minutes of the moves out of it. Lost reasons are grouped as
/// typed (trimmed, case-folded by the caller if wanted).
Funnel compute_funnel(const std::vector<FunnelStage>& stages, const std::vector<FunnelDeal>& deals,
                      const std::vector<FunnelMove>& moves);

/// a ÷ b in tenths of a percent, rounded half-up; nullopt when b is 0.
std::optional<std::int64_t> percent_tenths(std::int64_t a, std::int64_t b);

}  // namespace retainer::sales
