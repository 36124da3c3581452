#include "modules/reports/reports.hpp"

#include "modules/access/roles.hpp"
#include "modules/access/scopes.hpp"
#include "modules/reports/time_report.hpp"
#include "modules/reports/time_report_store.hpp"
#include "modules/reports/xlsx.hpp"

namespace retainer::reports {

void ReportsModule::register_routes(http::Router& router) {
    using namespace access;
    // The roles that read time entries; each sees the entries of their row scope only.
    router
        .add("GET", "/api/v1/reports/time",
             http::Policy::roles_of({kOwner, kHead, kManager, kSpecialist, kAccountant}),
             [this](http::Context& ctx) {
                 ReportSpec spec = parse_spec(ctx.request.query);
                 TimeReportData data = [&] {
                     db::Lease conn = db_.acquire();
                     return load_time_report(*conn, ctx.user(), spec);
                 }();
                 Pivot pivot =
                     assemble(spec.rows, spec.cols, columns_between(spec.from, spec.to, spec.cols),
                              data.aggregates, data.names);
                 bool with_costs = sees_costs(ctx.user());
                 http::Response r;
                 if (spec.format == Format::kJson) {
                     r.body = to_json(pivot, spec, with_costs);
                     return r;
                 }
                 Table table = to_table(pivot, with_costs, spec.lang);
                 if (spec.format == Format::kCsv) {
                     r.content_type = "text/csv; charset=utf-8";
                     r.body = to_csv(table, spec.lang);
                 } else {
                     r.content_type =
                         "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
                     r.body = to_xlsx(table, spec.rows.size(),
                                      spec.lang == Lang::kRu ? "Трудозатраты" : "Time");
                 }
                 r.set_header("Content-Disposition",
                              "attachment; filename=\"" + file_name(spec) + "\"");
                 return r;
             })
        .accepts({"rows", "cols", "from", "to", "employee_id", "client_id", "service_type_id",
                  "format", "lang"});
}

}  // namespace retainer::reports
