#pragma once
#include <cstddef>
#include <cstdint>
#include <map>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

/// A logic-less template language: the safe subset of mustache that documents use. Variables are
/// always HTML-escaped; sections, inverted sections, comments and dotted names work as in
/// mustache. Unescaped variables, partials and delimiter changes do not exist here: the parser
/// refuses them, so the decision is made on the parsed tags, never on the text. Parsing and
/// rendering are linear and bounded (Limits), whatever the template's shape.
namespace retainer::mustache {

/// Bounds that keep a template from costing more than a document may. Rendering counts steps
/// (tags visited, values written) instead of reading a clock, so the bound is the same on a slow
/// machine and a fast one.
struct Limits {
    std::size_t max_template_bytes = 512 * 1024;
    int max_depth = 16;            // sections nested inside each other
    std::size_t max_tags = 20000;  // every {{…}} counts
    std::size_t max_output_bytes = 2 * 1024 * 1024;
    std::size_t max_steps = 2'000'000;
};

/// What a template's placeholders see: text, a flag, a list or an object of named values.
class Value {
  public:
    using Object = std::map<std::string, Value, std::less<>>;
    using List = std::vector<Value>;

    Value() : v_(std::string()) {}
    Value(std::string text) : v_(std::move(text)) {}
    Value(const char* text) : v_(std::string(text)) {}
    Value(bool flag) : v_(flag) {}
    Value(List list) : v_(std::move(list)) {}
    Value(Object object) : v_(std::move(object)) {}

    static Value object() { return Value(Object{}); }
    static Value list() { return Value(List{}); }

    /// Sets `key` of an object value (the value becomes an object if it was not).
    Value& set(const std::string& key, Value value);
    /// Appends to a list value (the value becomes a list if it was not).
    Value& push(Value value);

    const std::string* text() const { return std::get_if<std::string>(&v_); }
    const List* as_list() const { return std::get_if<List>(&v_); }
    const Object* as_object() const { return std::get_if<Object>(&v_); }
    /// Mustache truthiness: false, "" and [] are falsy; objects and other text are truthy.
    bool truthy() const;

  private:
    std::variant<std::string, bool, List, Object> v_;
};

/// Where and why a template was refused. `line` is 1-based.
struct Problem {
    std::string code;     // e.g. "unescaped_tag", "too_deep", "unclosed_section"
    std::string message;  // English, names the tag and the line
    std::size_t line = 0;
};

/// A parsed template: a flat list of nodes, sections pointing at their ends.
class Template {
  public:
    struct Node {
        enum class Kind { kText, kVariable, kSection, kInverted } kind;
        std::string text;               // the text, or the tag's name
        std::vector<std::string> path;  // the name split at dots; empty for "."
        std::size_t end = 0;            // kSection/kInverted: index one past the section
    };
    const std::vector<Node>& nodes() const { return nodes_; }

  private:
    friend std::variant<Template, Problem> parse(std::string_view, const Limits&);
    std::vector<Node> nodes_;
};

/// Parses a template, or names the first problem: an unescaped tag ({{{x}}}, {{&x}} with any
/// spacing), a delimiter change, a partial, an unclosed or mismatched section, an empty or
/// malformed name, or a template over the limits (size, depth, tag count).
std::variant<Template, Problem> parse(std::string_view source, const Limits& limits = {});

/// Thrown by render when the output or the work would pass its limit.
class RenderLimitExceeded : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};

/// Renders with every variable HTML-escaped. Names resolve up the context stack as in mustache;
/// a name that resolves nowhere renders as "".
std::string render(const Template& tmpl, const Value& root, const Limits& limits = {});

/// HTML-escapes &, <, >, ", ' (the escaping every variable gets).
std::string html_escape(std::string_view text);

/// Parsed templates by the digest of their text: a template is parsed once however often its
/// documents are opened. Thread-safe; holds at most `capacity` templates (least recently used go).
class Cache {
  public:
    explicit Cache(std::size_t capacity = 256, Limits limits = {});
    ~Cache();
    /// The parsed template, or the problem (problems are cached too).
    std::shared_ptr<const std::variant<Template, Problem>> get(std::string_view source);

  private:
    struct State;
    std::unique_ptr<State> state_;
    Limits limits_;
};

}  // namespace retainer::mustache
