#pragma once
// Capture sources: pcap files (through libpcap), pcapng files and Microsoft Network Monitor 2.x
// .cap files (our own readers), and live interfaces (libpcap). All yield raw frames, each with its
// own link type (a pcapng file may mix interfaces of different link types).
#include <cstdint>
#include <memory>
#include <span>
#include <string>

namespace flowcnn::capture {

enum class CaptureFormat { Pcap, PcapNg, NetMon, Live };
std::string format_name(CaptureFormat f);  // "pcap", "pcapng", "netmon", "live"

struct RawPacket {
    std::int64_t ts_ns = 0;
    std::uint32_t caplen = 0;    // == data.size()
    std::uint32_t wire_len = 0;  // original length on the wire
    int linktype = 0;            // libpcap DLT value of this frame
    std::span<const std::uint8_t> data;  // valid until the next call to next()
};

class CaptureReader {
public:
    virtual ~CaptureReader() = default;
    // Reads the next frame. Returns false at the end of the capture, or when the rest of the file
    // is unreadable: then error() says why (the frames before it are good).
    virtual bool next(RawPacket& out) = 0;
    virtual CaptureFormat format() const = 0;
    // Non-empty when reading stopped early because of corruption/truncation.
    virtual const std::string& error() const = 0;
    // For progress: bytes consumed so far and the file size (0 when unknown, e.g. live).
    virtual std::uint64_t position() const = 0;
    virtual std::uint64_t size() const = 0;
    // Frames in the file that carried no packet (NetMon event/system records); counted, skipped.
    virtual std::uint64_t non_packet_frames() const { return 0; }
    // Link type of the capture (first interface for pcapng).
    virtual int linktype() const = 0;
};

// Opens a capture file, detecting the format from its magic number. Throws IoError when the file
// cannot be opened and FormatError when it is not a capture we read.
std::unique_ptr<CaptureReader> open_capture(const std::string& path);

// The same for a capture held in memory (read in place, or through fmemopen: no copy, no file);
// `name` stands for the file in messages and `bytes` must outlive the reader. Throws FormatError as open_capture does.
std::unique_ptr<CaptureReader> open_capture_memory(std::span<const std::uint8_t> bytes,
                                                   const std::string& name);

}  // namespace flowcnn::capture
