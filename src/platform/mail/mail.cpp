#include "platform/mail/mail.hpp"

#include <curl/curl.h>
#include <sodium.h>
#include <spdlog/spdlog.h>

#include <chrono>
#include <cstring>

namespace retainer::mail {
namespace {

std::string one_line(std::string s) {
    std::string out;
    for (char c : s)
        if (c != '\r' && c != '\n') out += c;
    return out;
}

std::string base64(const std::string& s) {
    std::string out(sodium_base64_encoded_len(s.size(), sodium_base64_VARIANT_ORIGINAL), '\0');
    sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(s.data()),
                      s.size(), sodium_base64_VARIANT_ORIGINAL);
    out.resize(std::strlen(out.c_str()));
    return out;
}

std::string rfc5322_date(Instant t) {
    static const char* days[] = {"Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"};
    static const char* months[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                   "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    Date d = t.utc_date();
    std::int64_t secs = ((t.seconds % 86400) + 86400) % 86400;
    char buf[64];
    std::snprintf(buf, sizeof buf, "%s, %02d %s %04d %02lld:%02lld:%02lld +0000",
                  days[((d.days_since_epoch() % 7) + 7) % 7], d.day, months[d.month - 1], d.year,
                  static_cast<long long>(secs / 3600), static_cast<long long>(secs / 60 % 60),
                  static_cast<long long>(secs % 60));
    return buf;
}

struct Upload {
    const std::string* data;
    std::size_t pos = 0;
};

std::size_t read_cb(char* ptr, std::size_t size, std::size_t n, void* user) {
    auto* u = static_cast<Upload*>(user);
    std::size_t left = u->data->size() - u->pos;
    std::size_t len = std::min(left, size * n);
    std::memcpy(ptr, u->data->data() + u->pos, len);
    u->pos += len;
    return len;
}

}  // namespace

std::string build_message(const std::string& from, const std::string& to,
                          const std::string& subject, const std::string& body, Instant date,
                          const std::string& message_id) {
    std::string encoded = base64(body);
    std::string wrapped;
    for (std::size_t i = 0; i < encoded.size(); i += 76) wrapped += encoded.substr(i, 76) + "\r\n";
    return "Date: " + rfc5322_date(date) + "\r\nFrom: <" + one_line(from) + ">\r\nTo: <" +
           one_line(to) + ">\r\nSubject: =?UTF-8?B?" + base64(one_line(subject)) +
           "?=\r\nMessage-ID: <" + one_line(message_id) +
           ">\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n"
           "Content-Transfer-Encoding: base64\r\nAuto-Submitted: auto-generated\r\n\r\n" +
           wrapped;
}

std::optional<std::string> send(const SmtpConfig& config, const std::string& to,
                                const std::string& message) {
    CURL* c = curl_easy_init();
    if (!c) return "curl_easy_init failed";
    curl_slist* rcpt = curl_slist_append(nullptr, ("<" + one_line(to) + ">").c_str());
    Upload up{&message, 0};
    std::string from = "<" + one_line(config.from) + ">";
    char err[CURL_ERROR_SIZE] = {0};
    curl_easy_setopt(c, CURLOPT_URL, config.url.c_str());
    curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "smtp,smtps");
    curl_easy_setopt(c, CURLOPT_MAIL_FROM, from.c_str());
    curl_easy_setopt(c, CURLOPT_MAIL_RCPT, rcpt);
    curl_easy_setopt(c, CURLOPT_READFUNCTION, read_cb);
    curl_easy_setopt(c, CURLOPT_READDATA, &up);
    curl_easy_setopt(c, CURLOPT_UPLOAD, 1L);
    curl_easy_setopt(c, CURLOPT_TIMEOUT, 30L);
    curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, 10L);
    curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(c, CURLOPT_ERRORBUFFER, err);
    CURLcode rc = curl_easy_perform(c);
    curl_slist_free_all(rcpt);
    curl_easy_cleanup(c);
    if (rc != CURLE_OK) return std::string(err[0] ? err : curl_easy_strerror(rc));
    return std::nullopt;
}

OutboxSender::OutboxSender(db::Database& db, SmtpConfig config, ConfigSource stored)
    : db_(db), config_(std::move(config)), stored_(std::move(stored)) {
    curl_global_init(CURL_GLOBAL_DEFAULT);
    thread_ = std::thread([this] {
        while (!stop_) {
            try {
                deliver_once();
            } catch (const std::exception& e) {
                spdlog::warn(R"({{"event":"outbox_pass_failed","reason":"{}"}})",
                             one_line(e.what()).substr(0, 200));
            }
            for (int i = 0; i < 20 && !stop_; ++i)
                std::this_thread::sleep_for(std::chrono::milliseconds(100));
        }
    });
}

OutboxSender::~OutboxSender() {
    stop_ = true;
    if (thread_.joinable()) thread_.join();
    curl_global_cleanup();
}

int OutboxSender::deliver_once() {
    SmtpConfig cfg = config_;
    std::vector<
        std::tuple<std::int64_t, std::string, std::string, std::string, std::int64_t, std::string>>
        batch;
    {
        db::Lease conn = db_.acquire();
        if ((cfg.url.empty() || cfg.from.empty()) && stored_) {
            SmtpConfig s = stored_(*conn);
            if (cfg.url.empty()) cfg.url = s.url;
            if (cfg.from.empty()) cfg.from = s.from;
        }
        if (cfg.url.empty()) return 0;
        if (cfg.from.empty()) cfg.from = "retainer@localhost";
        auto r = conn->query(
            "SELECT id, to_address, subject, body, attempts, created_at FROM mail_outbox WHERE "
            "status = 'queued' ORDER BY id LIMIT 20");
        for (std::size_t i = 0; i < r.rows.size(); ++i)
            batch.emplace_back(r.int_at(i, "id"), r.text_at(i, "to_address"),
                               r.text_at(i, "subject"), r.text_at(i, "body"),
                               r.int_at(i, "attempts"), r.text_at(i, "created_at"));
    }
    int sent = 0;
    for (const auto& [id, to, subject, body, attempts, created] : batch) {
        if (stop_) break;
        Instant now{static_cast<std::int64_t>(std::time(nullptr))};
        std::string domain = cfg.from.substr(cfg.from.find('@') + 1);
        std::string message = build_message(cfg.from, to, subject, body,
                                            Instant::parse_rfc3339(created).value_or(now),
                                            "outbox-" + std::to_string(id) + "@" + domain);
        auto error = send(cfg, to, message);
        db::Lease conn = db_.acquire();
        if (!error) {
            conn->query(
                "UPDATE mail_outbox SET status = 'sent', sent_at = $1, attempts = attempts + 1 "
                "WHERE id = $2",
                {now.to_rfc3339(), id});
            ++sent;
        } else {
            conn->query(
                "UPDATE mail_outbox SET attempts = attempts + 1, last_error = $1, status = CASE "
                "WHEN attempts + 1 >= 3 THEN 'failed' ELSE 'queued' END WHERE id = $2",
                {error->substr(0, 500), id});
            spdlog::warn(R"({{"event":"mail_not_sent","outbox_id":{},"attempt":{}}})", id,
                         attempts + 1);
            break;  // the server is probably down: try the rest next pass
        }
    }
    return sent;
}

}  // namespace retainer::mail
