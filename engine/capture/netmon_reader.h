#pragma once
// Microsoft Network Monitor 2.x .cap files (NetMon 2.x and 3.x write them; libpcap has no reader).
//
// Layout (all little-endian): a 128-byte header ("GMBU", version minor/major, MAC type, capture
// start as a SYSTEMTIME, frame table offset and length, ...); a frame table of uint32 file offsets;
// at each offset a frame header (uint64 microseconds since the start, uint32 wire length, uint32
// captured length), the frame bytes and, from version 2.1, a trailer whose first two bytes are the
// frame's media type (2.2 adds a process index, 2.3 a UTC FILETIME timestamp and a time zone index).
//
// Media types: 0/1 Ethernet, 7/8/9 raw IP, 0xE000|DLT a frame converted from pcap (unwrapped to
// that DLT); 0xFFxx are NetMon records (events, network info, payload headers, DNS cache, filters):
// they are counted in non_packet_frames() and skipped. Every read is bounded by the file size.
#include <cstdint>
#include <cstdio>
#include <string>
#include <vector>

#include "engine/capture/capture_reader.h"

namespace flowcnn::capture {

// NetMon media types and the libpcap DLT they map to (-1 when there is none we decode).
namespace netmon {
constexpr std::uint16_t kPcapBase = 0xE000;
constexpr std::uint16_t kNetEvent = 0xFFE0;
constexpr std::uint16_t kNetworkInfoEx = 0xFFFB;
constexpr std::uint16_t kPayloadHeader = 0xFFFC;
constexpr std::uint16_t kNetworkInfo = 0xFFFD;
constexpr std::uint16_t kDnsCache = 0xFFFE;
constexpr std::uint16_t kFilter = 0xFFFF;
constexpr int kUnknownDlt = -1;
// True for media types that carry a NetMon record instead of a packet.
bool is_record_media_type(std::uint16_t media) noexcept;
// The DLT of a packet media type; kUnknownDlt when we do not decode it.
int media_type_to_dlt(std::uint16_t media) noexcept;
}  // namespace netmon

class NetmonReader : public CaptureReader {
public:
    // Throws IoError when the file cannot be opened and FormatError when its header is not a
    // NetMon 2.x header. A damaged frame table or frame is reported through error() instead.
    explicit NetmonReader(const std::string& path);
    // Reads from an open stream (e.g. fmemopen) of `size` bytes, which the reader owns from now on
    // (closed even when this throws); `name` stands for the file in messages.
    NetmonReader(std::FILE* stream, const std::string& name, std::uint64_t size);
    ~NetmonReader() override;
    NetmonReader(const NetmonReader&) = delete;
    NetmonReader& operator=(const NetmonReader&) = delete;

    bool next(RawPacket& out) override;
    CaptureFormat format() const override { return CaptureFormat::NetMon; }
    const std::string& error() const override { return error_; }
    std::uint64_t position() const override { return pos_; }
    std::uint64_t size() const override { return size_; }
    std::uint64_t non_packet_frames() const override { return non_packet_; }
    int linktype() const override { return linktype_; }

    int version_major() const { return ver_major_; }
    int version_minor() const { return ver_minor_; }
    std::uint16_t mac_type() const { return mac_type_; }
    std::int64_t start_ns() const { return start_ns_; }     // capture start (header), UTC assumed
    std::size_t frame_count() const { return table_.size(); }  // entries in the frame table

private:
    void read_header();  // closes f_ before it throws
    bool fail(const std::string& why);
    bool read_at(std::uint64_t offset, void* dst, std::size_t n);

    std::FILE* f_ = nullptr;
    std::string path_;
    std::string error_;
    std::uint64_t size_ = 0;
    std::uint64_t pos_ = 0;  // current file offset
    std::vector<std::uint32_t> table_;
    std::string table_error_;  // reported once the readable part of the table is consumed
    std::size_t current_ = 0;
    std::vector<std::uint8_t> buf_;
    std::uint64_t non_packet_ = 0;
    std::int64_t start_ns_ = 0;
    int ver_major_ = 0, ver_minor_ = 0;
    std::uint16_t mac_type_ = 0;
    int linktype_ = 0;
    bool done_ = false;
};

}  // namespace flowcnn::capture
