#include "engine/capture/pcapng_reader.h"

#include <fcntl.h>
#include <pcap/dlt.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

#include "engine/common/error.h"

namespace flowcnn::capture {

namespace pcapng {

int linktype_to_dlt(std::uint32_t linktype) noexcept {
    // libpcap 1.10 (pcap-common.c): the LINKTYPE values that differ from this platform's DLT
    // values; everything else is the same number.
    switch (linktype) {
        case 100: return DLT_ATM_RFC1483;  // LINKTYPE_ATM_RFC1483
        case 101: return DLT_RAW;          // LINKTYPE_RAW
        case 102: return DLT_SLIP_BSDOS;   // LINKTYPE_SLIP_BSDOS
        case 103: return DLT_PPP_BSDOS;    // LINKTYPE_PPP_BSDOS
        case 106: return DLT_ATM_CLIP;     // LINKTYPE_ATM_CLIP
        case 246: return DLT_PFSYNC;       // LINKTYPE_PFSYNC
        case 258: return DLT_PKTAP;        // LINKTYPE_PKTAP
        default: return static_cast<int>(linktype);
    }
}

}  // namespace pcapng

namespace {

using namespace pcapng;

constexpr std::uint64_t kReleaseEvery = 8u << 20;  // drop consumed pages of the mapping every 8 MiB
constexpr std::uint32_t kMaxFirstSectionHeader = 1u << 20;  // libpcap's BT_SHB_INSANE_MAX
constexpr std::uint32_t kMinBlock = 12;  // type, length, trailing length
constexpr std::uint16_t kOptEnd = 0, kOptTsresol = 9, kOptTsoffset = 14;
__extension__ typedef unsigned __int128 u128;  // GCC/Clang; for 64x64-bit products

// libpcap's max_snaplen_for_dlt: the snaplen of an interface that gives 0 or more than this.
std::uint32_t max_snaplen_for_dlt(int dlt) {
    switch (dlt) {
        case DLT_DBUS: return 128u << 20;
        case DLT_EBHSCR: return 8u << 20;
        case DLT_USBPCAP: return 1u << 20;
        default: return 262144;
    }
}

std::string block_name(std::uint32_t type) {
    switch (type) {
        case kSectionHeader: return "section header block";
        case kInterfaceDescription: return "interface description block";
        case kPacket: return "packet block";
        case kSimplePacket: return "simple packet block";
        case kEnhancedPacket: return "enhanced packet block";
        default: return "block of type " + std::to_string(type);
    }
}

// The byte-order magic at h + 8 of a section header block: sets big_endian (and returns true) when
// it reads as the magic in either order, else leaves it and says why.
bool read_byte_order(const std::uint8_t* h, bool& big_endian, std::string& why) {
    const std::uint32_t le = std::uint32_t{h[8]} | (std::uint32_t{h[9]} << 8) | (std::uint32_t{h[10]} << 16) |
                             (std::uint32_t{h[11]} << 24);
    const std::uint32_t be = (std::uint32_t{h[8]} << 24) | (std::uint32_t{h[9]} << 16) |
                             (std::uint32_t{h[10]} << 8) | h[11];
    if (le == kByteOrderMagic) {
        big_endian = false;
    } else if (be == kByteOrderMagic) {
        big_endian = true;
    } else {
        char hex[16];
        std::snprintf(hex, sizeof hex, "%02x%02x%02x%02x", h[8], h[9], h[10], h[11]);
        why = std::string("section header block with a bad byte-order magic (") + hex + ")";
        return false;
    }
    return true;
}

// A block's total length, before any of its body is read: at least the header and trailer, a
// multiple of 4, and no more than libpcap accepts (kMaxBlock), so that a corrupt length is refused
// before a buffer is sized by it.
bool check_block_length(std::uint32_t type, std::uint32_t len, std::string& why) {
    if (len < kMinBlock) {
        why = block_name(type) + " has a length of " + std::to_string(len) + " < " + std::to_string(kMinBlock);
        return false;
    }
    if (len % 4 != 0) {
        why = block_name(type) + " has a length of " + std::to_string(len) + " that is not a multiple of 4";
        return false;
    }
    if (len > kMaxBlock) {
        why = block_name(type) + " has a length of " + std::to_string(len) + " > the maximum of " +
              std::to_string(kMaxBlock);
        return false;
    }
    return true;
}

}  // namespace

PcapngReader::Mapping::~Mapping() {
    if (addr) ::munmap(addr, len);
}

PcapngReader::PcapngReader(const std::string& path) : path_(path) {
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) throw IoError("cannot open '" + path + "': " + std::strerror(errno));
    struct stat st {};
    if (::fstat(fd, &st) != 0) {
        const int err = errno;
        ::close(fd);
        throw IoError("cannot open '" + path + "': " + std::strerror(err));
    }
    // Regular, non-empty files are mapped (frames then point into the mapping: no copy); anything
    // else, or a file that cannot be mapped, is read as a stream. The mapping covers the size at
    // open, as in PcapFileReader.
    if (S_ISREG(st.st_mode) && st.st_size > 0) {
        const auto len = static_cast<std::size_t>(st.st_size);
        void* m = ::mmap(nullptr, len, PROT_READ, MAP_PRIVATE, fd, 0);
        if (m != MAP_FAILED) {
            ::madvise(m, len, MADV_SEQUENTIAL);
            map_.addr = m;
            map_.len = len;
            data_ = static_cast<const std::uint8_t*>(m);
            contiguous_ = true;
            size_ = len;
        }
    }
    if (contiguous_) {
        ::close(fd);
    } else {
        std::FILE* f = ::fdopen(fd, "rb");
        if (!f) {
            const int err = errno;
            ::close(fd);
            throw IoError("cannot open '" + path + "': " + std::strerror(err));
        }
        stream_.reset(f);
        std::setvbuf(f, nullptr, _IOFBF, 1 << 16);
        size_ = S_ISREG(st.st_mode) ? static_cast<std::uint64_t>(st.st_size) : 0;
    }
    open_first_interface();
}

