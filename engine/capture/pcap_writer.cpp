#include "engine/capture/pcap_writer.h"

#include <algorithm>
#include <cerrno>
#include <cstring>

#include "engine/common/error.h"

namespace flowcnn::capture {
namespace {
void put32(std::uint8_t* p, std::uint32_t v) {
    p[0] = static_cast<std::uint8_t>(v);
    p[1] = static_cast<std::uint8_t>(v >> 8);
    p[2] = static_cast<std::uint8_t>(v >> 16);
    p[3] = static_cast<std::uint8_t>(v >> 24);
}
void put16(std::uint8_t* p, std::uint16_t v) {
    p[0] = static_cast<std::uint8_t>(v);
    p[1] = static_cast<std::uint8_t>(v >> 8);
}
}  // namespace

PcapWriter::PcapWriter(const std::string& path, int linktype, bool nanosecond, std::uint32_t snaplen)
    : path_(path), nano_(nanosecond), snaplen_(snaplen) {
    f_ = std::fopen(path.c_str(), "wb");
    if (!f_) throw IoError("cannot create '" + path + "': " + std::strerror(errno));
    std::uint8_t h[24];
    put32(h, nanosecond ? 0xa1b23c4du : 0xa1b2c3d4u);
    put16(h + 4, 2);
    put16(h + 6, 4);
    put32(h + 8, 0);
    put32(h + 12, 0);
    put32(h + 16, snaplen);
    put32(h + 20, static_cast<std::uint32_t>(linktype));
    if (std::fwrite(h, 1, sizeof h, f_) != sizeof h) throw IoError("cannot write '" + path + "'");
}

PcapWriter::~PcapWriter() {
    if (f_) std::fclose(f_);
}

void PcapWriter::write(std::int64_t ts_ns, std::span<const std::uint8_t> frame, std::uint32_t wire_len) {
    if (!f_) throw IoError("'" + path_ + "' is closed");
    auto caplen = static_cast<std::uint32_t>(std::min<std::size_t>(frame.size(), snaplen_));
    if (wire_len == 0) wire_len = static_cast<std::uint32_t>(frame.size());
    std::uint8_t h[16];
    auto secs = ts_ns / 1'000'000'000;
    auto frac = ts_ns % 1'000'000'000;
    if (frac < 0) {  // times before 1970: floor, so the fraction stays in [0, 1 s)
        frac += 1'000'000'000;
        --secs;
    }
    put32(h, static_cast<std::uint32_t>(secs));
    put32(h + 4, static_cast<std::uint32_t>(nano_ ? frac : frac / 1000));
    put32(h + 8, caplen);
    put32(h + 12, wire_len);
    if (std::fwrite(h, 1, sizeof h, f_) != sizeof h ||
        std::fwrite(frame.data(), 1, caplen, f_) != caplen)
        throw IoError("cannot write '" + path_ + "': " + std::strerror(errno));
    ++frames_;
}

void PcapWriter::close() {
    if (!f_) return;
    bool ok = std::fflush(f_) == 0;
    ok = std::fclose(f_) == 0 && ok;
    f_ = nullptr;
    if (!ok) throw IoError("cannot finish '" + path_ + "': " + std::strerror(errno));
}

}  // namespace flowcnn::capture
