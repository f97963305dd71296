// Packet parser: every link type we decode, VLAN/QinQ, IPv6 extension headers, fragments, clipping.
#include <gtest/gtest.h>

#include <set>
#include <string>

#include "engine/packet/packet.h"
#include "packet_builders.h"

using namespace flowcnn;
using namespace flowcnn::testutil;
using packet::ParsedPacket;
using packet::SkipReason;

namespace {

struct Result {
    bool ok = false;
    SkipReason why = SkipReason::Count;
    ParsedPacket p;
    Bytes frame;  // owns the bytes p.payload points into (moving a vector keeps its buffer)
};
Result parse(int linktype, const Bytes& frame) {
    Result r;
    r.frame = frame;
    r.ok = packet::parse_packet(linktype, r.frame, r.p, r.why);
    if (r.ok) {
        // The payload always lies inside the frame.
        EXPECT_GE(r.p.payload.data(), r.frame.data());
        EXPECT_LE(r.p.payload.data() + r.p.payload.size(), r.frame.data() + r.frame.size());
    }
    return r;
}
std::string str(std::span<const std::uint8_t> s) { return std::string(s.begin(), s.end()); }

Bytes tcp4(const Bytes& payload = text("hello")) {
    return ipv4(kA4, kB4, 6, tcp(1234, 443, 1000, packet::tcp_flag::kPsh | packet::tcp_flag::kAck, payload));
}

}  // namespace

TEST(Packet, SkipReasonNamesAreStableAndDistinct) {
    std::set<std::string> names;
    for (std::size_t i = 0; i < packet::kSkipReasonCount; ++i) {
        auto n = std::string(packet::skip_reason_name(static_cast<SkipReason>(i)));
        EXPECT_FALSE(n.empty());
        EXPECT_EQ(n.find(' '), std::string::npos);
        names.insert(n);
    }
    EXPECT_EQ(names.size(), packet::kSkipReasonCount);
    EXPECT_EQ(packet::skip_reason_name(SkipReason::NonFirstFragment), "non_first_fragment");
    EXPECT_EQ(packet::skip_reason_name(SkipReason::NotTcpUdp), "not_tcp_udp");
    EXPECT_EQ(packet::skip_reason_name(SkipReason::NetmonRecord), "netmon_record");
}

TEST(Packet, IpAddressTextRoundTrip) {
    packet::IpAddress a;
    ASSERT_TRUE(packet::IpAddress::parse("192.168.1.20", a));
    EXPECT_EQ(a.version, 4);
    EXPECT_EQ(a.bytes[0], 192);
    EXPECT_EQ(a.bytes[3], 20);
    EXPECT_EQ(a.to_string(), "192.168.1.20");
    ASSERT_TRUE(packet::IpAddress::parse("2001:db8::1", a));
    EXPECT_EQ(a.version, 6);
    EXPECT_EQ(a.to_string(), "2001:db8::1");
    EXPECT_FALSE(packet::IpAddress::parse("", a));
    EXPECT_FALSE(packet::IpAddress::parse("300.1.1.1", a));
    EXPECT_FALSE(packet::IpAddress::parse("not an address", a));
    EXPECT_FALSE(packet::IpAddress::parse(std::string(200, '1'), a));
    EXPECT_EQ(packet::IpAddress{}.to_string(), "");
    packet::IpAddress b, c;
    ASSERT_TRUE(packet::IpAddress::parse("10.0.0.1", b));
    ASSERT_TRUE(packet::IpAddress::parse("10.0.0.2", c));
    EXPECT_LT(b, c);
}

