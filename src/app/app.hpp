#pragma once
#include <memory>
#include <string>

#include "modules/audit/audit_api.hpp"
#include "modules/briefs/briefs.hpp"
#include "modules/clients/clients.hpp"
#include "modules/crm/crm.hpp"
#include "modules/dashboard/dashboard.hpp"
#include "modules/documents/documents.hpp"
#include "modules/estimates/estimates.hpp"
#include "modules/reports/reports.hpp"
#include "modules/sales/sales.hpp"
#include "modules/sales/tasks.hpp"
#include "modules/services/services.hpp"
#include "modules/staff/staff.hpp"
#include "modules/time/time_entries.hpp"
#include "platform/auth/sessions.hpp"
#include "platform/http/metrics.hpp"
#include "platform/http/router.hpp"

namespace retainer::app {

/// The composition root: every module built over one database and registered on one router.
class App {
  public:
    /// `public_origins`: site origins allowed to post applications from the browser, besides the
    /// setting public_form_origins (retainer serve --public-origin).
    App(db::Database& db, records::Resource::Now now, std::string web_dir,
        std::vector<std::string> public_origins = {});
    http::Router& router() { return router_; }
    http::Metrics& metrics() { return metrics_; }
    auth::Accounts& accounts() { return accounts_; }

  private:
    db::Database& db_;
    std::string web_dir_;
    std::string metrics_token_;  // RETAINER_METRICS_TOKEN: /metrics for a scraper from afar
    http::Metrics metrics_;
    auth::Accounts accounts_;
    http::Router router_;
    staff::StaffModule staff_;
    clients::ClientsModule clients_;
    services::ServicesModule services_;
    time::TimeModule time_;
    dashboard::DashboardModule dashboard_;
    crm::CrmModule crm_;
    reports::ReportsModule reports_;
    sales::SalesModule sales_;
    sales::DealTasks deal_tasks_;
    documents::DocumentsModule documents_;
    briefs::BriefsModule briefs_;
    estimates::EstimatesModule estimates_;
    audit::AuditModule audit_;  // last: it reads the other modules' resources
};

/// Real wall-clock time, UTC.
Instant system_now();

}  // namespace retainer::app
