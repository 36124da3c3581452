#pragma once
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <string>

namespace retainer::dashboard {

/// A built dashboard body, with its gzip made once on first demand.
class Payload {
  public:
    explicit Payload(std::string body) : body_(std::move(body)) {}
    const std::string& body() const { return body_; }
    /// The gzip of the body, or nullptr if compression failed.
    const std::string* gzipped() const;
    /// The body's ETag, hashed once per payload rather than once per request.
    const std::string& etag() const;

  private:
    std::string body_;
    mutable std::once_flag etag_once_;
    mutable std::string etag_;
    mutable std::once_flag gz_once_;
    mutable std::string gz_;
    mutable bool gz_ok_ = false;
};

/// Recently built payloads by (caller scope, period, day), each valid only while the data
/// generation it was built at is current. The generation is the newest audit entry id: every
/// change to the records the dashboard reads writes one in its own transaction, on every server
/// sharing the database, so a stale payload is never served.
class PayloadCache {
  public:
    std::shared_ptr<const Payload> find(const std::string& key, std::int64_t generation);
    void store(const std::string& key, std::int64_t generation,
               std::shared_ptr<const Payload> payload);

  private:
    struct Entry {
        std::int64_t generation = 0;
        std::shared_ptr<const Payload> payload;
        std::uint64_t used = 0;
    };
    static constexpr std::size_t kMaxEntries = 32;
    std::mutex mutex_;
    std::map<std::string, Entry> entries_;
    std::uint64_t clock_ = 0;
};

}  // namespace retainer::dashboard
