#include "modules/demo/demo.hpp"

#include <stdexcept>

#include "core/text.hpp"
#include "platform/auth/password.hpp"

namespace retainer::demo {

DemoSummary fill_demo(db::Database& db, const DemoOptions& options, Instant now) {
    (void)options;
    DemoSummary s;
    db.transaction([&](db::Connection& conn) {
        if (conn.query("SELECT COUNT(*) AS n FROM users").int_at(0, "n") > 0)
            throw std::runtime_error("the database already has users; demo fills only an empty database");
        std::string ts = now.to_rfc3339();
        std::string hash = auth::hash_password("demo");
        auto g = conn.query("INSERT INTO groups (name, direction, created_at, updated_at) VALUES ('SEO', 'seo', $1, $1) RETURNING id", {ts});
        std::int64_t group = g.int_at(0, "id");
        for (const char* role : {"owner", "head", "manager", "specialist", "sales", "accountant"}) {
            std::string email = std::string(role) + "@demo.local";
            conn.query("INSERT INTO users (email, name, role, group_id, password_hash, search_text, created_at, updated_at) "
                       "VALUES ($1, $2, $3, $4, $5, $6, $7, $7)",
                       {email, std::string(role), std::string(role), group, hash, text::fold(email), ts});
            ++s.employees;
        }
    });
    return s;
}

}  // namespace retainer::demo
