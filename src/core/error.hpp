#pragma once
#include <map>
#include <optional>
#include <stdexcept>
#include <string>

namespace retainer {

/// Field name → human-readable problem, returned to clients as `error.fields`.
using FieldErrors = std::map<std::string, std::string>;

/// The kinds of failure a use case can report; platform/http maps each to one status and code.
enum class ErrorKind {
    kBadRequest,
    kInvalid,
    kUnauthenticated,
    kForbidden,
    kNotFound,
    kConflict,
    kPayloadTooLarge,
    kRateLimited,
};

/// A typed domain error: thrown by modules, turned into a JSON error response at the edge.
class Error : public std::runtime_error {
  public:
    Error(ErrorKind kind, const std::string& message, FieldErrors fields = {})
        : std::runtime_error(message), kind_(kind), fields_(std::move(fields)) {}
    ErrorKind kind() const { return kind_; }
    const FieldErrors& fields() const { return fields_; }
    /// For kRateLimited: when trying again makes sense (the HTTP edge sends it as Retry-After).
    std::optional<int> retry_after_seconds() const { return retry_after_seconds_; }

  private:
    friend Error rate_limited(const std::string& message, std::optional<int> retry_after_seconds);
    ErrorKind kind_;
    FieldErrors fields_;
    std::optional<int> retry_after_seconds_;
};

/// Too many attempts: `retry_after_seconds` is how long the caller should wait (the limiter's
/// window, say); without it clients are told 60 seconds.
inline Error rate_limited(const std::string& message,
                          std::optional<int> retry_after_seconds = std::nullopt) {
    Error e(ErrorKind::kRateLimited, message);
    e.retry_after_seconds_ = retry_after_seconds;
    return e;
}

inline Error not_found(const std::string& what = "not found") {
    return Error(ErrorKind::kNotFound, what);
}
inline Error forbidden(const std::string& what = "your role may not do this") {
    return Error(ErrorKind::kForbidden, what);
}
inline Error conflict(const std::string& what) { return Error(ErrorKind::kConflict, what); }
inline Error bad_request(const std::string& what) { return Error(ErrorKind::kBadRequest, what); }
inline Error invalid(FieldErrors fields) {
    return Error(ErrorKind::kInvalid, "validation failed", std::move(fields));
}
inline Error invalid(const std::string& field, const std::string& problem) {
    return invalid(FieldErrors{{field, problem}});
}

}  // namespace retainer
