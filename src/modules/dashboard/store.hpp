#pragma once
#include <array>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <optional>
#include <string>
#include <vector>

#include "core/date.hpp"
#include "modules/dashboard/compute.hpp"
#include "platform/db/database.hpp"
#include "platform/http/router.hpp"

/// The dashboard's reads: a read model over tables other modules own (clients, services,
/// service types, time rollups, recommendations, calls, users). It writes nothing.
namespace retainer::dashboard {

/// Splits a request's time into named parts for the Server-Timing header.
class Stopwatch {
  public:
    void lap(const char* name) {
        auto now = Clock::now();
        char buf[64];
        std::snprintf(buf, sizeof buf, "%s%s;dur=%.1f", out_.empty() ? "" : ", ", name,
                      std::chrono::duration<double, std::milli>(now - last_).count());
        out_ += buf;
        last_ = now;
    }
    /// Records a part measured elsewhere (on another thread).
    void add(const char* name, double ms) {
        char buf[64];
        std::snprintf(buf, sizeof buf, "%s%s;dur=%.1f", out_.empty() ? "" : ", ", name, ms);
        out_ += buf;
    }
    /// Appends the wall time since the stopwatch started.
    void total() {
        add("total", std::chrono::duration<double, std::milli>(Clock::now() - started_).count());
    }
    const std::string& header() const { return out_; }

  private:
    using Clock = std::chrono::steady_clock;
    Clock::time_point started_ = Clock::now();
    Clock::time_point last_ = started_;
    std::string out_;
};

/// The positions of named columns in a result, resolved once per result: a read of thousands of
/// rows then addresses its cells by index, and still says which column it means.
template <std::size_t N>
std::array<std::size_t, N> columns(const db::Result& r, const char* const (&names)[N]) {
    std::array<std::size_t, N> at{};
    for (std::size_t k = 0; k < N; ++k) at[k] = r.column(names[k]);
    return at;
}

/// A cell of a result row: text or number, null as nullopt (or "" / 0).
std::optional<std::string> opt_text(const db::Result& r, std::size_t row, std::size_t col);
std::optional<std::int64_t> opt_int(const db::Result& r, std::size_t row, std::size_t col);
std::int64_t int_or0(const db::Result& r, std::size_t row, std::size_t col);
std::string text_or_empty(const db::Result& r, std::size_t row, std::size_t col);

/// A `YYYY-MM` query parameter; empty means the month of `today`.
Period month_param(const std::string& text, const Date& today, const char* field);

struct ServiceType {
    std::int64_t id = 0;
    std::string code, name, name_en, direction;
    std::int64_t planning_rate_kopecks = 0;
};

/// Active service types, by name.
std::vector<ServiceType> load_types(db::Connection& conn);

/// Everything the dashboard of `period` computes from, for the services the caller may see: six
/// statements whatever their number (docs/architecture.md, "The dashboard's data path").
Input load(db::Database& db, db::Connection& conn, const http::Caller& caller, const Period& period,
           Stopwatch& watch, const Date& today, const std::vector<ServiceType>& types);

}  // namespace retainer::dashboard
