#include "platform/auth/password.hpp"

#include <gtest/gtest.h>

#include <set>

namespace retainer::auth {

TEST(Password, HashIsArgon2idInPhcFormat) {
    std::string h = hash_password("correct horse battery staple");
    EXPECT_EQ(h.rfind("$argon2id$v=19$m=", 0), 0u) << h;
    EXPECT_EQ(h.find("correct horse"), std::string::npos);
}

TEST(Password, VerifiesOnlyTheRightPassword) {
    std::string h = hash_password("пароль-123");
    EXPECT_TRUE(verify_password(h, "пароль-123"));
    EXPECT_FALSE(verify_password(h, "Пароль-123"));
    EXPECT_FALSE(verify_password(h, "пароль-12"));
    EXPECT_FALSE(verify_password(h, ""));
}

TEST(Password, SaltMakesEveryHashDifferent) {
    std::string a = hash_password("demo");
    std::string b = hash_password("demo");
    EXPECT_NE(a, b);
    EXPECT_TRUE(verify_password(a, "demo"));
    EXPECT_TRUE(verify_password(b, "demo"));
}

TEST(Password, MalformedStoredHashesNeverVerify) {
    EXPECT_FALSE(verify_password("", "demo"));
    EXPECT_FALSE(verify_password("demo", "demo"));
    EXPECT_FALSE(verify_password("$argon2id$v=19$m=65536,t=2,p=1$garbage", "demo"));
    EXPECT_FALSE(verify_password(std::string(1000, 'a'), "demo"));
    std::string h = hash_password("demo");
    h.back() = h.back() == 'A' ? 'B' : 'A';  // a tampered digest
    EXPECT_FALSE(verify_password(h, "demo"));
}

TEST(Password, RandomTokensAreUrlSafeAndUnique) {
    std::set<std::string> seen;
    for (int i = 0; i < 200; ++i) {
        std::string t = random_token(32);
        EXPECT_EQ(t.size(), 43u);  // 32 bytes → 43 base64 characters without padding
        EXPECT_EQ(
            t.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"),
            std::string::npos)
            << t;
        seen.insert(t);
    }
    EXPECT_EQ(seen.size(), 200u);
    EXPECT_EQ(random_token(16).size(), 22u);
}

TEST(Password, DigestIsStableHexBlake2b256) {
    std::string d = digest("secret");
    EXPECT_EQ(d.size(), 64u);
    EXPECT_EQ(d.find_first_not_of("0123456789abcdef"), std::string::npos);
    EXPECT_EQ(d, digest("secret"));
    EXPECT_NE(d, digest("secreT"));
    // BLAKE2b-256 of the empty string (RFC 7693 parameters, 32-byte output).
    EXPECT_EQ(digest(""), "0e5751c026e543b2e8ab2eb06099daa1d1e5df47778f7787faab45cdf12fe3a8");
}

TEST(Password, EqualSecretsComparesWholeValues) {
    EXPECT_TRUE(equal_secrets("abc", "abc"));
    EXPECT_FALSE(equal_secrets("abc", "abd"));
    EXPECT_FALSE(equal_secrets("abc", "abcd"));
    EXPECT_FALSE(equal_secrets("", "a"));
    EXPECT_TRUE(equal_secrets("", ""));
}

}  // namespace retainer::auth
