#pragma once
#include <cstdint>
#include <optional>
#include <string>

#include "core/date.hpp"

namespace retainer::time {

/// A person's time tracker: running from `started_at` (plus what it counted before), stopped
/// with `elapsed_seconds`, or idle. Pure: the rules behind /api/v1/timer.
struct Timer {
    std::optional<std::int64_t> service_id;
    std::optional<Instant> started_at;  // set while running
    std::int64_t elapsed_seconds = 0;   // counted before the current run
    std::string note;

    bool running() const { return started_at.has_value(); }
    /// Seconds counted at `now`.
    std::int64_t seconds_at(Instant now) const;
    /// Whole minutes to offer for the time entry: rounded half up, at least 1 once anything was
    /// counted, at most a day (a timer forgotten over a weekend still offers a possible entry).
    std::int64_t minutes_at(Instant now) const;
    /// Stops at `now`: the run is added to elapsed_seconds.
    void stop(Instant now);
    /// Starts (or continues after a stop) at `now`.
    void start(Instant now);
};

}  // namespace retainer::time
