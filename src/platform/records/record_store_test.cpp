#include "platform/records/record_store.hpp"

#include <gtest/gtest.h>
#include <spdlog/spdlog.h>

#include "core/json_input.hpp"
#include "modules/clients/clients.hpp"
#include "modules/services/services.hpp"
#include "platform/db/migrate.hpp"

namespace retainer::records {
namespace {

/// Generic records over the real client and service schemas on an in-memory SQLite database.
class Records : public ::testing::Test {
  protected:
    Records() {
        owner_.user_id = 1;
        owner_.role = "owner";
    }

    static std::unique_ptr<db::Database> migrated_memory_db() {
        auto db = db::Database::open("sqlite::memory:", 1);
        spdlog::set_level(spdlog::level::warn);
        db::migrate(*db);
        spdlog::set_level(spdlog::level::info);
        return db;
    }

    /// The per-field errors a create with `body` is refused with (empty when it is accepted).
    static FieldErrors refusal(Resource& r, const http::Caller& c, const char* body) {
        try {
            r.create(c, json_input::parse_object(body), "t");
            return {};
        } catch (const Error& e) {
            EXPECT_EQ(e.kind(), ErrorKind::kInvalid) << e.what();
            return e.fields();
        }
    }
    static FieldErrors list_refusal(Resource& r, const http::Caller& c,
                                    std::map<std::string, std::string> query) {
        try {
            r.list(c, query);
            return {};
        } catch (const Error& e) {
            EXPECT_EQ(e.kind(), ErrorKind::kInvalid) << e.what();
            return e.fields();
        }
    }
    std::vector<std::string> names_found(const std::string& q) {
        std::vector<std::string> out;
        for (const auto& item : clients_.list(owner_, {{"q", q}}).items)
            out.emplace_back(item.at("name").as_string());
        return out;
    }

    std::unique_ptr<db::Database> db_ = migrated_memory_db();
    http::Caller owner_;
    Resource::Now now_ = [] { return Instant{1795512600}; };
    /// The staff audience sees everything internal; a portal caller does not.
    static Hooks staff_fields() {
        Hooks h;
        h.sees = [](const http::Caller& c, const std::string& audience) {
            return audience == "staff" && c.role != "client";
        };
        return h;
    }
    Resource clients_{*db_, clients::client_schema(), staff_fields(), now_};
    Resource services_{*db_, services::service_schema(), Hooks{}, now_};
};

}  // namespace

TEST_F(Records, MissingRequiredFieldsAreNamed) {
    FieldErrors e = refusal(services_, owner_, "{}");
    for (const char* f :
         {"client_id", "service_type_id", "name", "monthly_fee_kopecks", "starts_on"})
        EXPECT_EQ(e[f], "is required") << f;
    EXPECT_FALSE(e.count("status"));  // has a default
    EXPECT_EQ(refusal(clients_, owner_, R"({"name":"   "})")["name"], "must not be empty");
    EXPECT_EQ(refusal(clients_, owner_, R"({"name":null})")["name"], "is required");
}

TEST_F(Records, WrongTypesAreReportedFieldByFieldInOneAnswer) {
    FieldErrors e = refusal(services_, owner_, R"({"client_id":"7","service_type_id":true,
        "name":42,"monthly_fee_kopecks":"100","starts_on":"2026-02-30","status":"open",
        "documents_url":"ftp://x.example/docs","color":"red"})");
    EXPECT_EQ(e["client_id"], "must be an id (integer)");
    EXPECT_EQ(e["service_type_id"], "must be an id (integer)");
    EXPECT_EQ(e["name"], "must be a string");
    EXPECT_EQ(e["monthly_fee_kopecks"], "must be an integer");
    EXPECT_EQ(e["starts_on"], "must be a date YYYY-MM-DD");
    EXPECT_EQ(e["status"], "must be one of: active, paused, finished");
    EXPECT_EQ(e["documents_url"], "must be an http(s) URL");
    EXPECT_EQ(e["color"], "unknown field");
    EXPECT_EQ(e.size(), 8u);
}

TEST_F(Records, MoneyMustBeWholeKopecksWithinRange) {
    auto fee = [&](const std::string& v) {
        std::string body =
            R"({"client_id":1,"service_type_id":1,"name":"S","starts_on":"2026-01-01",)"
            R"("monthly_fee_kopecks":)" +
            v + "}";
        return refusal(services_, owner_, body.c_str())["monthly_fee_kopecks"];
    };
    EXPECT_EQ(fee("1.5"), "must be a whole number of kopecks");
    EXPECT_EQ(fee("-1"), "must be between 0 and 100000000000");
    EXPECT_EQ(fee("100000000001"), "must be between 0 and 100000000000");
    EXPECT_EQ(fee("18446744073709551615"), "is too large");  // beyond int64
    EXPECT_EQ(fee("1e300"), "must be a whole number of kopecks");
    EXPECT_EQ(fee("6000000.0"), "");  // a whole double is accepted as an integer
}

