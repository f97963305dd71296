#include "engine/capture/pcap_reader.h"

#include <cstdint>
#include <fcntl.h>
#include <pcap/pcap.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>

#include "engine/common/error.h"

namespace flowcnn::capture {

namespace {
constexpr std::uint64_t kReleaseEvery = 8u << 20;  // drop consumed pages of the mapping every 8 MiB
}  // namespace

PcapFileReader::PcapFileReader(const std::string& path, CaptureFormat format)
    : path_(path), format_(format) {
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) throw IoError("cannot open '" + path + "': " + std::strerror(errno));
    struct stat st {};
    if (::fstat(fd, &st) != 0) {
        const int err = errno;
        ::close(fd);
        throw IoError("cannot open '" + path + "': " + std::strerror(err));
    }
    size_ = static_cast<std::uint64_t>(st.st_size);
    char errbuf[PCAP_ERRBUF_SIZE] = {};
    // Regular, non-empty files are mapped; anything else (a FIFO, a file that cannot be mapped) is
    // read through libpcap's own stream. The mapping covers the size at open: a file that grows
    // meanwhile is read up to there. (A file truncated by another program while we read it would
    // fault, as with any mapped reader.)
    if (S_ISREG(st.st_mode) && st.st_size > 0) {
        void* m = ::mmap(nullptr, static_cast<std::size_t>(st.st_size), PROT_READ, MAP_PRIVATE, fd, 0);
        if (m != MAP_FAILED) {
            ::madvise(m, static_cast<std::size_t>(st.st_size), MADV_SEQUENTIAL);
            if (std::FILE* f = ::fmemopen(m, static_cast<std::size_t>(st.st_size), "r")) {
                map_ = m;
                map_len_ = static_cast<std::size_t>(st.st_size);
                p_ = pcap_fopen_offline_with_tstamp_precision(f, PCAP_TSTAMP_PRECISION_NANO, errbuf);
                if (!p_) std::fclose(f);  // libpcap leaves a refused stream to the caller
            } else {
                ::munmap(m, static_cast<std::size_t>(st.st_size));
            }
        }
    }
    ::close(fd);
    if (!map_) p_ = pcap_open_offline_with_tstamp_precision(path.c_str(), PCAP_TSTAMP_PRECISION_NANO, errbuf);
    if (!p_) {
        if (map_) ::munmap(map_, map_len_);
        map_ = nullptr;
        // libpcap says why: bad magic/version, truncated header, unreadable file.
        throw FormatError("'" + path + "' is not a readable " + format_name(format) + " file: " + errbuf);
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
    if (p_) pcap_close(p_);  // closes the fmemopen stream before the mapping goes
    if (map_) ::munmap(map_, map_len_);
}

void PcapFileReader::release_consumed() noexcept {
    // libpcap copies every record out of the stream, so nothing before the stream position is
    // referenced any more; keep one MiB of slack below it all the same.
    const std::uint64_t pos = position();
    if (pos < released_ + kReleaseEvery) return;
    const auto page = static_cast<std::uint64_t>(::sysconf(_SC_PAGESIZE));
    const std::uint64_t upto = pos > (1u << 20) ? (pos - (1u << 20)) / page * page : 0;
    if (upto <= released_) return;
    ::madvise(static_cast<char*>(map_) + released_, upto - released_, MADV_DONTNEED);
    released_ = upto;
}

bool PcapFileReader::next(RawPacket& out) {
    if (done_) return false;
    pcap_pkthdr* h = nullptr;
    const u_char* data = nullptr;
    int rc = pcap_next_ex(p_, &h, &data);
    if (rc == 1) {
        ++frames_;
        if (map_ && (frames_ & 4095) == 0) release_consumed();
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
