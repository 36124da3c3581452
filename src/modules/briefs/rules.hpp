#pragma once
#include <boost/json.hpp>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/error.hpp"
#include "core/i18n.hpp"

namespace retainer::briefs {

/// The question types of a brief (docs/paperwork.md, "Briefs").
const std::vector<std::string>& question_types();

/// Validates a template's question list and normalises it in place (required → bool, options →
/// array); names the first bad question ("question 3 (budget): …").
std::optional<std::string> questions_problem(boost::json::value& questions);

/// Checks answers against the questions and normalises them in place: numbers given as text
/// become numbers, empty answers are dropped. With `final`, every required question must be
/// answered. Errors are keyed by the question key.
FieldErrors check_answers(const boost::json::array& questions, boost::json::object& answers,
                          bool final);

/// Answers from an urlencoded form body: `key=value` pairs, a multi-choice repeating its key.
/// Keys that are not questions are ignored (the page's own fields).
boost::json::object answers_from_form(const boost::json::array& questions,
                                      const std::vector<std::pair<std::string, std::string>>& form);

/// Parses an urlencoded body into pairs in order (repeated keys kept); malformed pairs skipped.
std::vector<std::pair<std::string, std::string>> parse_form(std::string_view body);

/// A number as a person types it: "1 500,5", "1500.5", "-3" → 1500.5; nullopt otherwise.
std::optional<double> parse_number(std::string_view text);

/// The questionnaire page: a form posting to `submit_action` (null: read-only, answers shown),
/// with autosave by /p/brief.js when the page is editable.
/// In `lang`, the agency's language: the texts and the script's status lines.
std::string brief_page(const std::string& title, const boost::json::array& questions,
                       const boost::json::object& answers, const std::optional<std::string>& token,
                       const std::optional<std::string>& note, i18n::Lang lang);

/// The script behind the page's autosave (served at /p/brief.js; no inline script, CSP allows
/// 'self').
const std::string& brief_script();

}  // namespace retainer::briefs
