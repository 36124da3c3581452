#pragma once
#include "platform/http/router.hpp"
#include "platform/records/record_store.hpp"

namespace retainer::services {

records::Schema service_type_schema();
records::Schema service_schema();

/// Service types (SEO, Директ …) and clients' subscription services.
class ServicesModule {
  public:
    ServicesModule(db::Database& db, records::Resource::Now now);
    void register_routes(http::Router& router);
    records::Resource& service_types() { return types_; }
    records::Resource& services() { return services_; }

  private:
    records::Resource types_;
    records::Resource services_;
};

}  // namespace retainer::services