TEST(Packet, EthernetIpv4Tcp) {
    auto r = parse(packet::dlt::kEthernet, eth(0x0800, tcp4()));
    ASSERT_TRUE(r.ok);
    EXPECT_EQ(r.p.src.to_string(), "10.0.0.1");
    EXPECT_EQ(r.p.dst.to_string(), "192.168.1.2");
    EXPECT_EQ(r.p.src_port, 1234);
    EXPECT_EQ(r.p.dst_port, 443);
    EXPECT_EQ(r.p.l4proto, packet::kProtoTcp);
    EXPECT_EQ(r.p.tcp_seq, 1000u);
    EXPECT_EQ(r.p.tcp_flags, packet::tcp_flag::kPsh | packet::tcp_flag::kAck);
    EXPECT_EQ(r.p.vlan, 0);
    EXPECT_EQ(str(r.p.payload), "hello");
}

TEST(Packet, TtlAndTcpWindowAreRead) {
    auto r = parse(packet::dlt::kEthernet, eth(0x0800, tcp4()));
    ASSERT_TRUE(r.ok);
    EXPECT_EQ(r.p.ttl, 64);              // the builder's IPv4 TTL
    EXPECT_EQ(r.p.tcp_window, 65535);    // the builder's window field
    auto u = parse(1, eth(0x86dd, ipv6(kA6, kB6, 17, udp(1, 2, text("v6")))));
    ASSERT_TRUE(u.ok);
    EXPECT_EQ(u.p.ttl, 64);              // the builder's IPv6 hop limit
    EXPECT_EQ(u.p.tcp_window, 0);        // UDP has none
}

TEST(Packet, TcpOptionsAreNotPayload) {
    auto r = parse(packet::dlt::kEthernet,
                   eth(0x0800, ipv4(kA4, kB4, 6, tcp(1, 2, 3, packet::tcp_flag::kSyn, text("xyz"), 8))));
    ASSERT_TRUE(r.ok);
    EXPECT_EQ(r.p.tcp_flags, packet::tcp_flag::kSyn);
    EXPECT_EQ(str(r.p.payload), "xyz");
}

TEST(Packet, EthernetTrailerPaddingIsExcluded) {
    auto frame = eth(0x0800, tcp4(text("ab")));
    frame.resize(60, 0xee);  // minimum Ethernet frame: padded
    auto r = parse(packet::dlt::kEthernet, frame);
    ASSERT_TRUE(r.ok);
    EXPECT_EQ(str(r.p.payload), "ab");
}

TEST(Packet, IpOptionsAreSkipped) {
    Ip4Opts o;
    o.ihl = 7;
    auto r = parse(packet::dlt::kEthernet, eth(0x0800, ipv4(kA4, kB4, 17, udp(53, 5353, text("dns")), o)));
    ASSERT_TRUE(r.ok);
    EXPECT_EQ(r.p.l4proto, packet::kProtoUdp);
    EXPECT_EQ(str(r.p.payload), "dns");
}

TEST(Packet, SnaplenTruncationClipsPayloadToCapturedBytes) {
    auto frame = eth(0x0800, tcp4(Bytes(1000, 'x')));
    frame.resize(14 + 20 + 20 + 100);  // captured 100 payload bytes of 1000
    auto r = parse(packet::dlt::kEthernet, frame);
    ASSERT_TRUE(r.ok);
    EXPECT_EQ(r.p.payload.size(), 100u);
}

TEST(Packet, TsoTotalLengthZeroUsesCapturedBytes) {
    Ip4Opts o;
    o.total_length = 0;
    auto r = parse(packet::dlt::kEthernet,
                   eth(0x0800, ipv4(kA4, kB4, 6, tcp(1, 2, 3, 0x10, Bytes(3000, 'y')), o)));
    ASSERT_TRUE(r.ok);
    EXPECT_EQ(r.p.payload.size(), 3000u);
}

