#include "modules/agency/settings.hpp"

#include <algorithm>
#include <boost/json.hpp>
#include <cstdio>

#include "core/error.hpp"
#include "core/json_input.hpp"
#include "core/money.hpp"
#include "core/requisites.hpp"
#include "core/tax.hpp"
#include "core/text.hpp"
#include "modules/access/roles.hpp"
#include "modules/access/scopes.hpp"
#include "platform/auth/password.hpp"
#include "platform/records/audit.hpp"

namespace retainer::agency {
namespace json = boost::json;

namespace {

struct Key {
    const char* name;
    bool numeric;
    std::int64_t lo, hi;     // numeric bounds
    std::size_t max_length;  // text
    const char* fallback;
    std::optional<std::string> (*check)(std::string_view) = nullptr;  // a non-empty text's rule
};

std::map<std::string, std::string> stored_values(db::Connection& conn) {
    std::map<std::string, std::string> stored;
    auto r = conn.query("SELECT key, value FROM settings");
    for (std::size_t i = 0; i < r.rows.size(); ++i)
        stored[r.text_at(i, "key")] = r.text_at(i, "value");
    return stored;
}

std::int64_t number_or(const std::map<std::string, std::string>& stored, const char* key,
                       std::int64_t fallback, std::int64_t lo, std::int64_t hi) {
    auto it = stored.find(key);
    if (it == stored.end()) return fallback;
    try {
        return std::clamp<std::int64_t>(std::stoll(it->second), lo, hi);
    } catch (const std::exception&) {
        return fallback;
    }
}

const std::vector<Key>& keys() {
    static const std::vector<Key> k = {
        {"agency_name", false, 0, 0, 200, "Агентство"},
        {"agency_requisites", false, 0, 0, 2000, ""},
        {"tax_mode", false, 0, 0, 20, "vat"},
        {"estimate_cost_rate_kopecks", true, 0, money::kMaxAmount, 0, "0"},
        {"proposal_followup_days", true, 1, 90, 0, "3"},
        {"timezone_offset_minutes", true, -720, 840, 0, "180"},
        {"public_base_url", false, 0, 0, 200, ""},
        {"language", false, 0, 0, 2, "ru"},
        // The agency's own requisites, as the documents print them (payee of an invoice, a party
        // to a contract or an act).
        {"agency_legal_name", false, 0, 0, 300, ""},
        {"agency_inn", false, 0, 0, 12, "", requisites::inn_problem},
        {"agency_kpp", false, 0, 0, 9, "", requisites::kpp_problem},
        {"agency_ogrn", false, 0, 0, 15, "", requisites::ogrn_problem},
        {"agency_address", false, 0, 0, 500, ""},
        {"agency_bank_name", false, 0, 0, 300, ""},
        {"agency_bik", false, 0, 0, 9, "", requisites::bik_problem},
        {"agency_correspondent_account", false, 0, 0, 20, ""},
        {"agency_bank_account", false, 0, 0, 20, ""},
        {"agency_director", false, 0, 0, 200, ""},
        {"agency_accountant", false, 0, 0, 200, ""},
        {"agency_phone", false, 0, 0, 50, ""},
        {"agency_email", false, 0, 0, 254, ""},
    };
    return k;
}

json::object read_all(db::Connection& conn) {
    std::map<std::string, std::string> stored = stored_values(conn);
    json::object out;
    for (const Key& k : keys()) {
        auto it = stored.find(k.name);
        std::string v = it == stored.end() ? k.fallback : it->second;
        if (k.numeric) {
            try {
                out[k.name] = std::stoll(v);
            } catch (const std::exception&) {
                out[k.name] = std::stoll(k.fallback);
            }
        } else {
            out[k.name] = v;
        }
    }
    return out;
}

}  // namespace

Date Settings::today(Instant now) const {
    return Instant{now.seconds + timezone_offset_minutes * 60}.utc_date();
}

int Settings::local_hour(Instant now) const {
    std::int64_t local = ((now.seconds + timezone_offset_minutes * 60) % 86400 + 86400) % 86400;
    return static_cast<int>(local / 3600);
}

std::string Settings::local_time(const std::string& rfc3339) const {
    auto at = Instant::parse_rfc3339(rfc3339);
    if (!at) return rfc3339;
    std::int64_t local = at->seconds + timezone_offset_minutes * 60;
    Date d = Instant{local}.utc_date();
    std::int64_t secs = ((local % 86400) + 86400) % 86400;
    char buf[32];
    std::snprintf(buf, sizeof buf, "%02d.%02d.%04d %02lld:%02lld", d.day, d.month, d.year,
                  static_cast<long long>(secs / 3600), static_cast<long long>(secs / 60 % 60));
    return buf;
}

Settings read(db::Connection& conn) {
    std::map<std::string, std::string> stored = stored_values(conn);
    auto text = [&](const char* key, std::string& into) {
        if (auto it = stored.find(key); it != stored.end()) into = it->second;
    };
    Settings s;
    text("agency_name", s.name);
    text("agency_requisites", s.requisites);
    text("tax_mode", s.tax_mode);
    s.estimate_cost_rate_kopecks =
        number_or(stored, "estimate_cost_rate_kopecks", 0, 0, money::kMaxAmount);
    s.proposal_followup_days = number_or(stored, "proposal_followup_days", 3, 1, 90);
    s.timezone_offset_minutes = number_or(stored, "timezone_offset_minutes", 180, -720, 840);
    text("public_base_url", s.public_base_url);
    if (auto it = stored.find("language"); it != stored.end())
        s.language = i18n::lang_of(it->second).value_or(i18n::Lang::kRu);
    for (const auto& [key, value] : stored)
        if (key.rfind("agency_", 0) == 0) s.party[key.substr(7)] = value;
    text("public_form_origins", s.public_form_origins);
    s.silent_client_days = number_or(stored, "silent_client_days", 30, 1, 365);
    // 24: never (no hour of the day reaches it).
    s.reminder_digest_hour = number_or(stored, "reminder_digest_hour", 9, 0, 24);
    if (auto it = stored.find("demo"); it != stored.end()) s.demo = it->second == "1";
    text("smtp_url", s.smtp_url);
    text("mail_from", s.mail_from);
    return s;
}

void store(db::Connection& conn, const std::map<std::string, std::string>& values) {
    for (const auto& [k, v] : values)
        conn.query(
            "INSERT INTO settings (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET "
            "value = excluded.value",
            {k, v});
}

std::string secret(db::Connection& conn, std::string_view name) {
    std::string key(name);
    auto r = conn.query("SELECT value FROM settings WHERE key = $1", {key});
    if (!r.empty()) return r.text_at(0, "value");
    // Two processes may race here: the first insert wins and both read it back.
    conn.query("INSERT INTO settings (key, value) VALUES ($1, $2) ON CONFLICT (key) DO NOTHING",
               {key, auth::random_token(16)});
    return conn.query("SELECT value FROM settings WHERE key = $1", {key}).text_at(0, "value");
}

void register_routes(http::Router& router, db::Database& db, std::function<std::string()> now) {
    // What the sign-in page may know before anyone signs in: the agency's name and language, and
    // whether this is the demo (the page then offers the demo accounts).
    router.add("GET", "/api/v1/public/config", http::Policy::open(), [&db](http::Context&) {
        db::Lease conn = db.acquire();
        Settings s = read(*conn);
        json::object out{{"agency_name", s.name},
                         {"language", std::string(i18n::code_of(s.language))},
                         {"demo", s.demo}};
        return http::json_response(200, json::serialize(out));
    });
    router.add("GET", "/api/v1/agency-settings", http::Policy::roles_of(access::kStaff),
               [&db](http::Context& ctx) {
                   db::Lease conn = db.acquire();
                   json::object out = read_all(*conn);
                   // The hour cost is a cost rate: only for the roles that see costs.
                   if (!access::sees_costs(ctx.user())) out.erase("estimate_cost_rate_kopecks");
                   return http::json_response(200, json::serialize(out));
               });
    router.add(
        "PATCH", "/api/v1/agency-settings", http::Policy::roles_of({access::kOwner, access::kHead}),
        [&db, now](http::Context& ctx) {
            json::object body = json_input::parse_object(ctx.request.body);
            FieldErrors errors;
            std::map<std::string, std::string> changes;
            for (const auto& [name, v] : body) {
                const Key* key = nullptr;
                for (const Key& k : keys())
                    if (name == k.name) key = &k;
                std::string field(name);
                if (!key) {
                    errors[field] = "unknown setting";
                    continue;
                }
                if (key->numeric) {
                    if (!v.is_int64() || v.as_int64() < key->lo || v.as_int64() > key->hi) {
                        errors[field] = "must be a whole number between " +
                                        std::to_string(key->lo) + " and " + std::to_string(key->hi);
                        continue;
                    }
                    changes[field] = std::to_string(v.as_int64());
                    continue;
                }
                if (!v.is_string() || !text::valid_utf8(std::string(v.as_string())) ||
                    text::length(std::string(v.as_string())) > key->max_length) {
                    errors[field] =
                        "must be text up to " + std::to_string(key->max_length) + " characters";
                    continue;
                }
                std::string s(text::trim(std::string_view(v.as_string())));
                if (field == "agency_name" && s.empty()) {
                    errors[field] = "must not be empty";
                    continue;
                }
                if (field == "public_base_url" && !s.empty()) {
                    while (!s.empty() && s.back() == '/') s.pop_back();
                    bool http = s.rfind("https://", 0) == 0 || s.rfind("http://", 0) == 0;
                    if (!http || s.find_first_of(" \t\r\n\"<>?#") != std::string::npos ||
                        s.size() < 10) {
                        errors[field] =
                            "must be the address people open, like https://crm.agency.ru";
                        continue;
                    }
                }
                if (key->check && !s.empty())
                    if (auto problem = key->check(s)) {
                        errors[field] = *problem;
                        continue;
                    }
                if (field == "language" && !i18n::lang_of(s)) {
                    errors[field] = "must be ru or en";
                    continue;
                }
                if (field == "tax_mode") {
                    const auto& modes = tax::modes();
                    if (std::find(modes.begin(), modes.end(), s) == modes.end()) {
                        errors[field] = "must be one of: vat, usn_vat_5, usn_vat_7, no_vat";
                        continue;
                    }
                }
                changes[field] = s;
            }
            if (!errors.empty()) throw invalid(errors);
            json::object after = db.transaction([&](db::Connection& conn) {
                json::object before = read_all(conn);
                // Accounts are checked against the БИК, whichever of them this change sets.
                auto value = [&](const char* k) {
                    auto it = changes.find(k);
                    return it != changes.end() ? it->second : std::string(before.at(k).as_string());
                };
                std::string bik = value("agency_bik"), inn = value("agency_inn");
                FieldErrors cross;
                if (!value("agency_kpp").empty() && inn.size() == 12)
                    cross["agency_kpp"] = "an individual entrepreneur (12-digit ИНН) has no КПП";
                if (auto acc = value("agency_bank_account"); !acc.empty() && !bik.empty())
                    if (auto p = requisites::settlement_account_problem(acc, bik))
                        cross["agency_bank_account"] = *p;
                if (auto acc = value("agency_correspondent_account"); !acc.empty() && !bik.empty())
                    if (auto p = requisites::correspondent_account_problem(acc, bik))
                        cross["agency_correspondent_account"] = *p;
                if (!cross.empty()) throw invalid(cross);
                store(conn, changes);
                json::object now_values = read_all(conn);
                if (!changes.empty())
                    records::write_audit(conn, {now(), ctx.user().user_id, "settings", 0, "update",
                                                before, now_values, ctx.request.request_id});
                return now_values;
            });
            return http::json_response(200, json::serialize(after));
        });
}

}  // namespace retainer::agency
