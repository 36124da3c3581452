#include "modules/dashboard/cache.hpp"

#include <algorithm>

#include "platform/http/gzip.hpp"
#include "platform/http/validators.hpp"

namespace retainer::dashboard {

const std::string* Payload::gzipped() const {
    std::call_once(gz_once_, [this] {
        if (auto packed = http::gzip(body_)) {
            gz_ = std::move(*packed);
            gz_ok_ = true;
        }
    });
    return gz_ok_ ? &gz_ : nullptr;
}

const std::string& Payload::etag() const {
    std::call_once(etag_once_, [this] { etag_ = http::weak_etag(body_); });
    return etag_;
}

std::shared_ptr<const Payload> PayloadCache::find(const std::string& key, std::int64_t generation) {
    std::lock_guard lock(mutex_);
    auto it = entries_.find(key);
    if (it == entries_.end() || it->second.generation != generation) return nullptr;
    it->second.used = ++clock_;
    return it->second.payload;
}

void PayloadCache::store(const std::string& key, std::int64_t generation,
                         std::shared_ptr<const Payload> payload) {
    std::lock_guard lock(mutex_);
    // Entries of older generations can never be served again.
    std::erase_if(entries_, [&](const auto& e) { return e.second.generation < generation; });
    if (entries_.size() >= kMaxEntries && !entries_.count(key)) {
        auto oldest = std::min_element(
            entries_.begin(), entries_.end(),
            [](const auto& a, const auto& b) { return a.second.used < b.second.used; });
        entries_.erase(oldest);
    }
    entries_[key] = {generation, std::move(payload), ++clock_};
}

}  // namespace retainer::dashboard
