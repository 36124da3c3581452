#pragma once
#include "platform/db/database.hpp"
#include "platform/http/router.hpp"

namespace retainer::reports {

/// `GET /api/v1/reports/time`: hours and labour cost pivoted by client, service, service type,
/// employee, group or direction against days, weeks or months, as JSON, CSV or XLSX
/// (docs/reports.md).
class ReportsModule {
  public:
    explicit ReportsModule(db::Database& db) : db_(db) {}
    void register_routes(http::Router& router);

  private:
    db::Database& db_;
};

}  // namespace retainer::reports
