#include "engine/capture/capture_reader.h"

#include <sys/stat.h>

#include <cerrno>
#include <cstdio>
#include <cstring>

#include "engine/capture/netmon_reader.h"
#include "engine/capture/pcap_reader.h"
#include "engine/capture/pcapng_reader.h"
#include "engine/common/error.h"

namespace flowcnn::capture {

std::string format_name(CaptureFormat f) {
    switch (f) {
        case CaptureFormat::Pcap: return "pcap";
        case CaptureFormat::PcapNg: return "pcapng";
        case CaptureFormat::NetMon: return "netmon";
        case CaptureFormat::Live: return "live";
    }
    return "unknown";
}

namespace {

// Picks the reader from the first four bytes; `make` builds it for the detected format.
template <class Make>
std::unique_ptr<CaptureReader> open_with_magic(const unsigned char* m, const std::string& path, Make&& make) {
    std::uint32_t be = (std::uint32_t{m[0]} << 24) | (std::uint32_t{m[1]} << 16) |
                       (std::uint32_t{m[2]} << 8) | m[3];
    switch (be) {
        case 0xa1b2c3d4: case 0xd4c3b2a1:  // pcap, microseconds (both byte orders)
        case 0xa1b23c4d: case 0x4d3cb2a1:  // pcap, nanoseconds
        case 0xa1b2cd34: case 0x34cdb2a1:  // Kuznetzov's modified pcap
            return make(CaptureFormat::Pcap);
        case 0x0a0d0d0a:  // pcapng section header block
            return make(CaptureFormat::PcapNg);
        default: break;
    }
    if (std::memcmp(m, "GMBU", 4) == 0) return make(CaptureFormat::NetMon);
    if (std::memcmp(m, "RTSS", 4) == 0)
        throw FormatError("'" + path + "' is a Network Monitor 1.x capture; only 2.x is supported "
                          "(re-save it with Network Monitor 3 or convert it to pcap)");
    if (m[0] == 0x1f && m[1] == 0x8b)
        throw FormatError("'" + path + "' is gzip-compressed; decompress it first");
    char hex[16];
    std::snprintf(hex, sizeof hex, "%02x%02x%02x%02x", m[0], m[1], m[2], m[3]);
    throw FormatError("'" + path + "' is not a pcap, pcapng or Network Monitor 2.x capture (magic " +
                      hex + ")");
}

}  // namespace

std::unique_ptr<CaptureReader> open_capture(const std::string& path) {
    struct stat st {};
    if (::stat(path.c_str(), &st) != 0)
        throw IoError("cannot open '" + path + "': " + std::strerror(errno));
    if (S_ISDIR(st.st_mode)) throw IoError("cannot open '" + path + "': it is a directory");
    std::FILE* f = std::fopen(path.c_str(), "rb");
    if (!f) throw IoError("cannot open '" + path + "': " + std::strerror(errno));
    unsigned char m[4] = {};
    std::size_t got = std::fread(m, 1, sizeof m, f);
    bool read_error = std::ferror(f) != 0;
    int err = errno;
    std::fclose(f);
    if (read_error) throw IoError("cannot read '" + path + "': " + std::strerror(err));
    if (got < sizeof m)
        throw FormatError("'" + path + "' is not a capture file: it is only " + std::to_string(got) +
                          " bytes long");

    return open_with_magic(m, path, [&](CaptureFormat fmt) -> std::unique_ptr<CaptureReader> {
        if (fmt == CaptureFormat::NetMon) return std::make_unique<NetmonReader>(path);
        if (fmt == CaptureFormat::PcapNg) return std::make_unique<PcapngReader>(path);
        return std::make_unique<PcapFileReader>(path, fmt);
    });
}

std::unique_ptr<CaptureReader> open_capture_memory(std::span<const std::uint8_t> bytes,
                                                   const std::string& name) {
    if (bytes.size() < 4)
        throw FormatError("'" + name + "' is not a capture file: it is only " +
                          std::to_string(bytes.size()) + " bytes long");
    return open_with_magic(bytes.data(), name, [&](CaptureFormat fmt) -> std::unique_ptr<CaptureReader> {
        if (fmt == CaptureFormat::PcapNg) return std::make_unique<PcapngReader>(bytes, name);  // no copy
        // Read-only stream over the caller's bytes: fmemopen never writes to them in mode "r".
        std::FILE* f = ::fmemopen(const_cast<std::uint8_t*>(bytes.data()), bytes.size(), "r");
        if (!f) throw IoError("cannot read '" + name + "' from memory: " + std::strerror(errno));
        if (fmt == CaptureFormat::NetMon) return std::make_unique<NetmonReader>(f, name, bytes.size());
        return std::make_unique<PcapFileReader>(f, name, bytes.size(), fmt);
    });
}

}  // namespace flowcnn::capture
