#include "platform/records/record_store.hpp"

#include <algorithm>
#include <set>

#include "core/date.hpp"
#include "core/json_input.hpp"
#include "core/text.hpp"

namespace retainer::records {
namespace json = boost::json;

// ---------------------------------------------------------------- reading records

std::optional<std::int64_t> opt_int(const Record& r, std::string_view key) {
    auto it = r.find(key);
    if (it == r.end() || !it->value().is_int64()) return std::nullopt;
    return it->value().as_int64();
}

std::optional<std::string> opt_text(const Record& r, std::string_view key) {
    auto it = r.find(key);
    if (it == r.end() || !it->value().is_string() || it->value().as_string().empty())
        return std::nullopt;
    return std::string(it->value().as_string());
}

// ---------------------------------------------------------------- helpers

boost::json::object Page::to_json() const {
    return {{"items", items}, {"total", total}, {"limit", limit}, {"offset", offset}};
}

void rethrow_constraint(const db::ConstraintViolation& e) {
    using K = db::ConstraintViolation::Kind;
    if (e.kind() == K::kUnique) throw conflict("a record with this value already exists");
    if (e.kind() == K::kForeignKey)
        throw invalid("reference", "points to a record that does not exist or is still in use");
    throw bad_request("the values break a rule of the database");
}

std::pair<std::int64_t, std::int64_t> parse_paging(
    const std::map<std::string, std::string>& query) {
    auto number = [&](const char* name, std::int64_t fallback, std::int64_t lo, std::int64_t hi) {
        auto it = query.find(name);
        if (it == query.end()) return fallback;
        const std::string& s = it->second;
        if (s.empty() || s.size() > 9 ||
            !std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; }))
            throw invalid(name, "must be a whole number");
        std::int64_t v = std::stoll(s);
        if (v < lo || v > hi)
            throw invalid(name,
                          "must be between " + std::to_string(lo) + " and " + std::to_string(hi));
        return v;
    };
    return {number("limit", 50, 1, 1000), number("offset", 0, 0, 100000000)};
}

std::string like_pattern(const std::string& folded) {
    std::string out = "%";
    for (char c : folded) {
        if (c == '%' || c == '_' || c == '\\') out += '\\';
        out += c;
    }
    out += '%';
    return out;
}

namespace {

db::Value to_db(const Field& f, const json::value& v) {
    if (v.is_null()) return db::null();
    switch (f.kind) {
        case Kind::kInt:
        case Kind::kMoney:
        case Kind::kMinutes:
        case Kind::kRef:
            return v.as_int64();
        case Kind::kBool:
            return static_cast<std::int64_t>(v.as_bool() ? 1 : 0);
        case Kind::kTags:
        case Kind::kJson:
            return json::serialize(v);
        default:
            return std::string(v.as_string());
    }
}

json::value from_db(const Field& f, const db::Value& v) {
    if (std::holds_alternative<std::monostate>(v))
        return f.kind == Kind::kTags ? json::value(json::array()) : json::value(nullptr);
    switch (f.kind) {
        case Kind::kInt:
        case Kind::kMoney:
        case Kind::kMinutes:
        case Kind::kRef:
            if (auto* i = std::get_if<std::int64_t>(&v)) return *i;
            return nullptr;
        case Kind::kBool:
            if (auto* i = std::get_if<std::int64_t>(&v)) return *i != 0;
            return false;
        case Kind::kTags:
            if (auto* s = std::get_if<std::string>(&v)) {
                boost::system::error_code ec;
                auto parsed = json::parse(*s, ec);
                if (!ec && parsed.is_array()) return parsed;
            }
            return json::array();
        case Kind::kJson:
            if (auto* s = std::get_if<std::string>(&v)) {
                boost::system::error_code ec;
                auto parsed = json::parse(*s, ec);
                if (!ec) return parsed;
            }
            return nullptr;
        default:
            if (auto* s = std::get_if<std::string>(&v)) return json::string(*s);
            if (auto* i = std::get_if<std::int64_t>(&v)) return json::string(std::to_string(*i));
            return nullptr;
    }
}

/// Who the audit names: a person, or no one for the system's own changes (a site application, a
/// client accepting a proposal on its page).
std::optional<std::int64_t> actor(const http::Caller& caller) {
    if (caller.user_id > 0) return caller.user_id;
    return std::nullopt;
}

bool is_system_key(std::string_view k) {
    return k == "id" || k == "version" || k == "created_at" || k == "updated_at" ||
           k == "archived_at";
}

}  // namespace

