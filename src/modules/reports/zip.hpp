#pragma once
#include <cstdint>
#include <string>
#include <vector>

namespace retainer::reports {

/// A file to put into a zip archive: its path inside the archive and its bytes.
struct ZipEntry {
    std::string name;
    std::string data;
};

/// A ZIP archive (PKWARE APPNOTE, no ZIP64: each entry and the whole archive under 4 GiB) with
/// every entry deflated by zlib and stamped 1980-01-01 00:00, so equal input gives equal bytes.
/// Throws std::length_error beyond the limits.
std::string zip_archive(const std::vector<ZipEntry>& entries);

/// The CRC-32 of `data` as zip stores it.
std::uint32_t crc32_of(const std::string& data);

}  // namespace retainer::reports
