#pragma once
#include <string>

#include "platform/db/database.hpp"

namespace retainer::mail {

/// One e-mail to send: plain UTF-8 text; the sender thread builds the RFC 5322 message.
struct Outgoing {
    std::string to;
    std::string subject;
    std::string body;
};

/// Queues the message in mail_outbox within the caller's transaction: a rolled-back event sends
/// nothing, and a committed one is sent by whichever server process's sender gets to it first.
void enqueue(db::Connection& conn, const Outgoing& message, const std::string& now);

}  // namespace retainer::mail
