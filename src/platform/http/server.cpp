// The only translation unit that includes Boost.Beast/Asio (it costs ~10 s and ~700 MB to compile).
#include "platform/http/server.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
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
#include <unordered_map>

#include "platform/http/router.hpp"

namespace retainer::http {
namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using tcp = asio::ip::tcp;
using asio::awaitable;
using asio::use_awaitable;
using std::chrono::seconds;
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

bool acceptable_request_id(std::string_view s) {
    if (s.empty() || s.size() > 64) return false;
    for (char c : s)
        if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-' && c != '_') return false;
    return true;
}

/// The caller's X-Request-Id if sane, else a new one.
std::string request_id_of(const bhttp::fields& head) {
    auto it = head.find("X-Request-Id");
    if (it != head.end() && acceptable_request_id(it->value())) return std::string(it->value());
    return new_request_id();
}

std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
    return s;
}

// ------------------------------------------------------------------ addresses

/// An IPv4 peer of a dual-stack socket arrives as ::ffff:a.b.c.d; limits and proxies see a.b.c.d.
asio::ip::address normalized(const asio::ip::address& a) {
    if (a.is_v6() && a.to_v6().is_v4_mapped())
        return asio::ip::make_address_v4(asio::ip::v4_mapped, a.to_v6());
    return a;
}

bool contains(const AddressBlock& block, const asio::ip::address& a) {
    if (a.is_v4() != block.v4) return false;
    std::array<unsigned char, 16> bytes{};
    if (a.is_v4()) {
        auto b = a.to_v4().to_bytes();
        std::copy(b.begin(), b.end(), bytes.begin());
    } else {
        bytes = a.to_v6().to_bytes();
    }
    int bits = block.prefix_bits;
    for (std::size_t i = 0; bits > 0; ++i, bits -= 8) {
        unsigned mask = bits >= 8 ? 0xFFu : (0xFFu << (8 - bits)) & 0xFFu;
        if ((bytes[i] & mask) != (block.bytes[i] & mask)) return false;
    }
    return true;
}

bool is_trusted(const ServerConfig& config, const asio::ip::address& a) {
    return std::any_of(config.trusted_proxies.begin(), config.trusted_proxies.end(),
                       [&](const AddressBlock& b) { return contains(b, a); });
}

/// One address of an X-Forwarded-For list; some proxies add a port ("1.2.3.4:5", "[::1]:5").
std::optional<asio::ip::address> forwarded_address(std::string_view s) {
    s = trim(s);
    if (!s.empty() && s.front() == '[') {
        std::size_t close = s.find(']');
        if (close == std::string_view::npos) return std::nullopt;
        s = s.substr(1, close - 1);
    } else if (std::count(s.begin(), s.end(), ':') == 1) {
        s = s.substr(0, s.find(':'));
    }
    boost::system::error_code ec;
    auto a = asio::ip::make_address(s, ec);
    if (ec) return std::nullopt;
    return normalized(a);
}

/// Every value of a header, its lines joined in order into one comma-separated list.
std::vector<std::string_view> list_values(const bhttp::fields& head, std::string_view name) {
    std::vector<std::string_view> out;
    auto range = head.equal_range(name);
    for (auto it = range.first; it != range.second; ++it) {
        std::string_view v = it->value();
        while (true) {
            std::size_t comma = v.find(',');
            out.push_back(trim(v.substr(0, comma)));
            if (comma == std::string_view::npos) break;
            v.remove_prefix(comma + 1);
        }
    }
    return out;
}

struct Peer {
    asio::ip::address address;
    std::string ip;
    bool trusted = false;  // a --trusted-proxy: its X-Forwarded-* headers are believed
    bool loopback = false;
};

// ------------------------------------------------------------------ connections

/// Connections the server knows of, so a stop can close the idle ones and wait for the busy.
class Registry {
  public:
    struct Entry {
        beast::tcp_stream* stream;
        asio::any_io_executor executor;
        bool busy = false;
    };
    std::uint64_t add(beast::tcp_stream* s, asio::any_io_executor ex) {
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
            // Looked up again on the connection's strand: by then the connection may have ended
            // and its stream be gone (it leaves the registry, on that strand, before that).
            asio::post(e.executor, [this, id = id] {
                std::lock_guard again(mutex_);
                auto it = entries_.find(id);
                if (it == entries_.end() || it->second.busy) return;
                boost::system::error_code ec;
                it->second.stream->socket().cancel(ec);
            });
        }
    }

  private:
    std::mutex mutex_;
    std::map<std::uint64_t, Entry> entries_;
    std::uint64_t next_ = 0;
};

