#include "platform/records/schema.hpp"

#include <algorithm>
#include <cmath>
#include <set>

#include "core/date.hpp"
#include "core/text.hpp"

// Pure (no database): the fields' rules are applied to outside input here, so they can be tested
// and fuzzed on their own.
namespace retainer::records {
namespace json = boost::json;

// ---------------------------------------------------------------- field constructors

namespace {
Field make(std::string name, Kind kind) {
    Field f;
    f.name = std::move(name);
    f.kind = kind;
    return f;
}
}  // namespace

Field text(std::string name) { return make(std::move(name), Kind::kText); }
Field long_text(std::string name) { return make(std::move(name), Kind::kText).len(10000); }
Field integer(std::string name) {
    return make(std::move(name), Kind::kInt).range(INT32_MIN, INT32_MAX);
}
Field money_field(std::string name) {
    return make(std::move(name), Kind::kMoney).range(0, money::kMaxAmount);
}
Field minutes(std::string name) { return make(std::move(name), Kind::kMinutes); }
Field date(std::string name) { return make(std::move(name), Kind::kDate); }
Field choice(std::string name, std::vector<std::string> choices) {
    Field f = make(std::move(name), Kind::kEnum);
    f.choices = std::move(choices);
    return f;
}
Field ref(std::string name, std::string table) {
    Field f = make(std::move(name), Kind::kRef);
    f.ref_table = std::move(table);
    return f;
}
Field tags(std::string name) { return make(std::move(name), Kind::kTags).len(50); }
Field flag(std::string name) { return make(std::move(name), Kind::kBool); }
Field email(std::string name) { return make(std::move(name), Kind::kEmail).len(254); }
Field url(std::string name) { return make(std::move(name), Kind::kUrl).len(2000); }
Field json_value(std::string name,
                 std::function<std::optional<std::string>(boost::json::value&)> check) {
    Field f = make(std::move(name), Kind::kJson);
    f.json_check = std::move(check);
    return f;
}

const Field* Schema::find(std::string_view name) const {
    for (const Field& f : fields)
        if (f.name == name) return &f;
    return nullptr;
}

std::string Schema::select_list(const std::string& alias) const {
    std::string s =
        alias + ".id, " + alias + ".version, " + alias + ".created_at, " + alias + ".updated_at";
    if (archivable) s += ", " + alias + ".archived_at";
    for (const Field& f : fields)
        if (f.stored && f.readable) s += ", " + alias + "." + f.name;
    return s;
}

// ---------------------------------------------------------------- reading input

namespace {

bool plausible_email(const std::string& s) {
    auto at = s.find('@');
    return at != std::string::npos && at > 0 && at == s.rfind('@') &&
           s.find('.', at) != std::string::npos && s.back() != '.' &&
           s.find(' ') == std::string::npos;
}

bool plausible_url(const std::string& s) {
    return (s.rfind("https://", 0) == 0 || s.rfind("http://", 0) == 0) && s.size() > 10 &&
           s.find(' ') == std::string::npos;
}

/// Converts one JSON input value to the field's canonical JSON form, or names the problem.
}  // namespace

std::optional<std::string> coerce(const Field& f, json::value& v) {
    if (v.is_null()) return f.required ? std::optional<std::string>("is required") : std::nullopt;
    switch (f.kind) {
        case Kind::kText:
        case Kind::kEmail:
        case Kind::kUrl: {
            if (!v.is_string()) return "must be a string";
            std::string s(text::trim(std::string_view(v.as_string())));
            if (!text::valid_utf8(s)) return "must be valid UTF-8 text";
            if (text::length(s) > f.max_length)
                return "must be at most " + std::to_string(f.max_length) + " characters";
            if (s.empty()) {
                if (f.required) return "must not be empty";
                v = nullptr;
                return std::nullopt;
            }
            if (f.kind == Kind::kEmail) {
                for (auto& c : s)
                    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
                if (!plausible_email(s)) return "must be an email address";
            }
            if (f.kind == Kind::kUrl && !plausible_url(s)) return "must be an http(s) URL";
            if (f.check)
                if (auto problem = f.check(s)) return problem;
            v = json::string(s);
            return std::nullopt;
        }
        case Kind::kInt:
        case Kind::kMoney:
        case Kind::kMinutes:
        case Kind::kRef: {
            std::int64_t n = 0;
            if (v.is_int64())
                n = v.as_int64();
            else if (v.is_uint64())
                return "is too large";
            else if (v.is_double()) {
                double d = v.as_double();
                // The range first: converting a double beyond int64 is undefined behaviour.
                if (!(d >= -9e18 && d <= 9e18) || d != std::trunc(d))
                    return f.kind == Kind::kMoney ? "must be a whole number of kopecks"
                                                  : "must be a whole number";
                n = static_cast<std::int64_t>(d);
            } else {
                return f.kind == Kind::kRef ? "must be an id (integer)" : "must be an integer";
            }
            if (f.kind == Kind::kRef) {
                if (n <= 0) return "must be a positive id";
            } else if (n < f.min || n > f.max) {
                return "must be between " + std::to_string(f.min) + " and " + std::to_string(f.max);
            }
            v = n;
            return std::nullopt;
        }
        case Kind::kDate: {
            if (!v.is_string() || !Date::parse(std::string_view(v.as_string())))
                return "must be a date YYYY-MM-DD";
            // A typo such as 0202 or 2206 is refused rather than stored (issue 9).
            std::string_view text = v.as_string();
            if (text < "2000-01-01" || text > "2099-12-31")
                return "must be a date between 2000 and 2099";
            return std::nullopt;
        }
        case Kind::kEnum: {
            if (!v.is_string()) return "must be a string";
            std::string s(v.as_string());
            if (std::find(f.choices.begin(), f.choices.end(), s) == f.choices.end()) {
                std::string all;
                for (const auto& c : f.choices) all += (all.empty() ? "" : ", ") + c;
                return "must be one of: " + all;
            }
            return std::nullopt;
        }
        case Kind::kBool:
            if (!v.is_bool()) return "must be true or false";
            return std::nullopt;
        case Kind::kTags: {
            if (!v.is_array()) return "must be an array of strings";
            json::array out;
            std::set<std::string> seen;
            if (v.as_array().size() > 30) return "at most 30 tags";
            for (auto& item : v.as_array()) {
                if (!item.is_string()) return "must be an array of strings";
                std::string s(text::trim(std::string_view(item.as_string())));
                if (s.empty() || !text::valid_utf8(s) || text::length(s) > f.max_length ||
                    s.find('"') != std::string::npos)
                    return "each tag must be 1–" + std::to_string(f.max_length) +
                           " characters without quotes";
                if (seen.insert(s).second) out.push_back(json::string(s));
            }
            v = std::move(out);
            return std::nullopt;
        }
        case Kind::kJson:
            if (f.json_check) return f.json_check(v);
            return std::nullopt;
    }
    return std::nullopt;
}

}  // namespace retainer::records
