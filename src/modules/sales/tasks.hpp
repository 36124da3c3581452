#pragma once
#include "platform/http/router.hpp"
#include "platform/records/record_store.hpp"

namespace retainer::sales {

records::Schema deal_task_schema();

/// Tasks on a deal: title, due date, assignee (an employee; default the author), done. Visible
/// and writable with the deal; deleted, not archived (docs/paperwork.md, "Deal tasks").
class DealTasks {
  public:
    DealTasks(db::Database& db, records::Resource::Now now);
    void register_routes(http::Router& router);
    records::Resource& tasks() { return tasks_; }

  private:
    records::Resource tasks_;
};

}  // namespace retainer::sales
