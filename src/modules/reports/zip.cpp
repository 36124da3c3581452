#include "modules/reports/zip.hpp"

#include <zlib.h>

#include <cstdint>
#include <limits>
#include <stdexcept>

namespace retainer::reports {
namespace {

constexpr std::uint16_t kVersionNeeded = 20;  // 2.0: deflate
constexpr std::uint16_t kMethodDeflate = 8;
constexpr std::uint16_t kDosDate1980 = (0 << 9) | (1 << 5) | 1;  // 1980-01-01, the DOS epoch

void put16(std::string& out, std::uint16_t v) {
    out += static_cast<char>(v & 0xFF);
    out += static_cast<char>(v >> 8);
}

void put32(std::string& out, std::uint32_t v) {
    for (int i = 0; i < 4; ++i) out += static_cast<char>((v >> (8 * i)) & 0xFF);
}

std::uint32_t checked32(std::size_t v) {
    if (v > std::numeric_limits<std::uint32_t>::max())
        throw std::length_error("zip: over 4 GiB needs ZIP64");
    return static_cast<std::uint32_t>(v);
}

// Raw deflate (no zlib header), as zip method 8 requires; the fastest level, since spreadsheet XML
// shrinks tenfold even so.
std::string deflate_raw(const std::string& data) {
    z_stream zs{};
    if (deflateInit2(&zs, Z_BEST_SPEED, Z_DEFLATED, -15, 8, Z_DEFAULT_STRATEGY) != Z_OK)
        throw std::runtime_error("zip: deflateInit2 failed");
    std::string out(deflateBound(&zs, static_cast<uLong>(data.size())), '\0');
    zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
    zs.avail_in = static_cast<uInt>(data.size());
    zs.next_out = reinterpret_cast<Bytef*>(out.data());
    zs.avail_out = static_cast<uInt>(out.size());
    int rc = deflate(&zs, Z_FINISH);
    std::size_t written = zs.total_out;
    deflateEnd(&zs);
    if (rc != Z_STREAM_END) throw std::runtime_error("zip: deflate failed");
    out.resize(written);
    return out;
}

}  // namespace

std::uint32_t crc32_of(const std::string& data) {
    return static_cast<std::uint32_t>(crc32(
        crc32(0L, Z_NULL, 0), reinterpret_cast<const Bytef*>(data.data()), checked32(data.size())));
}

std::string zip_archive(const std::vector<ZipEntry>& entries) {
    if (entries.size() > std::numeric_limits<std::uint16_t>::max())
        throw std::length_error("zip: too many entries");
    std::string out;
    std::string directory;
    for (const ZipEntry& e : entries) {
        std::uint32_t crc = crc32_of(e.data);
        std::string packed = deflate_raw(e.data);
        std::uint32_t offset = checked32(out.size());
        auto common = [&](std::string& h) {
            put16(h, kVersionNeeded);
            put16(h, 0);  // flags
            put16(h, kMethodDeflate);
            put16(h, 0);  // time 00:00
            put16(h, kDosDate1980);
            put32(h, crc);
            put32(h, checked32(packed.size()));
            put32(h, checked32(e.data.size()));
            put16(h, static_cast<std::uint16_t>(e.name.size()));
            put16(h, 0);  // extra field length
        };
        put32(out, 0x04034b50);
        common(out);
        out += e.name;
        out += packed;

        put32(directory, 0x02014b50);
        put16(directory, kVersionNeeded);  // version made by: MS-DOS, 2.0
        common(directory);
        put16(directory, 0);  // comment length
        put16(directory, 0);  // disk number
        put16(directory, 0);  // internal attributes
        put32(directory, 0);  // external attributes
        put32(directory, offset);
        directory += e.name;
    }
    std::uint32_t directory_offset = checked32(out.size());
    out += directory;
    put32(out, 0x06054b50);
    put16(out, 0);  // this disk
    put16(out, 0);  // disk with the directory
    put16(out, static_cast<std::uint16_t>(entries.size()));
    put16(out, static_cast<std::uint16_t>(entries.size()));
    put32(out, checked32(directory.size()));
    put32(out, directory_offset);
    put16(out, 0);  // comment length
    checked32(out.size());
    return out;
}

}  // namespace retainer::reports
