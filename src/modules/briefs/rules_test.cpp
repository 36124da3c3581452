#include "modules/briefs/rules.hpp"

#include <gtest/gtest.h>

namespace retainer::briefs {
namespace json = boost::json;

namespace {
json::value questions() {
    return json::parse(R"([
      {"key":"site","type":"url","label":" Сайт ","required":true},
      {"key":"budget","type":"number","label":"Бюджет"},
      {"key":"goals","type":"multi_choice","label":"Цели","options":["Трафик","Заявки"],"required":true},
      {"key":"cms","type":"choice","label":"Движок","options":["Битрикс"," Tilda "]},
      {"key":"notes","type":"long_text","label":"Заметки"}
    ])");
}
}  // namespace

TEST(BriefQuestions, AreNormalised) {
    json::value q = questions();
    EXPECT_FALSE(questions_problem(q));
    const auto& first = q.as_array()[0].as_object();
    EXPECT_EQ(first.at("label"), "Сайт");
    EXPECT_EQ(first.at("required"), true);
    EXPECT_EQ(first.at("help"), "");
    EXPECT_TRUE(first.at("options").as_array().empty());
    EXPECT_EQ(q.as_array()[1].as_object().at("required"), false);
    EXPECT_EQ(q.as_array()[3].as_object().at("options").as_array()[1], "Tilda");
}

TEST(BriefQuestions, NameTheBadQuestion) {
    auto problem = [](const char* text) {
        json::value v = json::parse(text);
        return questions_problem(v).value_or("");
    };
    EXPECT_NE(problem("[]").find("1–100"), std::string::npos);
    EXPECT_NE(
        problem(R"([{"key":"a","type":"text","label":"A"},{"key":"a","type":"text","label":"B"}])")
            .find("question 2 (a): the key repeats"),
        std::string::npos);
    EXPECT_NE(problem(R"([{"key":"Bad Key","type":"text","label":"A"}])").find("key must be"),
              std::string::npos);
    EXPECT_NE(problem(R"([{"key":"a","type":"date","label":"A"}])").find("type must be"),
              std::string::npos);
    EXPECT_NE(problem(R"([{"key":"a","type":"choice","label":"A"}])").find("1–50 options"),
              std::string::npos);
    EXPECT_NE(
        problem(R"([{"key":"a","type":"choice","label":"A","options":["x","x"]}])").find("repeat"),
        std::string::npos);
    EXPECT_NE(
        problem(R"([{"key":"a","type":"text","label":"A","options":["x"]}])").find("only choice"),
        std::string::npos);
    EXPECT_NE(problem(R"([{"key":"a","type":"text","label":"  "}])").find("label"),
              std::string::npos);
    EXPECT_NE(
        problem(R"([{"key":"a","type":"text","label":"A","secret":1}])").find("unknown field"),
        std::string::npos);
}

TEST(BriefAnswers, CheckedByType) {
    json::value q = questions();
    ASSERT_FALSE(questions_problem(q));
    const auto& qs = q.as_array();
    json::object a = json::parse(R"({"site":"https://shop.ru ","budget":"1 500,5",
        "goals":"Заявки","cms":"Битрикс","notes":""})")
                         .as_object();
    EXPECT_TRUE(check_answers(qs, a, true).empty());
    EXPECT_EQ(a.at("site"), "https://shop.ru");
    EXPECT_EQ(a.at("budget").as_double(), 1500.5);
    EXPECT_EQ(a.at("goals").as_array().size(), 1u);
    EXPECT_FALSE(a.contains("notes"));  // empty means no answer

    json::object whole = json::parse(R"({"budget":150000})").as_object();
    check_answers(qs, whole, false);
    EXPECT_TRUE(whole.at("budget").is_int64());

    json::object bad = json::parse(R"({"site":"shop.ru","budget":"много","goals":["Другое"],
        "cms":"Joomla","extra":"x"})")
                           .as_object();
    auto e = check_answers(qs, bad, false);
    EXPECT_EQ(e.size(), 5u);
    EXPECT_TRUE(e.count("site") && e.count("budget") && e.count("goals") && e.count("cms") &&
                e.count("extra"));
}

TEST(BriefAnswers, RequiredOnlyOnSubmission) {
    json::value q = questions();
    ASSERT_FALSE(questions_problem(q));
    json::object partial = json::parse(R"({"budget":10})").as_object();
    EXPECT_TRUE(check_answers(q.as_array(), partial, false).empty());
    auto e = check_answers(q.as_array(), partial, true);
    EXPECT_EQ(e.size(), 2u);
    EXPECT_EQ(e.at("site"), "an answer is required");
    EXPECT_TRUE(e.count("goals"));
}

