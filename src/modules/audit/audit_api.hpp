#pragma once
#include <map>
#include <string>

#include "platform/http/router.hpp"
#include "platform/records/record_store.hpp"

namespace retainer::audit {

/// `GET /api/v1/audit?entity=clients&id=…`: the change history of one record, for owners and
/// heads who can see that record.
class AuditModule {
  public:
    AuditModule(db::Database& db, std::map<std::string, records::Resource*> entities)
        : db_(db), entities_(std::move(entities)) {}
    void register_routes(http::Router& router);

  private:
    db::Database& db_;
    std::map<std::string, records::Resource*> entities_;
};

}  // namespace retainer::audit
