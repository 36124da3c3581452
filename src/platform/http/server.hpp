#pragma once
#include <array>
#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "platform/http/message.hpp"

namespace retainer::http {

/// An IP address or a network ("10.0.0.0/8", "::1"; a bare address is a /32 or /128).
struct AddressBlock {
    std::array<unsigned char, 16> bytes{};  // IPv4 in the first four
    bool v4 = true;
    int prefix_bits = 32;
};

struct ServerConfig {
    std::string host = "127.0.0.1";
    unsigned short port = 8080;
    int io_threads = 2;
    int worker_threads = 8;  // blocking handler work (database) runs here, never on I/O threads
    std::size_t body_limit = 10 * 1024 * 1024;
    int idle_timeout_seconds = 60;    // a keep-alive connection waiting for its next request
    int header_timeout_seconds = 10;  // from the first byte of a request to the end of its header
    int body_timeout_seconds = 120;   // the whole body, once the header has been accepted
    std::size_t max_connections = 1000;
    std::size_t max_connections_per_ip = 100;  // trusted proxies are exempt
    /// Peers whose X-Forwarded-For and X-Forwarded-Proto are believed (serve --trusted-proxy).
    std::vector<AddressBlock> trusted_proxies;
};

/// Parses "127.0.0.1:8080" or "[::1]:8080" into the config; false when malformed.
bool parse_listen(const std::string& text, ServerConfig& config);
/// Parses "10.0.0.0/8", "192.168.1.5" or "::1"; nullopt when malformed.
std::optional<AddressBlock> parse_address_block(const std::string& text);

/// HTTP/1.1 keep-alive server. Each request's handler runs on the worker pool; run() returns
/// after SIGTERM/SIGINT once in-flight requests have been answered.
class Server {
  public:
    using Handle = std::function<Response(Request&)>;
    /// Sees a request whose body has not arrived yet, header only, on the worker pool; a
    /// response refuses it before the body is read (and before `100 Continue`).
    using Precheck = std::function<std::optional<Response>(Request&)>;
    Server(ServerConfig config, Handle handle, Precheck precheck = {})
        : config_(std::move(config)), handle_(std::move(handle)), precheck_(std::move(precheck)) {}
    /// Binds, serves until a stop signal, then drains. Calls `on_listening(port)` once bound.
    void run(const std::function<void(unsigned short)>& on_listening = {});

  private:
    ServerConfig config_;
    Handle handle_;
    Precheck precheck_;
};

}  // namespace retainer::http
