#pragma once
#include <boost/json.hpp>

#include "core/i18n.hpp"
#include "platform/http/router.hpp"
#include "platform/jobs/jobs.hpp"
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

/// The reminder e-mail as a background job (platform/jobs): every process schedules one job a
/// minute under the same key, so whichever claims it runs it once; `handle_digest_jobs` gives the
/// runner its handler. Returns the job's id.
std::int64_t schedule_digests(db::Database& db, Instant now);
void handle_digest_jobs(jobs::Runner& runner, db::Database& db, std::function<Instant()> now);

}  // namespace retainer::sales
