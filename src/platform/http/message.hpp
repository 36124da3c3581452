#pragma once
#include <chrono>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/i18n.hpp"

namespace retainer::http {

/// An HTTP request as modules see it: no Beast types, header names lower-cased.
struct Request {
    std::string method;
    std::string target;  // path + query, as received
    std::string path;    // percent-decoded path
    std::map<std::string, std::string> query;
    std::map<std::string, std::string> headers;
    std::string body;
    /// The client's address: the TCP peer, or what a trusted proxy put in X-Forwarded-For.
    std::string remote_ip;
    bool via_trusted_proxy = false;  // the TCP peer is a --trusted-proxy
    bool loopback_peer = false;      // the TCP peer is this machine (127.0.0.0/8, ::1)
    /// The client used https, as a trusted proxy says (X-Forwarded-Proto); the server itself
    /// speaks plain HTTP.
    bool https = false;
    std::string request_id;
    /// The language of what a person reads in the answer (set by the router: docs/i18n.md).
    i18n::Lang lang = i18n::Lang::kEn;
    std::chrono::steady_clock::time_point received_at;

    std::optional<std::string> header(const std::string& lower_name) const;
    std::optional<std::string> cookie(const std::string& name) const;
    std::optional<std::string> param(const std::string& name) const;
};

/// An HTTP response built by a handler; the server adds the common headers.
struct Response {
    int status = 200;
    std::string content_type = "application/json";
    std::vector<std::pair<std::string, std::string>> headers;
    std::string body;
    /// Set for HEAD: the length of the body the GET would have carried (the body is dropped).
    std::optional<std::size_t> head_length;

    void set_header(std::string name, std::string value);
    /// The value of a header the handler or router set, by exact name.
    const std::string* find_header(std::string_view name) const;
};

/// Parses `a=1&b=%D0%B0` into a map (the last value of a repeated key wins).
std::map<std::string, std::string> parse_query(std::string_view query);
/// Percent-decodes a URL component; '+' becomes a space when `plus_is_space`.
std::optional<std::string> percent_decode(std::string_view s, bool plus_is_space);

}  // namespace retainer::http
