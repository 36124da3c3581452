#pragma once
#include <cstddef>
#include <functional>
#include <string>

#include "platform/http/message.hpp"

namespace retainer::http {

struct ServerConfig {
    std::string host = "127.0.0.1";
    unsigned short port = 8080;
    int io_threads = 2;
    int worker_threads = 8;  // blocking handler work (database) runs here, never on I/O threads
    std::size_t body_limit = 10 * 1024 * 1024;
    int idle_timeout_seconds = 60;
};

/// Parses "127.0.0.1:8080" or "[::1]:8080" into the config; false when malformed.
bool parse_listen(const std::string& text, ServerConfig& config);

/// HTTP/1.1 keep-alive server. Each request's handler runs on the worker pool; run() returns
/// after SIGTERM/SIGINT once in-flight requests have been answered.
class Server {
  public:
    using Handle = std::function<Response(Request&)>;
    Server(ServerConfig config, Handle handle)
        : config_(std::move(config)), handle_(std::move(handle)) {}
    /// Binds, serves until a stop signal, then drains. Calls `on_listening(port)` once bound.
    void run(const std::function<void(unsigned short)>& on_listening = {});

  private:
    ServerConfig config_;
    Handle handle_;
};

}  // namespace retainer::http
