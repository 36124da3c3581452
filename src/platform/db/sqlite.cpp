#include <sqlite3.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <stdexcept>
#include <unordered_map>

#include "platform/db/database.hpp"

namespace retainer::db {
namespace {

/// SQLite treats `$1` as a *named* parameter numbered by first appearance, so `$2 … $1` would
/// bind backwards; `?NNN` is positional. Quoted text is left alone.
std::string rewrite_placeholders(std::string_view sql) {
    std::string out;
    out.reserve(sql.size());
    char quote = 0;
    for (std::size_t i = 0; i < sql.size(); ++i) {
        char c = sql[i];
        if (quote) {
            out += c;
            if (c == quote) quote = 0;
        } else if (c == '\'' || c == '"') {
            quote = c;
            out += c;
        } else if (c == '$' && i + 1 < sql.size() && sql[i + 1] >= '0' && sql[i + 1] <= '9') {
            out += '?';
        } else {
            out += c;
        }
    }
    return out;
}

class SqliteConnection final : public Connection {
  public:
    explicit SqliteConnection(const std::string& path) {
        int rc = sqlite3_open_v2(path.c_str(), &db_,
                                 SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
                                 nullptr);
        if (rc != SQLITE_OK) {
            std::string msg = db_ ? sqlite3_errmsg(db_) : "out of memory";
            sqlite3_close(db_);
            throw std::runtime_error("cannot open SQLite database " + path + ": " + msg);
        }
        sqlite3_busy_timeout(db_, 10000);
        // FULL: a committed change survives power loss, as the foundation promises.
        execute_script(
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON;"
            "PRAGMA temp_store=MEMORY; PRAGMA cache_size=-32000;");
    }
    ~SqliteConnection() override {
        for (auto& [sql, stmt] : cache_) sqlite3_finalize(stmt);
        sqlite3_close_v2(db_);
    }

    Result query(std::string_view sql, const std::vector<Value>& params) override {
        sqlite3_stmt* stmt = prepare(sql);
        sqlite3_reset(stmt);
        sqlite3_clear_bindings(stmt);
        for (std::size_t i = 0; i < params.size(); ++i) {
            int idx = static_cast<int>(i + 1);
            const Value& v = params[i];
            if (auto* n = std::get_if<std::int64_t>(&v)) {
                sqlite3_bind_int64(stmt, idx, *n);
            } else if (auto* d = std::get_if<double>(&v)) {
                sqlite3_bind_double(stmt, idx, *d);
            } else if (auto* s = std::get_if<std::string>(&v)) {
                sqlite3_bind_text(stmt, idx, s->data(), static_cast<int>(s->size()),
                                  SQLITE_TRANSIENT);
            } else {
                sqlite3_bind_null(stmt, idx);
            }
        }
        Result result;
        int ncol = sqlite3_column_count(stmt);
        for (int c = 0; c < ncol; ++c) result.columns.emplace_back(sqlite3_column_name(stmt, c));
        for (;;) {
            int rc = sqlite3_step(stmt);
            if (rc == SQLITE_DONE) break;
            if (rc != SQLITE_ROW) {
                int ext = sqlite3_extended_errcode(db_);
                std::string msg = sqlite3_errmsg(db_);
                sqlite3_reset(stmt);
                raise(rc, ext, msg);
            }
            std::vector<Value> row;
            row.reserve(static_cast<std::size_t>(ncol));
            for (int c = 0; c < ncol; ++c) {
                switch (sqlite3_column_type(stmt, c)) {
                    case SQLITE_INTEGER:
                        row.emplace_back(static_cast<std::int64_t>(sqlite3_column_int64(stmt, c)));
                        break;
                    case SQLITE_FLOAT:
                        row.emplace_back(sqlite3_column_double(stmt, c));
                        break;
                    case SQLITE_NULL:
                        row.emplace_back(std::monostate{});
                        break;
                    default: {
                        auto* p = reinterpret_cast<const char*>(sqlite3_column_text(stmt, c));
                        row.emplace_back(std::string(
                            p, static_cast<std::size_t>(sqlite3_column_bytes(stmt, c))));
                    }
                }
            }
            result.rows.push_back(std::move(row));
        }
        result.affected = sqlite3_changes(db_);
        sqlite3_reset(stmt);
        return result;
    }