TEST(Packet, UdpLengthClipsPayloadWhenSane) {
    auto inner = udp(1000, 2000, text("abcdef"), 8 + 3);  // says 3 bytes of payload
    auto r = parse(packet::dlt::kEthernet, eth(0x0800, ipv4(kA4, kB4, 17, inner)));
    ASSERT_TRUE(r.ok);
    EXPECT_EQ(str(r.p.payload), "abc");
    // An absurd UDP length (past the IP payload, or < 8) is ignored: the IP length rules.
    r = parse(packet::dlt::kEthernet, eth(0x0800, ipv4(kA4, kB4, 17, udp(1, 2, text("abcdef"), 5000))));
    ASSERT_TRUE(r.ok);
    EXPECT_EQ(str(r.p.payload), "abcdef");
    r = parse(packet::dlt::kEthernet, eth(0x0800, ipv4(kA4, kB4, 17, udp(1, 2, text("abcdef"), 4))));
    ASSERT_TRUE(r.ok);
    EXPECT_EQ(str(r.p.payload), "abcdef");
}

TEST(Packet, VlanTagsOutermostIdIsKept) {
    auto r = parse(1, eth(0x0800, tcp4(), {{0x8100, 0x2064}}));  // PCP 1, VID 100
    ASSERT_TRUE(r.ok);
    EXPECT_EQ(r.p.vlan, 100);
    EXPECT_EQ(str(r.p.payload), "hello");
    r = parse(1, eth(0x0800, tcp4(), {{0x88a8, 200}, {0x8100, 300}}));  // QinQ
    ASSERT_TRUE(r.ok);
    EXPECT_EQ(r.p.vlan, 200);
    r = parse(1, eth(0x86dd, ipv6(kA6, kB6, 17, udp(1, 2, text("v6"))), {{0x9100, 7}, {0x9100, 8}, {0x8100, 9}}));
    ASSERT_TRUE(r.ok);
    EXPECT_EQ(r.p.vlan, 7);
    EXPECT_EQ(str(r.p.payload), "v6");
}

TEST(Packet, TooManyVlanTagsIsNotIp) {
    std::vector<std::pair<std::uint16_t, std::uint16_t>> tags(20, {0x8100, 5});
    auto r = parse(1, eth(0x0800, tcp4(), tags));
    EXPECT_FALSE(r.ok);
    EXPECT_EQ(r.why, SkipReason::NotIp);
}

TEST(Packet, NonIpEthertypes) {
    Bytes arp(28, 0);
    auto r = parse(1, eth(0x0806, arp));
    EXPECT_FALSE(r.ok);
    EXPECT_EQ(r.why, SkipReason::NotIp);
    r = parse(1, eth(0x88cc, Bytes(40, 1)));  // LLDP
    EXPECT_EQ(r.why, SkipReason::NotIp);
    r = parse(1, eth(0x0026, Bytes(40, 0x42)));  // 802.3 length + LLC (STP)
    EXPECT_EQ(r.why, SkipReason::NotIp);
}

TEST(Packet, LlcSnapAndPppoeAndMpls) {
    Bytes snap{0xaa, 0xaa, 0x03, 0, 0, 0, 0x08, 0x00};
    auto l3 = tcp4();
    auto r = parse(1, eth(static_cast<std::uint16_t>(snap.size() + l3.size()), cat({snap, l3})));
    ASSERT_TRUE(r.ok);
    EXPECT_EQ(str(r.p.payload), "hello");
    Bytes pppoe{0x11, 0x00, 0x00, 0x01};
    be16(pppoe, static_cast<std::uint32_t>(l3.size() + 2));
    be16(pppoe, 0x0021);
    r = parse(1, eth(0x8864, cat({pppoe, l3})));
    ASSERT_TRUE(r.ok);
    EXPECT_EQ(str(r.p.payload), "hello");
    Bytes mpls{0x00, 0x01, 0x00, 0x40, 0x00, 0x02, 0x01, 0x40};  // two labels, bottom of stack set
    r = parse(1, eth(0x8847, cat({mpls, l3})));
    ASSERT_TRUE(r.ok);
    EXPECT_EQ(str(r.p.payload), "hello");
}

