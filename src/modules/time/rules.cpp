#include "modules/time/rules.hpp"

namespace retainer::time {

std::optional<std::string> authorship_problem(const Writer& writer,
                                              std::optional<std::int64_t> owner_before,
                                              std::int64_t owner) {
    if (owner_before && writer.specialist && *owner_before != writer.user_id)
        return "a specialist edits only their own time entries";
    if (owner != writer.user_id && !writer.logs_for_others)
        return "you may log time only for yourself";
    return std::nullopt;
}

std::optional<std::string> date_problem(Date day, Date utc_today) {
    if (utc_today.plus_days(1) < day) return "cannot log time in the future";
    return std::nullopt;
}

std::optional<std::string> day_total_problem(std::int64_t others, std::int64_t minutes) {
    if (others + minutes > 24 * 60) return "more than 24 hours would be logged on that day";
    return std::nullopt;
}

}  // namespace retainer::time
