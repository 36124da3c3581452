#pragma once
#include <optional>
#include <string>

#include "modules/sales/deals.hpp"
#include "platform/http/router.hpp"
#include "platform/records/record_store.hpp"

namespace retainer::briefs {

records::Schema template_schema();
records::Schema brief_schema();

/// Issue 4, item 3: brief templates per service type, briefs sent to the client by a secret link
/// (/b/{token}) with autosave and one submission that lands on the deal (docs/paperwork.md).
class BriefsModule {
  public:
    BriefsModule(db::Database& db, records::Resource::Now now, sales::Deals& deals);
    void register_routes(http::Router& router);
    records::Resource& templates() { return templates_; }
    records::Resource& briefs() { return briefs_; }

  private:
    struct Live {
        records::Record brief;
        std::int64_t id = 0;
        std::int64_t deal_id = 0;
        std::string status;
        boost::json::array questions;
        boost::json::object answers;
    };
    /// The brief behind a live token, or nullopt (a miss, counted for the rate limit).
    std::optional<Live> lookup(db::Connection& conn, const std::string& token);
    Live require_live(db::Connection& conn, const http::Request& req, const std::string& token);
    /// Stores the valid answers of a draft (a refused one keeps its saved value); names the rest.
    FieldErrors save_draft(db::Connection& conn, const Live& live, boost::json::object answers,
                           const std::string& at);
    http::Response page(db::Connection& conn, const Live& live, const std::string& token,
                        const std::optional<std::string>& note, i18n::Lang lang);
    http::Response submit(http::Context& ctx);

    db::Database& db_;
    sales::Deals& deals_;
    records::Resource::Now now_;
    records::Resource templates_;
    records::Resource briefs_;
};

}  // namespace retainer::briefs