PcapngReader::PcapngReader(std::span<const std::uint8_t> bytes, const std::string& name)
    : path_(name), data_(bytes.data()), contiguous_(true), size_(bytes.size()) {
    open_first_interface();
}

PcapngReader::~PcapngReader() = default;

std::uint16_t PcapngReader::u16(const std::uint8_t* p) const noexcept {
    return big_endian_ ? static_cast<std::uint16_t>((p[0] << 8) | p[1])
                       : static_cast<std::uint16_t>(p[0] | (p[1] << 8));
}
std::uint32_t PcapngReader::u32(const std::uint8_t* p) const noexcept {
    return big_endian_ ? (std::uint32_t{p[0]} << 24) | (std::uint32_t{p[1]} << 16) | (std::uint32_t{p[2]} << 8) | p[3]
                       : std::uint32_t{p[0]} | (std::uint32_t{p[1]} << 8) | (std::uint32_t{p[2]} << 16) |
                             (std::uint32_t{p[3]} << 24);
}
std::uint64_t PcapngReader::u64(const std::uint8_t* p) const noexcept {
    // Options hold 64-bit values as one integer in the section's byte order.
    return big_endian_ ? (std::uint64_t{u32(p)} << 32) | u32(p + 4) : u32(p) | (std::uint64_t{u32(p + 4)} << 32);
}

void PcapngReader::open_first_interface() {
    auto refuse = [&](const std::string& why) {
        throw FormatError("'" + path_ + "' is not a readable pcapng file: " + why);
    };
    std::string why;
    Fetch f = fetch(why);
    if (f == Fetch::End) refuse("it is empty");
    if (f == Fetch::Error) refuse(why);
    if (blk_type_ != kSectionHeader) refuse("it does not start with a section header block");
    if (blk_len_ > kMaxFirstSectionHeader)
        refuse("the section header block is " + std::to_string(blk_len_) + " bytes long (at most " +
               std::to_string(kMaxFirstSectionHeader) + ")");
    {
        // The first section must be a version this reader knows (1.0, or 1.2 as libpcap takes it).
        if (blk_len_ >= kMinBlock + 16) {
            const std::uint16_t major = u16(blk_ + 12), minor = u16(blk_ + 14);
            if (major != 1 || (minor != 0 && minor != 2))
                refuse("unsupported pcapng version " + std::to_string(major) + "." + std::to_string(minor));
        }
        if (!section_header(why)) refuse(why);
    }
    for (;;) {
        f = fetch(why);
        if (f == Fetch::End) refuse("the capture has no interface description block");
        if (f == Fetch::Error) refuse(why);
        switch (blk_type_) {
            case kSectionHeader:
                if (!section_header(why)) refuse(why);
                break;
            case kInterfaceDescription:
                if (!interface_description(why)) refuse(why);
                linktype_ = ifaces_.front().dlt;
                return;
            case kEnhancedPacket:
            case kSimplePacket:
            case kPacket:
                refuse("a packet block comes before any interface description block");
                break;
            default:
                ++skipped_blocks_;
                break;
        }
    }
}

