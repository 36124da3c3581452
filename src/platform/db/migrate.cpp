#include "platform/db/migrate.hpp"

#include <spdlog/spdlog.h>

#include "core/date.hpp"

namespace retainer::db {

std::string ddl_for(Backend backend, const std::string& sql) {
    if (backend == Backend::kPostgres) return sql;
    static const std::string kFrom = "BIGSERIAL PRIMARY KEY";
    // AUTOINCREMENT: ids are never reused after a delete, so audit entries keep pointing right.
    static const std::string kTo = "INTEGER PRIMARY KEY AUTOINCREMENT";
    std::string out = sql;
    for (std::size_t pos = out.find(kFrom); pos != std::string::npos; pos = out.find(kFrom, pos)) {
        out.replace(pos, kFrom.size(), kTo);
        pos += kTo.size();
    }
    return out;
}

int migrate(Database& db, const std::vector<Migration>& migrations) {
    {
        Lease conn = db.acquire();
        conn->execute_script(
            "CREATE TABLE IF NOT EXISTS schema_migrations (version BIGINT PRIMARY KEY, "
            "name TEXT NOT NULL, applied_at TEXT NOT NULL)");
    }
    int applied = 0;
    for (const Migration& m : migrations) {
        bool done = db.transaction([&](Connection& conn) {
            // Two servers starting at once on PostgreSQL must not both apply a migration.
            if (conn.backend() == Backend::kPostgres)
                conn.query("SELECT pg_advisory_xact_lock(4242)");
            auto seen = conn.query("SELECT 1 FROM schema_migrations WHERE version = $1",
                                   {static_cast<std::int64_t>(m.version)});
            if (!seen.empty()) return false;
            conn.execute_script(ddl_for(conn.backend(), m.sql));
            conn.query(
                "INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)",
                {static_cast<std::int64_t>(m.version), m.name,
                 Instant{std::time(nullptr)}.to_rfc3339()});
            return true;
        });
        if (done) {
            spdlog::info(R"({{"event":"migrated","version":{},"name":"{}"}})", m.version, m.name);
            ++applied;
        }
    }
    return applied;
}

}  // namespace retainer::db
