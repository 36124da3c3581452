#pragma once
#include <chrono>
#include <deque>
#include <map>
#include <mutex>
#include <string>

namespace retainer::auth {

/// Sliding-window limiter: at most `limit` events per key within `window`. In-process: several
/// servers behind a balancer each keep their own window (documented in docs/security.md).
class RateLimiter {
  public:
    using Clock = std::chrono::steady_clock;
    RateLimiter(int limit, std::chrono::seconds window) : limit_(limit), window_(window) {}
    /// True when `key` is over its limit now (does not record an event).
    bool blocked(const std::string& key, Clock::time_point now = Clock::now());
    void record(const std::string& key, Clock::time_point now = Clock::now());
    void reset(const std::string& key);

  private:
    void prune(std::deque<Clock::time_point>& events, Clock::time_point now);
    int limit_;
    std::chrono::seconds window_;
    std::mutex mutex_;
    std::map<std::string, std::deque<Clock::time_point>> events_;
};

}  // namespace retainer::auth