bool PcapngReader::read_stream(std::uint8_t* dst, std::size_t n, std::size_t& got) {
    got = std::fread(dst, 1, n, stream_.get());
    return got == n;
}

PcapngReader::Fetch PcapngReader::fetch(std::string& why) {
    std::uint8_t head[12];
    const std::uint8_t* h = nullptr;
    std::uint64_t left = 0;  // bytes from the block start to the end of the file (mapped/memory)
    std::size_t have = 0;    // header bytes available at h
    if (contiguous_) {
        left = size_ - pos_;
        if (left == 0) return Fetch::End;
        h = data_ + pos_;
        have = static_cast<std::size_t>(std::min<std::uint64_t>(left, sizeof head));
    } else {
        if (!read_stream(head, 8, have)) {
            if (have == 0 && !std::ferror(stream_.get())) return Fetch::End;
            why = std::ferror(stream_.get()) ? std::string("read error: ") + std::strerror(errno)
                                            : "truncated block header: only " + std::to_string(have) +
                                                  " of 8 bytes left";
            return Fetch::Error;
        }
        h = head;
    }
    if (have < 8) {
        why = "truncated block header: only " + std::to_string(have) + " of 8 bytes left";
        return Fetch::Error;
    }
    // The section header block's type reads the same in both byte orders; its byte-order magic
    // says how to read its length and everything up to the next section header.
    const bool shb = h[0] == 0x0A && h[1] == 0x0D && h[2] == 0x0D && h[3] == 0x0A;
    if (shb) {
        if (!contiguous_) {
            std::size_t got = 0;
            if (!read_stream(head + 8, 4, got)) have = 8 + got;
            else have = 12;
        }
        if (have < 12) {
            why = "truncated section header block";
            return Fetch::Error;
        }
        if (!read_byte_order(h, big_endian_, why)) return Fetch::Error;
    }
    const std::uint32_t type = u32(h);
    const std::uint32_t len = u32(h + 4);
    if (!check_block_length(type, len, why)) return Fetch::Error;
    if (contiguous_) {
        if (len > left) {
            why = block_name(type) + " of " + std::to_string(len) + " bytes runs past the end of the file (" +
                  std::to_string(left) + " bytes left)";
            return Fetch::Error;
        }
        blk_ = h;
    } else {
        const std::size_t done = shb ? 12 : 8;
        if (size_ != 0 && pos_ + len > size_) {
            why = block_name(type) + " of " + std::to_string(len) + " bytes runs past the end of the file (" +
                  std::to_string(size_ > pos_ ? size_ - pos_ : 0) + " bytes left)";
            return Fetch::Error;
        }
        if (buf_.size() < len) buf_.resize(len);
        std::memcpy(buf_.data(), head, done);
        std::size_t got = 0;
        if (!read_stream(buf_.data() + done, len - done, got)) {
            why = std::ferror(stream_.get()) ? std::string("read error: ") + std::strerror(errno)
                                            : block_name(type) + " of " + std::to_string(len) +
                                                  " bytes runs past the end of the file (" +
                                                  std::to_string(done + got) + " bytes left)";
            return Fetch::Error;
        }
        blk_ = buf_.data();
    }
    const std::uint32_t trailer = u32(blk_ + len - 4);
    if (trailer != len) {
        why = block_name(type) + ": total length " + std::to_string(len) + " and trailing length " +
              std::to_string(trailer) + " differ";
        return Fetch::Error;
    }
    blk_type_ = type;
    blk_len_ = len;
    pos_ += len;
    return Fetch::Block;
}

