#include "modules/audit/audit_api.hpp"

#include "modules/access/roles.hpp"
#include "platform/records/audit.hpp"

namespace retainer::audit {
namespace json = boost::json;

void AuditModule::register_routes(http::Router& router) {
    router
        .add("GET", "/api/v1/audit", http::Policy::roles_of({access::kOwner, access::kHead}),
             [this](http::Context& ctx) {
                 FieldErrors errors;
                 auto entity = ctx.request.param("entity");
                 auto id_text = ctx.request.param("id");
                 auto it = entity ? entities_.find(*entity) : entities_.end();
                 if (it == entities_.end()) {
                     std::string names;
                     for (const auto& [name, _] : entities_)
                         names += (names.empty() ? "" : ", ") + name;
                     errors["entity"] = "must be one of: " + names;
                 }
                 std::int64_t id = 0;
                 if (!id_text || id_text->empty() || id_text->size() > 18 ||
                     id_text->find_first_not_of("0123456789") != std::string::npos)
                     errors["id"] = "must be a record id";
                 else
                     id = std::stoll(*id_text);
                 if (!errors.empty()) throw invalid(std::move(errors));
                 auto [limit, offset] = records::parse_paging(ctx.request.query);
                 db::Lease conn = db_.acquire();
                 // History of a deleted time entry stays readable to owners; others need the record
                 // visible.
                 if (ctx.user().role != access::kOwner &&
                     !it->second->find_visible(*conn, ctx.user(), id))
                     throw not_found();
                 std::int64_t total = 0;
                 json::array items = records::read_audit(*conn, *entity, id, limit, offset, total);
                 return http::json_response(200, json::serialize(json::object{{"items", items},
                                                                              {"total", total},
                                                                              {"limit", limit},
                                                                              {"offset", offset}}));
             })
        .accepts({"entity", "id", "limit", "offset"});
}

}  // namespace retainer::audit
