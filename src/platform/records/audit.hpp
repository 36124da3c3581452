#pragma once
#include <boost/json.hpp>
#include <optional>
#include <string>

#include "platform/db/database.hpp"

namespace retainer::records {

struct AuditEntry {
    std::string at;
    std::optional<std::int64_t> user_id;
    std::string entity;
    std::int64_t entity_id = 0;
    std::string action;  // create, update, archive, delete
    std::optional<boost::json::object> before;
    std::optional<boost::json::object> after;
    std::string request_id;
};

/// Appends one entry in the caller's transaction, so a rolled-back change leaves no trace.
void write_audit(db::Connection& conn, const AuditEntry& entry);

/// Entries of one record, newest first.
boost::json::array read_audit(db::Connection& conn, const std::string& entity, std::int64_t id,
                              std::int64_t limit, std::int64_t offset, std::int64_t& total);

}  // namespace retainer::records