TEST_F(Records, ReferencesMustBePositiveAndExist) {
    EXPECT_EQ(
        refusal(clients_, owner_, R"({"name":"A","account_manager_id":0})")["account_manager_id"],
        "must be a positive id");
    EXPECT_EQ(
        refusal(clients_, owner_, R"({"name":"A","account_manager_id":99})")["account_manager_id"],
        "no such record");
}

TEST_F(Records, RequisitesAreCheckedOnInput) {
    FieldErrors e = refusal(clients_, owner_,
                            R"({"name":"A","inn":"7707083894","kpp":"77360100","bik":"04452522"})");
    EXPECT_EQ(e["inn"], "check digit does not match");
    EXPECT_EQ(e["kpp"], "must be 9 characters");
    EXPECT_EQ(e["bik"], "must be 9 digits");
    EXPECT_EQ(refusal(clients_, owner_, R"({"name":"A","inn":"7707083893123"})")["inn"],
              "must be at most 12 characters");
}

TEST_F(Records, CreateNormalisesInputAndFillsDefaults) {
    Record r = clients_.create(owner_,
                               json_input::parse_object(
                                   R"({"name":"  ООО Ромашка ","email":" Info@Romashka.RU ",
                                       "tags":["seo"," seo ","vip"],"inn":"7707083893"})"),
                               "t");
    EXPECT_EQ(r.at("name").as_string(), "ООО Ромашка");
    EXPECT_EQ(r.at("email").as_string(), "info@romashka.ru");
    EXPECT_EQ(r.at("tags"), (boost::json::array{"seo", "vip"}));
    EXPECT_EQ(r.at("status").as_string(), "active");
    EXPECT_EQ(r.at("version").as_int64(), 1);
    EXPECT_EQ(r.at("created_at").as_string(), "2026-11-24T09:30:00Z");
    EXPECT_TRUE(r.at("archived_at").is_null());
}

TEST_F(Records, UpdateNeedsTheCurrentVersion) {
    Record r = clients_.create(owner_, json_input::parse_object(R"({"name":"A"})"), "t");
    std::int64_t id = r.at("id").as_int64();
    try {
        clients_.update(owner_, id, json_input::parse_object(R"({"name":"B"})"), "t");
        ADD_FAILURE() << "accepted without version";
    } catch (const Error& e) {
        EXPECT_EQ(e.fields().at("version"), "is required: send the version you last read");
    }
    Record b =
        clients_.update(owner_, id, json_input::parse_object(R"({"name":"B","version":1})"), "t");
    EXPECT_EQ(b.at("version").as_int64(), 2);
    try {
        clients_.update(owner_, id, json_input::parse_object(R"({"name":"C","version":1})"), "t");
        ADD_FAILURE() << "a stale version was accepted";
    } catch (const Error& e) {
        EXPECT_EQ(e.kind(), ErrorKind::kConflict);
    }
    EXPECT_EQ(clients_.get(owner_, id).at("name").as_string(), "B");
}

TEST_F(Records, ArchivedRecordsLeaveTheDefaultList) {
    std::int64_t id = clients_.create(owner_, json_input::parse_object(R"({"name":"A"})"), "t")
                          .at("id")
                          .as_int64();
    clients_.create(owner_, json_input::parse_object(R"({"name":"B"})"), "t");
    clients_.remove(owner_, id, "t");
    EXPECT_EQ(clients_.list(owner_, {}).total, 1);
    EXPECT_EQ(clients_.list(owner_, {{"archived", "true"}}).total, 1);
    EXPECT_EQ(clients_.list(owner_, {{"archived", "any"}}).total, 2);
}

TEST_F(Records, SearchIgnoresCaseAndYoAndMatchesEveryWord) {
    for (const char* name : {"ООО Ромашка", "ИП Королёв", "ACME Ltd", "100% Рост", "Ёлка и Ко"})
        clients_.create(owner_,
                        json_input::parse_object(
                            "{\"name\":" + json_input::to_string(boost::json::string(name)) + "}"),
                        "t");
    EXPECT_EQ(names_found("ромашка"), std::vector<std::string>{"ООО Ромашка"});
    EXPECT_EQ(names_found("КОРОЛЕВ"), std::vector<std::string>{"ИП Королёв"});
    EXPECT_EQ(names_found("елка"), std::vector<std::string>{"Ёлка и Ко"});
    EXPECT_EQ(names_found("acme LTD"), std::vector<std::string>{"ACME Ltd"});
    EXPECT_EQ(names_found("ооо acme"), std::vector<std::string>{});  // every word must match
    EXPECT_EQ(names_found("100%"), std::vector<std::string>{"100% Рост"});
    EXPECT_EQ(names_found("%"), std::vector<std::string>{"100% Рост"});  // % is literal
    EXPECT_EQ(names_found("_"), std::vector<std::string>{});
}