/// Open connections in total and per peer address (serve --max-connections,
/// --max-connections-per-ip).
class ConnectionLimits {
  public:
    enum class Verdict { kAdmitted, kTooMany, kTooManyFromPeer };
    ConnectionLimits(std::size_t total, std::size_t per_ip)
        : max_total_(total), max_per_ip_(per_ip) {}

    Verdict admit(const Peer& peer) {
        std::lock_guard lock(mutex_);
        if (total_ >= max_total_) return Verdict::kTooMany;
        if (!peer.trusted) {
            std::size_t& n = per_ip_[peer.ip];
            if (n >= max_per_ip_) {
                if (n == 0) per_ip_.erase(peer.ip);
                return Verdict::kTooManyFromPeer;
            }
            ++n;
        }
        ++total_;
        return Verdict::kAdmitted;
    }
    void release(const Peer& peer) {
        std::lock_guard lock(mutex_);
        --total_;
        if (peer.trusted) return;
        auto it = per_ip_.find(peer.ip);
        if (it != per_ip_.end() && --it->second == 0) per_ip_.erase(it);
    }

  private:
    std::mutex mutex_;
    std::size_t max_total_;
    std::size_t max_per_ip_;
    std::size_t total_ = 0;
    std::unordered_map<std::string, std::size_t> per_ip_;
};

struct Shared {
    Shared(const ServerConfig& c, const Server::Handle& h, const Server::Precheck& p,
           asio::thread_pool& w)
        : config(c),
          handle(h),
          precheck(p),
          workers(w),
          limits(c.max_connections, c.max_connections_per_ip) {}
    const ServerConfig& config;
    const Server::Handle& handle;
    const Server::Precheck& precheck;
    asio::thread_pool& workers;
    Registry registry;
    ConnectionLimits limits;
    std::atomic<bool> stopping{false};
    std::atomic<int> refusing{0};  // over-limit connections being answered 503
    std::atomic<std::int64_t> last_refusal_log{0};
};

/// Holds a connection's place in the limits for as long as its coroutine lives.
class Admission {
  public:
    Admission(ConnectionLimits& limits, const Peer& peer) : limits_(limits), peer_(peer) {}
    ~Admission() { limits_.release(peer_); }
    Admission(const Admission&) = delete;
    Admission& operator=(const Admission&) = delete;

  private:
    ConnectionLimits& limits_;
    const Peer& peer_;
};

class Registration {
  public:
    Registration(Registry& r, beast::tcp_stream* s, asio::any_io_executor ex)
        : registry_(r), id_(r.add(s, std::move(ex))) {}
    ~Registration() { registry_.remove(id_); }
    Registration(const Registration&) = delete;
    Registration& operator=(const Registration&) = delete;
    void busy(bool b) { registry_.set_busy(id_, b); }

  private:
    Registry& registry_;
    std::uint64_t id_;
};

// ------------------------------------------------------------------ requests and responses

/// The origin-form of a request target; an absolute-form target ("http://host/path?q",
/// RFC 9112 §3.2.2) is routed by its path. Empty when the target is neither.
std::string origin_form(std::string_view target) {
    if (!target.empty() && target.front() == '/') return std::string(target);
    std::size_t sep = target.find("://");
    if (sep == std::string_view::npos) return "";
    std::string scheme(target.substr(0, sep));
    for (auto& c : scheme) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (scheme != "http" && scheme != "https") return "";
    std::string_view rest = target.substr(sep + 3);
    std::size_t path = rest.find_first_of("/?");
    if (path == std::string_view::npos) return "/";
    if (rest[path] == '?') return "/" + std::string(rest.substr(path));
    return std::string(rest.substr(path));
}

/// Why an HTTP/1.1 request's Host is unacceptable (RFC 9112 §3.2), or nullptr.
const char* host_problem(const bhttp::request<bhttp::string_body>& in) {
    std::size_t n = in.count(bhttp::field::host);
    if (n > 1) return "more than one Host header";
    if (n == 0) return in.version() >= 11 ? "missing Host header" : nullptr;
    for (char c : in[bhttp::field::host]) {
        bool ok = std::isalnum(static_cast<unsigned char>(c)) ||
                  std::string_view("-._~!$&'()*+,;=%:[]").find(c) != std::string_view::npos;
        if (!ok) return "malformed Host header";
    }
    return nullptr;
}

