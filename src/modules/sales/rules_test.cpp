#include "modules/sales/rules.hpp"

#include <gtest/gtest.h>

#include "core/error.hpp"

namespace retainer::sales {
namespace {

TEST(SalesPhone, DigitsWithLeadingEightReadAsSeven) {
    EXPECT_EQ(normalize_phone("8 (495) 123-45-67"), "74951234567");
    EXPECT_EQ(normalize_phone("+7 495 123 45 67"), "74951234567");
    EXPECT_EQ(normalize_phone("+7(916)000-11-22"), "79160001122");
    EXPECT_EQ(normalize_phone("9160001122"), "79160001122");
}

TEST(SalesPhone, TooShortIsNoNumber) {
    EXPECT_EQ(normalize_phone(""), "");
    EXPECT_EQ(normalize_phone("доб. 12"), "");
    EXPECT_EQ(normalize_phone("1234"), "");
}

TEST(SalesPhone, OtherCountriesKeepTheirDigits) {
    EXPECT_EQ(normalize_phone("+375 29 123-45-67"), "375291234567");
    EXPECT_EQ(normalize_phone("81234567890"), "71234567890");
}

StageInfo open_stage(std::int64_t id, std::int64_t p) { return {id, "open", p}; }

TEST(SalesStageChange, NewDealEntersItsStageWithTheStageProbability) {
    auto out = stage_change({std::nullopt, open_stage(1, 10), false, false});
    EXPECT_TRUE(out.entered);
    ASSERT_TRUE(out.probability_percent);
    EXPECT_EQ(*out.probability_percent, 10);
    EXPECT_EQ(out.closed, StageOutcome::Closed::kKeep);
    EXPECT_FALSE(out.error);
}

TEST(SalesStageChange, AGivenProbabilityWins) {
    auto out = stage_change({open_stage(1, 10), open_stage(2, 50), true, false});
    EXPECT_TRUE(out.entered);
    EXPECT_FALSE(out.probability_percent);
}

TEST(SalesStageChange, SameStageChangesNothing) {
    auto out = stage_change({open_stage(2, 50), open_stage(2, 50), false, false});
    EXPECT_FALSE(out.entered);
    EXPECT_FALSE(out.probability_percent);
    EXPECT_EQ(out.closed, StageOutcome::Closed::kKeep);
}

TEST(SalesStageChange, WonClosesTheDeal) {
    auto out = stage_change({open_stage(2, 50), {3, "won", 100}, false, false});
    EXPECT_EQ(out.closed, StageOutcome::Closed::kSet);
    EXPECT_EQ(*out.probability_percent, 100);
    EXPECT_FALSE(out.error);
}

TEST(SalesStageChange, LostNeedsAReason) {
    auto without = stage_change({open_stage(2, 50), {4, "lost", 0}, false, false});
    EXPECT_TRUE(without.error);
    auto with = stage_change({open_stage(2, 50), {4, "lost", 0}, false, true});
    EXPECT_FALSE(with.error);
    EXPECT_EQ(with.closed, StageOutcome::Closed::kSet);
    EXPECT_EQ(*with.probability_percent, 0);
}

TEST(SalesStageChange, ReopeningClearsClosedAt) {
    auto out = stage_change({StageInfo{4, "lost", 0}, open_stage(2, 50), false, true});
    EXPECT_EQ(out.closed, StageOutcome::Closed::kClear);
    EXPECT_EQ(*out.probability_percent, 50);
}

TEST(SalesMinutes, WholeMinutesBetweenInstants) {
    EXPECT_EQ(minutes_between("2026-11-01T10:00:00Z", "2026-11-01T10:59:59Z"), 59);
    EXPECT_EQ(minutes_between("2026-11-01T10:00:00Z", "2026-11-03T10:00:00Z"), 2880);
    EXPECT_EQ(minutes_between("2026-11-03T10:00:00Z", "2026-11-01T10:00:00Z"), 0);
    EXPECT_EQ(minutes_between("garbage", "2026-11-01T10:00:00Z"), 0);
}

TEST(SalesOrigins, ListAndMatch) {
    auto list = parse_origins(" https://agency.ru/, https://Landing.agency.ru ,,");
    ASSERT_EQ(list.size(), 2u);
    EXPECT_EQ(list[0], "https://agency.ru");
    EXPECT_EQ(list[1], "https://landing.agency.ru");
    EXPECT_TRUE(origin_allowed("https://agency.ru", list));
    EXPECT_TRUE(origin_allowed("https://LANDING.agency.ru", list));
    EXPECT_FALSE(origin_allowed("https://evil.example", list));
    EXPECT_FALSE(origin_allowed("https://agency.ru.evil.example", list));
    EXPECT_FALSE(origin_allowed("null", list));
    EXPECT_FALSE(origin_allowed("", list));
    EXPECT_TRUE(parse_origins("").empty());
}

}  // namespace
}  // namespace retainer::sales

namespace retainer::sales {
namespace {

boost::json::object body(std::string_view text) { return boost::json::parse(text).as_object(); }

FieldErrors refusal(std::string_view text, bool is_public) {
    try {
        parse_application(body(text), is_public);
    } catch (const Error& e) {
        return e.fields();
    }
    return {};
}

}  // namespace

TEST(Application, PublicFormTrimsFoldsAndIgnoresUnknownFields) {
    Application a = parse_application(
        body(R"({"name":"  Ольга ","email":"Olga@Example.RU","utm_source":"ya","page_url":""})"),
        true);
    EXPECT_EQ(a.name, "Ольга");
    EXPECT_EQ(a.email, "olga@example.ru");
    EXPECT_EQ(a.page_url, std::nullopt);  // blank is absent
    EXPECT_EQ(a.source, "site");
}

TEST(Application, APhoneOrAnEmailIsRequired) {
    EXPECT_EQ(refusal(R"({"name":"Ольга"})", true).at("phone"), "a phone or an email is required");
    EXPECT_TRUE(refusal(R"({"phone":"+7 900 000-00-01"})", true).empty());
}

TEST(Application, EachBadFieldIsNamed) {
    FieldErrors e = refusal(R"({"email":"no-at-sign","inn":"123","name":7,"message":")" +
                                std::string(4001, 'x') + R"("})",
                            true);
    EXPECT_EQ(e.at("email"), "must be an email address");
    EXPECT_TRUE(e.count("inn"));
    EXPECT_EQ(e.at("name"), "must be a string");
    EXPECT_EQ(e.at("message"), "must be at most 4000 characters");
}

TEST(Application, StaffNameTheSourceAndSendOnlyKnownFields) {
    EXPECT_EQ(refusal(R"({"phone":"89001234567"})", false).at("source"),
              "choose where the application came from");
    EXPECT_EQ(refusal(R"({"phone":"89001234567","source":"fax"})", false).at("source"),
              "must be one of: site, phone, email, referral, manual, other");
    EXPECT_EQ(refusal(R"({"phone":"89001234567","source":"phone","utm":"x"})", false).at("utm"),
              "unknown field");
    Application a =
        parse_application(body(R"({"phone":"89001234567","source":"referral"})"), false);
    EXPECT_EQ(a.source, "referral");
}

}  // namespace retainer::sales
