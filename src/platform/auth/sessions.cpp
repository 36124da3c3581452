#include "platform/auth/sessions.hpp"

#include <algorithm>
#include <stdexcept>

#include "core/error.hpp"
#include "core/text.hpp"
#include "platform/auth/password.hpp"

namespace retainer::auth {
namespace {

constexpr std::int64_t kMaxSessions = 20;

bool plain_identifier(const std::string& s) {
    return !s.empty() && std::all_of(s.begin(), s.end(), [](char ch) {
        return (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch == '_';
    });
}

std::string lower_ascii(std::string s) {
    for (auto& ch : s) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    return s;
}

}  // namespace

Accounts::Accounts(db::Database& db, Now now, SessionPolicy policy,
                   std::vector<std::string> scope_columns)
    : scope_columns_(std::move(scope_columns)),
      db_(db),
      now_(std::move(now)),
      policy_(policy),
      dummy_hash_(hash_password(random_token(16))) {
    user_columns_ = "u.id, u.email, u.name, u.role";
    for (const std::string& column : scope_columns_) {
        // Spliced into SQL: only plain column names, fixed by the application's code.
        if (!plain_identifier(column))
            throw std::invalid_argument("scope column must be a plain name: " + column);
        user_columns_ += ", u." + column;
    }
}

http::Caller Accounts::caller_from(const db::Result& r, std::size_t row) const {
    http::Caller c;
    c.user_id = r.int_at(row, "id");
    c.email = r.text_at(row, "email");
    c.name = r.text_at(row, "name");
    c.role = r.text_at(row, "role");
    for (const std::string& column : scope_columns_)
        if (auto v = r.opt_int_at(row, column)) c.scope[column] = *v;
    return c;
}

std::optional<http::Caller> Accounts::authenticate(const http::Request& request) {
    auto authz = request.header("authorization");
    if (authz && authz->rfind("Bearer ", 0) == 0) {
        std::string token = authz->substr(7);
        if (token.empty() || token.size() > 200) return std::nullopt;
        db::Lease conn = db_.acquire();
        auto r = conn->query(
            std::string("SELECT ") + user_columns_ +
                ", t.id AS token_id FROM api_tokens t JOIN users u ON u.id = t.user_id "
                "WHERE t.token_hash = $1 AND t.revoked_at IS NULL AND u.archived_at IS NULL",
            {digest(token)});
        if (r.empty()) return std::nullopt;
        conn->query("UPDATE api_tokens SET last_used_at = $1 WHERE id = $2",
                    {now_().to_rfc3339(), r.int_at(0, "token_id")});
        return caller_from(r, 0);
    }
    auto secret = request.cookie(kSessionCookie);
    if (!secret || secret->empty() || secret->size() > 200) return std::nullopt;
    std::string key = digest(*secret);
    Instant now = now_();
    db::Lease conn = db_.acquire();
    auto r = conn->query(std::string("SELECT ") + user_columns_ +
                             ", s.csrf_token, s.created_at AS s_created, s.last_seen_at AS s_seen "
                             "FROM sessions s JOIN users u ON u.id = s.user_id "
                             "WHERE s.key_hash = $1 AND u.archived_at IS NULL",
                         {key});
    if (r.empty()) return std::nullopt;
    auto created = Instant::parse_rfc3339(r.text_at(0, "s_created"));
    auto seen = Instant::parse_rfc3339(r.text_at(0, "s_seen"));
    if (!created || !seen || now.seconds - created->seconds > policy_.absolute_seconds ||
        now.seconds - seen->seconds > policy_.idle_seconds) {
        conn->query("DELETE FROM sessions WHERE key_hash = $1", {key});
        return std::nullopt;
    }
    // Touch at most once a minute: a read-heavy UI should not turn every GET into a write.
    if (now.seconds - seen->seconds >= 60)
        conn->query("UPDATE sessions SET last_seen_at = $1 WHERE key_hash = $2",
                    {now.to_rfc3339(), key});
    http::Caller c = caller_from(r, 0);
    c.via_cookie = true;
    c.csrf_token = r.text_at(0, "csrf_token");
    c.session_key = key;
    return c;
}

namespace {

using std::chrono::minutes;
// Every attempt costs an argon2id verification, so attempts from one address are bounded (a
// browser-side loop of sign-ins slowed everyone, issue 8).
const Limit kAttemptsPerIp{"login-ip", 300, minutes(10)};
// Failures: from one address; for one account from one address; and for one account from
// anywhere, where past 5 each further try waits 1, 2, 4 … 60 s — guessing slows to a crawl
// while the owner of the account, from an address they signed in from before, is not held up.
const Limit kFailuresPerIp{"login-fail-ip", 50, minutes(15)};
const Limit kFailuresPerAccountIp{"login-fail-account-ip", 10, minutes(15)};
const Limit kFailuresPerAccount{"login-fail-account", 0, minutes(60), 5, std::chrono::seconds(60)};
const Limit kKnownDevice{"login-known", 0, minutes(60 * 24 * 30)};

std::string wait_message(std::int64_t seconds) {
    return "too many sign-in attempts; try again in " + std::to_string(seconds) + " s";
}

}  // namespace

void Accounts::require_attempt_allowed(db::Connection& conn, const std::string& account,
                                       const std::string& ip, Instant now) {
    std::int64_t wait =
        std::max({Throttle::wait(conn, kAttemptsPerIp, ip, now),
                  Throttle::wait(conn, kFailuresPerIp, ip, now),
                  Throttle::wait(conn, kFailuresPerAccountIp, account + "|" + ip, now)});
    if (!wait && !Throttle::seen(conn, kKnownDevice, account + "|" + ip, now))
        wait = Throttle::wait(conn, kFailuresPerAccount, account, now);
    if (wait > 0) throw rate_limited(wait_message(wait), static_cast<int>(wait));
}

void Accounts::count_failure(db::Connection& conn, const std::string& account,
                             const std::string& ip, Instant now) {
    Throttle::hit(conn, kFailuresPerIp, ip, now);
    Throttle::hit(conn, kFailuresPerAccountIp, account + "|" + ip, now);
    Throttle::hit(conn, kFailuresPerAccount, account, now);
}

bool Accounts::verify_gated(const std::string& hash, const std::string& password) {
    {
        std::unique_lock lock(hash_mutex_);
        // A short queue, then "come back in a second": waiting ties up a worker thread.
        if (hash_waiters_ >= 4) throw rate_limited("the server is busy signing people in", 1);
        ++hash_waiters_;
        bool free = hash_free_.wait_for(lock, std::chrono::seconds(2), [&] { return !hashing_; });
        --hash_waiters_;
        if (!free) throw rate_limited("the server is busy signing people in", 1);
        hashing_ = true;
    }
    struct Release {
        Accounts& a;
        ~Release() {
            {
                std::lock_guard lock(a.hash_mutex_);
                a.hashing_ = false;
            }
            a.hash_free_.notify_one();
        }
    } release{*this};
    return verify_password(hash, password);
}

LoginResult Accounts::login(const std::string& email_in, const std::string& password,
                            const http::Request& request) {
    std::string email = lower_ascii(std::string(text::trim(email_in)));
    const std::string& ip = request.remote_ip;
    Instant now = now_();
    db::Lease conn = db_.acquire();
    require_attempt_allowed(*conn, email, ip, now);
    Throttle::hit(*conn, kAttemptsPerIp, ip, now);

    auto r = conn->query(
        std::string("SELECT ") + user_columns_ +
            ", u.password_hash FROM users u WHERE u.email = $1 AND u.archived_at IS NULL",
        {email});
    // Verify against a dummy hash for unknown emails so timing does not reveal which exist.
    std::string hash =
        r.empty() ? dummy_hash_ : r.opt_text_at(0, "password_hash").value_or(dummy_hash_);
    bool ok = verify_gated(hash, password) && !r.empty() && r.opt_text_at(0, "password_hash");
    if (!ok) {
        count_failure(*conn, email, ip, now);
        throw Error(ErrorKind::kUnauthenticated, "wrong email or password");
    }
    Throttle::clear(*conn, kFailuresPerAccountIp, email + "|" + ip);
    Throttle::hit(*conn, kKnownDevice, email + "|" + ip, now);

    LoginResult out{caller_from(r, 0), random_token(32)};
    std::string at = now.to_rfc3339();
    out.caller.via_cookie = true;
    out.caller.csrf_token = random_token(32);
    out.caller.session_key = digest(out.session_secret);
    if (auto old = request.cookie(kSessionCookie); old && old->size() <= 200)
        conn->query("DELETE FROM sessions WHERE key_hash = $1", {digest(*old)});
    conn->query(
        "INSERT INTO sessions (key_hash, user_id, csrf_token, created_at, last_seen_at, ip, "
        "user_agent) "
        "VALUES ($1, $2, $3, $4, $4, $5, $6)",
        {out.caller.session_key, out.caller.user_id, out.caller.csrf_token, at, ip,
         request.header("user-agent").value_or("").substr(0, 300)});
    // A user keeps at most kMaxSessions sessions: the oldest go (a sign-in loop cannot grow the
    // table without bound).
    conn->query(
        "DELETE FROM sessions WHERE user_id = $1 AND key_hash NOT IN (SELECT key_hash FROM "
        "sessions WHERE user_id = $1 ORDER BY last_seen_at DESC, created_at DESC LIMIT $2)",
        {out.caller.user_id, kMaxSessions});
    return out;
}

bool Accounts::check_password(const http::Caller& caller, const std::string& password,
                              const http::Request& request) {
    Instant now = now_();
    db::Lease conn = db_.acquire();
    require_attempt_allowed(*conn, caller.email, request.remote_ip, now);
    auto r = conn->query("SELECT password_hash FROM users WHERE id = $1", {caller.user_id});
    std::string hash =
        r.empty() ? dummy_hash_ : r.opt_text_at(0, "password_hash").value_or(dummy_hash_);
    bool ok = verify_gated(hash, password) && !r.empty() && r.opt_text_at(0, "password_hash");
    if (!ok) count_failure(*conn, caller.email, request.remote_ip, now);
    return ok;
}

void Accounts::purge_expired() {
    Instant now = now_();
    db::Lease conn = db_.acquire();
    conn->query("DELETE FROM sessions WHERE last_seen_at < $1 OR created_at < $2",
                {Instant{now.seconds - policy_.idle_seconds}.to_rfc3339(),
                 Instant{now.seconds - policy_.absolute_seconds}.to_rfc3339()});
    Throttle::purge(*conn, now);
}

void Accounts::logout(const http::Caller& caller) {
    if (caller.session_key.empty()) return;
    db::Lease conn = db_.acquire();
    conn->query("DELETE FROM sessions WHERE key_hash = $1", {caller.session_key});
}

void Accounts::revoke_sessions(db::Connection& conn, std::int64_t user_id) {
    conn.query("DELETE FROM sessions WHERE user_id = $1", {user_id});
}

void Accounts::revoke_other_sessions(db::Connection& conn, std::int64_t user_id,
                                     const std::string& keep_key_hash) {
    conn.query("DELETE FROM sessions WHERE user_id = $1 AND key_hash <> $2",
               {user_id, keep_key_hash});
}

bool Accounts::revoke_token(db::Connection& conn, std::int64_t token_id, const std::string& now) {
    auto r =
        conn.query("UPDATE api_tokens SET revoked_at = $1 WHERE id = $2 AND revoked_at IS NULL",
                   {now, token_id});
    return r.affected > 0 ||
           !conn.query("SELECT id FROM api_tokens WHERE id = $1", {token_id}).empty();
}

std::string Accounts::create_token(std::int64_t user_id, const std::string& name) {
    std::string token = "rtn_" + random_token(32);
    db::Lease conn = db_.acquire();
    conn->query(
        "INSERT INTO api_tokens (user_id, name, token_hash, prefix, created_at) VALUES ($1, $2, "
        "$3, $4, $5)",
        {user_id, name, digest(token), token.substr(0, 8), now_().to_rfc3339()});
    return token;
}

std::optional<http::Caller> Accounts::load_user(db::Connection& conn, std::int64_t user_id) {
    auto r = conn.query(std::string("SELECT ") + user_columns_ +
                            " FROM users u WHERE u.id = $1 AND u.archived_at IS NULL",
                        {user_id});
    if (r.empty()) return std::nullopt;
    return caller_from(r, 0);
}

std::string session_cookie(const std::string& secret, bool secure, bool clear) {
    std::string c = std::string(kSessionCookie) + "=" + (clear ? "" : secret) +
                    "; Path=/; HttpOnly; SameSite=Lax";
    if (clear) c += "; Max-Age=0";
    if (secure) c += "; Secure";
    return c;
}

}  // namespace retainer::auth