TEST(Packet, LinuxCookedSllAndSll2) {
    Bytes sll{0, 0, 0, 1, 0, 6, 1, 2, 3, 4, 5, 6, 0, 0};
    be16(sll, 0x0800);
    auto r = parse(packet::dlt::kLinuxSll, cat({sll, tcp4()}));
    ASSERT_TRUE(r.ok);
    EXPECT_EQ(str(r.p.payload), "hello");
    Bytes sll2;
    be16(sll2, 0x86dd);
    be16(sll2, 0);
    be32(sll2, 2);  // ifindex
    Bytes rest{0, 1, 0, 6, 1, 2, 3, 4, 5, 6, 0, 0};
    auto r2 = parse(packet::dlt::kLinuxSll2, cat({sll2, rest, ipv6(kA6, kB6, 6, tcp(80, 5000, 7, 0x18, text("six")))}));
    ASSERT_TRUE(r2.ok);
    EXPECT_EQ(r2.p.src.version, 6);
    EXPECT_EQ(r2.p.src.to_string(), "2001:db8::1");
    EXPECT_EQ(str(r2.p.payload), "six");
    // Non-IP protocol in SLL.
    Bytes sll_arp = sll;
    sll_arp[14] = 0x08;
    sll_arp[15] = 0x06;
    auto r3 = parse(packet::dlt::kLinuxSll, cat({sll_arp, Bytes(28, 0)}));
    EXPECT_EQ(r3.why, SkipReason::NotIp);
    EXPECT_EQ(parse(packet::dlt::kLinuxSll, Bytes(10, 0)).why, SkipReason::TruncatedLink);
    EXPECT_EQ(parse(packet::dlt::kLinuxSll2, Bytes(19, 0)).why, SkipReason::TruncatedLink);
}

TEST(Packet, RawIpLinkTypes) {
    auto v4 = tcp4();
    auto v6 = ipv6(kA6, kB6, 17, udp(1, 2, text("u")));
    for (int lt : {packet::dlt::kRaw, packet::dlt::kRawAlt}) {
        EXPECT_TRUE(parse(lt, v4).ok) << lt;
        auto r = parse(lt, v6);
        ASSERT_TRUE(r.ok) << lt;
        EXPECT_EQ(r.p.src.version, 6);
    }
    EXPECT_TRUE(parse(packet::dlt::kIpv4, v4).ok);
    EXPECT_TRUE(parse(packet::dlt::kIpv6, v6).ok);
    EXPECT_EQ(parse(packet::dlt::kIpv4, v6).why, SkipReason::MalformedIp);
    EXPECT_EQ(parse(packet::dlt::kIpv6, v4).why, SkipReason::MalformedIp);  // version 4
    EXPECT_EQ(parse(packet::dlt::kRaw, Bytes{0x50, 0, 0, 0}).why, SkipReason::MalformedIp);
    EXPECT_EQ(parse(packet::dlt::kRaw, Bytes{}).why, SkipReason::TruncatedIp);
}

TEST(Packet, BsdNullBothByteOrdersAndLoop) {
    auto v4 = tcp4();
    auto v6 = ipv6(kA6, kB6, 6, tcp(1, 2, 3, 0x02, {}));
    Bytes le2{2, 0, 0, 0}, be2{0, 0, 0, 2};
    EXPECT_TRUE(parse(packet::dlt::kNull, cat({le2, v4})).ok);
    EXPECT_TRUE(parse(packet::dlt::kNull, cat({be2, v4})).ok);
    for (std::uint8_t af : {24, 28, 30}) {
        EXPECT_TRUE(parse(packet::dlt::kNull, cat({Bytes{af, 0, 0, 0}, v6})).ok) << int(af);
        EXPECT_TRUE(parse(packet::dlt::kNull, cat({Bytes{0, 0, 0, af}, v6})).ok) << int(af);
        EXPECT_TRUE(parse(packet::dlt::kLoop, cat({Bytes{0, 0, 0, af}, v6})).ok) << int(af);
    }
    EXPECT_TRUE(parse(packet::dlt::kLoop, cat({be2, v4})).ok);
    EXPECT_EQ(parse(packet::dlt::kNull, cat({Bytes{7, 0, 0, 0}, v4})).why, SkipReason::NotIp);
    EXPECT_EQ(parse(packet::dlt::kNull, Bytes{2, 0}).why, SkipReason::TruncatedLink);
    EXPECT_EQ(parse(packet::dlt::kLoop, Bytes{0, 0}).why, SkipReason::TruncatedLink);
}

