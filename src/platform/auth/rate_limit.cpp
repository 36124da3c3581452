#include "platform/auth/rate_limit.hpp"

namespace retainer::auth {

void RateLimiter::prune(std::deque<Clock::time_point>& events, Clock::time_point now) {
    while (!events.empty() && now - events.front() >= window_) events.pop_front();
}

bool RateLimiter::blocked(const std::string& key, Clock::time_point now) {
    std::lock_guard lock(mutex_);
    auto it = events_.find(key);
    if (it == events_.end()) return false;
    prune(it->second, now);
    if (it->second.empty()) {
        events_.erase(it);
        return false;
    }
    return static_cast<int>(it->second.size()) >= limit_;
}

void RateLimiter::record(const std::string& key, Clock::time_point now) {
    std::lock_guard lock(mutex_);
    auto& events = events_[key];
    prune(events, now);
    events.push_back(now);
    // Keep memory bounded under a flood of distinct keys.
    if (events_.size() > 100000) events_.clear();
}

void RateLimiter::reset(const std::string& key) {
    std::lock_guard lock(mutex_);
    events_.erase(key);
}

}  // namespace retainer::auth
