#include "modules/documents/pdf_cache.hpp"

namespace retainer::documents {

PdfCache::PdfCache(Render render, Clock clock, std::size_t max_bytes,
                   std::chrono::seconds failure_ttl)
    : render_(std::move(render)),
      clock_(std::move(clock)),
      max_bytes_(max_bytes),
      failure_ttl_(failure_ttl) {}

std::optional<std::string> PdfCache::cached(std::int64_t id, const std::string& digest) {
    std::lock_guard lock(mutex_);
    auto it = pdfs_.find(id);
    if (it != pdfs_.end() && it->second.first == digest) return it->second.second;
    return std::nullopt;
}

PdfCache::Outcome PdfCache::render(std::int64_t id, const std::string& digest,
                                   const std::string& html) {
    auto now = clock_();
    {
        std::lock_guard lock(mutex_);
        if (auto it = failures_.find(digest); it != failures_.end()) {
            auto age = std::chrono::duration_cast<std::chrono::seconds>(now - it->second.at);
            if (age < failure_ttl_)
                return {it->second.too_large ? Outcome::Kind::kTooLarge : Outcome::Kind::kFailed,
                        "", it->second.error, static_cast<int>((failure_ttl_ - age).count())};
            failures_.erase(it);
        }
    }
    pdf::Result r = render_(html);
    std::lock_guard lock(mutex_);
    if (r.busy) return {Outcome::Kind::kBusy, "", r.error, 2};
    if (!r.pdf) {
        // A bounded memo: HTML that failed once fails again; a flood of distinct failures
        // simply starts it over.
        if (failures_.size() >= 1000) failures_.clear();
        failures_[digest] = {now, r.error, r.too_large};
        return {r.too_large ? Outcome::Kind::kTooLarge : Outcome::Kind::kFailed, "", r.error,
                static_cast<int>(failure_ttl_.count())};
    }
    // Documents are a few hundred kilobytes; past the budget everything goes.
    if (bytes_ + r.pdf->size() > max_bytes_) {
        pdfs_.clear();
        bytes_ = 0;
    }
    auto& slot = pdfs_[id];
    bytes_ -= slot.second.size();
    slot = {digest, *r.pdf};
    bytes_ += r.pdf->size();
    return {Outcome::Kind::kPdf, std::move(*r.pdf), "", 0};
}

}  // namespace retainer::documents