// ---------------------------------------------------------------- Resource

Resource::Resource(db::Database& db, Schema schema, Hooks hooks, Now now)
    : db_(db), schema_(std::move(schema)), hooks_(std::move(hooks)), now_(std::move(now)) {}

Record Resource::validate(const Record& input, bool creating) const {
    FieldErrors errors;
    Record clean;
    for (const auto& [key, value] : input) {
        if (is_system_key(key)) continue;
        const Field* f = schema_.find(key);
        if (!f) {
            errors[std::string(key)] = "unknown field";
            continue;
        }
        if (!f->writable) {
            errors[std::string(key)] = "is read-only";
            continue;
        }
        json::value v = value;
        if (auto problem = coerce(*f, v)) {
            errors[std::string(key)] = *problem;
            continue;
        }
        clean[key] = std::move(v);
    }
    if (creating) {
        for (const Field& f : schema_.fields) {
            if (clean.contains(f.name)) continue;
            if (!f.default_value.is_null()) {
                clean[f.name] = f.default_value;
            } else if (f.required && f.writable && !errors.count(f.name)) {
                errors[f.name] = "is required";
            }
        }
    }
    if (!errors.empty()) throw invalid(std::move(errors));
    return clean;
}

void Resource::check_refs(db::Connection& conn, const Record& after) const {
    FieldErrors errors;
    for (const Field& f : schema_.fields) {
        if (f.kind != Kind::kRef || !f.stored) continue;
        auto it = after.find(f.name);
        if (it == after.end() || it->value().is_null()) continue;
        auto r = conn.query("SELECT id FROM " + f.ref_table + " WHERE id = $1",
                            {it->value().as_int64()});
        if (r.empty()) errors[f.name] = "no such record";
    }
    if (!errors.empty()) throw invalid(std::move(errors));
}

Record Resource::row_to_record(const db::Result& r, std::size_t row) const {
    Record out;
    out["id"] = r.int_at(row, "id");
    for (const Field& f : schema_.fields)
        if (f.stored && f.readable) out[f.name] = from_db(f, r.at(row, f.name));
    out["version"] = r.int_at(row, "version");
    out["created_at"] = r.text_at(row, "created_at");
    out["updated_at"] = r.text_at(row, "updated_at");
    if (schema_.archivable) {
        auto a = r.opt_text_at(row, "archived_at");
        out["archived_at"] = a ? json::value(json::string(*a)) : json::value(nullptr);
    }
    return out;
}

Record Resource::for_audit(Record r) const {
    for (const Field& f : schema_.fields)
        if (!f.audited) r.erase(f.name);
    return r;
}

std::string Resource::search_text(const Record& r) const {
    std::string joined;
    for (const Field& f : schema_.fields) {
        if (!f.searchable) continue;
        auto it = r.find(f.name);
        if (it == r.end()) continue;
        if (it->value().is_string()) joined += std::string(it->value().as_string()) + " ";
        if (it->value().is_array())
            for (const auto& t : it->value().as_array())
                if (t.is_string()) joined += std::string(t.as_string()) + " ";
    }
    return text::fold(joined);
}

bool Resource::sees(const http::Caller& caller, const Field& f) const {
    return f.audience.empty() || (hooks_.sees && hooks_.sees(caller, f.audience));
}

void Resource::present(const http::Caller& caller, Record& r) const {
    for (const Field& f : schema_.fields)
        if (!sees(caller, f)) r.erase(f.name);
    if (hooks_.present) hooks_.present(caller, r);
}

