#pragma once
#include <chrono>
#include <cstdint>
#include <string>

#include "core/date.hpp"
#include "platform/db/database.hpp"

namespace retainer::auth {

/// A limit on events per key: at most `max` within `window`; past `backoff_after` events (when
/// set) each next one must also wait 2^(n − backoff_after) seconds, at most `max_backoff`, after
/// the previous one — a slowdown that an attacker cannot turn into a lock-out.
struct Limit {
    std::string name;  // part of the stored key, e.g. "login-fail-ip"
    std::int64_t max = 0;
    std::chrono::seconds window{0};
    std::int64_t backoff_after = 0;
    std::chrono::seconds max_backoff{60};
};

/// Seconds `key` must wait under `limit` with `hits` events, the window ending at `window_ends`
/// and the last event at `last`; 0 when it may act now. Pure: the rule behind Throttle::wait.
std::int64_t seconds_to_wait(const Limit& limit, std::int64_t hits, Instant window_ends,
                             Instant last, Instant now);

/// Rate limits counted in the database (table `throttle`), so every server process on it shares
/// them: a limit holds however many processes serve the agency.
class Throttle {
  public:
    /// Seconds `key` must wait now under `limit`, 0 when it may act.
    static std::int64_t wait(db::Connection& conn, const Limit& limit, const std::string& key,
                             Instant now);
    /// Counts one event of `key` (a new window starts when the last one ended).
    static void hit(db::Connection& conn, const Limit& limit, const std::string& key, Instant now);
    /// Whether `key` has had an event within the current window (e.g. a known device).
    static bool seen(db::Connection& conn, const Limit& limit, const std::string& key, Instant now);
    static void clear(db::Connection& conn, const Limit& limit, const std::string& key);
    /// Drops windows that ended before `now` (a periodic job keeps the table small).
    static void purge(db::Connection& conn, Instant now);
};

}  // namespace retainer::auth
