#pragma once
#include <cstdint>
#include <string>

#include "core/date.hpp"
#include "platform/db/database.hpp"

namespace retainer::demo {

struct DemoOptions {
    int clients = 200;
    std::uint64_t seed = 42;
};

struct DemoSummary {
    std::int64_t employees = 0;
    std::int64_t clients = 0;
    std::int64_t contacts = 0;
    std::int64_t services = 0;
    std::int64_t time_entries = 0;
    std::int64_t recommendations = 0;
    std::int64_t calls = 0;
    std::int64_t deals = 0;
    std::int64_t documents = 0;
    std::int64_t briefs = 0;
    std::int64_t estimates = 0;
    std::string today;  // the agency's date the demo was shaped for
};

/// Fills an empty, migrated database with a realistic agency (see docs/demo.md), including one
/// account per role with the password "demo". Deterministic for a given seed and date. Refuses a
/// database that already holds agency data.
DemoSummary fill_demo(db::Database& db, const DemoOptions& options, Instant now);

}  // namespace retainer::demo
