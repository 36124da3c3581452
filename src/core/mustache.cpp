#include "core/mustache.hpp"

#include <list>
#include <mutex>
#include <optional>
#include <unordered_map>

namespace retainer::mustache {

Value& Value::set(const std::string& key, Value value) {
    if (!std::holds_alternative<Object>(v_)) v_ = Object{};
    std::get<Object>(v_)[key] = std::move(value);
    return *this;
}

Value& Value::push(Value value) {
    if (!std::holds_alternative<List>(v_)) v_ = List{};
    std::get<List>(v_).push_back(std::move(value));
    return *this;
}

bool Value::truthy() const {
    if (auto* b = std::get_if<bool>(&v_)) return *b;
    if (auto* s = std::get_if<std::string>(&v_)) return !s->empty();
    if (auto* l = std::get_if<List>(&v_)) return !l->empty();
    return true;
}

std::string html_escape(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (char c : text) {
        switch (c) {
            case '&':
                out += "&amp;";
                break;
            case '<':
                out += "&lt;";
                break;
            case '>':
                out += "&gt;";
                break;
            case '"':
                out += "&quot;";
                break;
            case '\'':
                out += "&#39;";
                break;
            default:
                out += c;
        }
    }
    return out;
}

namespace {

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

std::string_view trim(std::string_view s) {
    while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
    while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
    return s;
}

/// A name is "." or dot-separated parts of letters, digits, _ and -; the parts, or nullopt.
std::optional<std::vector<std::string>> split_name(std::string_view name) {
    std::vector<std::string> parts;
    if (name == ".") return parts;
    if (name.empty() || name.size() > 200) return std::nullopt;
    std::size_t start = 0;
    for (std::size_t i = 0; i <= name.size(); ++i) {
        if (i == name.size() || name[i] == '.') {
            if (i == start) return std::nullopt;
            parts.emplace_back(name.substr(start, i - start));
            start = i + 1;
            continue;
        }
        char c = name[i];
        bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                  c == '_' || c == '-';
        if (!ok) return std::nullopt;
    }
    return parts;
}

Problem problem(std::string code, std::size_t line, const std::string& what) {
    return Problem{code, "line " + std::to_string(line) + ": " + what, line};
}

std::string shown(std::string_view tag) {
    std::string s(tag.substr(0, 60));
    return "{{" + s + (tag.size() > 60 ? "…" : "") + "}}";
}

}  // namespace

std::variant<Template, Problem> parse(std::string_view src, const Limits& limits) {
    if (src.size() > limits.max_template_bytes)
        return Problem{
            "too_large",
            "the template is over " + std::to_string(limits.max_template_bytes / 1024) + " KB", 0};
    Template out;
    auto& nodes = out.nodes_;
    std::vector<std::size_t> open;  // indices of the open sections
    std::size_t line = 1, tags = 0, pos = 0;
    auto advance_lines = [&](std::string_view part) {
        for (char c : part)
            if (c == '\n') ++line;
    };
    while (pos < src.size()) {
        std::size_t start = src.find("{{", pos);
        std::string_view text =
            src.substr(pos, start == std::string_view::npos ? src.npos : start - pos);
        if (!text.empty()) {
            advance_lines(text);
            if (!nodes.empty() && nodes.back().kind == Template::Node::Kind::kText)
                nodes.back().text += text;
            else
                nodes.push_back({Template::Node::Kind::kText, std::string(text), {}, 0});
        }
        if (start == std::string_view::npos) break;
        if (++tags > limits.max_tags)
            return problem("too_many_tags", line,
                           "more than " + std::to_string(limits.max_tags) + " placeholders");
        std::size_t close = src.find("}}", start + 2);
        if (close == std::string_view::npos)
            return problem("unclosed_tag", line, "a placeholder opened with {{ is never closed");
        std::string_view raw = src.substr(start + 2, close - start - 2);
        std::size_t tag_line = line;
        advance_lines(raw);
        pos = close + 2;
        std::string_view inner = trim(raw);
        char sigil = inner.empty() ? '\0' : inner.front();
        if (sigil == '!') continue;  // a comment
        if (sigil == '{' || sigil == '&')
            return problem("unescaped_tag", tag_line,
                           shown(raw) + " would insert raw HTML; use {{name}}, which escapes it");
        if (sigil == '=')
            return problem("delimiter_change", tag_line,
                           shown(raw) + ": changing the {{ }} delimiters is not allowed");
        if (sigil == '>' || sigil == '<' || sigil == '$')
            return problem("unsupported_tag", tag_line,
                           shown(raw) + ": partials and blocks are not supported");
        bool is_open = sigil == '#' || sigil == '^';
        bool is_close = sigil == '/';
        std::string_view name = (is_open || is_close) ? trim(inner.substr(1)) : inner;
        auto path = split_name(name);
        if (!path)
            return problem(
                "bad_name", tag_line,
                shown(raw) + ": a name is letters, digits, _ and -, parts joined by dots");
        if (is_open) {
            if (static_cast<int>(open.size()) >= limits.max_depth)
                return problem("too_deep", tag_line,
                               "sections nested deeper than " + std::to_string(limits.max_depth));
            open.push_back(nodes.size());
            nodes.push_back(
                {sigil == '#' ? Template::Node::Kind::kSection : Template::Node::Kind::kInverted,
                 std::string(name), std::move(*path), 0});
        } else if (is_close) {
            if (open.empty())
                return problem("unopened_section", tag_line,
                               shown(raw) + " closes a section that was never opened");
            Template::Node& section = nodes[open.back()];
            if (section.text != name)
                return problem("mismatched_section", tag_line,
                               shown(raw) + " closes {{#" + section.text + "}}");
            section.end = nodes.size();
            open.pop_back();
        } else {
            nodes.push_back(
                {Template::Node::Kind::kVariable, std::string(name), std::move(*path), 0});
        }
    }
    if (!open.empty())
        return problem("unclosed_section", line,
                       "{{#" + nodes[open.back()].text + "}} is never closed");
    return out;
}

namespace {

class Renderer {
  public:
    Renderer(const Template& t, const Limits& l) : nodes_(t.nodes()), limits_(l) {}