    void execute_script(std::string_view sql) override {
        char* err = nullptr;
        std::string text(sql);
        if (sqlite3_exec(db_, text.c_str(), nullptr, nullptr, &err) != SQLITE_OK) {
            std::string msg = err ? err : "unknown error";
            sqlite3_free(err);
            throw std::runtime_error("SQLite: " + msg);
        }
    }

    Backend backend() const override { return Backend::kSqlite; }
    void begin() override { execute_script("BEGIN IMMEDIATE"); }
    void commit() override { execute_script("COMMIT"); }
    void rollback() override {
        if (!sqlite3_get_autocommit(db_)) execute_script("ROLLBACK");
    }

  private:
    sqlite3_stmt* prepare(std::string_view sql) {
        std::string key(sql);
        auto it = cache_.find(key);
        if (it != cache_.end()) return it->second;
        std::string rewritten = rewrite_placeholders(sql);
        sqlite3_stmt* stmt = nullptr;
        if (sqlite3_prepare_v3(db_, rewritten.c_str(), static_cast<int>(rewritten.size()),
                               SQLITE_PREPARE_PERSISTENT, &stmt, nullptr) != SQLITE_OK)
            throw std::runtime_error(std::string("SQLite prepare: ") + sqlite3_errmsg(db_));
        // Dynamic SQL (search filters) could grow the cache without bound; cap it.
        if (cache_.size() > 500) {
            for (auto& [s, st] : cache_) sqlite3_finalize(st);
            cache_.clear();
        }
        cache_.emplace(std::move(key), stmt);
        return stmt;
    }

    [[noreturn]] static void raise(int rc, int ext, const std::string& msg) {
        if (rc == SQLITE_CONSTRAINT) {
            using K = ConstraintViolation::Kind;
            K kind = ext == SQLITE_CONSTRAINT_UNIQUE || ext == SQLITE_CONSTRAINT_PRIMARYKEY
                         ? K::kUnique
                     : ext == SQLITE_CONSTRAINT_FOREIGNKEY ? K::kForeignKey
                     : ext == SQLITE_CONSTRAINT_NOTNULL    ? K::kNotNull
                                                           : K::kCheck;
            throw ConstraintViolation(kind, msg);
        }
        throw std::runtime_error("SQLite: " + msg);
    }

    sqlite3* db_ = nullptr;
    std::unordered_map<std::string, sqlite3_stmt*> cache_;
};

}  // namespace

std::unique_ptr<Connection> connect_sqlite(const std::string& path) {
    return std::make_unique<SqliteConnection>(path);
}

void backup_sqlite(const std::string& source_path, const std::string& target_path) {
    // VACUUM INTO copies one read snapshot in one pass: unlike the online backup API it does not
    // start over whenever another connection writes (it never finished at ~575 writes/s). The
    // copy goes to a temporary name and is linked into place only when complete, so a failed or
    // killed backup leaves no half-written file behind.
    std::string partial = target_path + ".partial-" + std::to_string(::getpid());
    sqlite3* src = nullptr;
    if (sqlite3_open_v2(source_path.c_str(), &src, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) {
        std::string msg = src ? sqlite3_errmsg(src) : "cannot open";
        sqlite3_close(src);
        throw std::runtime_error("backup: " + msg);
    }
    sqlite3_busy_timeout(src, 10000);
    sqlite3_stmt* st = nullptr;
    int rc = sqlite3_prepare_v2(src, "VACUUM INTO ?1", -1, &st, nullptr);
    if (rc == SQLITE_OK) {
        sqlite3_bind_text(st, 1, partial.c_str(), -1, SQLITE_TRANSIENT);
        rc = sqlite3_step(st);
    }
    std::string msg = sqlite3_errmsg(src);
    sqlite3_finalize(st);
    sqlite3_close(src);
    if (rc != SQLITE_DONE) {
        std::remove(partial.c_str());
        throw std::runtime_error("backup: " + msg);
    }
    // link() refuses an existing target, atomically: a backup never overwrites a file.
    if (::link(partial.c_str(), target_path.c_str()) != 0) {
        int err = errno;
        std::remove(partial.c_str());
        throw std::runtime_error("backup: " + target_path + ": " + std::strerror(err));
    }
    std::remove(partial.c_str());
}

}  // namespace retainer::db
