#include "platform/jobs/ticker.hpp"

#include <spdlog/spdlog.h>

namespace retainer::jobs {

Ticker::Ticker(std::chrono::seconds period, std::vector<Job> jobs) {
    thread_ = std::thread([this, period, jobs = std::move(jobs)] {
        while (!stop_) {
            for (const Job& job : jobs) {
                if (stop_) break;
                try {
                    job.run();
                } catch (const std::exception& e) {
                    spdlog::warn(R"({{"event":"job_failed","job":"{}","reason":"{}"}})", job.name,
                                 std::string(e.what()).substr(0, 200));
                }
            }
            auto until = std::chrono::steady_clock::now() + period;
            while (!stop_ && std::chrono::steady_clock::now() < until)
                std::this_thread::sleep_for(std::chrono::milliseconds(100));
        }
    });
}

Ticker::~Ticker() {
    stop_ = true;
    if (thread_.joinable()) thread_.join();
}

}  // namespace retainer::jobs
