#include "modules/services/services.hpp"

#include "modules/access/checks.hpp"
#include "modules/access/roles.hpp"
#include "modules/access/scopes.hpp"

namespace retainer::services {
using namespace records;

namespace {

void require_employee_if_set(db::Connection& conn, const Record& after, const char* field) {
    auto it = after.find(field);
    if (it != after.end() && !it->value().is_null())
        access::require_employee(conn, it->value().as_int64(), field);
}

}  // namespace

Schema service_type_schema() {
    Schema s;
    s.table = "service_types";
    s.entity = "service_types";
    s.default_sort = "name";
    s.fields = {
        text("code").req().len(40).filter().sort().validate(
            [](const std::string& v) -> std::optional<std::string> {
                for (char c : v)
                    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-'))
                        return "use lower-case Latin letters, digits, - and _";
                return std::nullopt;
            }),
        text("name").req().search().sort(),
        text("name_en").search(),
        choice("direction", {"seo", "ads", "smm", "dev", "support", "reputation"})
            .req()
            .filter()
            .sort(),
        money_field("planning_rate_kopecks").req().range(1, 100'000'000).sort(),
    };
    return s;
}

Schema service_schema() {
    Schema s;
    s.table = "services";
    s.entity = "services";
    s.default_sort = "id";
    s.filter_aliases = {{"type_id", "service_type_id"}, {"manager_id", "account_manager_id"}};
    s.fields = {
        ref("client_id", "clients").req().filter(),
        ref("service_type_id", "service_types").req().filter(),
        text("name").req().search().sort(),
        ref("specialist_id", "users").filter(),
        ref("account_manager_id", "users").filter(),
        money_field("monthly_fee_kopecks").req().range(0, 100'000'000'000).sort(),
        money_field("planning_rate_kopecks").range(1, 100'000'000).only_for(access::kStaffAudience),
        money_field("ad_budget_kopecks").range(0, 100'000'000'000),
        date("starts_on").req().filter().sort(),
        date("ends_on").filter().sort(),
        choice("status", {"active", "paused", "finished"}).filter().sort().fallback("active"),
        url("documents_url"),
        long_text("note").only_for(access::kStaffAudience),
    };
    return s;
}

ServicesModule::ServicesModule(db::Database& db, Resource::Now now)
    : types_(db, service_type_schema(), Hooks{}, now),
      services_(db, service_schema(),
                Hooks{
                    .scope = [](db::Params& p,
                                const http::Caller& c) { return access::service_scope(p, c, "t"); },
                    .on_write =
                        [](db::Connection& conn, const http::Caller& c, const Record*,
                           Record& after, Extras&) {
                            access::require_visible_client(conn, c,
                                                           after.at("client_id").as_int64());
                            require_employee_if_set(conn, after, "specialist_id");
                            require_employee_if_set(conn, after, "account_manager_id");
                            auto ends = after.find("ends_on");
                            if (ends != after.end() && !ends->value().is_null() &&
                                ends->value().as_string() < after.at("starts_on").as_string())
                                throw invalid("ends_on", "must not be before starts_on");
                        },
                    .on_remove = {},
                    .filters = {},
                    .present = {},
                    .after_write = {},
                    .sees = access::sees,
                },
                now) {}

void ServicesModule::register_routes(http::Router& router) {
    using http::Policy;
    using namespace access;
    types_.register_routes(router, "/api/v1/service-types",
                           {.list = Policy::roles_of(kStaff),
                            .read = Policy::roles_of(kStaff),
                            .create = Policy::roles_of({kOwner}),
                            .update = Policy::roles_of({kOwner}),
                            .remove = Policy::roles_of({kOwner})});
    std::vector<std::string> readers = {kOwner, kHead, kManager, kSpecialist, kAccountant, kClient};
    services_.register_routes(router, "/api/v1/services",
                              {.list = Policy::roles_of(readers),
                               .read = Policy::roles_of(readers),
                               .create = Policy::roles_of({kOwner, kHead, kManager}),
                               .update = Policy::roles_of({kOwner, kHead, kManager}),
                               .remove = Policy::roles_of({kOwner, kHead})});
}

}  // namespace retainer::services
