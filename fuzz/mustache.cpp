// The document template engine (core/mustache): templates and a document's own body_html are
// written by staff and rendered for anyone holding the link, with values that come from anywhere
// (the anonymous site form among them). The input is a template as saved.
#include "core/mustache.hpp"

#include <string>

#include "check.hpp"

using namespace retainer;

namespace {

// What the values carry: markup that must never reach the output unescaped.
constexpr std::string_view kMarkup = "<b id=\"x\">'&'</b>";

mustache::Value values() {
    using mustache::Value;
    Value line = Value::object().set("name", std::string(kMarkup)).set("amount", "1 500,00");
    Value lines = Value::list();
    for (int i = 0; i < 3; ++i) lines.push(line);
    return Value::object()
        .set("client", Value::object().set("name", std::string(kMarkup)).set("inn", ""))
        .set("estimate", Value::object().set("lines", lines).set("total", std::string(kMarkup)))
        .set("flag", true)
        .set("none", false)
        .set("empty", "")
        .set("name", std::string(kMarkup));
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string_view source = fuzz::as_text(data, size);
    mustache::Limits limits;
    limits.max_output_bytes = 256 * 1024;
    limits.max_steps = 200'000;
    auto parsed = mustache::parse(source, limits);
    // The same text always parses the same way (the cache relies on it).
    auto again = mustache::parse(source, limits);
    FUZZ_CHECK(parsed.index() == again.index());
    if (auto* problem = std::get_if<mustache::Problem>(&parsed)) {
        FUZZ_CHECK(!problem->code.empty() && !problem->message.empty());
        FUZZ_CHECK(problem->code == std::get<mustache::Problem>(again).code);
        return 0;
    }
    static const mustache::Value root = values();
    std::string out;
    try {
        out = mustache::render(std::get<mustache::Template>(parsed), root, limits);
    } catch (const mustache::RenderLimitExceeded&) {
        return 0;  // bounded, as it must be
    }
    FUZZ_CHECK(out.size() <= limits.max_output_bytes);
    // No value reaches the page as markup: every value holds < > " ', so any of them in the output
    // must come from the template's own text.
    for (char c : {'<', '>', '"', '\''})
        if (source.find(c) == std::string_view::npos) FUZZ_CHECK(out.find(c) == std::string::npos);
    return 0;
}
