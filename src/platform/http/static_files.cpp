#include "platform/http/static_files.hpp"

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "platform/http/validators.hpp"

namespace retainer::http {
namespace {

std::string content_type_for(const std::filesystem::path& p) {
    static const std::pair<const char*, const char*> kTypes[] = {
        {".html", "text/html; charset=utf-8"},
        {".js", "text/javascript; charset=utf-8"},
        {".css", "text/css; charset=utf-8"},
        {".json", "application/json"},
        {".svg", "image/svg+xml"},
        {".png", "image/png"},
        {".jpg", "image/jpeg"},
        {".jpeg", "image/jpeg"},
        {".webp", "image/webp"},
        {".ico", "image/x-icon"},
        {".woff2", "font/woff2"},
        {".woff", "font/woff"},
        {".txt", "text/plain; charset=utf-8"},
        {".map", "application/json"},
    };
    std::string ext = p.extension().string();
    for (auto [e, t] : kTypes)
        if (ext == e) return t;
    return "application/octet-stream";
}

std::optional<std::string> read_file(const std::filesystem::path& p) {
    std::ifstream in(p, std::ios::binary);
    if (!in) return std::nullopt;
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

}  // namespace

std::optional<Response> serve_static(const std::string& root, const Request& request) {
    namespace fs = std::filesystem;
    if (root.empty()) return std::nullopt;
    std::error_code ec;
    fs::path base = fs::canonical(root, ec);
    if (ec) return std::nullopt;

    fs::path file;
    bool traversal = request.path.find("..") != std::string::npos ||
                     request.path.find('\\') != std::string::npos ||
                     request.path.find('\0') != std::string::npos;
    if (!traversal && request.path != "/") {
        fs::path candidate = fs::weakly_canonical(base / request.path.substr(1), ec);
        auto rel = candidate.lexically_relative(base);
        if (!ec && !rel.empty() && *rel.begin() != ".." && fs::is_regular_file(candidate, ec))
            file = candidate;
    }
    bool fallback = file.empty();
    if (fallback) file = base / "index.html";
    auto body = read_file(file);
    if (!body) return std::nullopt;
    Response r;
    r.content_type = content_type_for(file);
    r.body = std::move(*body);
    // Validators from the file's size and modification time, as most servers do: no hashing, and
    // a rebuilt web UI changes both. The router answers If-None-Match / If-Modified-Since.
    auto modified = fs::last_write_time(file, ec);
    if (!ec) {
        auto since_epoch = std::chrono::file_clock::to_sys(modified).time_since_epoch();
        auto ns = std::chrono::duration_cast<std::chrono::nanoseconds>(since_epoch).count();
        char tag[64];
        std::snprintf(tag, sizeof tag, "W/\"%zx-%llx\"", r.body.size(),
                      static_cast<unsigned long long>(ns));
        r.set_header("ETag", tag);
        r.set_header(
            "Last-Modified",
            http_date(std::chrono::duration_cast<std::chrono::seconds>(since_epoch).count()));
    }
    // Vite fingerprints everything under assets/; index.html must always be revalidated.
    bool hashed = !fallback && request.path.rfind("/assets/", 0) == 0;
    r.set_header("Cache-Control", hashed ? "public, max-age=31536000, immutable" : "no-cache");
    return r;
}

}  // namespace retainer::http
