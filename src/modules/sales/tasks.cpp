#include "modules/sales/tasks.hpp"

#include "modules/access/checks.hpp"
#include "modules/access/roles.hpp"

namespace retainer::sales {
using namespace records;

Schema deal_task_schema() {
    Schema s;
    s.table = "deal_tasks";
    s.entity = "deal_tasks";
    s.archivable = false;
    s.default_sort = "due_on";
    s.fields = {
        ref("deal_id", "deals").req().filter(),
        records::text("title").req().len(300).search().sort(),
        date("due_on").filter().sort(),
        ref("assignee_id", "users").filter(),
        ref("author_id", "users").read_only(),
        flag("done").filter().fallback(false),
        records::text("done_at").read_only(),
    };
    return s;
}

DealTasks::DealTasks(db::Database& db, Resource::Now now)
    : tasks_(db, deal_task_schema(),
             Hooks{
                 .scope = [](db::Params& p,
                             const http::Caller& c) { return access::via_deal_scope(p, c, "t"); },
                 .on_write =
                     [now](db::Connection& conn, const http::Caller& c, const Record* before,
                           Record& after, Extras&) {
                         std::int64_t deal = after.at("deal_id").as_int64();
                         if (before && before->at("deal_id").as_int64() != deal)
                             throw invalid("deal_id", "a task stays on its deal");
                         if (!before) {
                             access::require_visible_deal(conn, c, deal);
                             after["author_id"] = c.user_id;
                             if (!opt_int(after, "assignee_id")) after["assignee_id"] = c.user_id;
                         }
                         auto assignee = opt_int(after, "assignee_id");
                         if (assignee && (!before || opt_int(*before, "assignee_id") != assignee))
                             access::require_employee(conn, *assignee, "assignee_id");
                         bool done = after.at("done").is_bool() && after.at("done").as_bool();
                         bool was =
                             before && before->at("done").is_bool() && before->at("done").as_bool();
                         if (done && !was) after["done_at"] = now().to_rfc3339();
                         if (!done) after["done_at"] = nullptr;
                     },
                 .on_remove = {},
                 .filters = {},
                 .present = {},
                 .after_write = {},
             },
             now) {}

void DealTasks::register_routes(http::Router& router) {
    using http::Policy;
    using namespace access;
    const std::vector<std::string> readers = {kOwner, kHead,          kManager,
                                              kSales, kLeadGenerator, kQuality};
    const std::vector<std::string> writers = {kOwner, kHead, kManager, kSales, kLeadGenerator};
    tasks_.register_routes(router, "/api/v1/deal-tasks",
                           {.list = Policy::roles_of(readers),
                            .read = Policy::roles_of(readers),
                            .create = Policy::roles_of(writers),
                            .update = Policy::roles_of(writers),
                            .remove = Policy::roles_of(writers)});
}

}  // namespace retainer::sales
