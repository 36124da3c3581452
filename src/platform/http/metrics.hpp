#pragma once
#include <array>
#include <map>
#include <mutex>
#include <string>

namespace retainer::http {

/// Request counts and latency histograms per route, exported in Prometheus text format.
class Metrics {
  public:
    static constexpr std::array<double, 12> kBuckets = {0.001, 0.0025, 0.005, 0.01, 0.025, 0.05,
                                                        0.1,   0.25,   0.5,   1.0,  2.5,   5.0};
    void observe(const std::string& method, const std::string& route, int status, double seconds);
    std::string render() const;

  private:
    struct Series {
        std::map<int, long long> by_status;
        std::array<long long, kBuckets.size()> buckets{};
        long long count = 0;
        double sum = 0;
    };
    mutable std::mutex mutex_;
    std::map<std::pair<std::string, std::string>, Series> series_;
};

}  // namespace retainer::http
