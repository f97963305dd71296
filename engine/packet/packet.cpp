#include "engine/packet/packet.h"

#include <arpa/inet.h>

#include <cstring>

namespace flowcnn::packet {

std::string_view skip_reason_name(SkipReason r) {
    switch (r) {
        case SkipReason::UnknownLinkType: return "unknown_link_type";
        case SkipReason::TruncatedLink: return "truncated_link";
        case SkipReason::NotIp: return "not_ip";
        case SkipReason::TruncatedIp: return "truncated_ip";
        case SkipReason::MalformedIp: return "malformed_ip";
        case SkipReason::NonFirstFragment: return "non_first_fragment";
        case SkipReason::NotTcpUdp: return "not_tcp_udp";
        case SkipReason::TruncatedTransport: return "truncated_transport";
        case SkipReason::MalformedTransport: return "malformed_transport";
        case SkipReason::NetmonRecord: return "netmon_record";
        case SkipReason::Count: break;
    }
    return "unknown";
}

std::string IpAddress::to_string() const {
    char buf[INET6_ADDRSTRLEN] = {};
    if (version == 4) {
        if (!inet_ntop(AF_INET, bytes.data(), buf, sizeof buf)) return {};
    } else if (version == 6) {
        if (!inet_ntop(AF_INET6, bytes.data(), buf, sizeof buf)) return {};
    } else {
        return {};
    }
    return buf;
}

bool IpAddress::parse(std::string_view text, IpAddress& out) {
    if (text.empty() || text.size() >= INET6_ADDRSTRLEN + 8) return false;
    char buf[INET6_ADDRSTRLEN + 8] = {};
    std::memcpy(buf, text.data(), text.size());
    IpAddress a;
    if (inet_pton(AF_INET, buf, a.bytes.data()) == 1) {
        a.version = 4;
    } else if (inet_pton(AF_INET6, buf, a.bytes.data()) == 1) {
        a.version = 6;
    } else {
        return false;
    }
    out = a;
    return true;
}

namespace {

// Hot path: plain pointer arithmetic over [p, end), every read guarded by an explicit length check.
inline std::uint16_t be16(const std::uint8_t* p) noexcept {
    return static_cast<std::uint16_t>((p[0] << 8) | p[1]);
}
inline std::uint32_t be32(const std::uint8_t* p) noexcept {
    return (std::uint32_t{p[0]} << 24) | (std::uint32_t{p[1]} << 16) | (std::uint32_t{p[2]} << 8) | p[3];
}
inline std::uint32_t le32(const std::uint8_t* p) noexcept {
    return (std::uint32_t{p[3]} << 24) | (std::uint32_t{p[2]} << 16) | (std::uint32_t{p[1]} << 8) | p[0];
}

constexpr std::uint16_t kEthIpv4 = 0x0800;
constexpr std::uint16_t kEthIpv6 = 0x86dd;
constexpr std::uint16_t kEthVlan = 0x8100;
constexpr std::uint16_t kEthQinQ = 0x88a8;
constexpr std::uint16_t kEthQinQOld = 0x9100;
constexpr std::uint16_t kEthQinQOld2 = 0x9200;
constexpr std::uint16_t kEthPppoeSession = 0x8864;
constexpr std::uint16_t kEthMplsUnicast = 0x8847;
constexpr std::uint16_t kEthMplsMulticast = 0x8848;
constexpr int kMaxVlanTags = 8;
constexpr int kMaxMplsLabels = 16;
constexpr int kMaxIpv6ExtHeaders = 16;

constexpr int kMaxIpInIp = 2;  // IPv4/IPv6 tunnelled in IP (6in4, 4in4, 6in6): decoded to the inner packet

struct Ctx {
    const std::uint8_t* end;  // end of the captured frame (or of the inner packet when tunnelled)
    ParsedPacket& out;
    SkipReason& why;
    int tunnels = 0;
};

bool parse_ipv4(Ctx& c, const std::uint8_t* p) noexcept;
bool parse_ipv6(Ctx& c, const std::uint8_t* p) noexcept;

bool fail(Ctx& c, SkipReason r) noexcept {
    c.why = r;
    return false;
}

// Transport layer at p: `declared` bytes by the IP header, of which `avail` (<= declared) captured.
bool parse_transport(Ctx& c, std::uint8_t proto, const std::uint8_t* p, std::size_t avail,
                     std::size_t declared) noexcept {
    if (proto == kProtoTcp) {
        if (avail < 20) return fail(c, declared < 20 ? SkipReason::MalformedTransport
                                                     : SkipReason::TruncatedTransport);
        std::size_t hlen = static_cast<std::size_t>(p[12] >> 4) * 4;
        if (hlen < 20 || hlen > declared) return fail(c, SkipReason::MalformedTransport);
        if (hlen > avail) return fail(c, SkipReason::TruncatedTransport);
        c.out.src_port = be16(p);
        c.out.dst_port = be16(p + 2);
        c.out.tcp_seq = be32(p + 4);
        c.out.tcp_flags = p[13];
        c.out.tcp_window = be16(p + 14);
        c.out.l4proto = kProtoTcp;
        c.out.payload = std::span<const std::uint8_t>(p + hlen, avail - hlen);
        return true;
    }
    if (proto == kProtoUdp) {
        if (avail < 8) return fail(c, declared < 8 ? SkipReason::MalformedTransport
                                                   : SkipReason::TruncatedTransport);
        c.out.src_port = be16(p);
        c.out.dst_port = be16(p + 2);
        c.out.tcp_seq = 0;
        c.out.tcp_flags = 0;
        c.out.tcp_window = 0;
        c.out.l4proto = kProtoUdp;
        std::size_t len = be16(p + 4);
        std::size_t pay = avail - 8;
        // The UDP length clips the payload when it is sane (>= 8 and within the IP payload).
        if (len >= 8 && len <= declared && len - 8 < pay) pay = len - 8;
        c.out.payload = std::span<const std::uint8_t>(p + 8, pay);
        return true;
    }
    if ((proto == 4 || proto == 41) && c.tunnels < kMaxIpInIp) {
        // IP in IP: the flow is the inner packet's. Bound the inner packet by the outer one.
        Ctx inner{p + avail, c.out, c.why, c.tunnels + 1};
        return proto == 4 ? parse_ipv4(inner, p) : parse_ipv6(inner, p);
    }
    return fail(c, SkipReason::NotTcpUdp);
}

bool parse_ipv4(Ctx& c, const std::uint8_t* p) noexcept {
    auto avail = static_cast<std::size_t>(c.end - p);
    if (avail < 20) return fail(c, SkipReason::TruncatedIp);
    if ((p[0] >> 4) != 4) return fail(c, SkipReason::MalformedIp);
    std::size_t ihl = static_cast<std::size_t>(p[0] & 0x0f) * 4;
    if (ihl < 20) return fail(c, SkipReason::MalformedIp);
    if (ihl > avail) return fail(c, SkipReason::TruncatedIp);
    std::size_t total = be16(p + 2);
    if (total == 0) {
        // Total length 0: TCP segmentation offload on the capturing host; trust the capture.
        total = avail;
    } else if (total < ihl) {
        return fail(c, SkipReason::TruncatedIp);
    }
    std::size_t cap = total < avail ? total : avail;  // trailer padding excluded
    if ((be16(p + 6) & 0x1fff) != 0) return fail(c, SkipReason::NonFirstFragment);
    c.out.src = IpAddress{};
    c.out.dst = IpAddress{};
    std::memcpy(c.out.src.bytes.data(), p + 12, 4);
    std::memcpy(c.out.dst.bytes.data(), p + 16, 4);
    c.out.src.version = 4;
    c.out.dst.version = 4;
    c.out.ttl = p[8];
    if (c.tunnels == 0) c.out.ip = std::span<const std::uint8_t>(p, cap);
    return parse_transport(c, p[9], p + ihl, cap - ihl, total - ihl);
}

bool parse_ipv6(Ctx& c, const std::uint8_t* p) noexcept {
    auto avail = static_cast<std::size_t>(c.end - p);
    if (avail < 40) return fail(c, SkipReason::TruncatedIp);
    if ((p[0] >> 4) != 6) return fail(c, SkipReason::MalformedIp);
    std::size_t plen = be16(p + 4);
    // Payload length 0: jumbogram (or offload); use what was captured.
    std::size_t declared = plen == 0 ? avail - 40 : plen;
    std::size_t cap = avail - 40 < declared ? avail - 40 : declared;
    std::uint8_t next = p[6];
    c.out.src = IpAddress{};
    c.out.dst = IpAddress{};
    std::memcpy(c.out.src.bytes.data(), p + 8, 16);
    std::memcpy(c.out.dst.bytes.data(), p + 24, 16);
    c.out.src.version = 6;
    c.out.ttl = p[7];
    c.out.dst.version = 6;
    if (c.tunnels == 0) c.out.ip = std::span<const std::uint8_t>(p, 40 + cap);
    std::size_t off = 0;  // offset within the IPv6 payload
    const std::uint8_t* base = p + 40;
    for (int n = 0;; ++n) {
        if (next == kProtoTcp || next == kProtoUdp) break;
        std::size_t hlen;
        switch (next) {
            case 0:    // hop-by-hop options
            case 43:   // routing
            case 60:   // destination options
            case 135:  // mobility
            case 44:   // fragment
            case 51:   // authentication header
                break;
            case 4:
            case 41:
                return parse_transport(c, next, base + off, cap - off, declared - off);
            default: return fail(c, SkipReason::NotTcpUdp);
        }
        if (n >= kMaxIpv6ExtHeaders) return fail(c, SkipReason::MalformedIp);
        if (off + 8 > declared) return fail(c, SkipReason::MalformedIp);
        if (off + 8 > cap) return fail(c, SkipReason::TruncatedIp);
        const std::uint8_t* h = base + off;
        if (next == 44) {
            hlen = 8;
            if ((be16(h + 2) >> 3) != 0) return fail(c, SkipReason::NonFirstFragment);
        } else if (next == 51) {
            hlen = (static_cast<std::size_t>(h[1]) + 2) * 4;
        } else {
            hlen = (static_cast<std::size_t>(h[1]) + 1) * 8;
        }
        if (off + hlen > declared) return fail(c, SkipReason::MalformedIp);
        if (off + hlen > cap) return fail(c, SkipReason::TruncatedIp);
        next = h[0];
        off += hlen;
    }
    return parse_transport(c, next, base + off, cap - off, declared - off);
}

bool parse_ip_by_version(Ctx& c, const std::uint8_t* p) noexcept {
    if (p >= c.end) return fail(c, SkipReason::TruncatedIp);
    switch (p[0] >> 4) {
        case 4: return parse_ipv4(c, p);
        case 6: return parse_ipv6(c, p);
        default: return fail(c, SkipReason::MalformedIp);
    }
}

// Dispatches on an ethertype at p[-2..-1] with the next header at p; follows VLAN tags, PPPoE, MPLS.
bool parse_ethertype(Ctx& c, std::uint16_t type, const std::uint8_t* p) noexcept {
    int tags = 0;
    for (;;) {
        switch (type) {
            case kEthIpv4: return parse_ipv4(c, p);
            case kEthIpv6: return parse_ipv6(c, p);
            case kEthVlan:
            case kEthQinQ:
            case kEthQinQOld:
            case kEthQinQOld2:
                if (++tags > kMaxVlanTags) return fail(c, SkipReason::NotIp);
                if (c.end - p < 4) return fail(c, SkipReason::TruncatedLink);
                if (c.out.vlan == 0 && tags == 1) c.out.vlan = be16(p) & 0x0fff;
                type = be16(p + 2);
                p += 4;
                continue;
            case kEthPppoeSession: {
                if (c.end - p < 8) return fail(c, SkipReason::TruncatedLink);
                std::uint16_t ppp = be16(p + 6);
                p += 8;
                if (ppp == 0x0021) return parse_ipv4(c, p);
                if (ppp == 0x0057) return parse_ipv6(c, p);
                return fail(c, SkipReason::NotIp);
            }
            case kEthMplsUnicast:
            case kEthMplsMulticast: {
                for (int i = 0;; ++i) {
                    if (i >= kMaxMplsLabels) return fail(c, SkipReason::NotIp);
                    if (c.end - p < 4) return fail(c, SkipReason::TruncatedLink);
                    bool bottom = (p[2] & 0x01) != 0;
                    p += 4;
                    if (bottom) break;
                }
                if (p >= c.end) return fail(c, SkipReason::TruncatedIp);
                auto v = p[0] >> 4;
                if (v == 4) return parse_ipv4(c, p);
                if (v == 6) return parse_ipv6(c, p);
                return fail(c, SkipReason::NotIp);  // e.g. Ethernet pseudowire
            }
            default:
                if (type <= 1500) {
                    // IEEE 802.3 length field: LLC; only SNAP with an ethertype carries IP.
                    if (c.end - p >= 8 && p[0] == 0xaa && p[1] == 0xaa && p[2] == 0x03 && p[3] == 0 &&
                        p[4] == 0 && p[5] == 0) {
                        type = be16(p + 6);
                        p += 8;
                        if (type > 1500) continue;
                    }
                }
                return fail(c, SkipReason::NotIp);
        }
    }
}

}  // namespace

bool parse_packet(int linktype, std::span<const std::uint8_t> frame, ParsedPacket& out,
                  SkipReason& why) noexcept {
    const std::uint8_t* p = frame.data();
    Ctx c{p + frame.size(), out, why, 0};
    out.vlan = 0;
    out.src_port = out.dst_port = 0;
    out.l4proto = 0;
    out.tcp_flags = 0;
    out.tcp_seq = 0;
    out.tcp_window = 0;
    out.ttl = 0;
    out.payload = {};
    out.wire_len = static_cast<std::uint32_t>(frame.size());
    const std::size_t n = frame.size();
    switch (linktype) {
        case dlt::kEthernet:
            if (n < 14) return fail(c, SkipReason::TruncatedLink);
            return parse_ethertype(c, be16(p + 12), p + 14);
        case dlt::kLinuxSll:
            if (n < 16) return fail(c, SkipReason::TruncatedLink);
            return parse_ethertype(c, be16(p + 14), p + 16);
        case dlt::kLinuxSll2:
            if (n < 20) return fail(c, SkipReason::TruncatedLink);
            return parse_ethertype(c, be16(p), p + 20);
        case dlt::kRaw:
        case dlt::kRawAlt:
            return parse_ip_by_version(c, p);
        case dlt::kIpv4:
            return parse_ipv4(c, p);
        case dlt::kIpv6:
            return parse_ipv6(c, p);
        case dlt::kNull: {
            if (n < 4) return fail(c, SkipReason::TruncatedLink);
            // Address family in the capturing host's byte order: accept both.
            std::uint32_t af = le32(p);
            if (af > 0xffff) af = be32(p);
            if (af == 2) return parse_ipv4(c, p + 4);
            if (af == 24 || af == 28 || af == 30) return parse_ipv6(c, p + 4);
            return fail(c, SkipReason::NotIp);
        }
        case dlt::kLoop: {
            if (n < 4) return fail(c, SkipReason::TruncatedLink);
            std::uint32_t af = be32(p);
            if (af == 2) return parse_ipv4(c, p + 4);
            if (af == 24 || af == 28 || af == 30) return parse_ipv6(c, p + 4);
            return fail(c, SkipReason::NotIp);
        }
        default:
            return fail(c, SkipReason::UnknownLinkType);
    }
}

}  // namespace flowcnn::packet