std::optional<Record> Resource::find_visible(db::Connection& conn, const http::Caller& caller,
                                             std::int64_t id) {
    db::Params p;
    std::string sql = "SELECT " + schema_.select_list() + " FROM " + schema_.table +
                      " t WHERE t.id = " + p.bind(id);
    if (hooks_.scope) {
        std::string scope = hooks_.scope(p, caller);
        if (!scope.empty()) sql += " AND (" + scope + ")";
    }
    auto r = conn.query(sql, p.values());
    if (r.empty()) return std::nullopt;
    return row_to_record(r, 0);
}

Record Resource::get(const http::Caller& caller, std::int64_t id) {
    db::Lease conn = db_.acquire();
    auto rec = find_visible(*conn, caller, id);
    if (!rec) throw not_found();
    present(caller, *rec);
    return *rec;
}

Page Resource::list(const http::Caller& caller, const std::map<std::string, std::string>& query) {
    auto [limit, offset] = parse_paging(query);
    db::Params p;
    std::vector<std::string> where;
    FieldErrors errors;
    if (hooks_.scope) {
        std::string scope = hooks_.scope(p, caller);
        if (!scope.empty()) where.push_back("(" + scope + ")");
    }
    if (schema_.archivable) {
        auto a = query.find("archived");
        if (a == query.end() || a->second == "false")
            where.push_back("t.archived_at IS NULL");
        else if (a->second == "true")
            where.push_back("t.archived_at IS NOT NULL");
        else if (a->second != "any")
            errors["archived"] = "must be true, false or any";
    }
    if (auto q = query.find("q"); q != query.end() && !q->second.empty()) {
        // search_text folds every searchable field together: a caller who may not see one of
        // them could find its words by probing, so they do not search at all.
        bool hidden_words =
            std::any_of(schema_.fields.begin(), schema_.fields.end(),
                        [&](const Field& f) { return f.searchable && !sees(caller, f); });
        if (hidden_words) {
            errors["q"] = "search is not available to your role here";
        } else if (!text::valid_utf8(q->second) || q->second.size() > 200) {
            errors["q"] = "must be UTF-8 text up to 200 bytes";
        } else {
            std::string folded = text::fold(text::trim(q->second));
            std::size_t start = 0;
            int terms = 0;
            while (start < folded.size() && terms < 8) {
                std::size_t end = folded.find(' ', start);
                if (end == std::string::npos) end = folded.size();
                if (end > start) {
                    where.push_back("t.search_text LIKE " +
                                    p.bind(like_pattern(folded.substr(start, end - start))) +
                                    " ESCAPE '\\'");
                    ++terms;
                }
                start = end + 1;
            }
        }
    }
    for (const auto& [raw_key, raw_value] : query) {
        std::string key = raw_key;
        std::string suffix;
        if (auto alias = schema_.filter_aliases.find(key); alias != schema_.filter_aliases.end())
            key = alias->second;
        for (const char* s : {"_from", "_to"}) {
            std::string sfx = s;
            if (key.size() > sfx.size() &&
                key.compare(key.size() - sfx.size(), sfx.size(), sfx) == 0 && !schema_.find(key)) {
                suffix = sfx;
                key = key.substr(0, key.size() - sfx.size());
            }
        }
        const Field* f = schema_.find(key);
        if (!f || !f->filterable || !f->stored || !sees(caller, *f)) {
            static const std::set<std::string, std::less<>> kListParams = {
                "limit", "offset", "sort", "order", "q", "archived"};
            bool known = kListParams.count(raw_key) ||
                         std::find(hooks_.filter_params.begin(), hooks_.filter_params.end(),
                                   raw_key) != hooks_.filter_params.end();
            // A misspelt filter must not quietly answer with everything.
            if (!known) errors[raw_key] = "unknown parameter";
            continue;
        }
        const std::string column = "t." + f->name;
        switch (f->kind) {
            case Kind::kInt:
            case Kind::kMoney:
            case Kind::kMinutes:
            case Kind::kRef: {
                if (raw_value == "null" && f->kind == Kind::kRef) {
                    where.push_back(column + " IS NULL");
                    break;
                }
                json::value v =
                    raw_value.empty() || raw_value.size() > 18 ||
                            !std::all_of(raw_value.begin() + (raw_value[0] == '-' ? 1 : 0),
                                         raw_value.end(),
                                         [](char c) { return c >= '0' && c <= '9'; })
                        ? json::value(nullptr)
                        : json::value(std::stoll(raw_value));
                if (v.is_null()) {
                    errors[raw_key] = "must be an integer";
                    break;
                }
                std::string op = suffix == "_from" ? " >= " : suffix == "_to" ? " <= " : " = ";
                where.push_back(column + op + p.bind(v.as_int64()));
                break;
            }
            case Kind::kDate: {
                if (!Date::parse(raw_value)) {
                    errors[raw_key] = "must be a date YYYY-MM-DD";
                    break;
                }
                std::string op = suffix == "_from" ? " >= " : suffix == "_to" ? " <= " : " = ";
                where.push_back(column + op + p.bind(raw_value));
                break;
            }
            case Kind::kEnum:
                if (std::find(f->choices.begin(), f->choices.end(), raw_value) ==
                    f->choices.end()) {
                    errors[raw_key] = "unknown value";
                    break;
                }
                where.push_back(column + " = " + p.bind(raw_value));
                break;
            case Kind::kBool:
                if (raw_value != "true" && raw_value != "false") {
                    errors[raw_key] = "must be true or false";
                    break;
                }
                where.push_back(column + " = " +
                                p.bind(static_cast<std::int64_t>(raw_value == "true")));
                break;
            case Kind::kTags:
                if (raw_value.find('"') != std::string::npos || !text::valid_utf8(raw_value)) {
                    errors[raw_key] = "unknown tag";
                    break;
                }
                where.push_back(column + " LIKE " + p.bind(like_pattern("\"" + raw_value + "\"")) +
                                " ESCAPE '\\'");
                break;
            default:
                if (!text::valid_utf8(raw_value)) {
                    errors[raw_key] = "must be UTF-8 text";
                    break;
                }
                where.push_back(column + " = " + p.bind(raw_value));
        }
    }
    if (hooks_.filters) hooks_.filters(query, p, where, errors);

    std::string sort = schema_.default_sort;
    if (auto s = query.find("sort"); s != query.end()) {
        const Field* f = schema_.find(s->second);
        bool system = s->second == "id" || s->second == "created_at" || s->second == "updated_at";
        if (!system && (!f || !f->sortable || !sees(caller, *f)))
            errors["sort"] = "cannot sort by " + s->second.substr(0, 50);
        else
            sort = s->second;
    }
    std::string order = "ASC";
    if (auto o = query.find("order"); o != query.end()) {
        if (o->second == "desc")
            order = "DESC";
        else if (o->second != "asc")
            errors["order"] = "must be asc or desc";
    }
    if (!errors.empty()) throw invalid(std::move(errors));

    std::string where_sql;
    for (const auto& w : where) where_sql += (where_sql.empty() ? " WHERE " : " AND ") + w;
    // Count separately: COUNT(*) OVER () would make the database read and sort every matching row
    // just to return one page (170k rows for a month of time entries in the 5,000-client demo).
    std::vector<db::Value> filter_values = p.values();
    std::string sql = "SELECT " + schema_.select_list() + " FROM " + schema_.table + " t" +
                      where_sql + " ORDER BY t." + sort + " " + order + ", t.id " + order +
                      " LIMIT " + p.bind(limit) + " OFFSET " + p.bind(offset);
    db::Lease conn = db_.acquire();
    auto r = conn->query(sql, p.values());
    Page page;
    page.limit = limit;
    page.offset = offset;
    if (offset == 0 && static_cast<std::int64_t>(r.rows.size()) < limit) {
        page.total = static_cast<std::int64_t>(r.rows.size());
    } else {
        auto c = conn->query("SELECT COUNT(*) AS n FROM " + schema_.table + " t" + where_sql,
                             filter_values);
        page.total = c.int_at(0, "n");
    }
    for (std::size_t i = 0; i < r.rows.size(); ++i) {
        Record rec = row_to_record(r, i);
        present(caller, rec);
        page.items.push_back(std::move(rec));
    }
    return page;
}

