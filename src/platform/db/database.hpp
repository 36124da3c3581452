#pragma once
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace retainer::db {

/// A bound parameter or a fetched cell. Booleans are stored as 0/1 integers on both backends.
using Value = std::variant<std::monostate, std::int64_t, double, std::string>;

inline Value null() { return std::monostate{}; }
template <class T>
Value optional_value(const std::optional<T>& v) {
    return v ? Value(*v) : Value(std::monostate{});
}

/// Rows of a query; cells are addressed by column index or name.
struct Result {
    std::vector<std::string> columns;
    std::vector<std::vector<Value>> rows;
    std::int64_t affected = 0;

    bool empty() const { return rows.empty(); }
    std::size_t column(std::string_view name) const;
    const Value& at(std::size_t row, std::string_view name) const {
        return rows[row][column(name)];
    }
    std::int64_t int_at(std::size_t row, std::string_view name) const;
    std::optional<std::int64_t> opt_int_at(std::size_t row, std::string_view name) const;
    std::string text_at(std::size_t row, std::string_view name) const;
    std::optional<std::string> opt_text_at(std::size_t row, std::string_view name) const;
};

enum class Backend { kSqlite, kPostgres };

/// One database session. SQL uses $1, $2 … placeholders on both backends.
class Connection {
  public:
    virtual ~Connection() = default;
    virtual Result query(std::string_view sql, const std::vector<Value>& params = {}) = 0;
    /// Runs several statements without parameters (migrations).
    virtual void execute_script(std::string_view sql) = 0;
    virtual Backend backend() const = 0;
    /// Starts a write transaction (BEGIN IMMEDIATE on SQLite, so writers queue instead of
    /// deadlocking).
    virtual void begin() = 0;
    virtual void commit() = 0;
    virtual void rollback() = 0;
    /// True when the connection is unusable and must not return to the pool.
    virtual bool broken() const { return false; }
};

/// Raised by drivers for constraint violations, so services can answer 409/400 instead of 500.
class ConstraintViolation : public std::runtime_error {
  public:
    enum class Kind { kUnique, kForeignKey, kCheck, kNotNull };
    ConstraintViolation(Kind kind, const std::string& detail)
        : std::runtime_error(detail), kind_(kind) {}
    Kind kind() const { return kind_; }

  private:
    Kind kind_;
};

/// Builds parameter lists while SQL text is assembled: `"x = " + p.bind(v)` yields "x = $3".
class Params {
  public:
    std::string bind(Value v) {
        values_.push_back(std::move(v));
        return "$" + std::to_string(values_.size());
    }
    const std::vector<Value>& values() const { return values_; }

  private:
    std::vector<Value> values_;
};

class Database;

/// A pooled connection, returned to the pool when the lease ends.
class Lease {
  public:
    Lease(Database& db, std::unique_ptr<Connection> conn) : db_(&db), conn_(std::move(conn)) {}
    Lease(Lease&& other) noexcept = default;
    Lease& operator=(Lease&&) = delete;
    ~Lease();
    Connection& operator*() { return *conn_; }
    Connection* operator->() { return conn_.get(); }

  private:
    Database* db_;
    std::unique_ptr<Connection> conn_;
};

/// A pool of connections to one database, SQLite or PostgreSQL, chosen by URL.
class Database {
  public:
    /// `sqlite:PATH`, `sqlite::memory:` or `postgresql://…`; throws std::runtime_error on failure.
    static std::unique_ptr<Database> open(const std::string& url, std::size_t pool_size = 8);
    virtual ~Database() = default;

    Lease acquire();
    /// A second connection for work that can run beside the caller's, or nullopt when none is
    /// idle and the pool is full (waiting could deadlock callers that already hold one).
    std::optional<Lease> try_acquire();
    Backend backend() const { return backend_; }
    const std::string& url() const { return url_; }

    /// Runs `work` in one transaction: committed when it returns, rolled back when it throws.
    template <class F>
    auto transaction(F&& work) -> decltype(work(std::declval<Connection&>())) {
        Lease lease = acquire();
        lease->begin();
        try {
            if constexpr (std::is_void_v<decltype(work(*lease))>) {
                work(*lease);
                lease->commit();
            } else {
                auto result = work(*lease);
                lease->commit();
                return result;
            }
        } catch (...) {
            try {
                lease->rollback();
            } catch (...) {
            }
            throw;
        }
    }

  private:
    friend class Lease;
    Database(std::string url, Backend backend, std::size_t pool_size,
             std::function<std::unique_ptr<Connection>()> connect);
    void release(std::unique_ptr<Connection> conn);
    /// An idle connection, or a new one while the pool has room; nullopt otherwise. `lock` holds
    /// mutex_ on entry and on return.
    std::optional<Lease> take(std::unique_lock<std::mutex>& lock);

    std::string url_;
    Backend backend_;
    std::size_t pool_size_;
    std::function<std::unique_ptr<Connection>()> connect_;
    std::mutex mutex_;
    std::condition_variable available_;
    std::vector<std::unique_ptr<Connection>> idle_;
    std::size_t open_count_ = 0;
};

std::unique_ptr<Connection> connect_sqlite(const std::string& path);
std::unique_ptr<Connection> connect_postgres(const std::string& url);

/// A consistent copy of a SQLite database at `target_path` (which must not exist): one pass over
/// one snapshot, however busy the database, written under a temporary name and put in place only
/// when complete.
void backup_sqlite(const std::string& source_path, const std::string& target_path);
/// The same for PostgreSQL through Debian's pg_dump (custom format, for pg_restore).
void backup_postgres(const std::string& url, const std::string& target_path);

}  // namespace retainer::db
