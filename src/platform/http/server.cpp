// The only translation unit that includes Boost.Beast/Asio (it costs ~10 s and ~700 MB to compile).
#include "platform/http/server.hpp"

#include <spdlog/spdlog.h>

#include <atomic>
#include <boost/asio.hpp>
#include <boost/asio/experimental/as_tuple.hpp>
#include <boost/beast.hpp>
#include <chrono>
#include <map>
#include <memory>
#include <mutex>
#include <random>
#include <thread>

namespace retainer::http {
namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using tcp = asio::ip::tcp;
using asio::awaitable;
using asio::use_awaitable;
constexpr auto kTuple = asio::experimental::as_tuple(use_awaitable);

namespace {

std::string new_request_id() {
    thread_local std::mt19937_64 rng{std::random_device{}()};
    static constexpr char kHex[] = "0123456789abcdef";
    std::uint64_t v = rng();
    std::string id(16, '0');
    for (int i = 0; i < 16; ++i) id[static_cast<std::size_t>(i)] = kHex[(v >> (i * 4)) & 0xF];
    return id;
}

bool acceptable_request_id(const std::string& s) {
    if (s.empty() || s.size() > 64) return false;
    for (char c : s)
        if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-' && c != '_') return false;
    return true;
}

/// Connections the server knows of, so a stop can close the idle ones and wait for the busy.
class Registry {
  public:
    struct Entry {
        tcp::socket* socket;
        asio::any_io_executor executor;
        bool busy = false;
    };
    std::uint64_t add(tcp::socket* s, asio::any_io_executor ex) {
        std::lock_guard lock(mutex_);
        entries_[++next_] = Entry{s, std::move(ex)};
        return next_;
    }
    void remove(std::uint64_t id) {
        std::lock_guard lock(mutex_);
        entries_.erase(id);
    }
    void set_busy(std::uint64_t id, bool busy) {
        std::lock_guard lock(mutex_);
        entries_[id].busy = busy;
    }
    void close_idle() {
        std::lock_guard lock(mutex_);
        for (auto& [id, e] : entries_) {
            if (e.busy) continue;
            tcp::socket* s = e.socket;
            asio::post(e.executor, [s] {
                boost::system::error_code ec;
                s->cancel(ec);
            });
        }
    }

