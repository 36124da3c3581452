#include "platform/records/audit.hpp"

namespace retainer::records {

void write_audit(db::Connection& conn, const AuditEntry& e) {
    auto dump = [](const std::optional<boost::json::object>& o) -> db::Value {
        if (!o) return db::null();
        return boost::json::serialize(*o);
    };
    conn.query(
        "INSERT INTO audit_log (at, user_id, entity, entity_id, action, before_json, after_json, "
        "request_id) "
        "VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
        {e.at, db::optional_value(e.user_id), e.entity, e.entity_id, e.action, dump(e.before),
         dump(e.after), e.request_id});
}

boost::json::array read_audit(db::Connection& conn, const std::string& entity, std::int64_t id,
                              std::int64_t limit, std::int64_t offset, std::int64_t& total) {
    auto count = conn.query(
        "SELECT COUNT(*) AS n FROM audit_log WHERE entity = $1 AND entity_id = $2", {entity, id});
    total = count.int_at(0, "n");
    auto r = conn.query(
        "SELECT a.id, a.at, a.user_id, u.name AS user_name, a.action, a.before_json, a.after_json, "
        "a.request_id "
        "FROM audit_log a LEFT JOIN users u ON u.id = a.user_id "
        "WHERE a.entity = $1 AND a.entity_id = $2 ORDER BY a.id DESC LIMIT $3 OFFSET $4",
        {entity, id, limit, offset});
    boost::json::array out;
    for (std::size_t i = 0; i < r.rows.size(); ++i) {
        boost::json::object o;
        o["id"] = r.int_at(i, "id");
        o["at"] = r.text_at(i, "at");
        if (auto u = r.opt_int_at(i, "user_id"))
            o["user_id"] = *u;
        else
            o["user_id"] = nullptr;
        if (auto n = r.opt_text_at(i, "user_name"))
            o["user_name"] = *n;
        else
            o["user_name"] = nullptr;
        o["entity"] = entity;
        o["entity_id"] = id;
        o["action"] = r.text_at(i, "action");
        auto b = r.opt_text_at(i, "before_json");
        auto a = r.opt_text_at(i, "after_json");
        o["before"] = b ? boost::json::parse(*b) : boost::json::value(nullptr);
        o["after"] = a ? boost::json::parse(*a) : boost::json::value(nullptr);
        o["request_id"] = r.text_at(i, "request_id");
        out.push_back(std::move(o));
    }
    return out;
}

}  // namespace retainer::records
