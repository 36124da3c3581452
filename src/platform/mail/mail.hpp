#pragma once
#include <atomic>
#include <functional>
#include <optional>
#include <string>
#include <thread>

#include "core/date.hpp"
#include "platform/db/database.hpp"

namespace retainer::mail {

/// An RFC 5322 message in UTF-8: the subject as an RFC 2047 encoded word, the body base64 (no
/// line-length or dot-stuffing traps). CR and LF are removed from header values, so a subject
/// or address can never add a header.
std::string build_message(const std::string& from, const std::string& to,
                          const std::string& subject, const std::string& body, Instant date,
                          const std::string& message_id);

struct SmtpConfig {
    std::string url;   // smtp://host:port or smtps://… (credentials in the URL, if any)
    std::string from;  // envelope and header sender
};

/// Delivers one message over SMTP (libcurl); nullopt on success, else the error.
std::optional<std::string> send(const SmtpConfig& config, const std::string& to,
                                const std::string& message);

/// The background sender of the mail_outbox table: every couple of seconds it delivers queued
/// mail (oldest first, 3 attempts, then status failed with the error kept). The SMTP server comes
/// from the given config (retainer serve --smtp), else from `stored` (the application's settings,
/// read on each pass so a change applies without a restart); with neither, mail waits in the
/// queue.
class OutboxSender {
  public:
    using ConfigSource = std::function<SmtpConfig(db::Connection&)>;
    OutboxSender(db::Database& db, SmtpConfig config, ConfigSource stored = {});
    ~OutboxSender();
    OutboxSender(const OutboxSender&) = delete;
    OutboxSender& operator=(const OutboxSender&) = delete;
    /// One pass over the queue (also what the thread runs); returns the number sent.
    int deliver_once();

  private:
    db::Database& db_;
    SmtpConfig config_;
    ConfigSource stored_;
    std::atomic<bool> stop_{false};
    std::thread thread_;
};

}  // namespace retainer::mail