TEST(BriefForm, MultiChoiceRepeatsItsKey) {
    json::value q = questions();
    ASSERT_FALSE(questions_problem(q));
    auto form = parse_form(
        "site=https%3A%2F%2Fa.ru&goals=%D0%A2%D1%80%D0%B0%D1%84%D0%B8%D0%BA&"
        "goals=%D0%97%D0%B0%D1%8F%D0%B2%D0%BA%D0%B8&budget=1+000&_page=1");
    json::object a = answers_from_form(q.as_array(), form);
    EXPECT_EQ(a.at("site"), "https://a.ru");
    EXPECT_EQ(a.at("goals").as_array().size(), 2u);
    EXPECT_EQ(a.at("budget"), "1 000");
    EXPECT_FALSE(a.contains("_page"));
    EXPECT_TRUE(check_answers(q.as_array(), a, true).empty());
    EXPECT_EQ(a.at("budget").as_int64(), 1000);
}

TEST(BriefNumbers, AsPeopleTypeThem) {
    EXPECT_EQ(parse_number("1 500,5"), 1500.5);
    EXPECT_EQ(parse_number("-3"), -3);
    EXPECT_EQ(parse_number("1\u00A0000"), 1000);
    EXPECT_FALSE(parse_number("12abc"));
    EXPECT_FALSE(parse_number(""));
    EXPECT_FALSE(parse_number("1,2,3"));
}

TEST(BriefPage, EscapesEverythingFromTheTemplateAndTheClient) {
    json::value q = json::parse(
        R"([{"key":"x","type":"text","label":"<script>alert(1)</script>","required":true}])");
    ASSERT_FALSE(questions_problem(q));
    json::object answers{{"x", "\"><img src=x onerror=alert(1)>"}};
    std::string editable =
        brief_page("<b>Бриф</b>", q.as_array(), answers, "tok", std::nullopt, i18n::Lang::kRu);
    EXPECT_EQ(editable.find("<script>alert"), std::string::npos);
    EXPECT_EQ(editable.find("<img src=x"), std::string::npos);
    EXPECT_NE(editable.find("&lt;script&gt;"), std::string::npos);
    EXPECT_NE(editable.find("action=\"/b/tok/submit\""), std::string::npos);
    EXPECT_NE(editable.find("<script src=\"/p/brief.js\""), std::string::npos);
    std::string done =
        brief_page("Бриф", q.as_array(), answers, std::nullopt, "Спасибо", i18n::Lang::kRu);
    EXPECT_EQ(done.find("<form"), std::string::npos);
    EXPECT_EQ(done.find("<img src=x"), std::string::npos);
}

TEST(BriefPage, SpeaksTheAgencysLanguage) {
    json::value q = json::parse(R"([{"key":"x","type":"text","label":"Сайт","required":true}])");
    ASSERT_FALSE(questions_problem(q));
    std::string ru = brief_page("Бриф", q.as_array(), {}, "tok", std::nullopt, i18n::Lang::kRu);
    EXPECT_NE(ru.find("<html lang=\"ru\">"), std::string::npos);
    EXPECT_NE(ru.find("Отправить бриф"), std::string::npos);
    EXPECT_NE(ru.find("data-say-saved=\"Сохранено\""), std::string::npos);
    std::string en = brief_page("Brief", q.as_array(), {}, "tok", std::nullopt, i18n::Lang::kEn);
    EXPECT_NE(en.find("<html lang=\"en\">"), std::string::npos);
    EXPECT_NE(en.find("Send the brief"), std::string::npos);
    EXPECT_EQ(en.find("Отправить"), std::string::npos);
}

TEST(BriefPage, NumbersReadLikeMoneyAndTypeBack) {
    json::value q = json::parse(R"([{"key":"budget","type":"number","label":"Бюджет"},
                                    {"key":"share","type":"number","label":"Доля"}])");
    ASSERT_FALSE(questions_problem(q));
    json::object answers{{"budget", 1500000}, {"share", 1234.5}};
    std::string done =
        brief_page("Бриф", q.as_array(), answers, std::nullopt, std::nullopt, i18n::Lang::kRu);
    EXPECT_NE(done.find("1\u2009500\u2009000"), std::string::npos);
    EXPECT_NE(done.find("1\u2009234,5"), std::string::npos);
    // The editable form shows the same text; saving it again gives the same number.
    json::object back{{"budget", "1\u2009500\u2009000"}, {"share", "1\u2009234,5"}};
    EXPECT_TRUE(check_answers(q.as_array(), back, true).empty());
    EXPECT_EQ(back.at("budget").as_int64(), 1500000);
    EXPECT_EQ(back.at("share").as_double(), 1234.5);
}

}  // namespace retainer::briefs
