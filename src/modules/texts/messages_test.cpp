#include "modules/texts/messages.hpp"

#include <gtest/gtest.h>

namespace retainer::texts {
namespace {

using i18n::Lang;

std::string ru(std::string_view en) { return messages().translate(en, Lang::kRu).value_or("∅"); }

TEST(Messages, EveryEntryHasRussianWithTheSamePlaceholders) {
    EXPECT_TRUE(messages().problems().empty()) << messages().problems().front();
    EXPECT_GT(messages().size(), 200u);
}

TEST(Messages, ExactAndPatternMessagesTranslate) {
    EXPECT_EQ(ru("is required"), "обязательное поле");
    EXPECT_EQ(ru("must be at most 200 characters"), "не длиннее 200 символов");
    EXPECT_EQ(ru("must be between 0 and 1000000000000000"), "должно быть от 0 до 1000000000000000");
    EXPECT_EQ(ru("too many sign-in attempts; try again in 32 s"),
              "слишком много попыток входа; попробуйте через 32 с");
    EXPECT_EQ(ru("must be one of: draft, sent"), "допустимые значения: draft, sent");
    EXPECT_EQ(ru("an unknown sentence"), "∅");
    EXPECT_EQ(messages().translate("an unknown sentence", Lang::kEn), "an unknown sentence");
}

TEST(Messages, InsertedMessagesAreTranslatedToo) {
    EXPECT_EQ(ru("the document's template cannot be used (line 3: {{&client.name}} would insert "
                 "raw HTML; use {{name}}, which escapes it); correct it in the template editor"),
              "шаблон документа не подходит (строка 3: {{&client.name}} вставил бы HTML как есть; "
              "используйте {{name}}, он экранирует текст); исправьте его в редакторе шаблонов");
    EXPECT_EQ(ru("question 2 (site): label must be at most 500 characters"),
              "вопрос 2 (site): формулировка: не длиннее 500 символов");
    EXPECT_EQ(ru("line 4: {{#lines}} is never closed"), "строка 4: {{#lines}} нигде не закрыт");
}

}  // namespace
}  // namespace retainer::texts
