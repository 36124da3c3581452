#include "core/i18n.hpp"

#include <algorithm>

namespace retainer::i18n {
namespace {

constexpr std::string_view kHole = "{}";

std::vector<std::string> split_holes(std::string_view s) {
    std::vector<std::string> parts;
    std::size_t start = 0;
    for (std::size_t at = s.find(kHole); at != std::string_view::npos; at = s.find(kHole, start)) {
        parts.emplace_back(s.substr(start, at - start));
        start = at + kHole.size();
    }
    parts.emplace_back(s.substr(start));
    return parts;
}

std::size_t holes(std::string_view s) { return split_holes(s).size() - 1; }

}  // namespace

std::optional<Lang> lang_of(std::string_view code) {
    if (code == "ru") return Lang::kRu;
    if (code == "en") return Lang::kEn;
    return std::nullopt;
}

std::string_view code_of(Lang lang) { return lang == Lang::kRu ? "ru" : "en"; }

std::optional<Lang> from_accept_language(std::string_view header) {
    while (!header.empty()) {
        std::size_t comma = header.find(',');
        std::string_view item = header.substr(0, comma);
        item = item.substr(0, item.find(';'));
        while (!item.empty() && item.front() == ' ') item.remove_prefix(1);
        std::string tag(item.substr(0, item.find('-')));
        for (auto& c : tag) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        if (auto lang = lang_of(tag)) return lang;
        if (comma == std::string_view::npos) break;
        header.remove_prefix(comma + 1);
    }
    return std::nullopt;
}

Catalog::Catalog(const std::vector<Entry>& entries) {
    for (const Entry& e : entries) {
        std::string_view en = e.en, ru = e.ru;
        if (holes(en) != holes(ru)) problems_.push_back("placeholders differ: " + std::string(en));
        if (ru.empty()) problems_.push_back("no Russian: " + std::string(en));
        if (holes(en) == 0) {
            if (!exact_.emplace(std::string(en), std::string(ru)).second)
                problems_.push_back("repeated: " + std::string(en));
            continue;
        }
        Pattern p{split_holes(en), std::string(ru), 0};
        for (const auto& part : p.en_parts) p.literal_length += part.size();
        for (const Pattern& other : patterns_)
            if (other.en_parts == p.en_parts) problems_.push_back("repeated: " + std::string(en));
        patterns_.push_back(std::move(p));
    }
    // The most specific pattern wins: "{} would insert raw HTML…" before "{}: {}".
    std::stable_sort(patterns_.begin(), patterns_.end(), [](const Pattern& a, const Pattern& b) {
        return a.literal_length > b.literal_length;
    });
}

std::vector<std::string> Catalog::problems() const { return problems_; }

std::optional<std::string> Catalog::match(const Pattern& p, std::string_view text,
                                          int depth) const {
    const auto& parts = p.en_parts;
    if (text.substr(0, parts.front().size()) != parts.front()) return std::nullopt;
    std::size_t pos = parts.front().size();
    std::vector<std::string_view> args;
    for (std::size_t i = 1; i < parts.size(); ++i) {
        std::size_t next;
        if (i + 1 == parts.size()) {
            // The last literal ends the text.
            if (text.size() < pos + parts[i].size() ||
                text.substr(text.size() - parts[i].size()) != parts[i])
                return std::nullopt;
            next = text.size() - parts[i].size();
        } else {
            next = parts[i].empty() ? std::string_view::npos : text.find(parts[i], pos);
            if (next == std::string_view::npos) return std::nullopt;
        }
        args.push_back(text.substr(pos, next - pos));
        pos = next + parts[i].size();
    }
    if (parts.size() == 1 && pos != text.size()) return std::nullopt;
    std::string out;
    std::size_t start = 0, n = 0;
    for (std::size_t at = p.ru.find(kHole); at != std::string::npos; at = p.ru.find(kHole, start)) {
        out.append(p.ru, start, at - start);
        std::string_view arg = args[n++];
        auto inner = depth < 3 ? to_russian(arg, depth + 1) : std::nullopt;
        out += inner ? *inner : std::string(arg);
        start = at + kHole.size();
    }
    out.append(p.ru, start);
    return out;
}

std::optional<std::string> Catalog::to_russian(std::string_view text, int depth) const {
    if (auto it = exact_.find(text); it != exact_.end()) return it->second;
    for (const Pattern& p : patterns_)
        if (auto out = match(p, text, depth)) return out;
    return std::nullopt;
}

std::optional<std::string> Catalog::translate(std::string_view english, Lang lang) const {
    if (lang == Lang::kEn) return std::string(english);
    return to_russian(english, 0);
}

}  // namespace retainer::i18n
