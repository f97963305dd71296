#include "engine/capture/pcap_reader.h"

#include <cstdint>
#include <pcap/pcap.h>
#include <sys/stat.h>

#include <cerrno>
#include <cstdio>
#include <cstring>

#include "engine/common/error.h"

namespace flowcnn::capture {

PcapFileReader::PcapFileReader(const std::string& path, CaptureFormat format)
    : path_(path), format_(format) {
    struct stat st {};
    if (::stat(path.c_str(), &st) != 0)
        throw IoError("cannot open '" + path + "': " + std::strerror(errno));
    size_ = static_cast<std::uint64_t>(st.st_size);
    char errbuf[PCAP_ERRBUF_SIZE] = {};
    p_ = pcap_open_offline_with_tstamp_precision(path.c_str(), PCAP_TSTAMP_PRECISION_NANO, errbuf);
    if (!p_) {
        // libpcap says why: bad magic/version, truncated header, unreadable file.
        std::FILE* f = std::fopen(path.c_str(), "rb");
        if (!f) throw IoError("cannot open '" + path + "': " + std::strerror(errno));
        std::fclose(f);
        throw FormatError("'" + path + "' is not a readable " + format_name(format) + " file: " +
                          errbuf);
    }
    linktype_ = pcap_datalink(p_);
}

PcapFileReader::PcapFileReader(std::FILE* stream, const std::string& name, std::uint64_t size,
                               CaptureFormat format)
    : path_(name), format_(format), size_(size) {
    char errbuf[PCAP_ERRBUF_SIZE] = {};
    p_ = pcap_fopen_offline_with_tstamp_precision(stream, PCAP_TSTAMP_PRECISION_NANO, errbuf);
    if (!p_) {
        std::fclose(stream);  // libpcap leaves the stream to the caller when it refuses it
        throw FormatError("'" + name + "' is not a readable " + format_name(format) + " file: " + errbuf);
    }
    linktype_ = pcap_datalink(p_);
}

PcapFileReader::~PcapFileReader() {
    if (p_) pcap_close(p_);
}

bool PcapFileReader::next(RawPacket& out) {
    if (done_) return false;
    pcap_pkthdr* h = nullptr;
    const u_char* data = nullptr;
    int rc = pcap_next_ex(p_, &h, &data);
    if (rc == 1) {
        ++frames_;
        // Nanoseconds (opened with NANO). pcapng stores 64-bit timestamps: saturate, never overflow.
        std::int64_t ns = 0;
        if (__builtin_mul_overflow(static_cast<std::int64_t>(h->ts.tv_sec), std::int64_t{1'000'000'000}, &ns) ||
            __builtin_add_overflow(ns, static_cast<std::int64_t>(h->ts.tv_usec), &ns))
            ns = h->ts.tv_sec < 0 ? INT64_MIN : INT64_MAX;
        out.ts_ns = ns;
        out.caplen = h->caplen;
        out.wire_len = h->len < h->caplen ? h->caplen : h->len;  // never below what was captured
        out.linktype = linktype_;
        out.data = std::span<const std::uint8_t>(data, h->caplen);
        return true;
    }
    done_ = true;
    if (rc == PCAP_ERROR_BREAK) return false;  // clean end of file
    const char* why = pcap_geterr(p_);
    error_ = "'" + path_ + "': cannot read frame " + std::to_string(frames_ + 1) + ": " +
             (why && *why ? why : "corrupt or truncated capture") + " (the " +
             std::to_string(frames_) + " frames before it were read)";
    return false;
}

std::uint64_t PcapFileReader::position() const {
    std::FILE* f = pcap_file(p_);
    if (!f) return 0;
    long pos = std::ftell(f);
    return pos < 0 ? 0 : static_cast<std::uint64_t>(pos);
}

}  // namespace flowcnn::capture
