#pragma once
#include <optional>
#include <string>
#include <vector>

#include "modules/sales/deals.hpp"
#include "modules/sales/rules.hpp"
#include "platform/http/router.hpp"
#include "platform/records/record_store.hpp"

namespace retainer::sales {

records::Schema pipeline_schema();
records::Schema stage_schema();
records::Schema deal_schema();
records::Schema deal_comment_schema();

/// Issue 4, first slice: pipelines and stages, deals with their stage history, comments, and
/// applications that become deals (docs/sales.md).
class SalesModule : public Deals {
  public:
    SalesModule(db::Database& db, records::Resource::Now now,
                std::vector<std::string> public_origins = {});

    bool advance_past_role(db::Connection& conn, std::int64_t deal_id, std::string_view role,
                           const std::string& request_id) override;
    void set_amount(db::Connection& conn, const http::Caller& by, std::int64_t deal_id,
                    money::Kopecks amount, const std::string& request_id) override;
    void add_comment(db::Connection& conn, std::int64_t deal_id, const std::string& body,
                     const std::string& request_id) override;
    void register_routes(http::Router& router);
    records::Resource& pipelines() { return pipelines_; }
    records::Resource& stages() { return stages_; }
    records::Resource& deals() { return deals_; }
    records::Resource& deal_comments() { return comments_; }

    /// Stores the application and creates its deal in one transaction; returns the deal.
    records::Record accept(const http::Caller& caller, const Application& application,
                           const std::string& request_id);
    /// The stage changes of a visible deal, oldest first.
    boost::json::array history(const http::Caller& caller, std::int64_t deal_id);

  private:
    http::Response public_application(http::Context& ctx);
    bool origin_allowed(const std::string& origin);
    boost::json::object with_stages(db::Connection& conn, boost::json::object pipeline);

    db::Database& db_;
    records::Resource::Now now_;
    std::vector<std::string> public_origins_;
    records::Resource pipelines_;
    records::Resource stages_;
    records::Resource deals_;
    records::Resource comments_;
};

}  // namespace retainer::sales
