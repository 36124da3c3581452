#pragma once
#include <cstdint>
#include <optional>
#include <string>

#include "core/date.hpp"

/// The time-entry rules without I/O (docs/access.md, docs/decisions/0005): who may log or change
/// whose hours, which days take time, how much one day holds.
namespace retainer::time {

/// Who is writing an entry.
struct Writer {
    std::int64_t user_id = 0;
    bool specialist = false;       // edits and deletes only their own entries
    bool logs_for_others = false;  // owner, head, manager
};

/// Why the writer may not write this entry (a 403), or nullopt. `owner_before`: whose the entry
/// was (editing), nullopt when creating; `owner`: whose it is after the write.
std::optional<std::string> authorship_problem(const Writer& writer,
                                              std::optional<std::int64_t> owner_before,
                                              std::int64_t owner);

/// Why time cannot be logged on `day` (a 400 on date), or nullopt. One day of slack past the UTC
/// date: the agency's time zone may already be tomorrow.
std::optional<std::string> date_problem(Date day, Date utc_today);

/// One person's day holds at most 24 hours: `others` is what their other entries of that day
/// already hold. Why not (a 400 on duration_minutes), or nullopt.
std::optional<std::string> day_total_problem(std::int64_t others, std::int64_t minutes);

}  // namespace retainer::time
