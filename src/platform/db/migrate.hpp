#pragma once
#include <string>
#include <vector>

#include "platform/db/database.hpp"

namespace retainer::db {

struct Migration {
    int version;
    std::string name;
    std::string sql;
};

/// The migrations/ folder, compiled in (see cmake/embed_migrations.cmake).
const std::vector<Migration>& embedded_migrations();

/// Translates portable DDL for SQLite: `BIGSERIAL PRIMARY KEY` → `INTEGER PRIMARY KEY
/// AUTOINCREMENT`.
std::string ddl_for(Backend backend, const std::string& sql);

/// Applies every migration not yet recorded in schema_migrations, each in its own transaction.
/// Returns how many were applied.
int migrate(Database& db, const std::vector<Migration>& migrations = embedded_migrations());

}  // namespace retainer::db
