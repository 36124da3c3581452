#pragma once
#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <string>

#include "platform/pdf/pdf.hpp"

namespace retainer::documents {

/// The PDFs of documents by the digest of their HTML, and the renders that failed: a document is
/// rendered once per version, and HTML that failed is not tried again for a while (a slow or
/// broken document must not occupy the renderer on every click, issue 8).
class PdfCache {
  public:
    using Render = std::function<pdf::Result(const std::string& html)>;
    using Clock = std::function<std::chrono::steady_clock::time_point()>;

    struct Outcome {
        enum class Kind { kPdf, kBusy, kFailed, kTooLarge } kind = Kind::kFailed;
        std::string pdf;      // kPdf
        std::string error;    // otherwise, one line
        int retry_after = 0;  // kBusy, kFailed: seconds until trying again makes sense
    };

    explicit PdfCache(Render render, Clock clock = std::chrono::steady_clock::now,
                      std::size_t max_bytes = 64u * 1024 * 1024,
                      std::chrono::seconds failure_ttl = std::chrono::minutes(5));

    /// The cached PDF of document `id` when its HTML still has `digest`.
    std::optional<std::string> cached(std::int64_t id, const std::string& digest);
    /// Renders (or answers from the failure memo); caches a success under `id`.
    Outcome render(std::int64_t id, const std::string& digest, const std::string& html);

  private:
    Render render_;
    Clock clock_;
    std::size_t max_bytes_;
    std::chrono::seconds failure_ttl_;
    std::mutex mutex_;
    std::map<std::int64_t, std::pair<std::string, std::string>> pdfs_;  // id → digest, PDF
    std::size_t bytes_ = 0;
    struct Failure {
        std::chrono::steady_clock::time_point at;
        std::string error;
        bool too_large;
    };
    std::map<std::string, Failure> failures_;  // digest → the last failure
};

}  // namespace retainer::documents
