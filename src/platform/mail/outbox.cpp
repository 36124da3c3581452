#include "platform/mail/outbox.hpp"

namespace retainer::mail {

void enqueue(db::Connection& conn, const Outgoing& message, const std::string& now) {
    conn.query(
        "INSERT INTO mail_outbox (to_address, subject, body, created_at) VALUES ($1, $2, $3, $4)",
        {message.to, message.subject, message.body, now});
}

}  // namespace retainer::mail
