#include "modules/documents/rules.hpp"

#include <gtest/gtest.h>

namespace retainer::documents {
namespace {

TEST(DocumentNumbers, PrefixYearAndFourDigits) {
    EXPECT_EQ(format_number("proposal", 2026, 7), "КП-2026-0007");
    EXPECT_EQ(format_number("contract", 2026, 1), "Д-2026-0001");
    EXPECT_EQ(format_number("invoice", 2027, 123), "СЧ-2027-0123");
    EXPECT_EQ(format_number("act", 2026, 12345), "АКТ-2026-12345");
}

TEST(DocumentTemplates, UnescapedTagsAndDelimiterChangesAreRefused) {
    EXPECT_FALSE(template_problem("<p>{{client.name}}</p>"));
    EXPECT_TRUE(template_problem("<p>{{{client.name}}}</p>"));
    EXPECT_TRUE(template_problem("<p>{{&client.name}}</p>"));
    EXPECT_TRUE(template_problem("{{=<% %>=}}<%&client.name%>"));
    EXPECT_TRUE(template_problem("{{#estimate.lines}}unclosed"));
}

TEST(DocumentTemplates, DataIsEscapedAndDottedNamesResolve) {
    DocumentInput in;
    in.client["name"] = "<script>alert(1)</script>";
    in.client["legal_name"] = "ООО \"Ромашка\" & Co";
    in.agency["requisites"] = "ИНН 7707083893";
    in.lines = {{"SEO", 3000000, {}}, {"Контекст", 1500050, {}}};
    std::string out = render(
        "<h1>{{client.name}}</h1><p>{{client.legal_name}}</p><p>{{agency.requisites}}</p>"
        "{{#estimate.lines}}<i>{{name}}={{amount}}</i>{{/estimate.lines}}<b>{{estimate.total}}</b>"
        "<s>{{client.kpp}}</s>",
        in);
    EXPECT_EQ(out.find("<script>"), std::string::npos) << out;
    EXPECT_NE(out.find("&lt;script&gt;alert(1)&lt;/script&gt;"), std::string::npos) << out;
    EXPECT_NE(out.find("ООО &quot;Ромашка&quot; &amp; Co"), std::string::npos) << out;
    EXPECT_NE(out.find("<p>ИНН 7707083893</p>"), std::string::npos) << out;
    EXPECT_NE(out.find("<i>SEO="), std::string::npos) << out;
    EXPECT_NE(out.find("<i>Контекст="), std::string::npos) << out;
    EXPECT_NE(out.find("<s></s>"), std::string::npos) << out;  // known placeholders default to ""
}

TEST(DocumentPage, EscapesTitleAndAcceptNote) {
    std::string p = page("<b>x</b>", "<p>body</p>", std::string("/d/abc/accept"), std::nullopt,
                         i18n::Lang::kRu);
    EXPECT_NE(p.find("Принять предложение"), std::string::npos);
    std::string en =
        page("x", "<p>body</p>", std::string("/d/abc/accept"), std::nullopt, i18n::Lang::kEn);
    EXPECT_NE(en.find("Accept the proposal"), std::string::npos);
    EXPECT_NE(p.find("&lt;b&gt;x&lt;/b&gt;"), std::string::npos);
    EXPECT_NE(p.find("action=\"/d/abc/accept\""), std::string::npos);
    EXPECT_NE(p.find("size: A4"), std::string::npos);
    std::string done =
        page("t", "<p>b</p>", std::nullopt, std::string("<script>"), i18n::Lang::kRu);
    EXPECT_EQ(done.find("<script>"), std::string::npos);
    EXPECT_EQ(done.find("<form"), std::string::npos);
}

TEST(DocumentLinks, DigestsCompareExactly) {
    EXPECT_TRUE(digests_equal("abcdef", "abcdef"));
    EXPECT_FALSE(digests_equal("abcdef", "abcdeg"));
    EXPECT_FALSE(digests_equal("abcdef", "abcde"));
    EXPECT_FALSE(digests_equal("", "a"));
}

TEST(DocumentLinks, LiveOnlyWhileSharedNotRevokedNotExpired) {
    Instant now{1795512600};  // 2026-11-24T…Z
    EXPECT_TRUE(link_live("shared", std::nullopt, std::nullopt, now));
    EXPECT_TRUE(link_live("accepted", std::nullopt, std::nullopt, now));
    EXPECT_FALSE(link_live("draft", std::nullopt, std::nullopt, now));
    EXPECT_FALSE(link_live("revoked", std::nullopt, std::nullopt, now));
    EXPECT_FALSE(link_live("shared", std::string("2026-11-01T00:00:00Z"), std::nullopt, now));
    EXPECT_TRUE(link_live("shared", std::nullopt, std::string("2099-01-01T00:00:00Z"), now));
    EXPECT_FALSE(link_live("shared", std::nullopt, std::string("2020-01-01T00:00:00Z"), now));
    EXPECT_FALSE(link_live("shared", std::nullopt, std::string("garbage"), now));
}

}  // namespace
}  // namespace retainer::documents

