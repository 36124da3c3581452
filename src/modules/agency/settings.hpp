#pragma once
#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <string_view>

#include "core/date.hpp"
#include "core/i18n.hpp"
#include "platform/db/database.hpp"
#include "platform/http/router.hpp"

namespace retainer::agency {

/// The agency's settings, typed, with their defaults. The agency module alone reads and writes
/// the settings table (docs/architecture.md, "Who owns which table"); everyone else asks `read`
/// once for the request and passes the values on.
struct Settings {
    std::string name = "Агентство";
    std::string requisites;  // free-text requisites of older documents
    std::string tax_mode = "vat";
    std::int64_t estimate_cost_rate_kopecks = 0;  // 0: the average cost rate of the staff
    std::int64_t proposal_followup_days = 3;
    std::int64_t timezone_offset_minutes = 180;
    std::string public_base_url;            // no trailing slash; empty: links are relative
    i18n::Lang language = i18n::Lang::kRu;  // what the agency's customers read
    /// The agency's own requisites as documents print them, by their short name ("inn",
    /// "legal_name", "bank_account", …: the setting "agency_inn" is party["inn"]).
    std::map<std::string, std::string> party;
    std::string public_form_origins;  // comma-separated site origins allowed to post applications
    std::int64_t silent_client_days = 30;
    std::int64_t reminder_digest_hour = 9;
    bool demo = false;
    std::string smtp_url, mail_from;

    /// The agency's calendar day at an instant.
    Date today(Instant now) const;
    /// The hour of the day (0–23) at an instant, in the agency's time zone.
    int local_hour(Instant now) const;
    /// "07.12.2026 14:05" in the agency's time zone; the input unchanged if it is not RFC 3339.
    std::string local_time(const std::string& rfc3339) const;
};

/// All settings in one query.
Settings read(db::Connection& conn);

/// Writes settings by their stored keys (the demo's agency, a request's changes); the caller owns
/// the transaction.
void store(db::Connection& conn, const std::map<std::string, std::string>& values);

/// A server secret kept in the settings under its name (e.g. "document_view_salt"): made at random
/// on first use, the same for every process afterwards. Never returned by the settings API.
std::string secret(db::Connection& conn, std::string_view name);

/// GET/PATCH /api/v1/agency-settings: the agency's name, requisites, tax mode, estimate hour cost,
/// proposal follow-up days and time zone (docs/paperwork.md, "Agency settings"); and
/// GET /api/v1/public/config.
void register_routes(http::Router& router, db::Database& db, std::function<std::string()> now);

}  // namespace retainer::agency
