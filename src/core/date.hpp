#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace retainer {

/// A calendar date (proleptic Gregorian), serialised as ISO 8601 `YYYY-MM-DD`.
struct Date {
    int year = 1970;
    int month = 1;
    int day = 1;

    /// Strict `YYYY-MM-DD` with a real day of that month; nullopt otherwise.
    static std::optional<Date> parse(std::string_view text);
    static Date from_days(std::int64_t days_since_epoch);
    std::int64_t days_since_epoch() const;
    std::string to_string() const;
    Date plus_days(std::int64_t n) const { return from_days(days_since_epoch() + n); }
    auto operator<=>(const Date&) const = default;
};

bool is_leap_year(int year);
int days_in_month(int year, int month);

/// A calendar month, the planning period of subscription services; serialised as `YYYY-MM`.
struct Period {
    int year = 1970;
    int month = 1;

    static std::optional<Period> parse(std::string_view text);
    static Period of(const Date& d) { return {d.year, d.month}; }
    Date first_day() const { return {year, month, 1}; }
    Date last_day() const { return {year, month, days_in_month(year, month)}; }
    int days() const { return days_in_month(year, month); }
    Period next() const { return month == 12 ? Period{year + 1, 1} : Period{year, month + 1}; }
    Period previous() const { return month == 1 ? Period{year - 1, 12} : Period{year, month - 1}; }
    std::string to_string() const;
    auto operator<=>(const Period&) const = default;
};

/// An instant as seconds since the Unix epoch, UTC.
struct Instant {
    std::int64_t seconds = 0;

    /// RFC 3339 in UTC with a `Z` suffix: `2026-11-24T09:30:00Z`.
    std::string to_rfc3339() const;
    static std::optional<Instant> parse_rfc3339(std::string_view text);
    Date utc_date() const;
    auto operator<=>(const Instant&) const = default;
};

}  // namespace retainer