namespace retainer::documents {
namespace {

const std::map<std::string, std::string> kFullClient = {
    {"legal_name", "ООО «Ромашка»"},
    {"inn", "7707083893"},
    {"kpp", "770701001"},
    {"ogrn", "1027700132195"},
    {"legal_address", "Москва"},
    {"bank_name", "Банк"},
    {"bik", "044525225"},
    {"bank_account", "40702810938000000001"},
    {"correspondent_account", "30101810400000000225"}};
const std::map<std::string, std::string> kFullAgency = {
    {"legal_name", "ООО «Агентство»"},
    {"inn", "7707083893"},
    {"kpp", "770701001"},
    {"ogrn", "1027700132195"},
    {"address", "Москва"},
    {"bank_name", "Банк"},
    {"bik", "044525225"},
    {"correspondent_account", "30101810400000000225"},
    {"bank_account", "40702810938000000001"},
    {"director", "Иванова О. С."}};

TEST(DocumentRequisites, AProposalNeedsNoneAnInvoiceTheBuyersNameInnAddress) {
    EXPECT_TRUE(missing_requisites("proposal", {}, {}).empty());
    auto m = missing_requisites("invoice", {{"legal_name", "ООО «Ромашка»"}}, kFullAgency);
    EXPECT_EQ(m.client, (std::vector<std::string>{"inn", "legal_address", "kpp"}));
    EXPECT_TRUE(m.agency.empty());
    EXPECT_TRUE(missing_requisites("invoice", kFullClient, kFullAgency).empty());
}

TEST(DocumentRequisites, AnEntrepreneurHasNoKppAndAContractNeedsTheBank) {
    auto ip = kFullClient;
    ip.erase("kpp");
    ip["inn"] = "500100732259";  // 12 digits: an individual entrepreneur
    EXPECT_TRUE(missing_requisites("contract", ip, kFullAgency).empty());
    auto no_bank = kFullClient;
    no_bank.erase("bik");
    no_bank["bank_account"] = "";
    EXPECT_EQ(missing_requisites("contract", no_bank, kFullAgency).client,
              (std::vector<std::string>{"bik", "bank_account"}));
    EXPECT_TRUE(missing_requisites("act", no_bank, kFullAgency).empty());
    auto agency = kFullAgency;
    agency.erase("director");
    EXPECT_EQ(missing_requisites("act", kFullClient, agency).agency,
              (std::vector<std::string>{"director"}));
}

TEST(DocumentTitles, NameTheKindAndTheBuyer) {
    EXPECT_EQ(default_title("invoice", "ООО «Ромашка»"), "Счёт на оплату — ООО «Ромашка»");
    EXPECT_EQ(default_title("proposal", ""), "Коммерческое предложение");
}

TEST(DocumentPlaceholders, DatesWordsAndTheBuyersOtherName) {
    DocumentInput in;
    in.client = {{"name", "Ромашка"}, {"legal_name", "ООО «Ромашка»"}};
    in.lines = {{"SEO", 3'263'5000, {}}};
    in.lang = i18n::Lang::kRu;
    std::string out = render(
        "{{client.legal_name}}{{#client.other_name}} ({{client.other_name}}){{/client.other_name}}|"
        "{{estimate.total_in_words}}|{{estimate.lines_count}}",
        in);
    EXPECT_EQ(out,
              "ООО «Ромашка» (Ромашка)|Триста двадцать шесть тысяч триста пятьдесят рублей 00 "
              "копеек|1");
    in.client = {{"name", "Ромашка"}};  // no legal name: the name, once
    EXPECT_EQ(render("{{client.legal_name}}{{#client.other_name}} ({{client.other_name}})"
                     "{{/client.other_name}}",
                     in),
              "Ромашка");
}

}  // namespace
}  // namespace retainer::documents

namespace retainer::documents {

TEST(Acceptance, OnlyASharedProposalAndTheConflictFirst) {
    EXPECT_EQ(judge_acceptance("contract", "shared", "Иван", true).conflict,
              "only a proposal is accepted on its page");
    EXPECT_EQ(judge_acceptance("proposal", "accepted", "", false).conflict,
              "the proposal is already accepted");
    EXPECT_EQ(judge_acceptance("proposal", "draft", "Иван", true).conflict,
              "the proposal is already accepted");
    EXPECT_TRUE(judge_acceptance("proposal", "shared", "Иван Петров", true).accepted());
}

TEST(Acceptance, ANameAndTheTickedBox) {
    auto v = judge_acceptance("proposal", "shared", "", false);
    EXPECT_FALSE(v.conflict);
    EXPECT_EQ(v.fields.at("name"), "your name is required (up to 200 characters)");
    EXPECT_EQ(v.fields.at("agree"), "tick the box to accept");
    EXPECT_EQ(
        judge_acceptance("proposal", "shared", std::string(201, 'x'), true).fields.count("name"),
        1u);
    EXPECT_TRUE(judge_acceptance("proposal", "shared", std::string(200, 'x'), true).accepted());
    EXPECT_EQ(judge_acceptance("proposal", "shared", "\xff\xfe", true).fields.count("name"), 1u);
}

}  // namespace retainer::documents
