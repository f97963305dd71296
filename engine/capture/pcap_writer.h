#pragma once
// Writes classic pcap files (little-endian, micro- or nanosecond timestamps). Used by the traffic
// generator, by live capture's "save as", and by tests that build their own captures.
#include <cstdint>
#include <cstdio>
#include <span>
#include <string>

namespace flowcnn::capture {

class PcapWriter {
public:
    // Throws IoError when the file cannot be created.
    explicit PcapWriter(const std::string& path, int linktype = 1, bool nanosecond = false,
                        std::uint32_t snaplen = 262144);
    ~PcapWriter();
    PcapWriter(const PcapWriter&) = delete;
    PcapWriter& operator=(const PcapWriter&) = delete;

    // wire_len 0 means frame.size(). Frames longer than the snaplen are cut to it.
    void write(std::int64_t ts_ns, std::span<const std::uint8_t> frame, std::uint32_t wire_len = 0);
    void close();  // flushes; throws IoError on a write error (e.g. disk full)
    std::uint64_t frames() const { return frames_; }

private:
    std::FILE* f_ = nullptr;
    std::string path_;
    bool nano_;
    std::uint32_t snaplen_;
    std::uint64_t frames_ = 0;
};

}  // namespace flowcnn::capture
