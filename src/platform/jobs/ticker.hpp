#pragma once
#include <atomic>
#include <chrono>
#include <functional>
#include <string>
#include <thread>
#include <vector>

namespace retainer::jobs {

/// Runs registered jobs every `period` on one background thread until destroyed. A job that
/// throws is logged and runs again next time; jobs must be idempotent (a restart may rerun them).
class Ticker {
  public:
    struct Job {
        std::string name;
        std::function<void()> run;
    };
    Ticker(std::chrono::seconds period, std::vector<Job> jobs);
    ~Ticker();
    Ticker(const Ticker&) = delete;
    Ticker& operator=(const Ticker&) = delete;

  private:
    std::atomic<bool> stop_{false};
    std::thread thread_;
};

}  // namespace retainer::jobs
