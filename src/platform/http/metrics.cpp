#include "platform/http/metrics.hpp"

#include <sstream>

namespace retainer::http {

void Metrics::observe(const std::string& method, const std::string& route, int status,
                      double seconds) {
    std::lock_guard lock(mutex_);
    Series& s = series_[{method, route}];
    s.by_status[status]++;
    s.count++;
    s.sum += seconds;
    for (std::size_t i = 0; i < kBuckets.size(); ++i)
        if (seconds <= kBuckets[i]) s.buckets[i]++;
}

std::string Metrics::render() const {
    std::lock_guard lock(mutex_);
    std::ostringstream out;
    out << "# HELP retainer_http_requests_total HTTP requests by route and status.\n"
        << "# TYPE retainer_http_requests_total counter\n";
    for (const auto& [key, s] : series_)
        for (const auto& [status, n] : s.by_status)
            out << "retainer_http_requests_total{method=\"" << key.first << "\",route=\""
                << key.second << "\",status=\"" << status << "\"} " << n << "\n";
    out << "# HELP retainer_http_request_duration_seconds Time to answer, by route.\n"
        << "# TYPE retainer_http_request_duration_seconds histogram\n";
    for (const auto& [key, s] : series_) {
        std::string labels = "method=\"" + key.first + "\",route=\"" + key.second + "\"";
        for (std::size_t i = 0; i < kBuckets.size(); ++i)
            out << "retainer_http_request_duration_seconds_bucket{" << labels << ",le=\""
                << kBuckets[i] << "\"} " << s.buckets[i] << "\n";
        out << "retainer_http_request_duration_seconds_bucket{" << labels << ",le=\"+Inf\"} "
            << s.count << "\n";
        out << "retainer_http_request_duration_seconds_sum{" << labels << "} " << s.sum << "\n";
        out << "retainer_http_request_duration_seconds_count{" << labels << "} " << s.count << "\n";
    }
    return out.str();
}

}  // namespace retainer::http
