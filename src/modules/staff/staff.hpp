#pragma once
#include "platform/auth/sessions.hpp"
#include "platform/http/router.hpp"
#include "platform/records/record_store.hpp"

namespace retainer::staff {

records::Schema group_schema();
records::Schema employee_schema();

/// Employees (users with roles, groups and cost rates), groups, API tokens, and sign-in.
class StaffModule {
  public:
    StaffModule(db::Database& db, auth::Accounts& accounts, records::Resource::Now now);
    void register_routes(http::Router& router);
    records::Resource& employees() { return employees_; }
    records::Resource& groups() { return groups_; }

  private:
    void register_auth_routes(http::Router& router);
    db::Database& db_;
    auth::Accounts& accounts_;
    records::Resource::Now now_;
    records::Resource groups_;
    records::Resource employees_;
    const http::Router* router_ = nullptr;
};

}  // namespace retainer::staff
