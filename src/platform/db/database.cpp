#include "platform/db/database.hpp"

#include <stdexcept>

namespace retainer::db {

std::size_t Result::column(std::string_view name) const {
    for (std::size_t i = 0; i < columns.size(); ++i)
        if (columns[i] == name) return i;
    throw std::out_of_range("no column " + std::string(name));
}

std::int64_t Result::int_at(std::size_t row, std::string_view name) const {
    const Value& v = at(row, name);
    if (auto* i = std::get_if<std::int64_t>(&v)) return *i;
    if (auto* d = std::get_if<double>(&v)) return static_cast<std::int64_t>(*d);
    if (auto* s = std::get_if<std::string>(&v)) return std::stoll(*s);
    return 0;
}

std::optional<std::int64_t> Result::opt_int_at(std::size_t row, std::string_view name) const {
    if (std::holds_alternative<std::monostate>(at(row, name))) return std::nullopt;
    return int_at(row, name);
}

std::string Result::text_at(std::size_t row, std::string_view name) const {
    const Value& v = at(row, name);
    if (auto* s = std::get_if<std::string>(&v)) return *s;
    if (auto* i = std::get_if<std::int64_t>(&v)) return std::to_string(*i);
    if (auto* d = std::get_if<double>(&v)) return std::to_string(*d);
    return {};
}

std::optional<std::string> Result::opt_text_at(std::size_t row, std::string_view name) const {
    if (std::holds_alternative<std::monostate>(at(row, name))) return std::nullopt;
    return text_at(row, name);
}

Lease::~Lease() {
    if (conn_ && db_) db_->release(std::move(conn_));
}

Database::Database(std::string url, Backend backend, std::size_t pool_size,
                   std::function<std::unique_ptr<Connection>()> connect)
    : url_(std::move(url)),
      backend_(backend),
      pool_size_(pool_size),
      connect_(std::move(connect)) {}

std::unique_ptr<Database> Database::open(const std::string& url, std::size_t pool_size) {
    if (url.rfind("sqlite:", 0) == 0) {
        std::string path = url.substr(7);
        if (path.empty()) throw std::runtime_error("sqlite URL needs a path: sqlite:PATH");
        // An in-memory database exists per connection, so the pool holds exactly one.
        if (path == ":memory:") pool_size = 1;
        std::unique_ptr<Database> db(new Database(url, Backend::kSqlite, pool_size,
                                                  [path] { return connect_sqlite(path); }));
        db->release(connect_sqlite(path));  // fail fast on a bad path
        db->open_count_ = 1;
        return db;
    }
    if (url.rfind("postgresql://", 0) == 0 || url.rfind("postgres://", 0) == 0) {
        std::unique_ptr<Database> db(new Database(url, Backend::kPostgres, pool_size,
                                                  [url] { return connect_postgres(url); }));
        db->release(connect_postgres(url));
        db->open_count_ = 1;
        return db;
    }
    throw std::runtime_error("unsupported database URL (use sqlite:PATH or postgresql://...)");
}

Lease Database::acquire() {
    std::unique_lock lock(mutex_);
    for (;;) {
        if (auto lease = take(lock)) return std::move(*lease);
        available_.wait(lock);
    }
}

std::optional<Lease> Database::try_acquire() {
    std::unique_lock lock(mutex_);
    return take(lock);
}

std::optional<Lease> Database::take(std::unique_lock<std::mutex>& lock) {
    if (!idle_.empty()) {
        auto conn = std::move(idle_.back());
        idle_.pop_back();
        return Lease(*this, std::move(conn));
    }
    if (open_count_ >= pool_size_) return std::nullopt;
    ++open_count_;
    lock.unlock();  // connecting may take a while; others may use the pool meanwhile
    try {
        Lease lease(*this, connect_());
        lock.lock();
        return lease;
    } catch (...) {
        lock.lock();
        --open_count_;
        throw;
    }
}

void Database::release(std::unique_ptr<Connection> conn) {
    std::lock_guard lock(mutex_);
    if (conn->broken()) {
        --open_count_;
    } else {
        idle_.push_back(std::move(conn));
    }
    available_.notify_one();
}

}  // namespace retainer::db