bool PcapngReader::section_header(std::string& why) {
    // Body: byte-order magic (checked by fetch), major and minor version, section length, options.
    if (blk_len_ < kMinBlock + 16) {
        why = "section header block is too short (" + std::to_string(blk_len_) + " bytes)";
        return false;
    }
    const std::uint16_t major = u16(blk_ + 12);
    if (major != 1) {
        why = "unsupported pcapng major version " + std::to_string(major);
        return false;
    }
    ifaces_.clear();  // each section describes its own interfaces
    ++sections_;
    return true;
}

bool PcapngReader::interface_description(std::string& why) {
    // Body: link type (16 bits), reserved (16), snaplen (32), options.
    const std::uint8_t* b = blk_ + 8;
    std::size_t rem = blk_len_ - kMinBlock;
    if (rem < 8) {
        why = "interface description block is too short (" + std::to_string(blk_len_) + " bytes)";
        return false;
    }
    Interface i;
    i.dlt = linktype_to_dlt(u16(b));
    i.snaplen = u32(b + 4);
    const std::uint32_t max = max_snaplen_for_dlt(i.dlt);
    if (i.snaplen == 0 || i.snaplen > max) i.snaplen = max;
    b += 8;
    rem -= 8;
    bool saw_tsresol = false, saw_tsoffset = false;
    const std::string which = "interface " + std::to_string(ifaces_.size()) + ": ";
    while (rem != 0) {
        if (rem < 4) {
            why = which + "option header cut short";
            return false;
        }
        const std::uint16_t code = u16(b), olen = u16(b + 2);
        const std::size_t padded = (std::size_t{olen} + 3) / 4 * 4;
        if (rem - 4 < padded) {
            why = which + "option " + std::to_string(code) + " of " + std::to_string(olen) +
                  " bytes runs past the end of its block";
            return false;
        }
        const std::uint8_t* v = b + 4;
        b += 4 + padded;
        rem -= 4 + padded;
        if (code == kOptEnd) {
            if (olen != 0) {
                why = which + "opt_endofopt with length " + std::to_string(olen) + " != 0";
                return false;
            }
            break;
        }
        if (code == kOptTsresol) {
            if (olen != 1 || saw_tsresol) {
                why = which + (saw_tsresol ? "more than one if_tsresol option"
                                           : "if_tsresol option with length " + std::to_string(olen) + " != 1");
                return false;
            }
            saw_tsresol = true;
            const std::uint8_t r = v[0];
            if (r & 0x80) {
                const unsigned shift = r & 0x7F;
                if (shift > 63) {
                    why = which + "if_tsresol 2^-" + std::to_string(shift) + " is too fine";
                    return false;
                }
                i.binary = true;
                i.tsresol = std::uint64_t{1} << shift;
            } else {
                if (r > 19) {
                    why = which + "if_tsresol 10^-" + std::to_string(r) + " is too fine";
                    return false;
                }
                i.binary = false;
                i.tsresol = 1;
                for (unsigned k = 0; k < r; ++k) i.tsresol *= 10;
            }
        } else if (code == kOptTsoffset) {
            if (olen != 8 || saw_tsoffset) {
                why = which + (saw_tsoffset ? "more than one if_tsoffset option"
                                            : "if_tsoffset option with length " + std::to_string(olen) + " != 8");
                return false;
            }
            saw_tsoffset = true;
            i.tsoffset = u64(v);
        }
    }
    ifaces_.push_back(i);
    ++interfaces_seen_;
    return true;
}

std::int64_t PcapngReader::timestamp_ns(std::uint64_t t, const Interface& i) const noexcept {
    // As libpcap (sf-pcapng.c) computes it for nanosecond precision: whole seconds plus the offset
    // (wrapping, then taken as time_t), and the fraction scaled to nanoseconds. libpcap multiplies
    // a binary fraction by 10^9 in 64 bits; 128 bits give the same result wherever that does not
    // overflow (resolutions up to 2^-34).
    constexpr std::uint64_t kNs = 1'000'000'000;
    const std::uint64_t sec = t / i.tsresol + i.tsoffset;
    std::uint64_t frac = t % i.tsresol;
    if (i.binary)
        frac = static_cast<std::uint64_t>(static_cast<u128>(frac) * kNs / i.tsresol);
    else if (i.tsresol < kNs)
        frac *= kNs / i.tsresol;
    else if (i.tsresol > kNs)
        frac /= i.tsresol / kNs;
    // Then as PcapFileReader turns tv_sec/tv_usec into nanoseconds: saturate, never overflow.
    const auto s = static_cast<std::int64_t>(sec);
    std::int64_t ns = 0;
    if (__builtin_mul_overflow(s, static_cast<std::int64_t>(kNs), &ns) ||
        __builtin_add_overflow(ns, static_cast<std::int64_t>(frac), &ns))
        ns = s < 0 ? INT64_MIN : INT64_MAX;
    return ns;
}