Request to_request(const bhttp::request<bhttp::string_body>& in, const Peer& peer,
                   const ServerConfig& config, std::string request_id) {
    Request r;
    r.received_at = std::chrono::steady_clock::now();
    r.method = std::string(in.method_string());
    r.target = origin_form(in.target());
    std::string_view target = r.target;
    std::size_t q = target.find('?');
    auto path = target.empty() ? std::nullopt : percent_decode(target.substr(0, q), false);
    // The router answers 400 to a path with this marker (no decodable path has a control byte).
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
    r.remote_ip = peer.ip;
    r.via_trusted_proxy = peer.trusted;
    r.loopback_peer = peer.loopback;
    if (peer.trusted) {
        // The client is the right-most address that is not itself a trusted proxy; everything
        // left of it was written by the client and proves nothing.
        auto hops = list_values(in, "X-Forwarded-For");
        for (auto it = hops.rbegin(); it != hops.rend(); ++it) {
            auto a = forwarded_address(*it);
            if (!a) break;
            r.remote_ip = a->to_string();
            if (!is_trusted(config, *a)) break;
        }
        auto protos = list_values(in, "X-Forwarded-Proto");
        r.https = !protos.empty() && beast::iequals(protos.back(), "https");
    }
    r.request_id = std::move(request_id);
    return r;
}

bool may_have_body(int status) { return status >= 200 && status != 204 && status != 304; }

bhttp::response<bhttp::string_body> to_beast(Response& res, unsigned version, bool keep_alive) {
    bhttp::response<bhttp::string_body> out{static_cast<bhttp::status>(res.status), version};
    out.set(bhttp::field::server, "retainer");
    if (may_have_body(res.status)) out.set(bhttp::field::content_type, res.content_type);
    for (auto& [name, value] : res.headers) out.insert(name, value);
    out.body() = std::move(res.body);
    out.keep_alive(keep_alive);
    // 204 and 304 carry no Content-Length (RFC 9110 §8.6); HEAD states the GET's.
    if (res.head_length)
        out.content_length(*res.head_length);
    else if (may_have_body(res.status))
        out.prepare_payload();
    return out;
}

/// An answer the server gives on its own, outside the router (malformed or oversized requests,
/// connection limits); it carries the same security headers and request id as the router's.
Response server_answer(int status, const std::string& code, const std::string& message,
                       const std::string& request_id) {
    Response r = error_response(status, code, message);
    add_security_headers(r, true);
    r.set_header("X-Request-Id", request_id);
    return r;
}

awaitable<boost::system::error_code> send(beast::tcp_stream& stream, Response& res,
                                          unsigned version, bool keep_alive) {
    auto out = to_beast(res, version, keep_alive);
    auto [ec, n] = co_await bhttp::async_write(stream, out, kTuple);
    (void)n;
    co_return ec;
}

/// Closes a connection whose request was refused before it was read to the end. Closing with
/// unread input makes the kernel send a reset, which can destroy the answer before the client
/// reads it; so stop sending, then drop what still arrives, for at most 2 s and 1 MiB.
awaitable<void> linger_close(beast::tcp_stream& stream) {
    boost::system::error_code ec;
    stream.socket().shutdown(tcp::socket::shutdown_send, ec);
    stream.expires_after(seconds(2));
    std::array<char, 8192> sink;
    std::size_t dropped = 0;
    while (dropped < (1u << 20)) {
        auto [rec, n] = co_await stream.async_read_some(asio::buffer(sink), kTuple);
        if (rec) break;
        dropped += n;
    }
    stream.close();
}

awaitable<void> refuse(beast::tcp_stream& stream, Response response, unsigned version) {
    stream.expires_after(seconds(5));
    co_await send(stream, response, version, false);
    co_await linger_close(stream);
}

/// The ends of a connection that deserve no answer: the client left, went quiet, or we stop.
bool quiet_end(const boost::system::error_code& ec) {
    return ec == bhttp::error::end_of_stream || ec == beast::error::timeout ||
           ec == asio::error::operation_aborted || ec == asio::error::connection_reset ||
           ec == asio::error::eof || ec == asio::error::broken_pipe;
}

bool expects_continue(const bhttp::request<bhttp::string_body>& in) {
    // A 1.0 client never waits for 100 Continue (RFC 9110 §10.1.1).
    return in.version() >= 11 && beast::iequals(in[bhttp::field::expect], "100-continue");
}

