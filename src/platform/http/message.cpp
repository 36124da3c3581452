#include "platform/http/message.hpp"

#include "core/error.hpp"

// Kept apart from router.cpp so the readers of outside input (query strings, urlencoded forms)
// link without the router's logging and compression, e.g. into the fuzz targets.
namespace retainer::http {

std::optional<std::string> Request::header(const std::string& lower_name) const {
    auto it = headers.find(lower_name);
    if (it == headers.end()) return std::nullopt;
    return it->second;
}

std::optional<std::string> Request::cookie(const std::string& name) const {
    auto h = header("cookie");
    if (!h) return std::nullopt;
    std::string_view s = *h;
    while (!s.empty()) {
        std::size_t end = s.find(';');
        std::string_view part = s.substr(0, end);
        while (!part.empty() && part.front() == ' ') part.remove_prefix(1);
        std::size_t eq = part.find('=');
        if (eq != std::string_view::npos && part.substr(0, eq) == name)
            return std::string(part.substr(eq + 1));
        if (end == std::string_view::npos) break;
        s.remove_prefix(end + 1);
    }
    return std::nullopt;
}

std::optional<std::string> Request::param(const std::string& name) const {
    auto it = query.find(name);
    if (it == query.end()) return std::nullopt;
    return it->second;
}

const std::string* Response::find_header(std::string_view name) const {
    for (const auto& [n, v] : headers)
        if (n == name) return &v;
    return nullptr;
}

void Response::set_header(std::string name, std::string value) {
    for (auto& [n, v] : headers)
        if (n == name) {
            v = std::move(value);
            return;
        }
    headers.emplace_back(std::move(name), std::move(value));
}

std::optional<std::string> percent_decode(std::string_view s, bool plus_is_space) {
    std::string out;
    out.reserve(s.size());
    for (std::size_t i = 0; i < s.size(); ++i) {
        char c = s[i];
        if (c == '%') {
            if (i + 2 >= s.size()) return std::nullopt;
            auto hex = [](char h) -> int {
                if (h >= '0' && h <= '9') return h - '0';
                if (h >= 'a' && h <= 'f') return h - 'a' + 10;
                if (h >= 'A' && h <= 'F') return h - 'A' + 10;
                return -1;
            };
            int hi = hex(s[i + 1]), lo = hex(s[i + 2]);
            if (hi < 0 || lo < 0) return std::nullopt;
            out += static_cast<char>(hi * 16 + lo);
            i += 2;
        } else if (c == '+' && plus_is_space) {
            out += ' ';
        } else {
            out += c;
        }
    }
    return out;
}

std::map<std::string, std::string> parse_query(std::string_view query) {
    std::map<std::string, std::string> out;
    while (!query.empty()) {
        std::size_t end = query.find('&');
        std::string_view part = query.substr(0, end);
        if (!part.empty()) {
            std::size_t eq = part.find('=');
            auto key = percent_decode(part.substr(0, eq), true);
            auto value = eq == std::string_view::npos ? std::optional<std::string>("")
                                                      : percent_decode(part.substr(eq + 1), true);
            if (!key || !value) throw bad_request("malformed query string");
            out[*key] = *value;
        }
        if (end == std::string_view::npos) break;
        query.remove_prefix(end + 1);
    }
    return out;
}

}  // namespace retainer::http
