#pragma once
#include <string>

namespace retainer::auth {

/// argon2id hash in the PHC string format ($argon2id$v=19$m=…), libsodium's interactive limits.
std::string hash_password(const std::string& password);
/// Constant-time verification against a stored hash; false for malformed hashes.
bool verify_password(const std::string& hash, const std::string& password);
/// `bytes` random bytes from the OS CSPRNG, base64url without padding.
std::string random_token(std::size_t bytes = 32);
/// Hex BLAKE2b-256 of a secret: what the database keeps instead of session ids and API tokens.
std::string digest(const std::string& secret);
/// Equality without an early exit, for secrets.
bool equal_secrets(const std::string& a, const std::string& b);

}  // namespace retainer::auth
