#include "platform/auth/throttle.hpp"

#include <algorithm>

namespace retainer::auth {
namespace {

std::string stored_key(const Limit& limit, const std::string& key) {
    // Keys hold outside input (an e-mail, an address): bounded, so a row stays small.
    return limit.name + ":" + key.substr(0, 300);
}

Instant at(const std::string& rfc3339) {
    auto i = Instant::parse_rfc3339(rfc3339);
    return i ? *i : Instant{0};
}

}  // namespace

std::int64_t seconds_to_wait(const Limit& limit, std::int64_t hits, Instant window_ends,
                             Instant last, Instant now) {
    if (window_ends.seconds <= now.seconds) return 0;
    if (limit.max > 0 && hits >= limit.max) return window_ends.seconds - now.seconds;
    if (limit.backoff_after > 0 && hits >= limit.backoff_after) {
        std::int64_t over = std::min<std::int64_t>(hits - limit.backoff_after, 30);
        std::int64_t delay =
            std::min<std::int64_t>(std::int64_t{1} << over, limit.max_backoff.count());
        std::int64_t waited = now.seconds - last.seconds;
        if (waited < delay) return delay - waited;
    }
    return 0;
}

std::int64_t Throttle::wait(db::Connection& conn, const Limit& limit, const std::string& key,
                            Instant now) {
    auto r = conn.query("SELECT hits, window_ends_at, last_at FROM throttle WHERE key = $1",
                        {stored_key(limit, key)});
    if (r.empty()) return 0;
    return seconds_to_wait(limit, r.int_at(0, "hits"), at(r.text_at(0, "window_ends_at")),
                           at(r.text_at(0, "last_at")), now);
}

void Throttle::hit(db::Connection& conn, const Limit& limit, const std::string& key, Instant now) {
    std::string at_now = now.to_rfc3339();
    std::string ends = Instant{now.seconds + limit.window.count()}.to_rfc3339();
    // One statement, so two processes counting the same key at once both count.
    conn.query(
        "INSERT INTO throttle (key, hits, window_ends_at, last_at) VALUES ($1, 1, $3, $2) "
        "ON CONFLICT (key) DO UPDATE SET "
        "hits = CASE WHEN throttle.window_ends_at <= $2 THEN 1 ELSE throttle.hits + 1 END, "
        "window_ends_at = CASE WHEN throttle.window_ends_at <= $2 THEN $3 "
        "ELSE throttle.window_ends_at END, "
        "last_at = $2",
        {stored_key(limit, key), at_now, ends});
}

bool Throttle::seen(db::Connection& conn, const Limit& limit, const std::string& key, Instant now) {
    auto r = conn.query("SELECT 1 AS one FROM throttle WHERE key = $1 AND window_ends_at > $2",
                        {stored_key(limit, key), now.to_rfc3339()});
    return !r.empty();
}

void Throttle::clear(db::Connection& conn, const Limit& limit, const std::string& key) {
    conn.query("DELETE FROM throttle WHERE key = $1", {stored_key(limit, key)});
}

void Throttle::purge(db::Connection& conn, Instant now) {
    conn.query("DELETE FROM throttle WHERE window_ends_at <= $1", {now.to_rfc3339()});
}

}  // namespace retainer::auth
