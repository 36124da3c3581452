#include "modules/sales/insights.hpp"

#include <gtest/gtest.h>

namespace retainer::sales {

TEST(Digest, NothingToDoSendsNothing) {
    auto empty = boost::json::parse(R"({"date":"2026-11-25","overdue":[],"due_today":[],
        "tasks":[],"briefs_returned":[],"proposals_waiting":[]})")
                     .as_object();
    EXPECT_EQ(digest_text(empty, i18n::Lang::kRu), "");
}

TEST(Digest, ListsEverySectionWithCounts) {
    auto t = boost::json::parse(R"({"date":"2026-11-25",
        "overdue":[{"title":"Сайт — ООО Ромашка","next_step":"Позвонить","next_step_on":"2026-11-23"}],
        "due_today":[],
        "tasks":[{"title":"Выслать кейсы","deal_title":"SEO — Альфа","due_on":"2026-11-24"},
                 {"title":"Бриф","deal_title":"SMM — Бета","due_on":"2026-11-25"}],
        "briefs_returned":[],
        "proposals_waiting":[{"number":"КП-2026-0007","deal_title":"Директ — Гамма","views":0}]})")
                 .as_object();
    std::string text = digest_text(t, i18n::Lang::kRu);
    EXPECT_EQ(text.rfind("Дела на 25.11.2026.", 0), 0u) << text;
    EXPECT_NE(text.find("Просрочено (1):\r\n  • Сайт — ООО Ромашка — Позвонить (срок 23.11.2026)"),
              std::string::npos)
        << text;
    EXPECT_NE(text.find("Задачи (2):"), std::string::npos);
    EXPECT_NE(text.find("КП-2026-0007 — Директ — Гамма (просмотров 0)"), std::string::npos);
    EXPECT_EQ(text.find("На сегодня"), std::string::npos);  // empty sections are left out
    std::string en = digest_text(t, i18n::Lang::kEn);
    EXPECT_EQ(en.rfind("Your day, 25 Nov 2026.", 0), 0u) << en;
    EXPECT_NE(en.find("Overdue (1):\r\n  • Сайт — ООО Ромашка — Позвонить (due 23 Nov 2026)"),
              std::string::npos)
        << en;
}

}  // namespace retainer::sales
