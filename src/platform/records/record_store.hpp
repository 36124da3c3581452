#pragma once
#include <boost/json.hpp>
#include <functional>
#include <map>
#include <optional>
#include <string>

#include "core/date.hpp"
#include "core/error.hpp"
#include "platform/db/database.hpp"
#include "platform/http/router.hpp"
#include "platform/records/audit.hpp"
#include "platform/records/schema.hpp"

namespace retainer::records {

using Record = boost::json::object;

struct Page {
    boost::json::array items;
    std::int64_t total = 0;
    std::int64_t limit = 50;
    std::int64_t offset = 0;
    boost::json::object to_json() const;
};

/// Column values a hook sets that clients cannot (owner ids, hashes, derived fields).
using Extras = std::map<std::string, db::Value>;

/// What a module plugs into the generic record use cases.
struct Hooks {
    /// Row-level read rule: an SQL predicate over alias `t` ("" means every row).
    std::function<std::string(db::Params&, const http::Caller&)> scope{};
    /// Business checks before a create (before == nullptr) or update; may fill `extras`. Throws
    /// Error.
    std::function<void(db::Connection&, const http::Caller&, const Record* before, Record& after,
                       Extras& extras)>
        on_write{};
    /// Checks before archive/delete; throws Error to refuse.
    std::function<void(db::Connection&, const http::Caller&, const Record& before)> on_remove{};
    /// Extra list filters from query parameters: append predicates to `where`.
    std::function<void(const std::map<std::string, std::string>& query, db::Params&,
                       std::vector<std::string>& where, FieldErrors&)>
        filters{};
    /// Adjusts a record for the caller before it is returned (e.g. hides a link no longer live).
    std::function<void(const http::Caller&, Record&)> present{};
    /// Runs in the write's transaction after the row changed (before == nullptr on create,
    /// after == nullptr on delete): keeps derived tables such as rollups in step.
    std::function<void(db::Connection&, const http::Caller&, const Record* before,
                       const Record* after)>
        after_write{};
    /// Whether the caller belongs to a field's audience (Field::only_for); unset: nobody does.
    std::function<bool(const http::Caller&, const std::string& audience)> sees{};
    /// The query parameters `filters` reads, beside the schema's own: any other is refused.
    std::vector<std::string> filter_params{};
};

/// Which roles may call each route of a resource (row-level rules are in Hooks::scope/on_write).
struct Policies {
    http::Policy list, read, create, update, remove;
};

/// Create/read/update/archive/list of one table, with validation, optimistic locking by version,
/// row-level scope and the audit log, all in one transaction per write.
class Resource {
  public:
    using Now = std::function<Instant()>;
    Resource(db::Database& db, Schema schema, Hooks hooks, Now now);

    /// Registers GET list, GET one, POST, PATCH and DELETE under `base` (e.g. /api/v1/clients).
    void register_routes(http::Router& router, const std::string& base, const Policies& policies);

    Page list(const http::Caller& caller, const std::map<std::string, std::string>& query);
    Record get(const http::Caller& caller, std::int64_t id);
    Record create(const http::Caller& caller, const Record& input, const std::string& request_id);
    /// create() inside the caller's open transaction (a use case that writes several records);
    /// constraint violations propagate as db::ConstraintViolation. `preset`: fields the use case
    /// itself sets after the input is validated, read-only ones included (the application a deal
    /// comes from); the module's hooks still see and check them.
    Record create_in(db::Connection& conn, const http::Caller& caller, const Record& input,
                     const std::string& request_id, const Record& preset = {});
    Record update(const http::Caller& caller, std::int64_t id, const Record& input,
                  const std::string& request_id);
    /// update() inside the caller's open transaction, for a use case another module runs (a
    /// proposal accepted moves its deal): the same rules, hooks and audit, applied to the current
    /// version of the row (nullopt) or to `version` only. Throws NotFound outside the caller's
    /// scope; constraint violations propagate as db::ConstraintViolation.
    Record update_in(db::Connection& conn, const http::Caller& caller, std::int64_t id,
                     const Record& input, const std::string& request_id,
                     std::optional<std::int64_t> version = std::nullopt);
    void remove(const http::Caller& caller, std::int64_t id, const std::string& request_id);

    /// Visible to the caller? (reads inside an open transaction)
    std::optional<Record> find_visible(db::Connection& conn, const http::Caller& caller,
                                       std::int64_t id);
    const Schema& schema() const { return schema_; }

  private:
    Record insert(db::Connection& conn, const http::Caller& caller, Record after,
                  const std::string& request_id);
    Record apply_update(db::Connection& conn, const http::Caller& caller, std::int64_t id,
                        const Record& changes, const std::string& request_id,
                        std::optional<std::int64_t> version);
    Record validate(const Record& input, bool creating) const;
    void check_refs(db::Connection& conn, const Record& after) const;
    Record row_to_record(const db::Result& r, std::size_t row) const;
    std::string search_text(const Record& r) const;
    /// The record as the audit log keeps it: without unaudited (secret) fields.
    Record for_audit(Record r) const;
    void present(const http::Caller& caller, Record& r) const;
    /// Whether `f` exists for the caller (a field with an audience only for its members).
    bool sees(const http::Caller& caller, const Field& f) const;

    db::Database& db_;
    Schema schema_;
    Hooks hooks_;
    Now now_;
};

/// A field of a record as an integer, or nullopt when absent, null or not an integer.
std::optional<std::int64_t> opt_int(const Record& r, std::string_view key);
/// A field as text, or nullopt when absent, null, empty or not text.
std::optional<std::string> opt_text(const Record& r, std::string_view key);

/// Maps driver constraint violations to API errors (409 duplicate, 400 invalid reference).
[[noreturn]] void rethrow_constraint(const db::ConstraintViolation& e);

/// Parses `?limit=&offset=` with the api.md bounds (default 50, maximum 1000).
std::pair<std::int64_t, std::int64_t> parse_paging(const std::map<std::string, std::string>& query);

/// `%term%` for LIKE over folded text, with %, _ and \ escaped (use with ESCAPE '\').
std::string like_pattern(const std::string& folded_term);

}  // namespace retainer::records