Record Resource::create(const http::Caller& caller, const Record& input,
                        const std::string& request_id) {
    Record valid = validate(input, true);
    try {
        return db_.transaction(
            [&](db::Connection& conn) { return insert(conn, caller, valid, request_id); });
    } catch (const db::ConstraintViolation& e) {
        rethrow_constraint(e);
    }
}

Record Resource::create_in(db::Connection& conn, const http::Caller& caller, const Record& input,
                           const std::string& request_id, const Record& preset) {
    Record after = validate(input, true);
    for (const auto& [k, v] : preset) after[k] = v;
    return insert(conn, caller, std::move(after), request_id);
}

Record Resource::insert(db::Connection& conn, const http::Caller& caller, Record after,
                        const std::string& request_id) {
    Extras extras;
    if (hooks_.on_write) hooks_.on_write(conn, caller, nullptr, after, extras);
    check_refs(conn, after);
    std::string now = now_().to_rfc3339();
    db::Params p;
    std::string columns = "version, created_at, updated_at, search_text";
    std::string values =
        "1, " + p.bind(now) + ", " + p.bind(now) + ", " + p.bind(search_text(after));
    for (const Field& f : schema_.fields) {
        if (!f.stored || !after.contains(f.name) || extras.count(f.name)) continue;
        columns += ", " + f.name;
        values += ", " + p.bind(to_db(f, after.at(f.name)));
    }
    for (const auto& [col, v] : extras) {
        columns += ", " + col;
        values += ", " + p.bind(v);
    }
    auto r = conn.query("INSERT INTO " + schema_.table + " (" + columns + ") VALUES (" + values +
                            ") RETURNING " + schema_.select_list(schema_.table),
                        p.values());
    Record rec = row_to_record(r, 0);
    if (hooks_.after_write) hooks_.after_write(conn, caller, nullptr, &rec);
    write_audit(conn, {now, actor(caller), schema_.entity, rec.at("id").as_int64(), "create",
                       std::nullopt, for_audit(rec), request_id});
    present(caller, rec);
    return rec;
}