TEST_F(Records, FieldsWithAnAudienceExistOnlyForItsMembers) {
    Record r = clients_.create(
        owner_,
        json_input::parse_object(R"({"name":"Ромашка","note":"внутреннее","tags":["vip"]})"), "t");
    EXPECT_EQ(r.at("note").as_string(), "внутреннее");
    http::Caller portal;
    portal.user_id = 9;
    portal.role = "client";
    portal.scope["client_id"] = r.at("id").as_int64();
    Record seen = clients_.get(portal, r.at("id").as_int64());
    EXPECT_FALSE(seen.contains("note"));
    EXPECT_FALSE(seen.contains("tags"));
    EXPECT_EQ(seen.at("name").as_string(), "Ромашка");
    // Neither a filter, a sort nor a search may probe what the caller cannot see.
    EXPECT_EQ(list_refusal(clients_, portal, {{"tags", "vip"}})["tags"], "unknown parameter");
    EXPECT_EQ(list_refusal(clients_, portal, {{"sort", "last_contact_on"}})["sort"],
              "cannot sort by last_contact_on");
    EXPECT_FALSE(list_refusal(clients_, portal, {{"q", "vip"}}).empty());
    EXPECT_TRUE(list_refusal(clients_, owner_, {{"tags", "vip"}, {"q", "ромашка"}}).empty());
}

TEST_F(Records, UnknownListParametersAreRefused) {
    EXPECT_EQ(list_refusal(clients_, owner_, {{"servce_id", "5"}})["servce_id"],
              "unknown parameter");
    EXPECT_EQ(list_refusal(clients_, owner_, {{"name", "x"}})["name"], "unknown parameter");
    EXPECT_TRUE(list_refusal(clients_, owner_,
                             {{"limit", "5"},
                              {"offset", "0"},
                              {"sort", "name"},
                              {"order", "desc"},
                              {"q", "x"},
                              {"archived", "any"},
                              {"manager_id", "1"}})
                    .empty());
}

TEST_F(Records, ListParametersAreValidated) {
    EXPECT_EQ(list_refusal(clients_, owner_, {{"sort", "password_hash"}})["sort"],
              "cannot sort by password_hash");
    EXPECT_EQ(list_refusal(clients_, owner_, {{"order", "up"}})["order"], "must be asc or desc");
    EXPECT_EQ(list_refusal(clients_, owner_, {{"limit", "0"}})["limit"],
              "must be between 1 and 1000");
    EXPECT_EQ(list_refusal(clients_, owner_, {{"limit", "1001"}})["limit"],
              "must be between 1 and 1000");
    EXPECT_EQ(list_refusal(clients_, owner_, {{"offset", "-1"}})["offset"],
              "must be a whole number");
    EXPECT_EQ(list_refusal(clients_, owner_, {{"status", "gone"}})["status"], "unknown value");
    EXPECT_EQ(list_refusal(clients_, owner_, {{"manager_id", "x"}})["manager_id"],
              "must be an integer");
    EXPECT_EQ(list_refusal(clients_, owner_, {{"archived", "maybe"}})["archived"],
              "must be true, false or any");
    EXPECT_TRUE(list_refusal(clients_, owner_, {{"sort", "name"}, {"order", "desc"}}).empty());
}

TEST_F(Records, PagesCountEveryMatchingRow) {
    for (int i = 0; i < 7; ++i)
        clients_.create(owner_,
                        json_input::parse_object("{\"name\":\"C" + std::to_string(i) + "\"}"), "t");
    Page p = clients_.list(owner_, {{"limit", "3"}, {"offset", "6"}});
    EXPECT_EQ(p.items.size(), 1u);
    EXPECT_EQ(p.total, 7);
    EXPECT_EQ(p.limit, 3);
    EXPECT_EQ(p.offset, 6);
    EXPECT_EQ(clients_.list(owner_, {{"limit", "3"}}).total, 7);
    EXPECT_EQ(clients_.list(owner_, {}).total, 7);
}

TEST(LikePattern, EscapesWildcards) {
    EXPECT_EQ(like_pattern("abc"), "%abc%");
    EXPECT_EQ(like_pattern("100%_a\\b"), "%100\\%\\_a\\\\b%");
}

}  // namespace retainer::records
