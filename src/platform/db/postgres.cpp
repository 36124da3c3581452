#include <libpq-fe.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <stdexcept>

#include "platform/db/database.hpp"

namespace retainer::db {
namespace {

constexpr Oid kInt8 = 20, kInt2 = 21, kInt4 = 23, kText = 25, kFloat4 = 700, kFloat8 = 701,
              kBool = 16, kNumeric = 1700;

class PostgresConnection final : public Connection {
  public:
    explicit PostgresConnection(const std::string& url) {
        conn_ = PQconnectdb(url.c_str());
        if (PQstatus(conn_) != CONNECTION_OK) {
            std::string msg = PQerrorMessage(conn_);
            PQfinish(conn_);
            throw std::runtime_error("cannot connect to PostgreSQL: " + msg);
        }
        PQsetNoticeProcessor(
            conn_, [](void*, const char*) {}, nullptr);
        execute_script("SET TIME ZONE 'UTC'; SET client_encoding = 'UTF8'");
    }
    ~PostgresConnection() override { PQfinish(conn_); }

    Result query(std::string_view sql, const std::vector<Value>& params) override {
        std::vector<std::string> texts(params.size());
        std::vector<const char*> values(params.size());
        std::vector<Oid> types(params.size());
        for (std::size_t i = 0; i < params.size(); ++i) {
            const Value& v = params[i];
            if (auto* n = std::get_if<std::int64_t>(&v)) {
                texts[i] = std::to_string(*n);
                types[i] = kInt8;
                values[i] = texts[i].c_str();
            } else if (auto* d = std::get_if<double>(&v)) {
                texts[i] = std::to_string(*d);
                types[i] = kFloat8;
                values[i] = texts[i].c_str();
            } else if (auto* s = std::get_if<std::string>(&v)) {
                types[i] = kText;
                values[i] = s->c_str();
            } else {
                types[i] = 0;
                values[i] = nullptr;
            }
        }
        std::string text(sql);
        PGresult* res = PQexecParams(conn_, text.c_str(), static_cast<int>(params.size()),
                                     types.data(), values.data(), nullptr, nullptr, 0);
        ExecStatusType st = PQresultStatus(res);
        if (st != PGRES_TUPLES_OK && st != PGRES_COMMAND_OK) raise(res);
        Result result;
        int ncol = PQnfields(res);
        int nrow = PQntuples(res);
        std::vector<Oid> col_types(static_cast<std::size_t>(ncol));
        for (int c = 0; c < ncol; ++c) {
            result.columns.emplace_back(PQfname(res, c));
            col_types[static_cast<std::size_t>(c)] = PQftype(res, c);
        }
        result.rows.reserve(static_cast<std::size_t>(nrow));
        for (int r = 0; r < nrow; ++r) {
            std::vector<Value> row;
            row.reserve(static_cast<std::size_t>(ncol));
            for (int c = 0; c < ncol; ++c) {
                if (PQgetisnull(res, r, c)) {
                    row.emplace_back(std::monostate{});
                    continue;
                }
                const char* p = PQgetvalue(res, r, c);
                Oid t = col_types[static_cast<std::size_t>(c)];
                if (t == kInt8 || t == kInt4 || t == kInt2) {
                    row.emplace_back(static_cast<std::int64_t>(std::strtoll(p, nullptr, 10)));
                } else if (t == kBool) {
                    row.emplace_back(static_cast<std::int64_t>(p[0] == 't' ? 1 : 0));
                } else if (t == kNumeric) {
                    // SUM(bigint) is numeric in PostgreSQL; keep whole numbers exact.
                    std::string s(p);
                    if (s.find('.') == std::string::npos && s.size() < 19)
                        row.emplace_back(static_cast<std::int64_t>(std::strtoll(p, nullptr, 10)));
                    else
                        row.emplace_back(std::strtod(p, nullptr));
                } else if (t == kFloat8 || t == kFloat4) {
                    row.emplace_back(std::strtod(p, nullptr));
                } else {
                    row.emplace_back(
                        std::string(p, static_cast<std::size_t>(PQgetlength(res, r, c))));
                }
            }
            result.rows.push_back(std::move(row));
        }
        const char* affected = PQcmdTuples(res);
        result.affected = affected && *affected ? std::strtoll(affected, nullptr, 10) : 0;
        PQclear(res);
        return result;
    }

    void execute_script(std::string_view sql) override {
        std::string text(sql);
        PGresult* res = PQexec(conn_, text.c_str());
        ExecStatusType st = PQresultStatus(res);
        if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK) raise(res);
        PQclear(res);
    }

    Backend backend() const override { return Backend::kPostgres; }
    void begin() override { execute_script("BEGIN"); }
    void commit() override { execute_script("COMMIT"); }
    void rollback() override { execute_script("ROLLBACK"); }
    bool broken() const override { return PQstatus(conn_) != CONNECTION_OK; }

  private:
    [[noreturn]] void raise(PGresult* res) {
        std::string msg = PQresultErrorMessage(res);
        const char* state = PQresultErrorField(res, PG_DIAG_SQLSTATE);
        std::string code = state ? state : "";
        PQclear(res);
        using K = ConstraintViolation::Kind;
        if (code == "23505") throw ConstraintViolation(K::kUnique, msg);
        if (code == "23503") throw ConstraintViolation(K::kForeignKey, msg);
        if (code == "23514") throw ConstraintViolation(K::kCheck, msg);
        if (code == "23502") throw ConstraintViolation(K::kNotNull, msg);
        if (msg.empty()) msg = PQerrorMessage(conn_);
        throw std::runtime_error("PostgreSQL " + code + ": " + msg);
    }

    PGconn* conn_ = nullptr;
};

}  // namespace

std::unique_ptr<Connection> connect_postgres(const std::string& url) {
    return std::make_unique<PostgresConnection>(url);
}

void backup_postgres(const std::string& url, const std::string& target_path) {
    if (::access(target_path.c_str(), F_OK) == 0)
        throw std::runtime_error("backup: " + target_path + ": File exists");
    std::string partial = target_path + ".partial-" + std::to_string(::getpid());
    std::vector<std::string> args = {"pg_dump", "--format=custom", "--no-password",
                                     "--file",  partial,           "--dbname=" + url};
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    pid_t pid = 0;
    if (posix_spawnp(&pid, "pg_dump", nullptr, nullptr, argv.data(), environ) != 0)
        throw std::runtime_error("backup: pg_dump is not installed (Debian: postgresql-client)");
    int status = 0;
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
        std::remove(partial.c_str());
        throw std::runtime_error("backup: pg_dump failed (exit status " +
                                 std::to_string(WIFEXITED(status) ? WEXITSTATUS(status) : -1) +
                                 "); its message is above");
    }
    if (::link(partial.c_str(), target_path.c_str()) != 0) {
        int err = errno;
        std::remove(partial.c_str());
        throw std::runtime_error("backup: " + target_path + ": " + std::strerror(err));
    }
    std::remove(partial.c_str());
}

}  // namespace retainer::db
