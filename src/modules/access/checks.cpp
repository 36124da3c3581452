#include "modules/access/checks.hpp"

#include "core/error.hpp"
#include "modules/access/roles.hpp"
#include "modules/access/scopes.hpp"

namespace retainer::access {

void require_visible_client(db::Connection& conn, const http::Caller& caller,
                            std::int64_t client_id, const char* field) {
    db::Params p;
    std::string sql = "SELECT t.id FROM clients t WHERE t.id = " + p.bind(client_id);
    std::string scope = client_scope(p, caller, "t");
    if (!scope.empty()) sql += " AND (" + scope + ")";
    if (conn.query(sql, p.values()).empty()) throw invalid(field, "no such client");
}

void require_visible_deal(db::Connection& conn, const http::Caller& caller, std::int64_t deal_id,
                          const char* field) {
    db::Params p;
    std::string sql = "SELECT t.id FROM deals t WHERE t.id = " + p.bind(deal_id);
    std::string scope = deal_scope(p, caller, "t");
    if (!scope.empty()) sql += " AND (" + scope + ")";
    if (conn.query(sql, p.values()).empty()) throw invalid(field, "no such deal");
}

std::string via_deal_scope(db::Params& p, const http::Caller& c, const std::string& alias) {
    std::string deals = deal_scope(p, c, "vd");
    if (deals.empty()) return "";
    return "EXISTS (SELECT 1 FROM deals vd WHERE vd.id = " + alias + ".deal_id AND (" + deals +
           "))";
}

void require_employee(db::Connection& conn, std::int64_t user_id, const char* field) {
    auto r = conn.query("SELECT role FROM users WHERE id = $1 AND archived_at IS NULL", {user_id});
    if (r.empty() || r.text_at(0, "role") == kClient)
        throw invalid(field, "must be an active employee");
}

}  // namespace retainer::access
