#include "platform/mail/mail.hpp"

#include <gtest/gtest.h>

namespace retainer::mail {

TEST(MailMessage, HeadersCannotBeInjected) {
    std::string m =
        build_message("robot@agency.ru", "a@b.ru\r\nBcc: victim@x.ru", "Бриф\r\nBcc: victim@x.ru",
                      "Тело письма", Instant{1764000000}, "outbox-1@agency.ru");
    EXPECT_EQ(m.find("\r\nBcc:"), std::string::npos);
    EXPECT_NE(m.find("Subject: =?UTF-8?B?"), std::string::npos);
    EXPECT_NE(m.find("Content-Transfer-Encoding: base64"), std::string::npos);
    EXPECT_NE(m.find("Date: Mon, 24 Nov 2025 16:00:00 +0000"), std::string::npos);
    // Headers end with an empty line; the body is base64 of the UTF-8 text.
    auto split = m.find("\r\n\r\n");
    ASSERT_NE(split, std::string::npos);
    EXPECT_EQ(m.substr(split + 4), "0KLQtdC70L4g0L/QuNGB0YzQvNCw\r\n");
}

}  // namespace retainer::mail