Record Resource::update(const http::Caller& caller, std::int64_t id, const Record& input,
                        const std::string& request_id) {
    auto version_it = input.find("version");
    if (version_it == input.end() || !version_it->value().is_int64())
        throw invalid("version", "is required: send the version you last read");
    std::int64_t version = version_it->value().as_int64();
    Record changes = validate(input, false);
    try {
        return db_.transaction([&](db::Connection& conn) {
            return apply_update(conn, caller, id, changes, request_id, version);
        });
    } catch (const db::ConstraintViolation& e) {
        rethrow_constraint(e);
    }
}

Record Resource::update_in(db::Connection& conn, const http::Caller& caller, std::int64_t id,
                           const Record& input, const std::string& request_id,
                           std::optional<std::int64_t> version) {
    return apply_update(conn, caller, id, validate(input, false), request_id, version);
}

Record Resource::apply_update(db::Connection& conn, const http::Caller& caller, std::int64_t id,
                              const Record& changes, const std::string& request_id,
                              std::optional<std::int64_t> expected) {
    auto before = find_visible(conn, caller, id);
    if (!before) throw not_found();
    std::int64_t version = before->at("version").as_int64();
    if (expected && version != *expected)
        throw conflict("the record was changed by someone else; reload it and try again");
    if (schema_.archivable && !before->at("archived_at").is_null())
        throw conflict("the record is archived; restore it before editing");
    Record after = *before;
    for (const auto& [k, v] : changes) after[k] = v;
    for (const Field& f : schema_.fields)
        if (f.required && f.stored && after.contains(f.name) && after.at(f.name).is_null())
            throw invalid(f.name, "is required");
    Extras extras;
    if (hooks_.on_write) hooks_.on_write(conn, caller, &*before, after, extras);
    check_refs(conn, after);
    std::string now = now_().to_rfc3339();
    db::Params p;
    std::string sets = "version = version + 1, updated_at = " + p.bind(now) +
                       ", search_text = " + p.bind(search_text(after));
    for (const Field& f : schema_.fields) {
        if (!f.stored || !after.contains(f.name) || extras.count(f.name)) continue;
        sets += ", " + f.name + " = " + p.bind(to_db(f, after.at(f.name)));
    }
    for (const auto& [col, v] : extras) sets += ", " + col + " = " + p.bind(v);
    auto r = conn.query("UPDATE " + schema_.table + " SET " + sets + " WHERE id = " + p.bind(id) +
                            " AND version = " + p.bind(version) + " RETURNING " +
                            schema_.select_list(schema_.table),
                        p.values());
    if (r.empty())
        throw conflict("the record was changed by someone else; reload it and try again");
    Record rec = row_to_record(r, 0);
    if (hooks_.after_write) hooks_.after_write(conn, caller, &*before, &rec);
    write_audit(conn, {now, actor(caller), schema_.entity, id, "update", for_audit(*before),
                       for_audit(rec), request_id});
    present(caller, rec);
    return rec;
}

