#include "modules/clients/clients.hpp"

#include <algorithm>
#include <map>

#include "core/requisites.hpp"
#include "modules/access/roles.hpp"
#include "modules/access/scopes.hpp"

namespace retainer::clients {
using namespace records;
namespace json = boost::json;

namespace {

std::optional<std::string> text_of(const Record& r, const char* key) {
    auto it = r.find(key);
    if (it == r.end() || !it->value().is_string()) return std::nullopt;
    return std::string(it->value().as_string());
}

/// Cross-field requisites rules: КПП only for organisations, accounts checked against the БИК.
void check_requisites(const Record& after) {
    FieldErrors errors;
    auto inn = text_of(after, "inn");
    auto kpp = text_of(after, "kpp");
    auto bik = text_of(after, "bik");
    if (kpp && inn && inn->size() == 12)
        errors["kpp"] = "an individual entrepreneur (12-digit ИНН) has no КПП";
    if (auto acc = text_of(after, "bank_account"); acc && bik)
        if (auto problem = requisites::settlement_account_problem(*acc, *bik))
            errors["bank_account"] = *problem;
    if (auto acc = text_of(after, "correspondent_account"); acc && bik)
        if (auto problem = requisites::correspondent_account_problem(*acc, *bik))
            errors["correspondent_account"] = *problem;
    if (!errors.empty()) throw invalid(std::move(errors));
}

}  // namespace

Schema client_schema() {
    Schema s;
    s.table = "clients";
    s.entity = "clients";
    s.default_sort = "name";
    s.filter_aliases = {{"manager_id", "account_manager_id"}, {"tag", "tags"}};
    s.fields = {
        text("name").req().search().sort(),
        text("legal_name").len(300).search().sort(),
        text("inn").len(12).search().filter().validate(requisites::inn_problem),
        text("kpp").len(9).validate(requisites::kpp_problem),
        text("ogrn").len(15).validate(requisites::ogrn_problem),
        text("legal_address").len(500),
        text("bank_name").len(300),
        text("bik").len(9).validate(requisites::bik_problem),
        text("bank_account").len(20),
        text("correspondent_account").len(20),
        text("phone").len(50).search(),
        email("email").search(),
        url("website").search(),
        text("source").len(100).filter().only_for(access::kStaffAudience),
        ref("account_manager_id", "users").filter().sort(),
        choice("status", {"lead", "active", "paused", "churned"})
            .filter()
            .sort()
            .fallback("active"),
        tags("tags").search().filter().only_for(access::kStaffAudience),
        long_text("note").only_for(access::kStaffAudience),
        // Kept by the calls module: the date of the last answered call.
        date("last_contact_on").read_only().sort().only_for(access::kStaffAudience),
    };
    return s;
}

Schema contact_schema() {
    Schema s;
    s.table = "contacts";
    s.entity = "contacts";
    s.default_sort = "name";
    s.fields = {
        ref("client_id", "clients").req().filter(),
        text("name").req().search().sort(),
        text("position").len(200).search(),
        text("phone").len(50).search(),
        email("email").search(),
        text("messenger").len(200),
        flag("is_primary").filter().fallback(false),
        long_text("note").only_for(access::kStaffAudience),
    };
    return s;
}

void set_last_contact(db::Connection& conn, const std::vector<LastContact>& days) {
    // One statement per distinct day and chunk of ids: a year of calls has a few hundred days.
    std::map<std::optional<std::string>, std::vector<std::int64_t>> by_day;
    for (const auto& [id, day] : days) by_day[day].push_back(id);
    constexpr std::size_t kChunk = 500;
    for (const auto& [day, ids] : by_day)
        for (std::size_t i = 0; i < ids.size(); i += kChunk) {
            db::Params p;
            std::string sql = "UPDATE clients SET last_contact_on = " +
                              p.bind(day ? db::Value(*day) : db::null()) + " WHERE id IN (";
            for (std::size_t j = i; j < std::min(ids.size(), i + kChunk); ++j)
                sql += (j == i ? "" : ", ") + p.bind(ids[j]);
            conn.query(sql + ")", p.values());
        }
}

ClientsModule::ClientsModule(db::Database& db, Resource::Now now)
    : clients_(
          db, client_schema(),
          Hooks{
              .scope = [](db::Params& p,
                          const http::Caller& c) { return access::client_scope(p, c, "t"); },
              .on_write =
                  [](db::Connection& conn, const http::Caller& c, const Record* before,
                     Record& after, Extras&) {
                      check_requisites(after);
                      // Sales roles work prospects; a client in service belongs to account
                      // management.
                      if ((c.role == access::kSales || c.role == access::kLeadGenerator) &&
                          before && before->at("status").as_string() != "lead")
                          throw forbidden("sales can edit only prospects (status lead)");
                      const auto* manager = after.if_contains("account_manager_id");
                      if (!before && c.role == access::kManager && (!manager || manager->is_null()))
                          after["account_manager_id"] = c.user_id;
                      if (auto it = after.find("account_manager_id");
                          it != after.end() && !it->value().is_null()) {
                          auto r = conn.query(
                              "SELECT role FROM users WHERE id = $1 AND archived_at IS NULL",
                              {it->value().as_int64()});
                          if (r.empty() || r.text_at(0, "role") == access::kClient)
                              throw invalid("account_manager_id", "must be an active employee");
                      }
                  },
              .on_remove = {},
              .filters = {},
              .present = {},
              .after_write = {},
              .sees = access::sees,
          },
          now),
      contacts_(db, contact_schema(),
                Hooks{
                    .scope =
                        [](db::Params& p, const http::Caller& c) {
                            std::string inner = access::client_scope(p, c, "vc");
                            if (inner.empty()) return std::string();
                            return "t.client_id IN (SELECT vc.id FROM clients vc WHERE " + inner +
                                   ")";
                        },
                    .on_write =
                        [](db::Connection& conn, const http::Caller& c, const Record*,
                           Record& after, Extras&) {
                            // The client must be one the caller can see: never reveal others' ids.
                            db::Params p;
                            std::string sql = "SELECT t.id FROM clients t WHERE t.id = " +
                                              p.bind(after.at("client_id").as_int64());
                            std::string scope = access::client_scope(p, c, "t");
                            if (!scope.empty()) sql += " AND (" + scope + ")";
                            if (conn.query(sql, p.values()).empty())
                                throw invalid("client_id", "no such client");
                        },
                    .on_remove = {},
                    .filters = {},
                    .present = {},
                    .after_write = {},
                    .sees = access::sees,
                },
                now) {}

void ClientsModule::register_routes(http::Router& router) {
    using http::Policy;
    using namespace access;
    std::vector<std::string> writers = {kOwner, kHead, kManager, kSales, kLeadGenerator};
    clients_.register_routes(router, "/api/v1/clients",
                             {.list = Policy::signed_in(),
                              .read = Policy::signed_in(),
                              .create = Policy::roles_of(writers),
                              .update = Policy::roles_of(writers),
                              .remove = Policy::roles_of({kOwner, kHead})});
    contacts_.register_routes(router, "/api/v1/contacts",
                              {.list = Policy::signed_in(),
                               .read = Policy::signed_in(),
                               .create = Policy::roles_of(writers),
                               .update = Policy::roles_of(writers),
                               .remove = Policy::roles_of(writers)});
}

}  // namespace retainer::clients
