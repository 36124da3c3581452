#include "modules/time/rules.hpp"

#include <gtest/gtest.h>

namespace retainer::time {

TEST(TimeEntryRules, ASpecialistWritesOnlyTheirOwnEntries) {
    Writer specialist{7, true, false};
    EXPECT_EQ(authorship_problem(specialist, std::nullopt, 7), std::nullopt);
    EXPECT_EQ(authorship_problem(specialist, 7, 7), std::nullopt);
    EXPECT_EQ(authorship_problem(specialist, 8, 8),
              "a specialist edits only their own time entries");
    EXPECT_EQ(authorship_problem(specialist, std::nullopt, 8),
              "you may log time only for yourself");
    EXPECT_EQ(authorship_problem(specialist, 7, 8), "you may log time only for yourself");
}

TEST(TimeEntryRules, ManagersLogForOthers) {
    Writer manager{3, false, true};
    EXPECT_EQ(authorship_problem(manager, std::nullopt, 8), std::nullopt);
    EXPECT_EQ(authorship_problem(manager, 8, 9), std::nullopt);
    Writer accountant{4, false, false};
    EXPECT_EQ(authorship_problem(accountant, 8, 4), std::nullopt);  // only a specialist is bound
    EXPECT_EQ(authorship_problem(accountant, std::nullopt, 8),
              "you may log time only for yourself");
}

TEST(TimeEntryRules, TomorrowAtMostForTheAgencysTimeZone) {
    Date today{2026, 12, 7};
    EXPECT_EQ(date_problem({2026, 1, 1}, today), std::nullopt);
    EXPECT_EQ(date_problem({2026, 12, 8}, today), std::nullopt);
    EXPECT_EQ(date_problem({2026, 12, 9}, today), "cannot log time in the future");
    EXPECT_EQ(date_problem({2027, 1, 1}, {2026, 12, 31}), std::nullopt);
}

TEST(TimeEntryRules, ADayHoldsTwentyFourHours) {
    EXPECT_EQ(day_total_problem(0, 1440), std::nullopt);
    EXPECT_EQ(day_total_problem(1380, 60), std::nullopt);
    EXPECT_EQ(day_total_problem(1380, 61), "more than 24 hours would be logged on that day");
}

}  // namespace retainer::time