TEST(Packet, UnknownLinkType) {
    EXPECT_EQ(parse(105, eth(0x0800, tcp4())).why, SkipReason::UnknownLinkType);  // 802.11
    EXPECT_EQ(parse(-1, Bytes(64, 0)).why, SkipReason::UnknownLinkType);
    EXPECT_EQ(parse(1, Bytes(13, 0)).why, SkipReason::TruncatedLink);
}

TEST(Packet, Ipv4Fragments) {
    Ip4Opts first;
    first.frag = 0x2000;  // MF, offset 0: transport header present
    auto r = parse(1, eth(0x0800, ipv4(kA4, kB4, 17, udp(5, 6, text("part1")), first)));
    ASSERT_TRUE(r.ok);
    EXPECT_EQ(r.p.src_port, 5);
    Ip4Opts later;
    later.frag = 0x0010;  // offset 16 * 8
    EXPECT_EQ(parse(1, eth(0x0800, ipv4(kA4, kB4, 17, text("more data"), later))).why,
              SkipReason::NonFirstFragment);
    later.frag = 0x2001;  // MF and offset 8
    EXPECT_EQ(parse(1, eth(0x0800, ipv4(kA4, kB4, 17, text("more data"), later))).why,
              SkipReason::NonFirstFragment);
}

TEST(Packet, Ipv6ExtensionHeaderChain) {
    auto l4 = tcp(1111, 80, 42, 0x18, text("GET /"));
    // hop-by-hop -> routing -> destination options -> AH -> mobility? (mobility ends in 59 usually)
    auto chain = cat({ext6(43, 0), ext6(60, 1), ext6(51, 0), ah6(6, 4), l4});
    auto r = parse(1, eth(0x86dd, ipv6(kA6, kB6, 0, chain)));
    ASSERT_TRUE(r.ok);
    EXPECT_EQ(r.p.l4proto, packet::kProtoTcp);
    EXPECT_EQ(r.p.dst_port, 80);
    EXPECT_EQ(str(r.p.payload), "GET /");
    auto mob = cat({ext6(17, 0), udp(7, 8, text("m"))});
    mob[0] = 17;
    r = parse(1, eth(0x86dd, ipv6(kA6, kB6, 135, mob)));
    ASSERT_TRUE(r.ok);
    EXPECT_EQ(str(r.p.payload), "m");
}

TEST(Packet, Ipv6Fragments) {
    auto r = parse(1, eth(0x86dd, ipv6(kA6, kB6, 44, cat({frag6(17, 0, true), udp(9, 10, text("first"))}))));
    ASSERT_TRUE(r.ok);
    EXPECT_EQ(str(r.p.payload), "first");
    r = parse(1, eth(0x86dd, ipv6(kA6, kB6, 44, cat({frag6(17, 185, false), text("rest of it")}))));
    EXPECT_FALSE(r.ok);
    EXPECT_EQ(r.why, SkipReason::NonFirstFragment);
}

TEST(Packet, Ipv6OtherNextHeaders) {
    EXPECT_EQ(parse(1, eth(0x86dd, ipv6(kA6, kB6, 58, Bytes(8, 0)))).why, SkipReason::NotTcpUdp);  // ICMPv6
    EXPECT_EQ(parse(1, eth(0x86dd, ipv6(kA6, kB6, 59, {}))).why, SkipReason::NotTcpUdp);  // no next
    EXPECT_EQ(parse(1, eth(0x86dd, ipv6(kA6, kB6, 50, Bytes(16, 0)))).why, SkipReason::NotTcpUdp);  // ESP
}

