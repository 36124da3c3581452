#include "modules/crm/crm.hpp"

#include <gtest/gtest.h>
#include <spdlog/spdlog.h>

#include "platform/db/migrate.hpp"

namespace retainer::crm {
namespace {

class CallsImport : public ::testing::Test {
  protected:
    CallsImport() {
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

    /// The field errors the import refuses `csv` with (empty when it is imported).
    FieldErrors refusal(const std::string& csv) {
        try {
            crm_.import_calls(owner_, csv, "t");
            return {};
        } catch (const Error& e) {
            EXPECT_EQ(e.kind(), ErrorKind::kInvalid) << e.what();
            return e.fields();
        }
    }

    std::unique_ptr<db::Database> db_ = migrated_memory_db();
    http::Caller owner_;
    CrmModule crm_{*db_, [] { return Instant{1795512600}; }};
};

}  // namespace

TEST_F(CallsImport, ImportsAUtf8File) {
    EXPECT_TRUE(refusal("\xEF\xBB\xBFstarted_at;direction;status;external_id;note\n"
                        "2026-11-20 10:00;входящий;принят;call-1;перезвонить\n")
                    .empty());
}

// Only phone and note were checked for UTF-8: an external_id, e-mail or ИНН cell in another
// encoding (or with a NUL) went to SQL as it was, and a header name into the error answer's JSON.
TEST_F(CallsImport, RefusesAFileThatIsNotUtf8TextWhole) {
    using namespace std::string_literals;
    for (const std::string& csv :
         {"started_at;direction;status;external_id\n2026-11-20 10:00;in;answered;\xFF\xFE\n"s,
          "started_at;direction;status;external_id\n2026-11-20 10:00;in;answered;a\0b\n"s,
          "started_at;direction;status;\xCD\xE0\xEC\xE5\n"s}) {
        FieldErrors e = refusal(csv);
        EXPECT_EQ(e.size(), 1u);
        EXPECT_EQ(e["file"], "must be UTF-8 text without NUL bytes (save it as CSV UTF-8)");
    }
}

}  // namespace retainer::crm
