#pragma once
#include <condition_variable>
#include <functional>
#include <mutex>
#include <optional>
#include <string>

#include "core/date.hpp"
#include "platform/auth/throttle.hpp"
#include "platform/db/database.hpp"
#include "platform/http/router.hpp"

namespace retainer::auth {

struct SessionPolicy {
    std::int64_t idle_seconds = 12 * 3600;       // signed out after 12 h without a request
    std::int64_t absolute_seconds = 30 * 86400;  // and 30 days after sign-in, whatever happens
};

inline constexpr const char* kSessionCookie = "retainer_session";

struct LoginResult {
    http::Caller caller;
    std::string session_secret;  // goes into the cookie; only its digest is stored
};

/// Accounts, sessions and API tokens over the `users`, `sessions` and `api_tokens` tables.
class Accounts : public http::Authenticator {
  public:
    using Now = std::function<Instant()>;
    /// `scope_columns`: columns of the user's row to read into Caller::scope with every
    /// authentication (the application's row-scope attributes, e.g. a group).
    Accounts(db::Database& db, Now now, SessionPolicy policy = {},
             std::vector<std::string> scope_columns = {});

    std::optional<http::Caller> authenticate(const http::Request& request) override;

    /// Verifies credentials and opens a new session (rotating any session the request carried).
    /// The same Error for an unknown email and a wrong password; 429 (with the wait) after too
    /// many attempts or failures (docs/security.md, "Sign-in limits").
    LoginResult login(const std::string& email, const std::string& password,
                      const http::Request& request);
    /// Checks the signed-in user's current password (before a change), counted as a sign-in
    /// failure when wrong: the same limits guard it.
    bool check_password(const http::Caller& caller, const std::string& password,
                        const http::Request& request);
    /// Deletes sessions past their idle or absolute limit and rate-limit windows that ended.
    void purge_expired();
    void logout(const http::Caller& caller);
    /// Revokes every session of a user (password change, archive).
    void revoke_sessions(db::Connection& conn, std::int64_t user_id);
    /// Revokes a user's sessions but the one whose key digest is given (the caller's own, after
    /// a password change).
    void revoke_other_sessions(db::Connection& conn, std::int64_t user_id,
                               const std::string& keep_key_hash);
    /// Revokes an API token; false when there is no such token. Revoking twice is no error.
    bool revoke_token(db::Connection& conn, std::int64_t token_id, const std::string& now);

    /// A new API token for `user_id`; the plain token is returned once, only its digest is kept.
    std::string create_token(std::int64_t user_id, const std::string& name);

    /// Loads a user as a Caller by id (for `me`).
    std::optional<http::Caller> load_user(db::Connection& conn, std::int64_t user_id);

  private:
    std::string user_columns_;  // "u.id, u.email, u.name, u.role" and the scope columns
    std::vector<std::string> scope_columns_;
    http::Caller caller_from(const db::Result& r, std::size_t row) const;
    db::Database& db_;
    Now now_;
    SessionPolicy policy_;
    /// Verifies a password hash, at most one at a time: argon2id is built to cost CPU and memory,
    /// and a login loop must not take the cores that serve everyone else.
    bool verify_gated(const std::string& hash, const std::string& password);
    /// 429 when the address or the account must wait before another attempt.
    void require_attempt_allowed(db::Connection& conn, const std::string& account,
                                 const std::string& ip, Instant now);
    void count_failure(db::Connection& conn, const std::string& account, const std::string& ip,
                       Instant now);

    std::string dummy_hash_;
    std::mutex hash_mutex_;
    std::condition_variable hash_free_;
    bool hashing_ = false;
    int hash_waiters_ = 0;
};

/// The Set-Cookie value for a session secret (or an expired one to clear it).
std::string session_cookie(const std::string& secret, bool secure, bool clear = false);

}  // namespace retainer::auth