bool PcapngReader::fail(const std::string& why) {
    done_ = true;
    error_ = "'" + path_ + "': cannot read frame " + std::to_string(frames_ + 1) + ": " + why + " (the " +
             std::to_string(frames_) + " frames before it were read)";
    return false;
}

void PcapngReader::release_consumed() noexcept {
    // Nothing before pos_ is referenced once next() is called again (the previous frame is invalid
    // from then on); keep one MiB of slack below it all the same.
    if (pos_ < released_ + kReleaseEvery) return;
    const auto page = static_cast<std::uint64_t>(::sysconf(_SC_PAGESIZE));
    const std::uint64_t upto = pos_ > (1u << 20) ? (pos_ - (1u << 20)) / page * page : 0;
    if (upto <= released_) return;
    ::madvise(static_cast<char*>(map_.addr) + released_, upto - released_, MADV_DONTNEED);
    released_ = upto;
}

bool PcapngReader::next(RawPacket& out) {
    if (done_) return false;
    if (map_.addr) release_consumed();
    std::string why;
    for (;;) {
        const Fetch f = fetch(why);
        if (f == Fetch::End) {
            done_ = true;
            return false;
        }
        if (f == Fetch::Error) return fail(why);
        const std::uint8_t* body = blk_ + 8;
        const std::size_t body_len = blk_len_ - kMinBlock;
        std::uint32_t iface = 0, caplen = 0, len = 0;
        std::uint64_t ts = 0;
        const std::uint8_t* data = nullptr;
        std::size_t avail = 0;  // packet bytes the block holds (with padding and options)
        switch (blk_type_) {
            case kSectionHeader:
                if (!section_header(why)) return fail(why);
                continue;
            case kInterfaceDescription:
                if (!interface_description(why)) return fail(why);
                continue;
            case kEnhancedPacket:
            case kPacket:
                // EPB: interface (32), timestamp high and low, captured length, original length.
                // PB: interface (16), drops count (16), then the same.
                if (body_len < 20) {
                    why = block_name(blk_type_) + " is too short (" + std::to_string(blk_len_) + " bytes)";
                    return fail(why);
                }
                iface = blk_type_ == kEnhancedPacket ? u32(body) : u16(body);
                ts = (std::uint64_t{u32(body + 4)} << 32) | u32(body + 8);
                caplen = u32(body + 12);
                len = u32(body + 16);
                data = body + 20;
                avail = body_len - 20;
                break;
            case kSimplePacket:
                // SPB: original length, then the packet; it belongs to the first interface and has
                // no timestamp.
                if (body_len < 4) {
                    why = "simple packet block is too short (" + std::to_string(blk_len_) + " bytes)";
                    return fail(why);
                }
                iface = 0;
                len = u32(body);
                data = body + 4;
                avail = body_len - 4;
                break;
            default:
                ++skipped_blocks_;
                continue;
        }
        if (iface >= ifaces_.size()) {
            why = "a packet arrived on interface " + std::to_string(iface) + ", but its section describes " +
                  (ifaces_.empty() ? std::string("no interface") : std::to_string(ifaces_.size()) + " interface(s)");
            return fail(why);
        }
        const Interface& i = ifaces_[iface];
        if (blk_type_ == kSimplePacket) {
            caplen = std::min<std::uint32_t>(len, i.snaplen);
            caplen = static_cast<std::uint32_t>(std::min<std::size_t>(caplen, avail));
        } else if (caplen > avail) {
            why = "captured length " + std::to_string(caplen) + " runs past the end of its " + block_name(blk_type_) +
                  " (" + std::to_string(avail) + " bytes)";
            return fail(why);
        }
        ++frames_;
        out.ts_ns = timestamp_ns(ts, i);
        out.caplen = caplen;
        out.wire_len = len < caplen ? caplen : len;  // never below what was captured
        out.linktype = i.dlt;
        out.data = std::span<const std::uint8_t>(data, caplen);
        return true;
    }
}

}  // namespace flowcnn::capture
