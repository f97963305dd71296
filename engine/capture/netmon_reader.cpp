#include "engine/capture/netmon_reader.h"

#include <sys/stat.h>

#include <cerrno>
#include <cstring>
#include <ctime>

#include "engine/common/error.h"
#include "engine/packet/packet.h"

namespace flowcnn::capture {

namespace netmon {

bool is_record_media_type(std::uint16_t media) noexcept { return media >= 0xFF00; }

int media_type_to_dlt(std::uint16_t media) noexcept {
    switch (media) {
        case 0:  // NetMon 3.4 VPN captures use 0 for Ethernet frames
        case 1: return packet::dlt::kEthernet;
        case 2: return 6;   // Token Ring (DLT_IEEE802): not decoded
        case 3: return 10;  // FDDI: not decoded
        case 7:             // "tunneling interfaces"
        case 8:             // "wireless WAN"
        case 9: return packet::dlt::kRaw;  // "raw IP frames"
        default: break;
    }
    // Frames converted from pcap carry LINKTYPE | 0xE000; 0xE080..0xE08A are Message Analyzer types.
    if ((media & 0xF000) == kPcapBase && !(media >= 0xE080 && media <= 0xE08A)) {
        int lt = media & 0x0FFF;
        // LINKTYPE values that differ from DLT values on Linux.
        if (lt == 101) return packet::dlt::kRaw;
        return lt;
    }
    return kUnknownDlt;  // ATM/WAN, IEEE 1394, 802.11 with NetMon metadata, ...
}

}  // namespace netmon

namespace {

constexpr std::size_t kHeaderSize = 64;  // the fields we use; the header is padded to 128 bytes
constexpr std::size_t kFrameHeaderSize = 16;
constexpr std::uint32_t kMaxFrame = 1u << 20;  // 1 MiB: far above any real frame
constexpr std::int64_t kFiletimeUnixEpoch = 116444736000000000LL;  // 100 ns units, 1601 -> 1970

std::uint16_t le16(const std::uint8_t* p) { return static_cast<std::uint16_t>(p[0] | (p[1] << 8)); }
std::uint32_t le32(const std::uint8_t* p) {
    return std::uint32_t{p[0]} | (std::uint32_t{p[1]} << 8) | (std::uint32_t{p[2]} << 16) |
           (std::uint32_t{p[3]} << 24);
}
std::uint64_t le64(const std::uint8_t* p) { return le32(p) | (std::uint64_t{le32(p + 4)} << 32); }

// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
std::int64_t days_from_civil(std::int64_t y, unsigned m, unsigned d) {
    y -= m <= 2;
    const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
    const auto yoe = static_cast<unsigned>(y - era * 400);
    const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

std::size_t trailer_size(int major, int minor) {
    if (major != 2 || minor < 1) return 0;
    if (minor == 1) return 2;
    if (minor == 2) return 6;
    return 15;
}

}  // namespace

NetmonReader::NetmonReader(const std::string& path) : path_(path) {
    struct stat st {};
    if (::stat(path.c_str(), &st) != 0)
        throw IoError("cannot open '" + path + "': " + std::strerror(errno));
    size_ = static_cast<std::uint64_t>(st.st_size);
    f_ = std::fopen(path.c_str(), "rb");
    if (!f_) throw IoError("cannot open '" + path + "': " + std::strerror(errno));
    std::setvbuf(f_, nullptr, _IOFBF, 1 << 16);
    read_header();
}

NetmonReader::NetmonReader(std::FILE* stream, const std::string& name, std::uint64_t size)
    : f_(stream), path_(name), size_(size) {
    read_header();
}

void NetmonReader::read_header() {
    const std::string& path = path_;
    std::uint8_t h[kHeaderSize];
    if (size_ < kHeaderSize || !read_at(0, h, sizeof h)) {
        std::fclose(f_);
        f_ = nullptr;
        throw FormatError("'" + path + "' is a truncated Network Monitor file: the header needs " +
                          std::to_string(kHeaderSize) + " bytes, the file has " +
                          std::to_string(size_));
    }
    if (std::memcmp(h, "GMBU", 4) != 0) {
        std::fclose(f_);
        f_ = nullptr;
        throw FormatError("'" + path + "' is not a Network Monitor 2.x capture (no GMBU magic)");
    }
    ver_minor_ = h[4];
    ver_major_ = h[5];
    if (ver_major_ != 2) {
        std::fclose(f_);
        f_ = nullptr;
        throw FormatError("'" + path + "': Network Monitor file version " +
                          std::to_string(ver_major_) + "." + std::to_string(ver_minor_) +
                          " is not supported (2.x is)");
    }
    mac_type_ = le16(h + 6);
    linktype_ = netmon::media_type_to_dlt(mac_type_);
    // SYSTEMTIME: year, month, day of week, day, hour, minute, second, millisecond. NetMon writes
    // local time without a zone; we take it as UTC (2.3 files carry UTC per frame anyway).
    unsigned year = le16(h + 8), month = le16(h + 10), day = le16(h + 14);
    unsigned hour = le16(h + 16), minute = le16(h + 18), second = le16(h + 20), ms = le16(h + 22);
    // Nanoseconds since 1970 fit in int64_t only up to 2262: other years are corrupt headers.
    if (year >= 1970 && year < 2262 && month >= 1 && month <= 12 && day >= 1 && day <= 31 && hour < 24 && minute < 60 &&
        second < 61 && ms < 1000) {
        std::int64_t secs = days_from_civil(year, month, day) * 86400 + hour * 3600 + minute * 60 +
                            second;
        start_ns_ = secs * 1'000'000'000 + std::int64_t{ms} * 1'000'000;
    }

    std::uint32_t table_off = le32(h + 24);
    std::uint32_t table_len = le32(h + 28);
    std::uint64_t entries = table_len / 4;
    if (table_len % 4 != 0)
        table_error_ = "the frame table length " + std::to_string(table_len) +
                       " is not a multiple of 4";
    if (table_off < kHeaderSize || table_off > size_) {
        table_error_ = "the frame table offset " + std::to_string(table_off) +
                       " lies outside the file (" + std::to_string(size_) + " bytes)";
        entries = 0;
    } else if (table_off + std::uint64_t{table_len} > size_) {
        table_error_ = "the frame table (" + std::to_string(table_len / 4) +
                       " entries) runs past the end of the file";
        entries = (size_ - table_off) / 4;  // keep the entries that are there
    }
    if (entries > 0) {
        std::vector<std::uint8_t> raw(static_cast<std::size_t>(entries) * 4);
        if (!read_at(table_off, raw.data(), raw.size())) {
            table_error_ = "cannot read the frame table: " + std::string(std::strerror(errno));
            entries = 0;
        }
        table_.resize(static_cast<std::size_t>(entries));
        for (std::size_t i = 0; i < table_.size(); ++i) table_[i] = le32(raw.data() + i * 4);
    }
}

NetmonReader::~NetmonReader() {
    if (f_) std::fclose(f_);
}

bool NetmonReader::read_at(std::uint64_t offset, void* dst, std::size_t n) {
    if (offset != pos_) {
        if (::fseeko(f_, static_cast<off_t>(offset), SEEK_SET) != 0) return false;
        pos_ = offset;
    }
    std::size_t got = std::fread(dst, 1, n, f_);
    pos_ += got;
    return got == n;
}

bool NetmonReader::fail(const std::string& why) {
    done_ = true;
    error_ = "'" + path_ + "': " + why;
    return false;
}

bool NetmonReader::next(RawPacket& out) {
    if (done_) return false;
    const std::size_t tsize = trailer_size(ver_major_, ver_minor_);
    for (;;) {
        if (current_ >= table_.size()) {
            done_ = true;
            if (!table_error_.empty())
                error_ = "'" + path_ + "': " + table_error_ + " (the " +
                         std::to_string(table_.size()) + " frames listed before it were read)";
            return false;
        }
        const std::size_t index = current_++;
        const std::string where = "frame " + std::to_string(index + 1);
        const std::uint64_t off = table_[index];
        if (off < kHeaderSize || off + kFrameHeaderSize > size_)
            return fail(where + ": offset " + std::to_string(off) + " lies outside the file (" +
                        std::to_string(size_) + " bytes)");
        std::uint8_t fh[kFrameHeaderSize];
        if (!read_at(off, fh, sizeof fh)) return fail(where + ": cannot read the frame header");
        std::uint64_t delta_us = le64(fh);
        std::uint32_t orig = le32(fh + 8);
        std::uint32_t incl = le32(fh + 12);
        if (incl > kMaxFrame)
            return fail(where + ": captured length " + std::to_string(incl) +
                        " is larger than the maximum of " + std::to_string(kMaxFrame));
        if (off + kFrameHeaderSize + incl + tsize > size_)
            return fail(where + ": " + std::to_string(incl) +
                        " captured bytes run past the end of the file");
        if (buf_.size() < incl + tsize) buf_.resize(incl + tsize);
        if (!read_at(off + kFrameHeaderSize, buf_.data(), incl + tsize))
            return fail(where + ": cannot read the frame data");

        std::uint16_t media = mac_type_;
        // Microseconds since the start; the documented quirk: x10 then read as signed 100 ns.
        // Out-of-range values (corrupt files) leave the previous estimate instead of overflowing.
        std::int64_t ts = start_ns_, delta_ns = 0, sum = 0;
        if (!__builtin_mul_overflow(static_cast<std::int64_t>(delta_us * 10), std::int64_t{100},
                                    &delta_ns) &&
            !__builtin_add_overflow(start_ns_, delta_ns, &sum))
            ts = sum;
        if (tsize >= 2) media = le16(buf_.data() + incl);
        if (tsize >= 14) {
            auto ft = static_cast<std::int64_t>(le64(buf_.data() + incl + 6));
            std::int64_t utc = 0;
            if (ft > kFiletimeUnixEpoch &&
                !__builtin_mul_overflow(ft - kFiletimeUnixEpoch, std::int64_t{100}, &utc))
                ts = utc;
        }
        if (netmon::is_record_media_type(media)) {
            ++non_packet_;
            continue;
        }
        out.ts_ns = ts;
        out.caplen = incl;
        out.wire_len = orig < incl ? incl : orig;
        out.linktype = netmon::media_type_to_dlt(media);
        out.data = std::span<const std::uint8_t>(buf_.data(), incl);
        return true;
    }
}

}  // namespace flowcnn::capture