awaitable<void> session(beast::tcp_stream stream, Shared& shared, Peer peer) {
    Admission admission(shared.limits, peer);
    const ServerConfig& config = shared.config;
    beast::flat_buffer buffer;
    Registration registration(shared.registry, &stream, co_await asio::this_coro::executor);

    for (bool first = true;; first = false) {
        if (shared.stopping) break;
        // A keep-alive connection may wait idle_timeout for its next request; from the first
        // byte on, the header must be complete within header_timeout (and a new connection gets
        // only that), so a slow trickle cannot hold a connection for long.
        if (!first && buffer.size() == 0) {
            stream.expires_after(seconds(config.idle_timeout_seconds));
            auto [ec, n] = co_await stream.async_read_some(buffer.prepare(8192), kTuple);
            if (ec) break;
            buffer.commit(n);
        }
        bhttp::request_parser<bhttp::string_body> parser;
        parser.header_limit(16 * 1024);
        parser.body_limit(config.body_limit);
        stream.expires_after(seconds(config.header_timeout_seconds));
        auto [head_ec, head_n] = co_await bhttp::async_read_header(stream, buffer, parser, kTuple);
        (void)head_n;
        auto& in = parser.get();
        if (head_ec == bhttp::error::body_limit) {
            // Content-Length over the limit: refused before a byte of the body is read.
            co_await refuse(stream,
                            server_answer(413, "payload_too_large", "request body over the limit",
                                          request_id_of(in)),
                            11);
            break;
        }
        if (head_ec) {
            if (!quiet_end(head_ec))
                co_await refuse(
                    stream,
                    server_answer(400, "bad_request", "malformed HTTP request", new_request_id()),
                    11);
            break;
        }
        std::string request_id = request_id_of(in);
        if (const char* problem = host_problem(in)) {
            co_await refuse(stream, server_answer(400, "bad_request", problem, request_id),
                            in.version());
            break;
        }
        registration.busy(true);
        Request request = to_request(in, peer, config, std::move(request_id));
        auto declared = parser.content_length();
        bool has_body = parser.chunked() || (declared && *declared > 0);
        // A body that came in the header's packets costs nothing more to read; otherwise ask the
        // router first whether the request would be refused anyway (its DB lookup runs on the
        // worker pool), and only then invite the body.
        bool body_arrived = !parser.chunked() && declared && buffer.size() >= *declared;
        if (has_body && !body_arrived) {
            if (shared.precheck) {
                const Server::Precheck& precheck = shared.precheck;
                std::optional<Response> refusal = co_await asio::co_spawn(
                    shared.workers,
                    [&request, &precheck]() -> awaitable<std::optional<Response>> {
                        co_return precheck(request);
                    },
                    use_awaitable);
                if (refusal) {
                    co_await refuse(stream, std::move(*refusal), in.version());
                    break;
                }
            }
            if (expects_continue(in)) {
                bhttp::response<bhttp::empty_body> go_on{bhttp::status::continue_, in.version()};
                stream.expires_after(seconds(config.header_timeout_seconds));
                auto [ec, n] = co_await bhttp::async_write(stream, go_on, kTuple);
                (void)n;
                if (ec) break;
            }
        }
        if (has_body) {
            stream.expires_after(seconds(config.body_timeout_seconds));
            auto [body_ec, body_n] = co_await bhttp::async_read(stream, buffer, parser, kTuple);
            (void)body_n;
            if (body_ec == bhttp::error::body_limit) {
                co_await refuse(stream,
                                server_answer(413, "payload_too_large",
                                              "request body over the limit", request.request_id),
                                in.version());
                break;
            }
            if (body_ec) {
                if (!quiet_end(body_ec))
                    co_await refuse(stream,
                                    server_answer(400, "bad_request", "malformed request body",
                                                  request.request_id),
                                    in.version());
                break;
            }
            request.body = std::move(in.body());
        }
        stream.expires_never();
        bool keep_alive = in.keep_alive();
        const Server::Handle& handle = shared.handle;
        Response response = co_await asio::co_spawn(
            shared.workers,
            [&request, &handle]() -> awaitable<Response> { co_return handle(request); },
            use_awaitable);
        keep_alive = keep_alive && !shared.stopping;
        auto write_ec = co_await send(stream, response, in.version(), keep_alive);
        registration.busy(false);
        if (write_ec || !keep_alive) break;
    }
    boost::system::error_code ec;
    stream.socket().shutdown(tcp::socket::shutdown_send, ec);
    stream.close();
}

/// A connection over a limit: answered 503 with Retry-After and closed.
awaitable<void> turn_away(beast::tcp_stream stream, Shared& shared) {
    Response r = server_answer(503, "unavailable", "too many connections; try again shortly",
                               new_request_id());
    r.set_header("Retry-After", "5");
    co_await refuse(stream, std::move(r), 11);
    --shared.refusing;
}

