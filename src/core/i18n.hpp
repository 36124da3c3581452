#pragma once
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

/// Messages people read, in their language. The server's texts are written in English, which is
/// also the key; a catalog gives each its Russian. A key may hold `{}` placeholders for what the
/// code inserts (a number, a name, a field, another message): "must be at most {} characters"
/// translates "must be at most 200 characters". An inserted part that is itself a message in the
/// catalog is translated too.
namespace retainer::i18n {

enum class Lang { kEn, kRu };

/// "ru" → kRu, "en" → kEn, anything else nullopt.
std::optional<Lang> lang_of(std::string_view code);
std::string_view code_of(Lang lang);
/// The first supported language of an Accept-Language header ("ru-RU,ru;q=0.9,en;q=0.8" → kRu),
/// in the order the header gives (q-values are not weighed: browsers list by preference).
std::optional<Lang> from_accept_language(std::string_view header);

/// English → Russian texts, exact or with `{}` placeholders.
class Catalog {
  public:
    struct Entry {
        const char* en;
        const char* ru;
    };
    explicit Catalog(const std::vector<Entry>& entries);

    /// The text in `lang`; nullopt when it has no translation (English is always itself).
    std::optional<std::string> translate(std::string_view english, Lang lang) const;
    /// The entries whose two sides do not have the same number of placeholders, or repeat a key.
    std::vector<std::string> problems() const;
    std::size_t size() const { return exact_.size() + patterns_.size(); }

  private:
    struct Pattern {
        std::vector<std::string> en_parts;  // the literal text around the placeholders
        std::string ru;
        std::size_t literal_length;  // longer patterns are tried first
    };
    std::optional<std::string> match(const Pattern& p, std::string_view text, int depth) const;
    std::optional<std::string> to_russian(std::string_view text, int depth) const;

    std::map<std::string, std::string, std::less<>> exact_;
    std::vector<Pattern> patterns_;
    std::vector<std::string> problems_;
};

}  // namespace retainer::i18n