    std::string run(const Value& root) {
        stack_.push_back(&root);
        range(0, nodes_.size());
        return std::move(out_);
    }

  private:
    void step() {
        if (++steps_ > limits_.max_steps)
            throw RenderLimitExceeded("the template takes too much work to fill in");
    }
    void write(std::string_view s) {
        if (out_.size() + s.size() > limits_.max_output_bytes)
            throw RenderLimitExceeded("the document would be over " +
                                      std::to_string(limits_.max_output_bytes / 1024 / 1024) +
                                      " MB");
        out_ += s;
    }

    const Value* lookup(const std::vector<std::string>& path) const {
        if (path.empty()) return stack_.back();
        const Value* found = nullptr;
        for (auto it = stack_.rbegin(); it != stack_.rend() && !found; ++it)
            if (const auto* obj = (*it)->as_object())
                if (auto f = obj->find(path.front()); f != obj->end()) found = &f->second;
        for (std::size_t i = 1; found && i < path.size(); ++i) {
            const auto* obj = found->as_object();
            if (!obj) return nullptr;
            auto f = obj->find(path[i]);
            found = f == obj->end() ? nullptr : &f->second;
        }
        return found;
    }

    void range(std::size_t begin, std::size_t end) {
        for (std::size_t i = begin; i < end;) {
            step();
            const Template::Node& n = nodes_[i];
            switch (n.kind) {
                case Template::Node::Kind::kText:
                    write(n.text);
                    ++i;
                    break;
                case Template::Node::Kind::kVariable: {
                    if (const Value* v = lookup(n.path)) {
                        if (const std::string* s = v->text())
                            write(html_escape(*s));
                        else if (!v->as_list() && !v->as_object())
                            write(v->truthy() ? "true" : "false");
                    }
                    ++i;
                    break;
                }
                case Template::Node::Kind::kSection: {
                    const Value* v = lookup(n.path);
                    if (v && v->truthy()) {
                        if (const auto* list = v->as_list()) {
                            for (const Value& item : *list) {
                                step();
                                stack_.push_back(&item);
                                range(i + 1, n.end);
                                stack_.pop_back();
                            }
                        } else {
                            stack_.push_back(v);
                            range(i + 1, n.end);
                            stack_.pop_back();
                        }
                    }
                    i = n.end;
                    break;
                }
                case Template::Node::Kind::kInverted: {
                    const Value* v = lookup(n.path);
                    if (!v || !v->truthy()) range(i + 1, n.end);
                    i = n.end;
                    break;
                }
            }
        }
    }

    const std::vector<Template::Node>& nodes_;
    const Limits& limits_;
    std::vector<const Value*> stack_;
    std::string out_;
    std::size_t steps_ = 0;
};

}  // namespace

std::string render(const Template& tmpl, const Value& root, const Limits& limits) {
    return Renderer(tmpl, limits).run(root);
}

namespace {
constexpr std::size_t kMaxCachedBytes = 32 * 1024 * 1024;
}  // namespace

struct Cache::State {
    using Entry = std::pair<std::string, std::shared_ptr<const std::variant<Template, Problem>>>;
    std::mutex mutex;
    std::size_t capacity;
    std::size_t bytes = 0;   // of the cached sources; parsed nodes take about as much again
    std::list<Entry> order;  // most recently used first
    std::unordered_map<std::string_view, std::list<Entry>::iterator> index;
};

Cache::Cache(std::size_t capacity, Limits limits)
    : state_(std::make_unique<State>()), limits_(limits) {
    state_->capacity = capacity == 0 ? 1 : capacity;
}

Cache::~Cache() = default;

std::shared_ptr<const std::variant<Template, Problem>> Cache::get(std::string_view source) {
    {
        std::lock_guard lock(state_->mutex);
        if (auto it = state_->index.find(source); it != state_->index.end()) {
            state_->order.splice(state_->order.begin(), state_->order, it->second);
            return it->second->second;
        }
    }
    // Parse outside the lock: parsing is linear but a 512 KB template still takes a moment.
    auto parsed = std::make_shared<const std::variant<Template, Problem>>(parse(source, limits_));
    std::lock_guard lock(state_->mutex);
    if (auto it = state_->index.find(source); it != state_->index.end()) return it->second->second;
    state_->order.emplace_front(std::string(source), parsed);
    state_->index.emplace(state_->order.front().first, state_->order.begin());
    state_->bytes += source.size();
    while (state_->order.size() > 1 &&
           (state_->order.size() > state_->capacity || state_->bytes > kMaxCachedBytes)) {
        state_->bytes -= state_->order.back().first.size();
        state_->index.erase(state_->order.back().first);
        state_->order.pop_back();
    }
    return parsed;
}

}  // namespace retainer::mustache
