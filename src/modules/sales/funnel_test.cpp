#include "modules/sales/funnel.hpp"

#include <gtest/gtest.h>

namespace retainer::sales {

TEST(Funnel, HandComputedPipeline) {
    // New(1) → Brief(2) → Proposal(3) → Won(10) / Lost(11)
    std::vector<FunnelStage> stages = {{10, "Won", "won", 9},
                                       {1, "New", "open", 1},
                                       {3, "КП", "open", 3},
                                       {2, "Brief", "open", 2},
                                       {11, "Lost", "lost", 10}};
    std::vector<FunnelDeal> deals = {
        {100, 7, 1, 0, ""},         // still new
        {101, 7, 10, 500000, ""},   // won through every stage
        {102, 8, 11, 0, "Дорого"},  // lost at the brief
        {103, 8, 10, 300000, ""},   // won, skipped the brief stage
        {104, 8, 11, 0, "Дорого"},  // lost at the proposal
    };
    std::vector<FunnelMove> moves = {
        {100, std::nullopt, 1, std::nullopt},
        {101, std::nullopt, 1, std::nullopt},
        {101, 1, 2, 60},
        {101, 2, 3, 120},
        {101, 3, 10, 30},
        {102, std::nullopt, 1, std::nullopt},
        {102, 1, 2, 10},
        {102, 2, 11, 20},
        {103, std::nullopt, 1, std::nullopt},
        {103, 1, 3, 40},
        {103, 3, 10, 50},
        {104, std::nullopt, 1, std::nullopt},
        {104, 1, 3, 70},
        {104, 3, 11, 5},
        {999, 1, 2, 100000},  // not in the cohort: ignored
    };
    Funnel f = compute_funnel(stages, deals, moves);
    ASSERT_EQ(f.stages.size(), 5u);
    EXPECT_EQ(f.stages[0].name, "New");
    EXPECT_EQ(f.stages[1].name, "Brief");
    EXPECT_EQ(f.stages[3].kind, "won");
    EXPECT_EQ(f.stages[4].kind, "lost");
    // New: all 5 entered; 4 moved on (100 did not).
    EXPECT_EQ(f.stages[0].entered, 5);
    EXPECT_EQ(f.stages[0].moved_on, 4);
    EXPECT_EQ(f.stages[0].conversion_tenths, 800);
    // Brief: 101, 102, 103 (skipped, counted), 104 (skipped) → 4 entered; 101, 103, 104 moved on.
    EXPECT_EQ(f.stages[1].entered, 4);
    EXPECT_EQ(f.stages[1].moved_on, 3);
    EXPECT_EQ(f.stages[1].conversion_tenths, 750);
    // Proposal: 101, 103, 104 entered; 101 and 103 won.
    EXPECT_EQ(f.stages[2].entered, 3);
    EXPECT_EQ(f.stages[2].moved_on, 2);
    EXPECT_EQ(f.stages[2].conversion_tenths, 667);
    // Time in New: 60, 10, 40, 70 → avg 45, median 50.
    EXPECT_EQ(f.stages[0].avg_minutes, 45);
    EXPECT_EQ(f.stages[0].median_minutes, 50);
    EXPECT_EQ(f.stages[2].median_minutes, 30);  // 30, 50, 5 → 30
    EXPECT_EQ(f.stages[3].entered, 2);
    EXPECT_FALSE(f.stages[3].conversion_tenths);
    EXPECT_EQ(f.won, 2);
    EXPECT_EQ(f.lost, 2);
    EXPECT_EQ(f.won_amount_kopecks, 800000);
    EXPECT_EQ(f.win_rate_tenths, 500);
    ASSERT_EQ(f.lost_reasons.size(), 1u);
    EXPECT_EQ(f.lost_reasons[0].second, 2);
    ASSERT_EQ(f.owners.size(), 2u);
    EXPECT_EQ(f.owners[0].owner_id, 8);  // three deals first
    EXPECT_EQ(f.owners[0].won, 1);
    EXPECT_EQ(f.owners[0].lost, 2);
    EXPECT_EQ(f.owners[0].win_rate_tenths, 333);
    EXPECT_EQ(f.owners[1].won_amount_kopecks, 500000);
}

TEST(Funnel, EmptyCohortHasNoRates) {
    Funnel f = compute_funnel({{1, "New", "open", 1}}, {}, {});
    ASSERT_EQ(f.stages.size(), 1u);
    EXPECT_EQ(f.stages[0].entered, 0);
    EXPECT_FALSE(f.stages[0].conversion_tenths);
    EXPECT_FALSE(f.win_rate_tenths);
    EXPECT_EQ(percent_tenths(1, 3), 333);
    EXPECT_EQ(percent_tenths(2, 3), 667);
}

}  // namespace retainer::sales
