#pragma once
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "platform/http/router.hpp"
#include "platform/records/record_store.hpp"

namespace retainer::clients {

records::Schema client_schema();
records::Schema contact_schema();

/// The day of the last conversation with a client, kept on the client so lists and the dashboard
/// need no join (crm computes it from its calls). nullopt clears it. Neither the version nor
/// updated_at change: nobody edited the client.
using LastContact = std::pair<std::int64_t, std::optional<std::string>>;
void set_last_contact(db::Connection& conn, const std::vector<LastContact>& days);

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
