#include "core/mustache.hpp"

#include <gtest/gtest.h>

namespace retainer::mustache {
namespace {

std::string code_of(std::string_view source, const Limits& limits = {}) {
    auto parsed = parse(source, limits);
    if (auto* p = std::get_if<Problem>(&parsed)) return p->code;
    return "";
}

std::string fill(std::string_view source, const Value& root, const Limits& limits = {}) {
    auto parsed = parse(source, limits);
    if (auto* p = std::get_if<Problem>(&parsed)) return "PROBLEM " + p->code + ": " + p->message;
    return render(std::get<Template>(parsed), root, limits);
}

TEST(MustacheParse, UnescapedTagsAreRefusedWhateverTheSpacing) {
    for (const char* t : {"{{{x}}}", "{{&x}}", "{{ &x}}", "{{\t&x}}", "{{\n& x }}", "{{ {x} }}"})
        EXPECT_EQ(code_of(t), "unescaped_tag") << t;
}

TEST(MustacheParse, DelimiterChangesPartialsAndBlocksAreRefused) {
    EXPECT_EQ(code_of("{{=<% %>=}}<%&x%>"), "delimiter_change");
    EXPECT_EQ(code_of("{{ =<% %>=}}<%&x%>"), "delimiter_change");
    EXPECT_EQ(code_of("{{> header}}"), "unsupported_tag");
    EXPECT_EQ(code_of("{{<parent}}{{/parent}}"), "unsupported_tag");
    EXPECT_EQ(code_of("{{$block}}{{/block}}"), "unsupported_tag");
}

TEST(MustacheParse, SectionsMustBalance) {
    EXPECT_EQ(code_of("{{#a}}x"), "unclosed_section");
    EXPECT_EQ(code_of("{{/a}}"), "unopened_section");
    EXPECT_EQ(code_of("{{#a}}{{#b}}{{/a}}{{/b}}"), "mismatched_section");
    EXPECT_EQ(code_of("{{a"), "unclosed_tag");
    EXPECT_EQ(code_of("{{}}"), "bad_name");
    EXPECT_EQ(code_of("{{a..b}}"), "bad_name");
    EXPECT_EQ(code_of("{{a b}}"), "bad_name");
    EXPECT_EQ(code_of("{{#a}}{{/ a }}"), "");
}

TEST(MustacheParse, ProblemsNameTheLine) {
    auto parsed = parse("<p>\n<b>\n{{&client.name}}</b>");
    auto* p = std::get_if<Problem>(&parsed);
    ASSERT_TRUE(p);
    EXPECT_EQ(p->line, 3u);
    EXPECT_NE(p->message.find("line 3"), std::string::npos) << p->message;
    EXPECT_NE(p->message.find("{{&client.name}}"), std::string::npos) << p->message;
}

TEST(MustacheLimits, NestingDepthTagCountAndSizeAreBounded) {
    Limits l;
    l.max_depth = 3;
    EXPECT_EQ(code_of("{{#a}}{{#b}}{{#c}}{{/c}}{{/b}}{{/a}}", l), "");
    EXPECT_EQ(code_of("{{#a}}{{#b}}{{#c}}{{#d}}{{/d}}{{/c}}{{/b}}{{/a}}", l), "too_deep");
    l.max_tags = 4;
    EXPECT_EQ(code_of("{{a}}{{b}}{{c}}{{d}}", l), "");
    EXPECT_EQ(code_of("{{a}}{{b}}{{c}}{{d}}{{e}}", l), "too_many_tags");
    l.max_template_bytes = 10;
    EXPECT_EQ(code_of("01234567890", l), "too_large");
}

TEST(MustacheLimits, SixteenThousandNestedSectionsAreRefused) {
    // The attack of issue 8: {{#a}} × 16,000 cost the old parser seconds and gigabytes.
    std::string t;
    for (int i = 0; i < 16000; ++i) t += "{{#a}}";
    for (int i = 0; i < 16000; ++i) t += "{{/a}}";
    EXPECT_EQ(code_of(t), "too_deep");
}

TEST(MustacheLimits, OutputAndWorkAreBoundedWhileRendering) {
    Value root = Value::object();
    Value rows = Value::list();
    for (int i = 0; i < 100; ++i) rows.push(Value::object().set("n", std::to_string(i)));
    root.set("rows", rows);
    Limits l;
    l.max_output_bytes = 1000;
    EXPECT_THROW(fill("{{#rows}}{{n}}-----------------{{/rows}}", root, l), RenderLimitExceeded);
    Limits w;
    w.max_steps = 5000;  // 100 × 100 × 100 iterations would be a million steps
    EXPECT_THROW(fill("{{#rows}}{{#rows}}{{#rows}}.{{/rows}}{{/rows}}{{/rows}}", root, w),
                 RenderLimitExceeded);
    EXPECT_NO_THROW(fill("{{#rows}}{{n}}{{/rows}}", root, w));
}

TEST(MustacheRender, VariablesAreEscapedAndMissingNamesAreEmpty) {
    Value root =
        Value::object().set("client", Value::object().set("name", "<b>\"Ромашка\" & 'Co'</b>"));
    EXPECT_EQ(fill("[{{client.name}}][{{client.kpp}}][{{nothing.at.all}}]", root),
              "[&lt;b&gt;&quot;Ромашка&quot; &amp; &#39;Co&#39;&lt;/b&gt;][][]");
}

TEST(MustacheRender, SectionsIterateListsEnterObjectsAndTestText) {
    Value root = Value::object();
    root.set("title", "Счёт");
    root.set("empty", "");
    Value lines = Value::list();
    lines.push(Value::object().set("name", "SEO"));
    lines.push(Value::object().set("name", "Директ"));
    root.set("estimate", Value::object().set("lines", lines).set("total", "100,00"));
    EXPECT_EQ(fill("{{#estimate.lines}}<i>{{name}} {{title}}</i>{{/estimate.lines}}", root),
              "<i>SEO Счёт</i><i>Директ Счёт</i>");
    EXPECT_EQ(fill("{{#estimate}}{{total}}{{/estimate}}", root), "100,00");
    EXPECT_EQ(fill("{{#title}}ИНН {{.}}{{/title}}{{#empty}}never{{/empty}}", root), "ИНН Счёт");
    EXPECT_EQ(
        fill("{{^empty}}нет{{/empty}}{{^title}}never{{/title}}{{^missing}}нет{{/missing}}", root),
        "нетнет");
    EXPECT_EQ(fill("{{^estimate.lines}}none{{/estimate.lines}}", root), "");
    EXPECT_EQ(fill("a{{! a comment with {{ inside }}b", root), "ab");
}

TEST(MustacheRender, DottedNamesResolveTheirFirstPartUpTheStack) {
    Value root = Value::object();
    root.set("agency", Value::object().set("name", "Агентство"));
    Value rows = Value::list();
    rows.push(Value::object().set("agency", Value::object()));  // shadows, has no name
    root.set("rows", rows);
    // The first part resolves to the nearest "agency"; the rest must be inside it.
    EXPECT_EQ(fill("{{#rows}}[{{agency.name}}]{{/rows}}", root), "[]");
    root.set("plain", Value(Value::List{Value::object().set("n", "1")}));
    EXPECT_EQ(fill("{{#plain}}[{{agency.name}} {{n}}]{{/plain}}", root), "[Агентство 1]");
}

TEST(MustacheCache, ParsesEachTextOnceAndKeepsProblems) {
    Cache cache(2);
    auto a1 = cache.get("{{a}}");
    auto a2 = cache.get("{{a}}");
    EXPECT_EQ(a1.get(), a2.get());
    auto bad = cache.get("{{&a}}");
    ASSERT_TRUE(std::holds_alternative<Problem>(*bad));
    cache.get("{{b}}");
    cache.get("{{c}}");  // capacity 2: "{{a}}" is the least recently used and goes
    EXPECT_NE(cache.get("{{a}}").get(), a1.get());
}

}  // namespace
}  // namespace retainer::mustache
