#include "platform/http/gzip.hpp"

#include <zlib.h>

#include <cctype>

namespace retainer::http {

std::optional<std::string> gzip(std::string_view data, int level) {
    z_stream zs{};
    // windowBits 15 + 16 asks zlib for the gzip wrapper instead of zlib's own.
    if (deflateInit2(&zs, level, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK)
        return std::nullopt;
    std::string out;
    out.resize(deflateBound(&zs, static_cast<uLong>(data.size())));
    zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
    zs.avail_in = static_cast<uInt>(data.size());
    zs.next_out = reinterpret_cast<Bytef*>(out.data());
    zs.avail_out = static_cast<uInt>(out.size());
    int rc = deflate(&zs, Z_FINISH);
    std::size_t produced = zs.total_out;
    deflateEnd(&zs);
    if (rc != Z_STREAM_END) return std::nullopt;
    out.resize(produced);
    return out;
}

bool accepts_gzip(std::string_view header) {
    // Tokens are comma-separated, each optionally with ";q=…"; only "gzip;q=0" refuses.
    std::size_t pos = 0;
    while (pos <= header.size()) {
        std::size_t end = header.find(',', pos);
        if (end == std::string_view::npos) end = header.size();
        std::string_view token = header.substr(pos, end - pos);
        pos = end + 1;
        while (!token.empty() && std::isspace(static_cast<unsigned char>(token.front())))
            token.remove_prefix(1);
        std::string_view name = token.substr(0, token.find(';'));
        while (!name.empty() && std::isspace(static_cast<unsigned char>(name.back())))
            name.remove_suffix(1);
        std::string lower;
        for (char c : name) lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        if (lower != "gzip" && lower != "*") continue;
        std::size_t q = token.find("q=");
        if (q == std::string_view::npos) return true;
        std::string_view qv = token.substr(q + 2);
        bool zero = !qv.empty() && qv.find_first_not_of("0. ") == std::string_view::npos;
        return !zero;
    }
    return false;
}

}  // namespace retainer::http