TEST(Packet, Ipv6PayloadLengthClipsAndJumbo) {
    auto frame = eth(0x86dd, ipv6(kA6, kB6, 17, udp(1, 2, text("abc"))));
    frame.resize(frame.size() + 10, 0);  // trailer
    auto r = parse(1, frame);
    ASSERT_TRUE(r.ok);
    EXPECT_EQ(str(r.p.payload), "abc");
    // Payload length 0 (jumbogram / offload): the captured bytes are used, UDP length still clips.
    r = parse(1, eth(0x86dd, ipv6(kA6, kB6, 6, tcp(1, 2, 3, 0x10, text("jumbo!")), 0)));
    ASSERT_TRUE(r.ok);
    EXPECT_EQ(str(r.p.payload), "jumbo!");
}

TEST(Packet, OtherIpProtocols) {
    EXPECT_EQ(parse(1, eth(0x0800, ipv4(kA4, kB4, 1, Bytes(8, 0)))).why, SkipReason::NotTcpUdp);   // ICMP
    EXPECT_EQ(parse(1, eth(0x0800, ipv4(kA4, kB4, 47, Bytes(8, 0)))).why, SkipReason::NotTcpUdp);  // GRE
    EXPECT_EQ(parse(1, eth(0x0800, ipv4(kA4, kB4, 132, Bytes(12, 0)))).why, SkipReason::NotTcpUdp);  // SCTP
}

TEST(Packet, IpInIpIsDecodedToTheInnerPacket) {
    auto inner6 = ipv6(kA6, kB6, 6, tcp(40000, 443, 1, 0x02, {}));
    auto r = parse(1, eth(0x0800, ipv4(kA4, kB4, 41, inner6)));  // 6in4
    ASSERT_TRUE(r.ok);
    EXPECT_EQ(r.p.src.version, 6);
    EXPECT_EQ(r.p.dst_port, 443);
    auto inner4 = ipv4(Ip4{1, 2, 3, 4}, Ip4{5, 6, 7, 8}, 17, udp(17000, 17001, text("t")));
    r = parse(1, eth(0x0800, ipv4(kA4, kB4, 4, inner4)));  // 4in4
    ASSERT_TRUE(r.ok);
    EXPECT_EQ(r.p.src.to_string(), "1.2.3.4");
    EXPECT_EQ(str(r.p.payload), "t");
    r = parse(1, eth(0x86dd, ipv6(kA6, kB6, 4, inner4)));  // 4in6
    ASSERT_TRUE(r.ok);
    EXPECT_EQ(r.p.src.to_string(), "1.2.3.4");
    // Tunnels nest a bounded number of times.
    Bytes nested = inner4;
    for (int i = 0; i < 10; ++i) nested = ipv4(kA4, kB4, 4, nested);
    EXPECT_EQ(parse(1, eth(0x0800, nested)).why, SkipReason::NotTcpUdp);
}

TEST(Packet, ResultFieldsAreResetBetweenPackets) {
    ParsedPacket p;
    SkipReason why;
    auto a = eth(0x0800, tcp4(), {{0x8100, 55}});
    ASSERT_TRUE(packet::parse_packet(1, a, p, why));
    EXPECT_EQ(p.vlan, 55);
    auto b = eth(0x0800, ipv4(kA4, kB4, 17, udp(1, 2, text("x"))));
    ASSERT_TRUE(packet::parse_packet(1, b, p, why));
    EXPECT_EQ(p.vlan, 0);
    EXPECT_EQ(p.tcp_flags, 0);
    EXPECT_EQ(p.tcp_seq, 0u);
    EXPECT_EQ(p.wire_len, b.size());
}
