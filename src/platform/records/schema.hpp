#pragma once
#include <boost/json.hpp>
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/money.hpp"

namespace retainer::records {

/// How a field is validated, stored and rendered. Money and minutes are integers with units.
enum class Kind {
    kText,
    kInt,
    kMoney,
    kMinutes,
    kDate,
    kEnum,
    kRef,
    kTags,
    kBool,
    kEmail,
    kUrl,
    kJson
};

/// One field of a record: JSON name == column name.
struct Field {
    std::string name;
    Kind kind = Kind::kText;
    bool required = false;  // must be present and non-null on create
    bool writable = true;   // clients may set it
    bool stored = true;     // false: write-only input consumed by a hook (e.g. password)
    bool readable = true;   // returned to clients
    bool audited = true;    // false: a secret (such as a live link) kept out of the audit log
    /// Non-empty: the field exists only for callers the module's Hooks::sees admits to this
    /// audience (e.g. "costs" for cost rates, "staff" for internal notes): for others it is not
    /// returned, sorted, filtered or searched on.
    std::string audience;
    std::size_t max_length = 200;
    std::int64_t min = 0;
    std::int64_t max = money::kMaxAmount;
    std::vector<std::string> choices;  // kEnum
    std::string ref_table;             // kRef
    bool filterable = false;
    bool sortable = false;
    bool searchable = false;
    std::function<std::optional<std::string>(const std::string&)> check;  // extra text rule
    /// kJson: validates and may normalise the value in place; names the problem.
    std::function<std::optional<std::string>(boost::json::value&)> json_check;
    boost::json::value default_value;  // applied on create when absent

    Field& req() {
        required = true;
        return *this;
    }
    Field& read_only() {
        writable = false;
        return *this;
    }
    Field& write_only() {
        readable = false;
        stored = false;
        return *this;
    }
    Field& unaudited() {
        audited = false;
        return *this;
    }
    Field& only_for(std::string who) {
        audience = std::move(who);
        return *this;
    }
    Field& hidden() {
        readable = false;
        writable = false;
        return *this;
    }
    Field& len(std::size_t n) {
        max_length = n;
        return *this;
    }
    Field& range(std::int64_t lo, std::int64_t hi) {
        min = lo;
        max = hi;
        return *this;
    }
    Field& filter() {
        filterable = true;
        return *this;
    }
    Field& sort() {
        sortable = true;
        return *this;
    }
    Field& search() {
        searchable = true;
        return *this;
    }
    Field& validate(std::function<std::optional<std::string>(const std::string&)> f) {
        check = std::move(f);
        return *this;
    }
    Field& fallback(boost::json::value v) {
        default_value = std::move(v);
        return *this;
    }
};

Field text(std::string name);
Field long_text(std::string name);
Field integer(std::string name);
Field money_field(std::string name);
/// A duration in whole minutes, 0 or more; the schema that declares it sets its own range.
Field minutes(std::string name);
Field date(std::string name);
Field choice(std::string name, std::vector<std::string> choices);
Field ref(std::string name, std::string table);
Field tags(std::string name);
Field flag(std::string name);
Field email(std::string name);
Field url(std::string name);
/// A structured value (array or object) kept as JSON text; `check` validates and normalises it.
Field json_value(std::string name,
                 std::function<std::optional<std::string>(boost::json::value&)> check);

/// Converts one JSON input value to the field's canonical form in place (text trimmed, e-mail
/// lower-cased, whole doubles made integers, tags de-duplicated, blank optional text null), or
/// names the problem.
std::optional<std::string> coerce(const Field& f, boost::json::value& v);

/// A table of records with id, version, created_at, updated_at (and archived_at if archivable).
struct Schema {
    std::string table;
    std::string entity;  // audit name and API noun, e.g. "clients"
    std::vector<Field> fields;
    bool archivable = true;
    std::string default_sort = "id";
    std::map<std::string, std::string> filter_aliases;  // query name → field name

    const Field* find(std::string_view name) const;
    /// "t.id, t.version, …" for the readable stored columns.
    std::string select_list(const std::string& alias = "t") const;
};

}  // namespace retainer::records