  private:
    std::mutex mutex_;
    std::map<std::uint64_t, Entry> entries_;
    std::uint64_t next_ = 0;
};

struct Shared {
    const ServerConfig& config;
    const Server::Handle& handle;
    asio::thread_pool& workers;
    Registry registry;
    std::atomic<bool> stopping{false};
};

Request to_request(const bhttp::request<bhttp::string_body>& in, const std::string& remote_ip) {
    Request r;
    r.received_at = std::chrono::steady_clock::now();
    r.method = std::string(in.method_string());
    r.target = std::string(in.target());
    std::string_view target = in.target();
    std::size_t q = target.find('?');
    auto path = percent_decode(target.substr(0, q), false);
    r.path = path ? *path : std::string("/\x01invalid");
    for (const auto& field : in) {
        std::string name(field.name_string());
        for (auto& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        r.headers[name] = std::string(field.value());
    }
    if (q != std::string_view::npos) {
        try {
            r.query = parse_query(target.substr(q + 1));
        } catch (...) {
            r.path = "/\x01invalid";
        }
    }
    r.body = in.body();
    r.remote_ip = remote_ip;
    auto incoming = r.headers.find("x-request-id");
    r.request_id = incoming != r.headers.end() && acceptable_request_id(incoming->second)
                       ? incoming->second
                       : new_request_id();
    return r;
}

bhttp::response<bhttp::string_body> to_beast(Response& res, unsigned version, bool keep_alive) {
    bhttp::response<bhttp::string_body> out{static_cast<bhttp::status>(res.status), version};
    out.set(bhttp::field::server, "retainer");
    out.set(bhttp::field::content_type, res.content_type);
    for (auto& [name, value] : res.headers) out.insert(name, value);
    out.body() = std::move(res.body);
    out.keep_alive(keep_alive);
    out.prepare_payload();
    return out;
}

awaitable<void> session(tcp::socket socket, Shared& shared) {
    beast::flat_buffer buffer;
    boost::system::error_code ec;
    std::string remote_ip = socket.remote_endpoint(ec).address().to_string();
    auto executor = co_await asio::this_coro::executor;
    std::uint64_t reg_id = shared.registry.add(&socket, executor);
    asio::steady_timer idle_timer(executor);

    for (;;) {
        if (shared.stopping) break;
        bhttp::request_parser<bhttp::string_body> parser;
        parser.body_limit(shared.config.body_limit);
        parser.header_limit(16 * 1024);

        // An idle keep-alive connection is closed after idle_timeout_seconds.
        idle_timer.expires_after(std::chrono::seconds(shared.config.idle_timeout_seconds));
        idle_timer.async_wait([&socket](boost::system::error_code e) {
            if (!e) {
                boost::system::error_code ignored;
                socket.cancel(ignored);
            }
        });
        auto [read_ec, n] = co_await bhttp::async_read(socket, buffer, parser, kTuple);
        idle_timer.cancel();
        (void)n;
        if (read_ec == bhttp::error::body_limit) {
            Response too_big;
            too_big.status = 413;
            too_big.body =
                R"({"error":{"code":"payload_too_large","message":"request body over the limit"}})";
            auto out = to_beast(too_big, 11, false);
            co_await bhttp::async_write(socket, out, kTuple);
            break;
        }
        if (read_ec) {
            if (read_ec != bhttp::error::end_of_stream &&
                read_ec != asio::error::operation_aborted &&
                read_ec != asio::error::connection_reset && read_ec != asio::error::eof) {
                Response bad;
                bad.status = 400;
                bad.body = R"({"error":{"code":"bad_request","message":"malformed HTTP request"}})";
                auto out = to_beast(bad, 11, false);
                co_await bhttp::async_write(socket, out, kTuple);
            }
            break;
        }
        shared.registry.set_busy(reg_id, true);
        auto& in = parser.get();
        Request request = to_request(in, remote_ip);
        bool keep_alive = in.keep_alive();
        const Server::Handle& handle = shared.handle;
        Response response = co_await asio::co_spawn(
            shared.workers,
            [&request, &handle]() -> awaitable<Response> { co_return handle(request); },
            use_awaitable);
        keep_alive = keep_alive && !shared.stopping;
        auto out = to_beast(response, in.version(), keep_alive);
        auto [write_ec, written] = co_await bhttp::async_write(socket, out, kTuple);
        (void)written;
        shared.registry.set_busy(reg_id, false);
        if (write_ec || !keep_alive) break;
    }
    shared.registry.remove(reg_id);
    socket.shutdown(tcp::socket::shutdown_send, ec);
    socket.close(ec);
}

awaitable<void> accept_loop(tcp::acceptor& acceptor, Shared& shared) {
    for (;;) {
        auto [ec, socket] = co_await acceptor.async_accept(kTuple);
        if (ec) {
            if (ec == asio::error::operation_aborted || !acceptor.is_open()) co_return;
            continue;  // e.g. too many open files: keep serving the others
        }
        socket.set_option(tcp::no_delay(true), ec);
        auto strand = asio::make_strand(acceptor.get_executor());
        asio::co_spawn(strand, session(std::move(socket), shared), asio::detached);
    }
}

}  // namespace

bool parse_listen(const std::string& text, ServerConfig& config) {
    std::size_t colon = text.rfind(':');
    if (colon == std::string::npos || colon == 0) return false;
    std::string host = text.substr(0, colon);
    if (host.front() == '[' && host.back() == ']') host = host.substr(1, host.size() - 2);
    std::string port = text.substr(colon + 1);
    if (port.empty() || port.size() > 5) return false;
    for (char c : port)
        if (c < '0' || c > '9') return false;
    int p = std::stoi(port);
    if (p > 65535) return false;
    boost::system::error_code ec;
    asio::ip::make_address(host, ec);
    if (ec) return false;
    config.host = host;
    config.port = static_cast<unsigned short>(p);
    return true;
}

void Server::run(const std::function<void(unsigned short)>& on_listening) {
    asio::io_context ioc(config_.io_threads);
    asio::thread_pool workers(static_cast<std::size_t>(config_.worker_threads));
    Shared shared{config_, handle_, workers, {}, {}};

    tcp::endpoint endpoint(asio::ip::make_address(config_.host), config_.port);
    tcp::acceptor acceptor(ioc);
    acceptor.open(endpoint.protocol());
    acceptor.set_option(asio::socket_base::reuse_address(true));
    acceptor.bind(endpoint);
    acceptor.listen(asio::socket_base::max_listen_connections);
    unsigned short bound = acceptor.local_endpoint().port();
    spdlog::info(R"({{"event":"listening","address":"{}","port":{}}})", config_.host, bound);
    if (on_listening) on_listening(bound);

    asio::co_spawn(ioc, accept_loop(acceptor, shared), asio::detached);

    asio::signal_set signals(ioc, SIGINT, SIGTERM);
    signals.async_wait([&](boost::system::error_code, int sig) {
        spdlog::info(R"({{"event":"stopping","signal":{}}})", sig);
        shared.stopping = true;
        boost::system::error_code ec;
        acceptor.close(ec);
        // Busy connections finish their request and then close (keep-alive is refused).
        shared.registry.close_idle();
    });

    std::vector<std::thread> threads;
    for (int i = 1; i < config_.io_threads; ++i) threads.emplace_back([&ioc] { ioc.run(); });
    ioc.run();
    for (auto& t : threads) t.join();
    workers.join();
    spdlog::info("{}", R"({"event":"stopped"})");
}

}  // namespace retainer::http
