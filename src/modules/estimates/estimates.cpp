#include "modules/estimates/estimates.hpp"

#include <cmath>
#include <set>
#include <stdexcept>

#include "core/json_input.hpp"
#include "core/tax.hpp"
#include "core/text.hpp"
#include "modules/access/checks.hpp"
#include "modules/access/roles.hpp"
#include "modules/access/scopes.hpp"
#include "modules/agency/settings.hpp"
#include "modules/estimates/rules.hpp"
#include "platform/records/audit.hpp"

namespace retainer::estimates {
using namespace records;
namespace json = boost::json;

namespace {

std::optional<std::string> lines_shape(json::value& v) {
    if (!v.is_array()) return "must be an array of lines";
    if (v.as_array().empty() || v.as_array().size() > 200) return "must hold 1–200 lines";
    for (const auto& l : v.as_array())
        if (!l.is_object()) return "each line must be an object";
    return std::nullopt;
}

/// A whole number in [lo, hi] from a JSON value, or the problem.
std::optional<std::string> whole(const json::value& v, std::int64_t lo, std::int64_t hi,
                                 std::int64_t& out) {
    if (v.is_int64())
        out = v.as_int64();
    else if (v.is_double() && v.as_double() == std::floor(v.as_double()) &&
             std::fabs(v.as_double()) < 9e15)
        out = static_cast<std::int64_t>(v.as_double());
    else
        return "must be a whole number";
    if (out < lo || out > hi)
        return "must be between " + std::to_string(lo) + " and " + std::to_string(hi);
    return std::nullopt;
}

struct PriceItem {
    std::string name, unit;
    std::int64_t unit_price = 0, minutes = 0;
};

/// Validates the lines, fills them from the price list, computes every figure (rules.hpp) and
/// writes the normalised lines and totals into `after`. One query for all the price items.
void compute_into(db::Connection& conn, Record& after, int vat_rate, std::int64_t cost_rate) {
    json::array& lines = after.at("lines").as_array();
    std::set<std::int64_t> ids;
    for (const auto& l : lines)
        if (auto it = l.as_object().find("price_item_id");
            it != l.as_object().end() && it->value().is_int64())
            ids.insert(it->value().as_int64());
    std::map<std::int64_t, PriceItem> items;
    if (!ids.empty()) {
        db::Params p;
        std::string in;
        for (auto id : ids) in += (in.empty() ? "" : ", ") + p.bind(id);
        auto r = conn.query(
            "SELECT id, name, unit, unit_price_kopecks, minutes_per_unit FROM price_items WHERE "
            "id IN (" +
                in + ")",
            p.values());
        for (std::size_t i = 0; i < r.rows.size(); ++i)
            items[r.int_at(i, "id")] = {r.text_at(i, "name"), r.text_at(i, "unit"),
                                        r.int_at(i, "unit_price_kopecks"),
                                        r.opt_int_at(i, "minutes_per_unit").value_or(0)};
    }
    FieldErrors errors;
    std::vector<PricedLine> priced;
    for (std::size_t i = 0; i < lines.size(); ++i) {
        const json::object& l = lines[i].as_object();
        std::string at = "lines[" + std::to_string(i) + "].";
        auto bad = [&](const char* field, const std::string& problem) {
            errors[at + field] = problem;
        };
        for (const auto& [k, v] : l)
            if (k != "price_item_id" && k != "name" && k != "unit" && k != "quantity" &&
                k != "unit_price_kopecks" && k != "minutes_per_unit" && k != "discount_percent" &&
                // Computed figures a client may echo back from a read are ignored.
                k != "amount_kopecks" && k != "vat_kopecks" && k != "total_kopecks" &&
                k != "minutes")
                bad(std::string(k).c_str(), "unknown field");
        const PriceItem* item = nullptr;
        std::optional<std::int64_t> item_id;
        if (auto it = l.find("price_item_id"); it != l.end() && !it->value().is_null()) {
            if (!it->value().is_int64() || !items.count(it->value().as_int64()))
                bad("price_item_id", "no such price item");
            else {
                item = &items[it->value().as_int64()];
                item_id = it->value().as_int64();
            }
        }
        auto given = [&](const char* k) -> const json::value* {
            auto it = l.find(k);
            return it == l.end() || it->value().is_null() ? nullptr : &it->value();
        };
        std::string name = item ? item->name : "";
        if (auto v = given("name")) {
            if (!v->is_string() || !text::valid_utf8(std::string(v->as_string())) ||
                text::length(std::string(v->as_string())) > 300)
                bad("name", "must be text up to 300 characters");
            else
                name = std::string(text::trim(std::string_view(v->as_string())));
        }
        if (name.empty()) bad("name", "is required (or a price_item_id)");
        std::string unit = item ? item->unit : "";
        if (auto v = given("unit")) {
            if (!v->is_string() || text::length(std::string(v->as_string())) > 20)
                bad("unit", "must be text up to 20 characters");
            else
                unit = std::string(text::trim(std::string_view(v->as_string())));
        }
        LineInput in;
        if (auto v = given("quantity")) {
            if (auto q = parse_quantity(*v))
                in.quantity_milli = *q;
            else
                bad("quantity", "must be a number above 0 with at most 3 decimals (≤ 1,000,000)");
        }
        in.unit_price = item ? item->unit_price : 0;
        if (auto v = given("unit_price_kopecks")) {
            std::int64_t n = 0;
            if (auto p = whole(*v, 0, money::kMaxAmount, n))
                bad("unit_price_kopecks", *p);
            else
                in.unit_price = n;
        } else if (!item) {
            bad("unit_price_kopecks", "is required (or a price_item_id)");
        }
        in.minutes_per_unit = item ? item->minutes : 0;
        if (auto v = given("minutes_per_unit")) {
            std::int64_t n = 0;
            if (auto p = whole(*v, 0, 1'000'000, n))
                bad("minutes_per_unit", *p);
            else
                in.minutes_per_unit = n;
        }
        if (auto v = given("discount_percent")) {
            std::int64_t n = 0;
            if (auto p = whole(*v, 0, 100, n))
                bad("discount_percent", *p);
            else
                in.discount_percent = static_cast<int>(n);
        }
        priced.push_back({item_id, name, unit, in});
    }
    if (!errors.empty()) throw invalid(errors);
    std::vector<LineInput> inputs;
    for (const auto& l : priced) inputs.push_back(l.in);
    Totals t;
    try {
        t = compute(inputs, vat_rate, cost_rate);
    } catch (const std::overflow_error&) {
        throw invalid("lines", "the amounts are too large");
    }
    after["lines"] = lines_json(priced, t);
    after["minutes"] = t.minutes;
    after["net_kopecks"] = t.net;
    after["vat_kopecks"] = t.vat;
    after["total_kopecks"] = t.total;
    after["discount_kopecks"] = t.discount;
    after["cost_kopecks"] = t.cost;
    after["margin_kopecks"] = t.margin;
}

}  // namespace

Snapshot current_snapshot(db::Connection& conn, Instant now) {
    Snapshot s;
    agency::Settings settings = agency::read(conn);
    s.tax_mode = settings.tax_mode;
    s.vat_rate_percent = tax::vat_rate_percent(s.tax_mode, settings.today(now));
    std::int64_t rate = settings.estimate_cost_rate_kopecks;
    if (rate <= 0) {
        auto r = conn.query(
            "SELECT AVG(cost_rate_kopecks) AS rate FROM users WHERE archived_at IS NULL AND "
            "cost_rate_kopecks > 0 AND role <> $1",
            {access::kClient});
        if (!r.empty()) {
            const db::Value& v = r.rows[0][0];
            if (auto* d = std::get_if<double>(&v))
                rate = std::llround(*d);
            else if (auto* i = std::get_if<std::int64_t>(&v))
                rate = *i;
            else if (auto* s = std::get_if<std::string>(&v))
                rate = std::llround(std::stod(*s));
        }
    }
    s.cost_rate_kopecks = rate;
    return s;
}

Schema price_item_schema() {
    Schema s;
    s.table = "price_items";
    s.entity = "price_items";
    s.default_sort = "name";
    s.fields = {
        records::text("name").req().len(200).search().sort(),
        records::text("unit").req().len(20),
        choice("pricing", {"fixed", "hourly"}).req().filter(),
        money_field("price_kopecks"),
        money_field("rate_kopecks"),
        integer("minutes_per_unit").range(0, 1'000'000),
        money_field("unit_price_kopecks").read_only().sort(),
        ref("service_type_id", "service_types").filter(),
        long_text("description").len(2000),
    };
    return s;
}

Schema estimate_schema() {
    Schema s;
    s.table = "estimates";
    s.entity = "estimates";
    s.default_sort = "id";
    s.fields = {
        ref("deal_id", "deals").req().filter(),
        integer("revision").read_only().sort(),
        records::text("title").len(200).search(),
        json_value("lines", lines_shape).req(),
        records::text("tax_mode").read_only(),
        integer("vat_rate_percent").read_only(),
        money_field("cost_rate_kopecks").read_only().only_for(access::kCostsAudience),
        integer("minutes").read_only(),
        money_field("net_kopecks").read_only(),
        money_field("vat_kopecks").read_only(),
        money_field("total_kopecks").read_only().sort(),
        money_field("discount_kopecks").read_only(),
        money_field("cost_kopecks").read_only().only_for(access::kCostsAudience),
        money_field("margin_kopecks").read_only().only_for(access::kCostsAudience),
        choice("status", {"draft", "proposed"}).read_only().filter().fallback("draft"),
        ref("proposal_document_id", "documents").read_only(),
    };
    return s;
}

EstimatesModule::EstimatesModule(db::Database& db, Resource::Now now, Resource& documents,
                                 sales::Deals& deals)
    : db_(db),
      deals_(deals),
      now_(now),
      documents_(documents),
      price_items_(
          db, price_item_schema(),
          Hooks{
              .scope = {},
              .on_write =
                  [](db::Connection&, const http::Caller&, const Record*, Record& after, Extras&) {
                      std::string pricing(after.at("pricing").as_string());
                      if (pricing == "fixed") {
                          auto price = opt_int(after, "price_kopecks");
                          if (!price)
                              throw invalid("price_kopecks", "is required for a fixed price");
                          after["unit_price_kopecks"] = *price;
                      } else {
                          auto rate = opt_int(after, "rate_kopecks");
                          auto minutes = opt_int(after, "minutes_per_unit");
                          FieldErrors e;
                          if (!rate) e["rate_kopecks"] = "is required for hourly pricing";
                          if (!minutes || *minutes <= 0)
                              e["minutes_per_unit"] = "is required for hourly pricing (above 0)";
                          if (!e.empty()) throw invalid(e);
                          try {
                              after["unit_price_kopecks"] = hourly_unit_price(*minutes, *rate);
                          } catch (const std::overflow_error&) {
                              throw invalid("rate_kopecks",
                                            "rate × minutes per unit is over the largest amount");
                          }
                      }
                  },
              .on_remove = {},
              .filters = {},
              .present = {},
              .after_write = {}},
          now),
      estimates_(
          db, estimate_schema(),
          Hooks{
              .scope = [](db::Params& p,
                          const http::Caller& c) { return access::via_deal_scope(p, c, "t"); },
              .on_write =
                  [now](db::Connection& conn, const http::Caller& c, const Record* before,
                        Record& after, Extras&) {
                      if (before) {
                          if (before->at("status") == "proposed")
                              throw conflict(
                                  "the estimate became a proposal; revise it to change it");
                          if (opt_int(*before, "deal_id") != opt_int(after, "deal_id"))
                              throw invalid("deal_id", "an estimate stays with its deal");
                          compute_into(conn, after,
                                       static_cast<int>(*opt_int(after, "vat_rate_percent")),
                                       *opt_int(after, "cost_rate_kopecks"));
                          return;
                      }
                      std::int64_t deal = after.at("deal_id").as_int64();
                      access::require_visible_deal(conn, c, deal);
                      Snapshot s = current_snapshot(conn, now());
                      auto r = conn.query(
                          "SELECT COALESCE(MAX(revision), 0) AS n FROM estimates WHERE deal_id "
                          "= $1",
                          {deal});
                      after["revision"] = r.int_at(0, "n") + 1;
                      after["tax_mode"] = s.tax_mode;
                      after["vat_rate_percent"] = s.vat_rate_percent;
                      after["cost_rate_kopecks"] = s.cost_rate_kopecks;
                      after["status"] = "draft";
                      compute_into(conn, after, s.vat_rate_percent, s.cost_rate_kopecks);
                  },
              .on_remove =
                  [](db::Connection&, const http::Caller&, const Record& before) {
                      if (before.at("status") == "proposed")
                          throw conflict("the estimate is behind a proposal and is kept");
                  },
              .filters = {},
              .present =
                  [](const http::Caller&, Record& r) {
                      if (!r.contains("margin_kopecks")) return;  // a role without costs
                      auto net = opt_int(r, "net_kopecks").value_or(0);
                      auto margin = opt_int(r, "margin_kopecks").value_or(0);
                      if (net <= 0) {
                          r["margin_percent"] = nullptr;
                      } else {
                          auto tenths = money::mul_div_round(margin, 1000, net).value_or(0);
                          r["margin_percent"] = static_cast<double>(tenths) / 10.0;
                      }
                  },
              .after_write = {},
              .sees = access::sees,
          },
          now) {}

void EstimatesModule::register_routes(http::Router& router) {
    using http::Policy;
    using namespace access;
    const std::vector<std::string> readers = {kOwner, kHead,          kManager,
                                              kSales, kLeadGenerator, kQuality};
    const std::vector<std::string> writers = {kOwner, kHead, kManager, kSales, kLeadGenerator};
    const std::vector<std::string> price_writers = {kOwner, kHead, kSales};
    const std::vector<std::string> admins = {kOwner, kHead};
    // Making a proposal creates a document: the roles that may create documents.
    const std::vector<std::string> proposers = {kOwner, kHead, kManager, kSales};

    price_items_.register_routes(router, "/api/v1/price-items",
                                 {.list = Policy::roles_of(readers),
                                  .read = Policy::roles_of(readers),
                                  .create = Policy::roles_of(price_writers),
                                  .update = Policy::roles_of(price_writers),
                                  .remove = Policy::roles_of(admins)});
    estimates_.register_routes(router, "/api/v1/estimates",
                               {.list = Policy::roles_of(readers),
                                .read = Policy::roles_of(readers),
                                .create = Policy::roles_of(writers),
                                .update = Policy::roles_of(writers),
                                .remove = Policy::roles_of(writers)});

    router.add("POST", "/api/v1/estimates/{id}/revise", Policy::roles_of(writers),
               [this](http::Context& ctx) {
                   if (!ctx.request.body.empty() && ctx.request.body != "{}")
                       throw invalid("body", "revise takes no fields");
                   std::int64_t id = ctx.id_param();
                   Record created;
                   try {
                       created = db_.transaction([&](db::Connection& conn) {
                           auto from = estimates_.find_visible(conn, ctx.user(), id);
                           if (!from) throw not_found();
                           json::array lines;
                           for (const auto& l : from->at("lines").as_array()) {
                               json::object o = l.as_object();
                               for (const char* k :
                                    {"amount_kopecks", "vat_kopecks", "total_kopecks", "minutes"})
                                   o.erase(k);
                               lines.push_back(std::move(o));
                           }
                           Record input{{"deal_id", from->at("deal_id")}, {"lines", lines}};
                           if (!from->at("title").is_null()) input["title"] = from->at("title");
                           return estimates_.create_in(conn, ctx.user(), input,
                                                       ctx.request.request_id);
                       });
                   } catch (const db::ConstraintViolation& e) {
                       rethrow_constraint(e);
                   }
                   auto r = http::json_response(201, json::serialize(created));
                   r.set_header("Location",
                                "/api/v1/estimates/" + std::to_string(created.at("id").as_int64()));
                   return r;
               });

    router.add(
        "POST", "/api/v1/estimates/{id}/proposal", Policy::roles_of(proposers),
        [this](http::Context& ctx) {
            std::optional<std::int64_t> template_id;
            if (!ctx.request.body.empty()) {
                json::object body = json_input::parse_object(ctx.request.body);
                for (const auto& [k, v] : body) {
                    if (k != "template_id") throw invalid(std::string(k), "unknown field");
                    if (v.is_null()) continue;
                    if (!v.is_int64()) throw invalid("template_id", "must be an id (integer)");
                    template_id = v.as_int64();
                }
            }
            std::int64_t id = ctx.id_param();
            Record doc;
            try {
                doc = db_.transaction([&](db::Connection& conn) {
                    auto est = estimates_.find_visible(conn, ctx.user(), id);
                    if (!est) throw not_found();
                    if (est->at("status") != "draft")
                        throw conflict("the estimate is already a proposal; revise it first");
                    if (!est->at("archived_at").is_null())
                        throw conflict("the estimate is archived");
                    std::int64_t deal = est->at("deal_id").as_int64();
                    Record input{{"kind", "proposal"}, {"deal_id", deal}, {"estimate_id", id}};
                    if (template_id) input["template_id"] = *template_id;
                    Record created =
                        documents_.create_in(conn, ctx.user(), input, ctx.request.request_id);
                    std::string at = now_().to_rfc3339();
                    std::int64_t doc_id = created.at("id").as_int64();
                    conn.query(
                        "UPDATE estimates SET status = 'proposed', proposal_document_id = $1, "
                        "version = version + 1, updated_at = $2 WHERE id = $3",
                        {doc_id, at, id});
                    write_audit(conn,
                                {at, ctx.user().user_id, "estimates", id, "propose",
                                 Record{{"status", "draft"}},
                                 Record{{"status", "proposed"}, {"proposal_document_id", doc_id}},
                                 ctx.request.request_id});
                    deals_.set_amount(conn, ctx.user(), deal, est->at("total_kopecks").as_int64(),
                                      ctx.request.request_id);
                    return created;
                });
            } catch (const db::ConstraintViolation& e) {
                rethrow_constraint(e);
            }
            auto r = http::json_response(201, json::serialize(doc));
            r.set_header("Location",
                         "/api/v1/documents/" + std::to_string(doc.at("id").as_int64()));
            return r;
        });
}

}  // namespace retainer::estimates
