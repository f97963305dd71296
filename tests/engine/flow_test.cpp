// FlowAssembler: keys, roles, end reasons, timeouts, the closing state, the payload stream and
// TCP retransmission handling, over packets built by hand.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "engine/common/error.h"
#include "engine/flow/flow.h"
#include "engine/flow/flow_assembler.h"

namespace {

using namespace flowcnn;
using flow::EndReason;
using flow::FlowRecord;
namespace tf = packet::tcp_flag;

constexpr std::int64_t kSec = 1'000'000'000;

packet::IpAddress v4(std::uint8_t a, std::uint8_t b, std::uint8_t c, std::uint8_t d) {
    packet::IpAddress ip;
    ip.version = 4;
    ip.bytes[0] = a;
    ip.bytes[1] = b;
    ip.bytes[2] = c;
    ip.bytes[3] = d;
    return ip;
}

struct Harness {
    std::vector<FlowRecord> out;
    flow::FlowAssembler fa;
    std::vector<std::vector<std::uint8_t>> keep;  // payload storage for the packets
    explicit Harness(flow::FlowOptions o = {})
        : fa(o, [this](FlowRecord&& r) { out.push_back(std::move(r)); }) {}

    // Client 10.0.0.1:40000 <-> server 10.0.0.2:443 unless told otherwise.
    void tcp(std::int64_t ts, bool c2s, std::uint8_t flags, std::uint32_t seq, std::string payload = {},
             std::uint16_t cport = 40000, std::uint16_t vlan = 0) {
        packet::ParsedPacket p;
        p.ts_ns = ts;
        p.vlan = vlan;
        p.l4proto = packet::kProtoTcp;
        auto c = v4(10, 0, 0, 1), s = v4(10, 0, 0, 2);
        p.src = c2s ? c : s;
        p.dst = c2s ? s : c;
        p.src_port = c2s ? cport : 443;
        p.dst_port = c2s ? 443 : cport;
        p.tcp_flags = flags;
        p.tcp_seq = seq;
        keep.emplace_back(payload.begin(), payload.end());
        p.payload = keep.back();
        fa.add(p);
    }
    void udp(std::int64_t ts, bool c2s, std::string payload, std::uint16_t cport = 5353) {
        packet::ParsedPacket p;
        p.ts_ns = ts;
        p.l4proto = packet::kProtoUdp;
        auto c = v4(192, 168, 1, 9), s = v4(8, 8, 8, 8);
        p.src = c2s ? c : s;
        p.dst = c2s ? s : c;
        p.src_port = c2s ? cport : 53;
        p.dst_port = c2s ? 53 : cport;
        keep.emplace_back(payload.begin(), payload.end());
        p.payload = keep.back();
        fa.add(p);
    }
    // A handshake at ts 0: client ISN 1000, server ISN 5000.
    void handshake(std::uint16_t cport = 40000, std::int64_t t0 = 0) {
        tcp(t0, true, tf::kSyn, 999, {}, cport);
        tcp(t0 + 1, false, tf::kSyn | tf::kAck, 4999, {}, cport);
        tcp(t0 + 2, true, tf::kAck, 1000, {}, cport);
    }
};

std::string head_str(const FlowRecord& r) { return std::string(r.head.begin(), r.head.end()); }

TEST(FlowNames, RoundTrip) {
    flow::Direction d;
    for (auto x : {flow::Direction::Both, flow::Direction::ClientToServer, flow::Direction::ServerToClient}) {
        ASSERT_TRUE(flow::parse_direction(flow::direction_name(x), d));
        EXPECT_EQ(d, x);
    }
    flow::FillMode f;
    for (auto x : {flow::FillMode::Repeat, flow::FillMode::Zero}) {
        ASSERT_TRUE(flow::parse_fill_mode(flow::fill_mode_name(x), f));
        EXPECT_EQ(f, x);
    }
    EXPECT_FALSE(flow::parse_direction("sideways", d));
    EXPECT_FALSE(flow::parse_fill_mode("", f));
    EXPECT_EQ(flow::end_reason_name(EndReason::IdleTimeout), "idle_timeout");
    EXPECT_EQ(flow::end_reason_name(EndReason::Fin), "fin");
}

TEST(FlowAssembler, BidirectionalFlowWithFinClose) {
    Harness h;
    h.handshake();
    h.tcp(10, true, tf::kAck | tf::kPsh, 1000, "hello");
    h.tcp(11, false, tf::kAck | tf::kPsh, 5000, "world!");
    h.tcp(12, true, tf::kAck | tf::kFin, 1005);
    h.tcp(13, false, tf::kAck | tf::kFin, 5006);
    EXPECT_TRUE(h.out.empty()) << "closing flows linger for the final ACK";
    h.tcp(14, true, tf::kAck, 1006);  // final ACK joins the closing flow
    h.fa.finish();
    ASSERT_EQ(h.out.size(), 1u);
    const auto& r = h.out[0];
    EXPECT_EQ(r.end, EndReason::Fin);
    EXPECT_EQ(r.key.client.to_string(), "10.0.0.1");
    EXPECT_EQ(r.key.client_port, 40000);
    EXPECT_EQ(r.key.server_port, 443);
    EXPECT_EQ(r.packets_c2s, 5u);
    EXPECT_EQ(r.packets_s2c, 3u);
    EXPECT_EQ(r.bytes_c2s, 5u);
    EXPECT_EQ(r.bytes_s2c, 6u);
    EXPECT_EQ(r.payload_bytes, 11u);
    EXPECT_EQ(head_str(r), "helloworld!");
    EXPECT_EQ(r.first_ns, 0);
    EXPECT_EQ(r.last_ns, 14);
}

TEST(FlowAssembler, ClosingFlowEmittedAfterLingerOrNewSyn) {
    Harness h;
    h.handshake();
    h.tcp(3, true, tf::kAck | tf::kFin, 1000);
    h.tcp(4, false, tf::kAck | tf::kFin, 5000);
    // Same tuple reused with a new SYN: the old flow ends, a new one starts.
    h.tcp(5, true, tf::kSyn, 777);
    ASSERT_EQ(h.out.size(), 1u);
    EXPECT_EQ(h.out[0].end, EndReason::Fin);
    EXPECT_EQ(h.out[0].packets_c2s + h.out[0].packets_s2c, 5u);
    // A late packet after the linger starts a new flow too (after RST here).
    h.tcp(6, false, tf::kRst | tf::kAck, 0);
    h.tcp(6 + 200 * kSec, false, tf::kAck, 0);
    h.fa.finish();
    ASSERT_EQ(h.out.size(), 3u);
    EXPECT_EQ(h.out[1].end, EndReason::Rst);
    EXPECT_EQ(h.out[1].packets_c2s, 1u);
    EXPECT_EQ(h.out[1].packets_s2c, 1u);
    EXPECT_EQ(h.out[2].end, EndReason::EndOfCapture);
    EXPECT_EQ(h.out[2].index, 2u);
    // No SYN seen: the sender of the first packet (the server here) counts as the client.
    EXPECT_EQ(h.out[2].key.client_port, 443);
}

TEST(FlowAssembler, RepeatedSynAfterRstJoinsTheFlow) {
    Harness h;
    h.tcp(0, true, tf::kSyn, 999);
    h.tcp(1, false, tf::kRst | tf::kAck, 0);
    h.tcp(2, true, tf::kSyn, 999);  // the same connection attempt again (same ISN)
    h.tcp(3, false, tf::kRst | tf::kAck, 0);
    h.tcp(4, true, tf::kSyn, 12345);  // a new ISN: a new connection
    h.fa.finish();
    ASSERT_EQ(h.out.size(), 2u);
    EXPECT_EQ(h.out[0].packets_c2s, 2u);
    EXPECT_EQ(h.out[0].packets_s2c, 2u);
    EXPECT_EQ(h.out[0].end, EndReason::Rst);
    EXPECT_EQ(h.out[1].packets_c2s, 1u);
}

TEST(FlowAssembler, RefusedThenAcceptedAttemptIsOneFlowAndKeepsItsData) {
    // RST+ACK with seq 0 before the handshake must not set the server's sequence number: the
    // server's data after the retried handshake is new, not a retransmission.
    Harness h;
    h.tcp(0, true, tf::kSyn, 999);
    h.tcp(1, false, tf::kRst | tf::kAck, 0);
    h.tcp(2, true, tf::kSyn, 999);
    h.tcp(3, false, tf::kSyn | tf::kAck, 3'000'000'000u);
    h.tcp(4, true, tf::kAck, 1000);
    h.tcp(5, false, tf::kAck | tf::kPsh, 3'000'000'001u, "banner");
    h.fa.finish();
    ASSERT_EQ(h.out.size(), 1u);
    EXPECT_EQ(head_str(h.out[0]), "banner");
    EXPECT_EQ(h.out[0].end, EndReason::EndOfCapture) << "the handshake reopened the flow";
}

TEST(FlowAssembler, SynNamesTheClientEvenAfterAStrayPacket) {
    Harness h;
    h.tcp(0, false, tf::kAck, 4000, "xx");  // stray server packet first
    h.tcp(1, true, tf::kSyn, 999);
    h.tcp(2, false, tf::kSyn | tf::kAck, 4999);
    h.fa.finish();
    ASSERT_EQ(h.out.size(), 1u);
    EXPECT_EQ(h.out[0].key.client.to_string(), "10.0.0.1");
    EXPECT_EQ(h.out[0].key.client_port, 40000);
    EXPECT_EQ(h.out[0].packets_c2s, 1u);
    EXPECT_EQ(h.out[0].packets_s2c, 2u);
    EXPECT_EQ(h.out[0].bytes_s2c, 2u);
}

TEST(FlowAssembler, SynAckNamesItsReceiverTheClient) {
    Harness h;
    h.tcp(1, false, tf::kSyn | tf::kAck, 4999);  // the SYN itself was not captured
    h.tcp(2, true, tf::kAck, 1000);
    h.fa.finish();
    ASSERT_EQ(h.out.size(), 1u);
    EXPECT_EQ(h.out[0].key.client_port, 40000);
    EXPECT_EQ(h.out[0].packets_s2c, 1u);
}

TEST(FlowAssembler, IdleAndActiveTimeouts) {
    flow::FlowOptions o;
    o.idle_timeout_s = 10;
    o.active_timeout_s = 100;
    Harness h(o);
    h.udp(0, true, "q1");
    h.udp(5 * kSec, false, "a1");
    h.udp(16 * kSec, true, "q2");  // 11 s idle: new flow
    ASSERT_EQ(h.out.size(), 1u);
    EXPECT_EQ(h.out[0].end, EndReason::IdleTimeout);
    EXPECT_EQ(head_str(h.out[0]), "q1a1");
    // Keep the second flow busy past the active timeout.
    for (int t = 20; t <= 120; t += 5) h.udp(t * kSec, true, "z");
    ASSERT_EQ(h.out.size(), 2u);
    EXPECT_EQ(h.out[1].end, EndReason::ActiveTimeout);
    EXPECT_EQ(h.out[1].first_ns, 16 * kSec);
    // Idle flows are swept without new packets of their own.
    h.udp(300 * kSec, true, "other", 6000);
    EXPECT_EQ(h.out.size(), 3u);
    EXPECT_EQ(h.out[2].end, EndReason::IdleTimeout);
    EXPECT_EQ(h.fa.open_flows(), 1u);
    h.fa.finish();
    EXPECT_EQ(h.fa.open_flows(), 0u);
    EXPECT_EQ(h.fa.flows_started(), h.fa.flows_emitted());
}

TEST(FlowAssembler, VlanAndProtocolSeparateFlows) {
    Harness h;
    h.tcp(0, true, tf::kAck, 1, "a", 40000, 0);
    h.tcp(1, true, tf::kAck, 1, "b", 40000, 7);
    h.udp(2, true, "c", 40000);
    h.fa.finish();
    ASSERT_EQ(h.out.size(), 3u);
    EXPECT_EQ(h.out[1].key.vlan, 7);
}

TEST(FlowAssembler, RetransmissionsDroppedByDefault) {
    Harness h;
    h.handshake();
    h.tcp(10, true, tf::kAck, 1000, "abcd");
    h.tcp(11, true, tf::kAck, 1000, "abcd");    // full retransmission
    h.tcp(12, true, tf::kAck, 1002, "cdef");    // overlap: only "ef" is new
    h.tcp(13, true, tf::kAck, 1010, "klm");     // gap (1006..1009 lost for now)
    h.tcp(14, true, tf::kAck, 1010, "klm");     // repeat of out-of-order data
    h.tcp(15, true, tf::kAck, 1006, "ghij");    // hole filled
    h.tcp(16, true, tf::kAck, 1013, "n");       // in order after the hole
    h.tcp(17, true, tf::kAck, 1013, "n");       // retransmission
    h.fa.finish();
    ASSERT_EQ(h.out.size(), 1u);
    EXPECT_EQ(head_str(h.out[0]), "abcdefklmghijn");
    EXPECT_EQ(h.out[0].payload_bytes, 14u);
    EXPECT_EQ(h.out[0].bytes_c2s, 4u + 4 + 4 + 3 + 3 + 4 + 1 + 1);
}

TEST(FlowAssembler, RetransmissionsKeptWhenAsked) {
    flow::FlowOptions o;
    o.drop_tcp_retransmissions = false;
    Harness h(o);
    h.handshake();
    h.tcp(10, true, tf::kAck, 1000, "abcd");
    h.tcp(11, true, tf::kAck, 1000, "abcd");
    h.fa.finish();
    ASSERT_EQ(h.out.size(), 1u);
    EXPECT_EQ(head_str(h.out[0]), "abcdabcd");
    EXPECT_EQ(h.out[0].payload_bytes, 8u);
}

TEST(FlowAssembler, SequenceWraparound) {
    Harness h;
    h.tcp(0, true, tf::kSyn, 0xFFFFFFFEu);
    h.tcp(1, true, tf::kAck, 0xFFFFFFFFu, "ab");  // crosses 2^32
    h.tcp(2, true, tf::kAck, 0xFFFFFFFFu, "ab");  // retransmission
    h.tcp(3, true, tf::kAck, 1u, "cd");
    h.fa.finish();
    ASSERT_EQ(h.out.size(), 1u);
    EXPECT_EQ(head_str(h.out[0]), "abcd");
}

TEST(FlowAssembler, DirectionFiltersAndHeadIsBounded) {
    for (auto dir : {flow::Direction::ClientToServer, flow::Direction::ServerToClient}) {
        flow::FlowOptions o;
        o.direction = dir;
        Harness h(o);
        h.handshake();
        std::string big(1000, 'C');
        h.tcp(10, true, tf::kAck, 1000, big);
        h.tcp(11, false, tf::kAck, 5000, "S");
        h.tcp(12, true, tf::kAck, 2000, "D");
        h.fa.finish();
        ASSERT_EQ(h.out.size(), 1u);
        const auto& r = h.out[0];
        if (dir == flow::Direction::ClientToServer) {
            EXPECT_EQ(r.payload_bytes, 1001u);
            EXPECT_EQ(r.head.size(), flow::kImageBytes);
            EXPECT_EQ(r.head.back(), 'C');
        } else {
            EXPECT_EQ(r.payload_bytes, 1u);
            EXPECT_EQ(head_str(r), "S");
        }
    }
}

TEST(FlowAssembler, HintsFromTheClientsFirstBytes) {
    Harness h;
    h.handshake();
    h.tcp(10, true, tf::kAck, 1000, "GET / HTTP/1.1\r\nUser-Agent: t\r\n");
    h.tcp(11, true, tf::kAck, 1031, "Host: example.org\r\n\r\n");
    h.fa.finish();
    ASSERT_EQ(h.out.size(), 1u);
    EXPECT_EQ(h.out[0].http_host, "example.org");
    EXPECT_TRUE(h.out[0].sni.empty());
}

TEST(FlowAssembler, ManyFlowsStayConsistent) {
    // Exercises table growth and backward-shift deletion: interleaved creation and idle expiry.
    flow::FlowOptions o;
    o.idle_timeout_s = 1;
    std::vector<FlowRecord> out;
    flow::FlowAssembler fa(o, [&](FlowRecord&& r) { out.push_back(std::move(r)); });
    std::uint8_t byte = 'x';
    for (int round = 0; round < 3; ++round) {
        for (int i = 0; i < 5000; ++i) {
            packet::ParsedPacket p;
            p.ts_ns = round * 10 * kSec + i;
            p.l4proto = packet::kProtoUdp;
            p.src = v4(10, 1, static_cast<std::uint8_t>(i >> 8), static_cast<std::uint8_t>(i));
            p.dst = v4(10, 2, 0, 1);
            p.src_port = static_cast<std::uint16_t>(1000 + i);
            p.dst_port = 53;
            p.payload = {&byte, 1};
            fa.add(p);
            std::swap(p.src, p.dst);
            std::swap(p.src_port, p.dst_port);
            fa.add(p);
        }
        EXPECT_EQ(fa.open_flows(), 5000u);
    }
    fa.finish();
    ASSERT_EQ(out.size(), 15000u);
    for (std::size_t i = 0; i < out.size(); ++i) {
        EXPECT_EQ(out[i].packets_c2s, 1u);
        EXPECT_EQ(out[i].packets_s2c, 1u);
    }
}

TEST(FlowAssembler, RejectsBadTimeouts) {
    flow::FlowOptions o;
    o.idle_timeout_s = 0;
    EXPECT_THROW(flow::FlowAssembler(o, [](FlowRecord&&) {}), ConfigError);
}

// ---- the flow's first packets (PacketShape) ----

TEST(FlowShape, FirstPacketsWithDirectionsGapsAndStreamBytes) {
    Harness h;
    h.tcp(0, true, tf::kSyn, 100);
    h.tcp(2'000'000, false, tf::kSyn | tf::kAck, 500);  // 2 ms later
    h.tcp(3'000'000, true, tf::kAck, 101);
    h.tcp(4'000'000, true, tf::kPsh | tf::kAck, 101, "hello");
    h.tcp(5'000'000, true, tf::kPsh | tf::kAck, 101, "hello");  // a retransmission: no stream bytes
    h.tcp(9'000'000, false, tf::kPsh | tf::kAck, 501, "hi");
    h.fa.finish();
    ASSERT_EQ(h.out.size(), 1u);
    const auto& s = h.out[0].shape;
    ASSERT_EQ(s.size(), 6u);
    EXPECT_FALSE(s[0].from_server);
    EXPECT_TRUE(s[1].from_server);
    EXPECT_EQ(s[1].tcp_flags, tf::kSyn | tf::kAck);
    EXPECT_EQ(s[0].gap_us, 0u);
    EXPECT_EQ(s[1].gap_us, 2000u);
    EXPECT_EQ(s[5].gap_us, 4000u);
    EXPECT_EQ(s[3].payload_len, 5);
    EXPECT_EQ(s[3].stream_len, 5);
    EXPECT_EQ(s[4].payload_len, 5);
    EXPECT_EQ(s[4].stream_len, 0);
    EXPECT_EQ(s[5].stream_len, 2);
    std::size_t stream = 0;
    for (const auto& p : s) stream += p.stream_len;
    EXPECT_EQ(stream, h.out[0].head.size());  // the stream lengths cut the head into packets
}

TEST(FlowShape, KeepsThirtyTwoPacketsAndFollowsARoleSwap) {
    Harness h;
    h.tcp(0, false, tf::kAck, 900, "late");  // a stray server packet first: roles swap at the SYN
    h.tcp(kSec / 10, true, tf::kSyn, 100);
    for (int i = 0; i < 40; ++i) h.tcp(kSec / 5 + i, true, tf::kAck, 101);
    h.fa.finish();
    ASSERT_EQ(h.out.size(), 1u);
    const auto& s = h.out[0].shape;
    ASSERT_EQ(s.size(), flow::kShapePackets);
    EXPECT_TRUE(s[0].from_server);   // re-attributed when the SYN named the client
    EXPECT_FALSE(s[1].from_server);
}

TEST(FlowShape, EncodeDecodeRoundTripAndUntrustedBytes) {
    std::vector<flow::PacketShape> shape(3);
    shape[0] = {false, tf::kSyn, 0, 0, 64240, 64, 0};
    shape[1] = {true, tf::kSyn | tf::kAck, 0, 0, 65535, 57, 1234};
    shape[2] = {false, tf::kPsh, 1460, 1400, 502, 128, 0xFFFFFFFFu};
    std::vector<std::uint8_t> bytes;
    flow::encode_shape(shape, bytes);
    ASSERT_EQ(bytes.size(), 3 * flow::kPacketShapeBytes);
    EXPECT_EQ(flow::decode_shape(bytes), shape);
    bytes.push_back(7);  // a trailing partial record is ignored
    EXPECT_EQ(flow::decode_shape(bytes), shape);
    std::vector<std::uint8_t> many(100 * flow::kPacketShapeBytes, 0xAB);
    EXPECT_EQ(flow::decode_shape(many).size(), flow::kShapePackets);
    EXPECT_TRUE(flow::decode_shape({}).empty());
    flow::encode_shape({}, bytes);  // the buffer is replaced, not appended to
    EXPECT_TRUE(bytes.empty());
}

}  // namespace