void Resource::remove(const http::Caller& caller, std::int64_t id, const std::string& request_id) {
    try {
        db_.transaction([&](db::Connection& conn) {
            auto before = find_visible(conn, caller, id);
            if (!before) throw not_found();
            if (hooks_.on_remove) hooks_.on_remove(conn, caller, *before);
            std::string now = now_().to_rfc3339();
            if (schema_.archivable) {
                if (!before->at("archived_at").is_null())
                    return;  // archiving twice changes nothing
                auto r = conn.query("UPDATE " + schema_.table +
                                        " SET archived_at = $1, updated_at = $1, version = version "
                                        "+ 1 WHERE id = $2 "
                                        "RETURNING " +
                                        schema_.select_list(schema_.table),
                                    {now, id});
                write_audit(conn, {now, actor(caller), schema_.entity, id, "archive",
                                   for_audit(*before), for_audit(row_to_record(r, 0)), request_id});
            } else {
                conn.query("DELETE FROM " + schema_.table + " WHERE id = $1", {id});
                if (hooks_.after_write) hooks_.after_write(conn, caller, &*before, nullptr);
                write_audit(conn, {now, actor(caller), schema_.entity, id, "delete",
                                   for_audit(*before), std::nullopt, request_id});
            }
        });
    } catch (const db::ConstraintViolation& e) {
        rethrow_constraint(e);
    }
}

void Resource::register_routes(http::Router& router, const std::string& base,
                               const Policies& policies) {
    router.add("GET", base, policies.list, [this](http::Context& ctx) {
        return http::json_response(200,
                                   json::serialize(list(ctx.user(), ctx.request.query).to_json()));
    });
    router.add("GET", base + "/{id}", policies.read, [this](http::Context& ctx) {
        return http::json_response(200, json::serialize(get(ctx.user(), ctx.id_param())));
    });
    router.add("POST", base, policies.create, [this, base](http::Context& ctx) {
        Record rec =
            create(ctx.user(), json_input::parse_object(ctx.request.body), ctx.request.request_id);
        http::Response r = http::json_response(201, json::serialize(rec));
        r.set_header("Location", base + "/" + std::to_string(rec.at("id").as_int64()));
        return r;
    });
    router.add("PATCH", base + "/{id}", policies.update, [this](http::Context& ctx) {
        std::int64_t id = ctx.id_param();
        Record rec = update(ctx.user(), id, json_input::parse_object(ctx.request.body),
                            ctx.request.request_id);
        return http::json_response(200, json::serialize(rec));
    });
    router.add("DELETE", base + "/{id}", policies.remove, [this](http::Context& ctx) {
        remove(ctx.user(), ctx.id_param(), ctx.request.request_id);
        http::Response r;
        r.status = 204;
        return r;
    });
}

}  // namespace retainer::records
