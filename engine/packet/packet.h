#pragma once
// A parsed packet: link, network and transport headers validated against the captured length
// (PcapPlusPlus-style validators); what fails validation is counted by reason and skipped.
#include <array>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>

namespace flowcnn::packet {

// Why a packet produced no flow input. Counted per capture and shown to the user.
enum class SkipReason : std::uint8_t {
    UnknownLinkType,   // link type we do not decode
    TruncatedLink,     // captured bytes end inside the link header
    NotIp,             // ARP, LLDP, ... (a well-formed non-IP frame)
    TruncatedIp,       // captured bytes end inside the IP header (or IHL/len inconsistent)
    MalformedIp,       // IHL < 5, bad version, IPv6 extension loop/overflow
    NonFirstFragment,  // IPv4/IPv6 fragment with offset > 0 (no transport header)
    NotTcpUdp,         // ICMP, ESP, GRE, ...
    TruncatedTransport,// captured bytes end inside the TCP/UDP header
    MalformedTransport,// TCP data offset < 5 or past the segment
    NetmonRecord,      // NetMon frame that carries an event/system record, not a packet
    Count
};
constexpr std::size_t kSkipReasonCount = static_cast<std::size_t>(SkipReason::Count);
std::string_view skip_reason_name(SkipReason r);  // stable snake_case name, e.g. "non_first_fragment"

struct SkipCounts {
    std::array<std::uint64_t, kSkipReasonCount> by_reason{};
    void add(SkipReason r) { ++by_reason[static_cast<std::size_t>(r)]; }
    std::uint64_t total() const {
        std::uint64_t t = 0;
        for (auto v : by_reason) t += v;
        return t;
    }
    SkipCounts& operator+=(const SkipCounts& o) {
        for (std::size_t i = 0; i < kSkipReasonCount; ++i) by_reason[i] += o.by_reason[i];
        return *this;
    }
};

// An IPv4 address lives in bytes[0..3] with version 4; IPv6 uses all 16 bytes.
struct IpAddress {
    std::array<std::uint8_t, 16> bytes{};
    std::uint8_t version = 0;
    auto operator<=>(const IpAddress&) const = default;
    std::string to_string() const;
    static bool parse(std::string_view text, IpAddress& out);  // dotted quad or IPv6 text
};

constexpr std::uint8_t kProtoTcp = 6;
constexpr std::uint8_t kProtoUdp = 17;

namespace tcp_flag {
constexpr std::uint8_t kFin = 0x01, kSyn = 0x02, kRst = 0x04, kPsh = 0x08, kAck = 0x10;
}

struct ParsedPacket {
    std::int64_t ts_ns = 0;
    std::uint16_t vlan = 0;  // outermost 802.1Q VLAN id, 0 when untagged
    IpAddress src, dst;
    std::uint16_t src_port = 0, dst_port = 0;
    std::uint8_t l4proto = 0;  // kProtoTcp or kProtoUdp
    std::uint8_t tcp_flags = 0;
    std::uint32_t tcp_seq = 0;
    std::uint16_t tcp_window = 0;  // the raw window field (unscaled); 0 for UDP
    std::uint8_t ttl = 0;          // IPv4 TTL or IPv6 hop limit (of the innermost IP header)
    // The transport payload, clipped to the captured bytes and to the IP total length
    // (Ethernet trailer padding excluded). Points into the frame buffer: valid until the next read.
    std::span<const std::uint8_t> payload;
    // The outermost IP packet, header first, clipped like the payload (for DPI engines, which
    // read the headers themselves). Points into the frame buffer too.
    std::span<const std::uint8_t> ip;
    std::uint32_t wire_len = 0;  // original frame length
};

// libpcap DLT values we decode (others -> UnknownLinkType).
namespace dlt {
constexpr int kNull = 0, kEthernet = 1, kRaw = 101, kRawAlt = 12, kLoop = 108, kLinuxSll = 113,
              kIpv4 = 228, kIpv6 = 229, kLinuxSll2 = 276;
}

// Parses one frame of the given link type. Returns true and fills `out` (except ts_ns) when the
// frame carries a TCP or UDP segment; otherwise sets `why` and returns false. Never reads past
// `frame`.
bool parse_packet(int linktype, std::span<const std::uint8_t> frame, ParsedPacket& out,
                  SkipReason& why) noexcept;

}  // namespace flowcnn::packet
