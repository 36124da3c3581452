#include "app/app.hpp"

#include <sodium.h>

#include <cstdlib>
#include <ctime>

#include "modules/access/roles.hpp"
#include "modules/access/scopes.hpp"
#include "modules/agency/settings.hpp"
#include "modules/notify/notify.hpp"
#include "modules/portal/portal.hpp"
#include "modules/sales/insights.hpp"
#include "modules/texts/messages.hpp"
#include "platform/http/static_files.hpp"
#include "platform/jobs/jobs.hpp"

namespace retainer::app {

Instant system_now() { return Instant{static_cast<std::int64_t>(std::time(nullptr))}; }

App::App(db::Database& db, records::Resource::Now now, std::string web_dir,
         std::vector<std::string> public_origins)
    : db_(db),
      web_dir_(std::move(web_dir)),
      accounts_(db, now, {}, access::kScopeColumns),
      router_(accounts_, metrics_),
      staff_(db, accounts_, now),
      clients_(db, now),
      services_(db, now),
      time_(db, now),
      dashboard_(db, now),
      crm_(db, now),
      reports_(db),
      sales_(db, now, std::move(public_origins)),
      deal_tasks_(db, now),
      documents_(db, now, sales_),
      briefs_(db, now, sales_),
      estimates_(db, now, documents_.documents(), sales_),
      audit_(db, {{"clients", &clients_.clients()},
                  {"contacts", &clients_.contacts()},
                  {"employees", &staff_.employees()},
                  {"groups", &staff_.groups()},
                  {"service_types", &services_.service_types()},
                  {"services", &services_.services()},
                  {"time_entries", &time_.entries()},
                  {"recommendations", &crm_.recommendations()},
                  {"calls", &crm_.calls()},
                  {"pipelines", &sales_.pipelines()},
                  {"pipeline_stages", &sales_.stages()},
                  {"deals", &sales_.deals()},
                  {"deal_comments", &sales_.deal_comments()},
                  {"deal_tasks", &deal_tasks_.tasks()},
                  {"document_templates", &documents_.templates()},
                  {"documents", &documents_.documents()},
                  {"brief_templates", &briefs_.templates()},
                  {"briefs", &briefs_.briefs()},
                  {"price_items", &estimates_.price_items()},
                  {"estimates", &estimates_.estimates()}}) {
    using http::Policy;
    router_.add("GET", "/healthz", Policy::open(), [this](http::Context&) {
        try {
            db::Lease conn = db_.acquire();
            conn->query("SELECT 1");
            return http::json_response(200, R"({"status":"ok"})");
        } catch (const std::exception&) {
            return http::json_response(503, R"({"status":"unavailable"})");
        }
    });
    if (const char* token = std::getenv("RETAINER_METRICS_TOKEN")) metrics_token_ = token;
    // Metrics reveal traffic by route: served to this machine (not through a proxy, whose
    // clients would all look local) or to whoever holds the token; others see no such path.
    router_.add("GET", "/metrics", Policy::open(), [this](http::Context& ctx) {
        const http::Request& req = ctx.request;
        bool local = req.loopback_peer && !req.via_trusted_proxy;
        auto authz = req.header("authorization");
        std::string presented = authz && authz->rfind("Bearer ", 0) == 0 ? authz->substr(7) : "";
        bool token_ok =
            !metrics_token_.empty() && presented.size() == metrics_token_.size() &&
            sodium_memcmp(presented.data(), metrics_token_.data(), metrics_token_.size()) == 0;
        if (!local && !token_ok) return http::error_response(404, "not_found", "no such path");
        http::Response r;
        r.content_type = "text/plain; version=0.0.4";
        r.body = metrics_.render();
        return r;
    });
    staff_.register_routes(router_);
    clients_.register_routes(router_);
    services_.register_routes(router_);
    time_.register_routes(router_);
    audit_.register_routes(router_);
    reports_.register_routes(router_);
    dashboard_.register_routes(router_);
    crm_.register_routes(router_);
    sales_.register_routes(router_);
    deal_tasks_.register_routes(router_);
    documents_.register_routes(router_);
    briefs_.register_routes(router_);
    estimates_.register_routes(router_);
    sales::register_insights(router_, db_, now);
    agency::register_routes(router_, db_, [now] { return now().to_rfc3339(); });
    notify::register_routes(router_, db_, [now] { return now().to_rfc3339(); });
    // A job's progress and result: for whoever started it, and for the owner and heads.
    jobs::register_routes(router_, db_, [](const http::Caller& c, const jobs::Job& job) {
        return job.created_by == c.user_id || c.role == access::kOwner || c.role == access::kHead;
    });
    portal::register_routes(router_, db_);
    router_.set_localizer({[](std::string_view text, i18n::Lang lang) {
                               return texts::messages().translate(text, lang);
                           },
                           [this] {
                               db::Lease conn = db_.acquire();
                               return agency::read(*conn).language;
                           }});
    router_.set_fallback(
        [this](const http::Request& req) { return http::serve_static(web_dir_, req); });
}

}  // namespace retainer::app
