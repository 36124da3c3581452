#pragma once
#include "platform/auth/sessions.hpp"
#include "platform/http/router.hpp"
#include "platform/records/record_store.hpp"

namespace retainer::staff {

records::Schema group_schema();
records::Schema employee_schema();

/// An account made outside the API (`retainer user add`), already checked by the caller.
struct NewAccount {
    std::string email, name, role;
    std::optional<std::int64_t> client_id;
    std::string password_hash;
};
/// Stores the user and its audit entry in the caller's transaction; returns the new id. A taken
/// e-mail throws db::ConstraintViolation.
std::int64_t create_account(db::Connection& conn, const NewAccount& account, const std::string& now,
                            const std::string& request_id);

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