void log_refusal(Shared& shared, const Peer& peer, ConnectionLimits::Verdict verdict) {
    // Once per 10 s at most: a flood must not turn into a flood of log lines.
    std::int64_t now =
        std::chrono::duration_cast<seconds>(std::chrono::steady_clock::now().time_since_epoch())
            .count();
    std::int64_t last = shared.last_refusal_log.load();
    if (now - last < 10 || !shared.last_refusal_log.compare_exchange_strong(last, now)) return;
    spdlog::warn(R"({{"event":"connection_refused","reason":"{}","ip":"{}"}})",
                 verdict == ConnectionLimits::Verdict::kTooMany ? "max_connections"
                                                                : "max_connections_per_ip",
                 peer.ip);
}

awaitable<void> accept_loop(tcp::acceptor& acceptor, Shared& shared) {
    asio::steady_timer pause(acceptor.get_executor());
    std::chrono::milliseconds backoff{0};
    std::size_t failures = 0;
    for (;;) {
        // Each connection gets its own strand: its coroutine, timers and socket share it.
        auto strand = asio::make_strand(acceptor.get_executor());
        auto [ec, socket] = co_await acceptor.async_accept(strand, kTuple);
        if (ec) {
            if (ec == asio::error::operation_aborted || !acceptor.is_open()) co_return;
            // Out of descriptors (EMFILE, ENFILE) and the like: the pending connection keeps the
            // listening socket readable, so retrying at once would spin a core. Back off,
            // 10 ms doubling to 1 s, while the errors last; one log line per burst.
            if (failures++ == 0)
                spdlog::warn(R"({{"event":"accept_failing","reason":"{}"}})", ec.message());
            backoff = std::min<std::chrono::milliseconds>(
                backoff.count() ? backoff * 2 : std::chrono::milliseconds(10), seconds(1));
            pause.expires_after(backoff);
            co_await pause.async_wait(kTuple);
            continue;
        }
        if (failures) {
            spdlog::info(R"({{"event":"accept_recovered","failed_attempts":{}}})", failures);
            failures = 0;
            backoff = std::chrono::milliseconds(0);
        }
        boost::system::error_code peer_ec;
        tcp::endpoint remote = socket.remote_endpoint(peer_ec);
        if (peer_ec) continue;  // already gone
        socket.set_option(tcp::no_delay(true), peer_ec);
        Peer peer;
        peer.address = normalized(remote.address());
        peer.ip = peer.address.to_string();
        peer.trusted = is_trusted(shared.config, peer.address);
        peer.loopback = peer.address.is_loopback();
        auto verdict = shared.limits.admit(peer);
        if (verdict == ConnectionLimits::Verdict::kAdmitted) {
            asio::co_spawn(strand, session(beast::tcp_stream(std::move(socket)), shared, peer),
                           asio::detached);
            continue;
        }
        log_refusal(shared, peer, verdict);
        // Answering costs a descriptor for up to a few seconds; past a handful at once, close.
        if (shared.refusing.load() >= 64) continue;
        ++shared.refusing;
        asio::co_spawn(strand, turn_away(beast::tcp_stream(std::move(socket)), shared),
                       asio::detached);
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

std::optional<AddressBlock> parse_address_block(const std::string& text) {
    std::size_t slash = text.find('/');
    boost::system::error_code ec;
    auto address = asio::ip::make_address(text.substr(0, slash), ec);
    if (ec) return std::nullopt;
    address = normalized(address);
    AddressBlock block;
    block.v4 = address.is_v4();
    int max_bits = block.v4 ? 32 : 128;
    block.prefix_bits = max_bits;
    if (slash != std::string::npos) {
        std::string bits = text.substr(slash + 1);
        if (bits.empty() || bits.size() > 3 ||
            bits.find_first_not_of("0123456789") != std::string::npos)
            return std::nullopt;
        block.prefix_bits = std::stoi(bits);
        if (block.prefix_bits > max_bits) return std::nullopt;
    }
    if (block.v4) {
        auto b = address.to_v4().to_bytes();
        std::copy(b.begin(), b.end(), block.bytes.begin());
    } else {
        block.bytes = address.to_v6().to_bytes();
    }
    return block;
}

void Server::run(const std::function<void(unsigned short)>& on_listening) {
    asio::io_context ioc(config_.io_threads);
    asio::thread_pool workers(static_cast<std::size_t>(config_.worker_threads));
    Shared shared(config_, handle_, precheck_, workers);

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
