#pragma once
#include <boost/json.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

/// The sales rules without I/O (docs/sales.md): phone numbers compared by digits, what a stage
/// change does to a deal, minutes spent in a stage, and which site origins may post applications.
namespace retainer::sales {

/// Where applications come from; staff choose one (there is no default: a guess skewed the
/// analytics), site forms are always "site".
const std::vector<std::string>& application_sources();

/// One application from a site form or a phone call (docs/sales.md, "Applications").
struct Application {
    std::optional<std::string> name, phone, email, company, inn, message, page_url;
    std::string source = "site";
    std::string ip_hash;
    std::optional<std::int64_t> user_id;
};

/// Reads and checks an application body: texts trimmed and bounded, the e-mail folded and
/// shaped, the ИНН checked, a phone or an e-mail required. Public forms may send fields we do not
/// know (UTM tags and the like): they are ignored and the source is "site"; staff must name the
/// source and get "unknown field". Throws a validation error naming every bad field.
Application parse_application(const boost::json::object& body, bool is_public);

/// Digits of a phone number with a Russian leading 8 read as 7 ("8 (495) 123-45-67" and
/// "+7 495 1234567" → "74951234567"); a bare 10-digit number gets the 7. "" when fewer than
/// 5 digits (no real number to compare).
std::string normalize_phone(std::string_view phone);

/// What the deal's stage is and what the write asks for.
struct StageInfo {
    std::int64_t id = 0;
    std::string kind;  // open | won | lost
    std::int64_t probability_percent = 0;
};

struct StageChange {
    std::optional<StageInfo> from;  // nullopt on create
    StageInfo to;
    bool probability_given = false;  // the same write sets probability_percent
    bool has_lost_reason = false;    // the deal (after the write) has a non-empty lost_reason
};

struct StageOutcome {
    bool entered = false;  // the stage changed (or the deal is new): history + stage_entered_at
    std::optional<std::int64_t> probability_percent;  // set this probability
    enum class Closed { kKeep, kSet, kClear } closed = Closed::kKeep;
    std::optional<std::string> error;  // the problem with lost_reason, if any
};

/// Applies docs/sales.md: entering a stage takes its probability unless the write gives one,
/// entering won/lost sets closed_at and leaving them clears it, lost needs a lost_reason.
StageOutcome stage_change(const StageChange& change);

/// Whole minutes between two RFC 3339 instants (0 when `to` is before `from` or either does not
/// parse).
std::int64_t minutes_between(std::string_view from_rfc3339, std::string_view to_rfc3339);

/// Origins from a comma-separated list, trimmed, without a trailing slash.
std::vector<std::string> parse_origins(std::string_view list);

/// Is `origin` (the request's Origin header) one of `allowed`? Exact match, ignoring a trailing
/// slash and the case of scheme and host.
bool origin_allowed(std::string_view origin, const std::vector<std::string>& allowed);

}  // namespace retainer::sales
