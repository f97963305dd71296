#pragma once
// pcapng files, our own block reader (libpcap 1.10 stops at the first interface whose link type
// differs from the first one's; here every interface keeps its own link type, and RawPacket
// carries it per frame).
//
// Blocks: Section Header (byte-order magic, either byte order, several sections, each with its own
// interfaces), Interface Description (link type, snaplen, if_tsresol as a power of 10 or 2,
// microseconds by default, if_tsoffset), Enhanced Packet, Simple Packet (first interface of the
// section, no timestamp: caplen = min(original length, snaplen, block)) and the obsolete Packet
// Block (type 2). Every other block type (name resolution, interface statistics, decryption
// secrets, custom, ...) is skipped by its length.
//
// Every block is bounded: its length must be >= 12, a multiple of 4, at most 16 MiB (libpcap's
// limit), within the file, and equal to its trailing copy; fields and options are read inside it.
// A malformed block stops reading with error() and keeps the frames before it. A packet naming an
// interface its section did not describe is such an error (as in libpcap): it means the file is
// damaged, and what follows cannot be attributed to a link type.
//
// The file is refused at open (FormatError), as libpcap refuses it, when it does not start with a
// valid Section Header Block (version 1.0 or 1.2), or when no Interface Description Block comes
// before the first packet or the end of the file.
//
// Link types are libpcap DLT values (LINKTYPE_RAW 101 becomes DLT_RAW, ...), and timestamps are
// converted as libpcap converts them (seconds + if_tsoffset, fraction scaled to nanoseconds), then
// saturated to int64 nanoseconds, so that a file libpcap reads yields the same frames here.
// Unlike libpcap: link types and snaplens may differ between interfaces, sections may change byte
// order, a frame longer than its interface's snaplen is kept (its bytes are in the block), and
// pseudo-headers of frames in the opposite byte order (pflog, USB, nflog, CAN over SLL) are
// delivered as written, not swapped (we decode none of those link types).
#include <cstdint>
#include <cstdio>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "engine/capture/capture_reader.h"

namespace flowcnn::capture {

namespace pcapng {
constexpr std::uint32_t kSectionHeader = 0x0A0D0D0A;
constexpr std::uint32_t kInterfaceDescription = 1;
constexpr std::uint32_t kPacket = 2;  // obsolete
constexpr std::uint32_t kSimplePacket = 3;
constexpr std::uint32_t kEnhancedPacket = 6;
constexpr std::uint32_t kByteOrderMagic = 0x1A2B3C4D;
constexpr std::uint32_t kMaxBlock = 16u << 20;  // 16 MiB, libpcap's INITIAL_MAX_BLOCKSIZE
// libpcap's mapping from the LINKTYPE value in a file to the platform's DLT value.
int linktype_to_dlt(std::uint32_t linktype) noexcept;
}  // namespace pcapng

class PcapngReader : public CaptureReader {
public:
    // Maps the file read-only (a regular file), or reads it as a stream (anything else). Throws
    // IoError when it cannot be opened and FormatError when it is refused (see above).
    explicit PcapngReader(const std::string& path);
    // Reads a capture held in memory, without copying; `bytes` must outlive the reader and `name`
    // stands for the file in messages.
    PcapngReader(std::span<const std::uint8_t> bytes, const std::string& name);
    ~PcapngReader() override;
    PcapngReader(const PcapngReader&) = delete;
    PcapngReader& operator=(const PcapngReader&) = delete;

    bool next(RawPacket& out) override;
    CaptureFormat format() const override { return CaptureFormat::PcapNg; }
    const std::string& error() const override { return error_; }
    std::uint64_t position() const override { return pos_; }
    std::uint64_t size() const override { return size_; }
    int linktype() const override { return linktype_; }  // the first interface's

    std::uint64_t frames() const { return frames_; }
    std::uint64_t sections() const { return sections_; }
    std::uint64_t interfaces_seen() const { return interfaces_seen_; }  // all sections together
    std::uint64_t skipped_blocks() const { return skipped_blocks_; }    // blocks of other types

private:
    struct Interface {
        int dlt = 0;
        std::uint32_t snaplen = 0;       // as libpcap adjusts it: 0 and oversized -> the maximum
        std::uint64_t tsresol = 1'000'000;  // units per second
        bool binary = false;             // tsresol is a power of 2
        std::uint64_t tsoffset = 0;      // seconds added to every timestamp
    };
    enum class Fetch { Block, End, Error };

    void open_first_interface();  // throws FormatError
    Fetch fetch(std::string& why);
    bool read_stream(std::uint8_t* dst, std::size_t n, std::size_t& got);
    bool section_header(std::string& why);
    bool interface_description(std::string& why);
    std::int64_t timestamp_ns(std::uint64_t t, const Interface& i) const noexcept;
    bool fail(const std::string& why);
    void release_consumed() noexcept;
    std::uint16_t u16(const std::uint8_t* p) const noexcept;
    std::uint32_t u32(const std::uint8_t* p) const noexcept;
    std::uint64_t u64(const std::uint8_t* p) const noexcept;

    struct Mapping {
        void* addr = nullptr;
        std::size_t len = 0;
        ~Mapping();
    };
    struct FileCloser {
        void operator()(std::FILE* f) const noexcept { std::fclose(f); }
    };

    std::string path_;
    std::string error_;
    Mapping map_;                                   // the file mapped read-only, if it is
    std::unique_ptr<std::FILE, FileCloser> stream_;  // else the file read as a stream
    const std::uint8_t* data_ = nullptr;            // the whole capture (mapping or caller's bytes)
    bool contiguous_ = false;                       // data_ holds it (else stream_ reads it)
    std::uint64_t size_ = 0;                        // bytes (0 for a stream of unknown size)
    std::uint64_t pos_ = 0;                         // bytes consumed
    std::uint64_t released_ = 0;                    // start of the mapping already dropped
    std::vector<std::uint8_t> buf_;                 // the current block when reading a stream

    // The current block.
    const std::uint8_t* blk_ = nullptr;
    std::uint32_t blk_type_ = 0, blk_len_ = 0;

    bool big_endian_ = false;  // byte order of the current section
    std::vector<Interface> ifaces_;  // of the current section
    std::uint64_t frames_ = 0, sections_ = 0, interfaces_seen_ = 0, skipped_blocks_ = 0;
    int linktype_ = 0;
    bool done_ = false;
};

}  // namespace flowcnn::capture
