#include "modules/time/timer.hpp"

#include <algorithm>

namespace retainer::time {

std::int64_t Timer::seconds_at(Instant now) const {
    std::int64_t run =
        started_at ? std::max<std::int64_t>(0, now.seconds - started_at->seconds) : 0;
    return elapsed_seconds + run;
}

std::int64_t Timer::minutes_at(Instant now) const {
    std::int64_t seconds = seconds_at(now);
    if (seconds <= 0) return 0;
    return std::clamp<std::int64_t>((seconds + 30) / 60, 1, 1440);
}

void Timer::stop(Instant now) {
    if (!started_at) return;
    elapsed_seconds = seconds_at(now);
    started_at.reset();
}

void Timer::start(Instant now) {
    if (!started_at) started_at = now;
}

}  // namespace retainer::time
