#pragma once
// pcap and pcapng files through libpcap, with nanosecond timestamps for both micro- and
// nanosecond files. Frames point into libpcap's buffer (no per-packet allocation).
#include <cstdint>
#include <cstdio>
#include <string>

#include "engine/capture/capture_reader.h"

struct pcap;

namespace flowcnn::capture {

class PcapFileReader : public CaptureReader {
public:
    // Throws IoError when the file cannot be opened, FormatError when libpcap rejects its header.
    PcapFileReader(const std::string& path, CaptureFormat format);
    // Reads from an open stream (e.g. fmemopen) of `size` bytes, which the reader owns from now on
    // (closed even when this throws); `name` stands for the file in messages.
    PcapFileReader(std::FILE* stream, const std::string& name, std::uint64_t size, CaptureFormat format);
    ~PcapFileReader() override;
    PcapFileReader(const PcapFileReader&) = delete;
    PcapFileReader& operator=(const PcapFileReader&) = delete;

    bool next(RawPacket& out) override;
    CaptureFormat format() const override { return format_; }
    const std::string& error() const override { return error_; }
    std::uint64_t position() const override;
    std::uint64_t size() const override { return size_; }
    int linktype() const override { return linktype_; }
    std::uint64_t frames() const { return frames_; }

private:
    void release_consumed() noexcept;

    pcap* p_ = nullptr;
    // The file mapped read-only (opening by path): libpcap reads it through fmemopen, which saves
    // the kernel's copy of every page and the read calls (about 15% of the CPU time of an
    // extraction). Pages behind the read position are dropped every few MB so that resident
    // memory stays flat on big files. nullptr when reading through a plain stream.
    void* map_ = nullptr;
    std::size_t map_len_ = 0;
    std::uint64_t released_ = 0;  // bytes at the start of the mapping already dropped
    std::string path_;
    CaptureFormat format_;
    std::string error_;
    std::uint64_t size_ = 0;
    std::uint64_t frames_ = 0;
    int linktype_ = 0;
    bool done_ = false;
};

}  // namespace flowcnn::capture
