#pragma once
#include <boost/json.hpp>

#include "core/i18n.hpp"
#include "platform/http/router.hpp"
#include "platform/records/record_store.hpp"

namespace retainer::sales {

/// GET /api/v1/sales/today (a manager's reminders) and GET /api/v1/sales/analytics (the funnel),
/// docs/paperwork.md.
void register_insights(http::Router& router, db::Database& db, records::Resource::Now now);

/// The "today" list as the text of the morning e-mail; empty when there is nothing to do.
std::string digest_text(const boost::json::object& today, i18n::Lang lang);

/// Queues the daily reminder e-mail (mail_outbox) for every active sales-side employee with an
/// e-mail whose today list is not empty, once per person per agency day (a person with nothing
/// to do is checked again on the next run); from
/// `reminder_digest_hour` (agency time) on unless `ignore_hour`. Returns how many were queued.
int queue_digests(db::Database& db, Instant now, bool ignore_hour = false);

}  // namespace retainer::sales
