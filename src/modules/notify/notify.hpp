#pragma once
#include <cstdint>
#include <optional>
#include <string>

#include "platform/db/database.hpp"
#include "platform/http/router.hpp"

namespace retainer::notify {

/// What happened, for whom: one notification row, and an e-mail queued in mail_outbox when the
/// employee has an address. In the caller's transaction, so a rolled-back event notifies no one.
struct Event {
    std::int64_t user_id = 0;
    std::string kind;   // brief_submitted, proposal_accepted, application
    std::string title;  // one line, shown in the list and used as the e-mail subject
    std::optional<std::int64_t> deal_id;
    std::string entity;  // briefs, documents, deals
    std::optional<std::int64_t> entity_id;
};
void notify(db::Connection& conn, const Event& event, const std::string& now);

/// The deal's owner, or (no owner) every active owner/head/sales employee — a lead must reach
/// someone.
void notify_deal_people(db::Connection& conn, std::int64_t deal_id, Event event,
                        const std::string& now);

/// GET /api/v1/notifications (own; ?unread=true), POST /api/v1/notifications/{id}/read,
/// POST /api/v1/notifications/read-all.
void register_routes(http::Router& router, db::Database& db, std::function<std::string()> now);

}  // namespace retainer::notify
