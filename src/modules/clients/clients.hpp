#pragma once
#include <memory>

#include "platform/http/router.hpp"
#include "platform/records/record_store.hpp"

namespace retainer::clients {

records::Schema client_schema();
records::Schema contact_schema();

/// Clients (companies) and their contacts.
class ClientsModule {
  public:
    ClientsModule(db::Database& db, records::Resource::Now now);
    void register_routes(http::Router& router);
    records::Resource& clients() { return clients_; }
    records::Resource& contacts() { return contacts_; }

  private:
    records::Resource clients_;
    records::Resource contacts_;
};

}  // namespace retainer::clients
