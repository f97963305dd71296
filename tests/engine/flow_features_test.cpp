// Flow features (issue 14): shape, TLS, HTTP and DNS structure of hand-built flows, truncated
// messages, and bounded handling of random heads and shapes.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <random>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "engine/features/flow_features.h"
#include "tests/engine/flow_builders.h"

namespace {

using namespace flowcnn;
using namespace flowcnn::test;

// The extracted vector, read by feature name.
struct Values {
    std::vector<float> v;
    float value(std::string_view name) const {
        const auto& names = features::feature_names();
        const auto it = std::find(names.begin(), names.end(), name);
        if (it == names.end()) {
            ADD_FAILURE() << "no feature named " << name;
            return -1e30f;
        }
        return v[static_cast<std::size_t>(it - names.begin())];
    }
    bool nan(std::string_view name) const { return std::isnan(value(name)); }
};

Values extract(const FlowView& view) {
    Values out{std::vector<float>(features::feature_count(), 12345.0f)};
    features::extract(view, out.v);
    return out;
}

float log1p_f(double x) { return static_cast<float>(std::log1p(x)); }

TEST(FlowFeaturesNames, UniqueAndCounted) {
    const auto& names = features::feature_names();
    EXPECT_EQ(names.size(), features::feature_count());
    std::set<std::string> unique(names.begin(), names.end());
    EXPECT_EQ(unique.size(), names.size());
    for (const auto& n : names) {
        EXPECT_FALSE(n.empty());
        EXPECT_EQ(n.find("unnamed"), std::string::npos) << n;
        for (char c : n) EXPECT_TRUE((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_') << n;
    }
    EXPECT_EQ(names.front(), "l4proto");
    EXPECT_EQ(names.back(), "first_msg_entropy_s2c");
    EXPECT_EQ(&names, &features::feature_names());  // built once
}

// A TLS 1.3 connection: handshake, a ClientHello split over two segments inside its key_share,
// a bare ACK, then ServerHello + ChangeCipherSpec + application data records in one segment.
class FlowFeaturesTls13 : public ::testing::Test {
protected:
    void SetUp() override {
        t.packet(false, kSyn, {}, 0, 64240, 64);
        t.packet(true, kSyn | kAck, {}, 20000, 65160, 52);
        t.packet(false, kAck, {}, 150, 502, 64);
        t.packet(false, kAck, Bytes(ch.begin(), ch.begin() + static_cast<std::ptrdiff_t>(cut)), 40, 502, 64);
        t.packet(false, kAck | kPsh, Bytes(ch.begin() + static_cast<std::ptrdiff_t>(cut), ch.end()), 5, 502, 64);
        t.packet(true, kAck, {}, 1000, 501, 52);
        append(sh, records(20, {0x01}, 16384, 0x0303));
        append(sh, records(23, Bytes(40, 0x55), 16384, 0x0303));
        t.packet(true, kAck | kPsh, sh, 2000, 501, 52);
        f = extract(t.view());
    }
    TestFlow t;
    const Bytes ch_msg = client_hello_message();
    const Bytes ch = records(22, ch_msg);
    const std::size_t cut = ch.size() - 20;  // inside the key_share's key
    Bytes sh = records(22, server_hello_message(), 16384, 0x0303);
    Values f;
};

TEST_F(FlowFeaturesTls13, FlowAndShape) {
    EXPECT_EQ(f.value("l4proto"), 6);
    EXPECT_EQ(f.value("server_port"), 443);
    EXPECT_EQ(f.value("client_port_is_ephemeral"), 1);
    EXPECT_EQ(f.value("packets_c2s"), 4);
    EXPECT_EQ(f.value("packets_s2c"), 3);
    EXPECT_EQ(f.value("bytes_c2s"), ch.size());
    EXPECT_EQ(f.value("bytes_s2c"), sh.size());
    EXPECT_FLOAT_EQ(f.value("bytes_ratio_c2s"), float(ch.size()) / float(ch.size() + sh.size()));
    EXPECT_FLOAT_EQ(f.value("log_duration_us"), log1p_f(20000 + 150 + 40 + 5 + 1000 + 2000));
    EXPECT_EQ(f.value("shape_packets"), 7);
    EXPECT_EQ(f.value("shape_payload_packets_c2s"), 2);
    EXPECT_EQ(f.value("shape_payload_packets_s2c"), 1);
    EXPECT_EQ(f.value("ttl_c2s"), 64);
    EXPECT_EQ(f.value("ttl_s2c"), 52);
    EXPECT_EQ(f.value("syn_window_c2s"), 64240);
    EXPECT_EQ(f.value("syn_window_s2c"), 65160);
    EXPECT_EQ(f.value("first_window_c2s"), 64240);
    EXPECT_EQ(f.value("first_window_s2c"), 65160);
    EXPECT_FLOAT_EQ(f.value("handshake_rtt_log_us"), log1p_f(20000));

    EXPECT_EQ(f.value("pkt0_signed_len"), cut);
    EXPECT_EQ(f.value("pkt0_log_gap_us"), 0);
    EXPECT_EQ(f.value("pkt1_signed_len"), 20);
    EXPECT_FLOAT_EQ(f.value("pkt1_log_gap_us"), log1p_f(5));
    EXPECT_EQ(f.value("pkt2_signed_len"), -float(sh.size()));
    EXPECT_FLOAT_EQ(f.value("pkt2_log_gap_us"), log1p_f(3000));  // the bare ACK's gap counts too
    EXPECT_TRUE(f.nan("pkt3_signed_len"));
    EXPECT_TRUE(f.nan("pkt15_log_gap_us"));
    EXPECT_EQ(f.value("messages"), 2);
    EXPECT_EQ(f.value("msg0_signed_len"), ch.size());
    EXPECT_EQ(f.value("msg1_signed_len"), -float(sh.size()));
    EXPECT_TRUE(f.nan("msg2_signed_len"));
    EXPECT_EQ(f.value("c2s_byte0"), 0x16);
    EXPECT_EQ(f.value("c2s_byte1"), 0x03);
    EXPECT_EQ(f.value("c2s_byte2"), 0x01);
    EXPECT_EQ(f.value("c2s_byte5"), 1);  // handshake type
    EXPECT_EQ(f.value("s2c_byte5"), 2);
    EXPECT_EQ(f.value("http_req"), 0);
    EXPECT_TRUE(f.nan("http_method"));
    EXPECT_EQ(f.value("http_resp"), 0);
    EXPECT_EQ(f.value("dns_like"), 0);
    EXPECT_TRUE(f.nan("dns_qtype"));
    EXPECT_GT(f.value("first_msg_entropy_c2s"), 0);
    EXPECT_LT(f.value("first_msg_printable_ratio_c2s"), 1);
}

TEST_F(FlowFeaturesTls13, ClientHello) {
    EXPECT_EQ(f.value("tls_ch"), 1);
    EXPECT_EQ(f.value("tls_record_version"), 0x0301);
    EXPECT_EQ(f.value("tls_ch_version"), 0x0303);
    EXPECT_EQ(f.value("tls_ch_len"), ch_msg.size() - 4);
    EXPECT_EQ(f.value("tls_ch_session_id_len"), 32);
    EXPECT_EQ(f.value("tls_ch_cipher_count"), 5);
    EXPECT_EQ(f.value("tls_ch_cipher0"), 0x0a0a);
    EXPECT_EQ(f.value("tls_ch_cipher1"), 0x1301);
    EXPECT_EQ(f.value("tls_ch_cipher4"), 0xc02b);
    EXPECT_TRUE(f.nan("tls_ch_cipher5"));
    EXPECT_EQ(f.value("tls_ch_compression_count"), 1);
    EXPECT_EQ(f.value("tls_ch_ext_count"), 7);
    EXPECT_EQ(f.value("tls_ch_ext0"), 0x0a0a);
    EXPECT_EQ(f.value("tls_ch_ext1"), 0);
    EXPECT_EQ(f.value("tls_ch_ext4"), 16);
    EXPECT_EQ(f.value("tls_ch_ext6"), 51);
    EXPECT_TRUE(f.nan("tls_ch_ext7"));
    EXPECT_EQ(f.value("tls_ch_ext_len_total"), chrome_like_extensions().size());
    EXPECT_EQ(f.value("tls_ch_has_grease"), 1);
    EXPECT_EQ(f.value("tls_ch_alpn_first"), 1);
    EXPECT_EQ(f.value("tls_ch_alpn_count"), 2);
    EXPECT_EQ(f.value("tls_ch_supported_versions_max"), 0x0304);
    EXPECT_EQ(f.value("tls_ch_sni_len"), 11);
    EXPECT_EQ(f.value("tls_ch_groups_count"), 3);
    EXPECT_EQ(f.value("tls_ch_group0"), 0x0a0a);
    EXPECT_EQ(f.value("tls_ch_group1"), 0x001d);
    EXPECT_EQ(f.value("tls_ch_sig_algs_count"), 3);
    EXPECT_EQ(f.value("tls_ch_key_share_count"), 2);
    EXPECT_EQ(f.value("tls_ch_psk"), 0);
}

TEST_F(FlowFeaturesTls13, ServerHelloAndRecords) {
    EXPECT_EQ(f.value("tls_sh"), 1);
    EXPECT_EQ(f.value("tls_sh_version"), 0x0303);
    EXPECT_EQ(f.value("tls_sh_cipher"), 0x1301);
    EXPECT_EQ(f.value("tls_sh_session_id_len"), 32);
    EXPECT_EQ(f.value("tls_sh_ext_count"), 2);
    EXPECT_EQ(f.value("tls_sh_ext0"), 51);
    EXPECT_EQ(f.value("tls_sh_ext1"), 43);
    EXPECT_TRUE(f.nan("tls_sh_ext2"));
    EXPECT_EQ(f.value("tls_sh_selected_version"), 0x0304);
    EXPECT_EQ(f.value("tls_srv_rec0_type"), 22);
    EXPECT_EQ(f.value("tls_srv_rec0_len"), server_hello_message().size());
    EXPECT_EQ(f.value("tls_srv_rec1_type"), 20);
    EXPECT_EQ(f.value("tls_srv_rec1_len"), 1);
    EXPECT_EQ(f.value("tls_srv_rec2_type"), 23);
    EXPECT_EQ(f.value("tls_srv_rec2_len"), 40);
    EXPECT_TRUE(f.nan("tls_srv_rec3_type"));
    EXPECT_EQ(f.value("tls_srv_handshake0"), 2);
    EXPECT_TRUE(f.nan("tls_srv_handshake1"));
}

TEST(FlowFeatures, Tls12ServerFlightAndFragmentedClientHello) {
    TestFlow t;
    t.packet(false, kAck | kPsh, records(22, client_hello_message(), 50));  // records of 50 bytes
    Bytes flight = server_hello_message();
    Bytes cert{11};
    put24(cert, 3000);  // a certificate that goes on past the head
    cert.insert(cert.end(), 700, 0x30);
    append(flight, cert);
    Bytes flight_records = records(22, flight, 16384, 0x0303);
    flight_records.resize(600);  // the message goes on, the capture's head does not
    t.packet(true, kAck, flight_records);
    const Values f = extract(t.view());
    EXPECT_EQ(f.value("tls_ch"), 1);
    EXPECT_EQ(f.value("tls_ch_cipher_count"), 5);
    EXPECT_EQ(f.value("tls_ch_ext_count"), 7);
    EXPECT_EQ(f.value("tls_ch_key_share_count"), 2);
    EXPECT_EQ(f.value("tls_sh"), 1);
    EXPECT_EQ(f.value("tls_srv_rec0_type"), 22);
    EXPECT_EQ(f.value("tls_srv_rec0_len"), flight.size());
    EXPECT_TRUE(f.nan("tls_srv_rec1_type"));
    EXPECT_EQ(f.value("tls_srv_handshake0"), 2);
    EXPECT_EQ(f.value("tls_srv_handshake1"), 11);
    EXPECT_TRUE(f.nan("tls_srv_handshake2"));
    EXPECT_EQ(f.value("first_window_c2s"), 0);  // TCP: the window applies (here 0)
}

TEST(FlowFeatures, TruncatedClientHelloMidCipherList) {
    TestFlow t;
    const Bytes ch = records(22, client_hello_message());
    // record 5 + handshake 4 + version 2 + random 32 + sid 1+32 + cipher length 2 + 2.5 ciphers
    const std::size_t cut = 5 + 4 + 2 + 32 + 33 + 2 + 5;
    t.packet(false, kAck | kPsh, ch);
    t.head.resize(cut);  // the head ended there (the shape still says the whole packet)
    const Values f = extract(t.view());
    EXPECT_EQ(f.value("msg0_signed_len"), ch.size());
    EXPECT_EQ(f.value("c2s_byte15"), t.head[15]);
    EXPECT_EQ(f.value("tls_ch"), 1);
    EXPECT_EQ(f.value("tls_ch_len"), ch.size() - 9);
    EXPECT_EQ(f.value("tls_ch_session_id_len"), 32);
    EXPECT_EQ(f.value("tls_ch_cipher_count"), 2);
    EXPECT_EQ(f.value("tls_ch_cipher0"), 0x0a0a);
    EXPECT_EQ(f.value("tls_ch_cipher1"), 0x1301);
    EXPECT_TRUE(f.nan("tls_ch_cipher2"));
    EXPECT_EQ(f.value("tls_ch_has_grease"), 1);
    EXPECT_TRUE(f.nan("tls_ch_compression_count"));
    EXPECT_TRUE(f.nan("tls_ch_ext_count"));
    EXPECT_TRUE(f.nan("tls_ch_alpn_first"));
    EXPECT_TRUE(f.nan("tls_ch_psk"));
    EXPECT_TRUE(f.nan("tls_ch_sni_len"));
    EXPECT_TRUE(f.nan("tls_sh"));  // no server message at all
    EXPECT_TRUE(f.nan("s2c_byte0"));
}

const std::string kRequest =
    "GET /a/b/c?x=1&y=2 HTTP/1.1\r\nHost: example.com\r\nUser-Agent: test-agent/1.0\r\n"
    "Accept: */*\r\nCookie: a=b\r\n\r\n";

TEST(FlowFeatures, HttpGetAnd200Response) {
    TestFlow t;
    t.server_port = 80;
    t.packet(false, kSyn, {}, 0, 29200, 64);
    t.packet(true, kSyn | kAck, {}, 300, 28960, 60);
    t.packet(false, kAck, {}, 10, 229, 64);
    t.packet(false, kAck | kPsh, text(kRequest), 20, 229, 64);
    t.packet(true, kAck, {}, 100, 227, 60);
    t.packet(true, kAck | kPsh,
             text("HTTP/1.1 200 OK\r\nServer: nginx\r\nContent-Type: text/html\r\nContent-Length: 5\r\n"
                  "X-Cache: HIT\r\nSec-Thing: 1\r\n\r\nhello"),
             50, 227, 60);
    t.packet(false, kAck | kFin, {}, 400, 229, 64);
    const Values f = extract(t.view());
    EXPECT_EQ(f.value("http_req"), 1);
    EXPECT_EQ(f.value("http_method"), 1);
    EXPECT_EQ(f.value("http_version"), 11);
    EXPECT_EQ(f.value("http_path_depth"), 3);
    EXPECT_EQ(f.value("http_path_len"), 6);
    EXPECT_EQ(f.value("http_query_len"), 7);
    EXPECT_EQ(f.value("http_header_count"), 4);
    EXPECT_EQ(f.value("http_hdr0"), 1);
    EXPECT_EQ(f.value("http_hdr1"), 2);
    EXPECT_EQ(f.value("http_hdr2"), 3);
    EXPECT_EQ(f.value("http_hdr3"), 7);
    EXPECT_TRUE(f.nan("http_hdr4"));
    EXPECT_EQ(f.value("http_ua_len"), 14);
    EXPECT_EQ(f.value("http_has_cookie"), 1);
    EXPECT_EQ(f.value("http_resp"), 1);
    EXPECT_EQ(f.value("http_status"), 200);
    EXPECT_EQ(f.value("http_resp_header_count"), 5);
    EXPECT_EQ(f.value("http_resp_hdr0"), 24);
    EXPECT_EQ(f.value("http_resp_hdr1"), 8);
    EXPECT_EQ(f.value("http_resp_hdr2"), 9);
    EXPECT_EQ(f.value("http_resp_hdr3"), 22);
    EXPECT_EQ(f.value("http_resp_hdr4"), 21);
    EXPECT_TRUE(f.nan("http_resp_hdr5"));
    EXPECT_EQ(f.value("c2s_byte0"), 'G');
    EXPECT_EQ(f.value("s2c_byte0"), 'H');
    EXPECT_EQ(f.value("first_msg_printable_ratio_c2s"), 1);
    EXPECT_EQ(f.value("first_msg_printable_ratio_s2c"), 1);
    EXPECT_EQ(f.value("tls_ch"), 0);
    EXPECT_TRUE(f.nan("tls_record_version"));
    EXPECT_EQ(f.value("tls_sh"), 0);
    EXPECT_TRUE(f.nan("tls_srv_rec0_type"));
    EXPECT_EQ(f.value("messages"), 2);
    EXPECT_FLOAT_EQ(f.value("handshake_rtt_log_us"), log1p_f(300));
    EXPECT_FLOAT_EQ(f.value("pkt1_log_gap_us"), log1p_f(150));
}

TEST(FlowFeatures, HttpRequestCutInsideAHeader) {
    TestFlow t;
    const std::string req = "POST /upload HTTP/1.0\r\nHost: h\r\nUser-Agent: abcdefghij";  // no line end
    t.packet(false, kAck, text(req));
    const Values f = extract(t.view());
    EXPECT_EQ(f.value("http_method"), 2);
    EXPECT_EQ(f.value("http_version"), 10);
    EXPECT_EQ(f.value("http_path_depth"), 1);
    EXPECT_EQ(f.value("http_query_len"), 0);
    EXPECT_EQ(f.value("http_header_count"), 2);  // seen so far
    EXPECT_EQ(f.value("http_ua_len"), 10);
    EXPECT_EQ(f.value("http_has_cookie"), 0);
}

TEST(FlowFeatures, DnsQueryOverUdp) {
    TestFlow t;
    t.l4proto = 17;
    t.client_port = 53000;
    t.server_port = 53;
    Bytes q;
    put16(q, 0x1234);
    put16(q, 0x0100);  // recursion desired
    put16(q, 1);
    put16(q, 0);
    put16(q, 0);
    put16(q, 0);
    for (std::string label : {"www", "example", "com"}) {
        put8(q, label.size());
        append(q, text(label));
    }
    put8(q, 0);
    put16(q, 28);  // AAAA
    put16(q, 1);
    t.packet(false, 0, q, 0, 0, 64);
    Bytes resp = q;
    resp[2] = 0x81;  // QR
    t.packet(true, 0, resp, 900, 0, 57);
    const Values f = extract(t.view());
    EXPECT_EQ(f.value("l4proto"), 17);
    EXPECT_EQ(f.value("dns_like"), 1);
    EXPECT_EQ(f.value("dns_qtype"), 28);
    EXPECT_EQ(f.value("ttl_s2c"), 57);
    EXPECT_TRUE(f.nan("first_window_c2s"));  // UDP: no window
    EXPECT_TRUE(f.nan("syn_window_c2s"));
    EXPECT_TRUE(f.nan("handshake_rtt_log_us"));
    EXPECT_EQ(f.value("messages"), 2);
    EXPECT_EQ(f.value("c2s_byte0"), 0x12);
    EXPECT_EQ(f.value("s2c_byte2"), 0x81);
    EXPECT_EQ(f.value("tls_ch"), 0);
    EXPECT_EQ(f.value("http_req"), 0);
    EXPECT_FLOAT_EQ(f.value("pkt1_log_gap_us"), log1p_f(900));

    TestFlow tcp = t;  // the same bytes over TCP are not taken for a DNS datagram
    tcp.l4proto = 6;
    EXPECT_EQ(extract(tcp.view()).value("dns_like"), 0);
}

TEST(FlowFeatures, EmptyFlowHasCountsAndOtherwiseNaN) {
    FlowView v;
    v.l4proto = 6;
    v.client_port = 40000;
    v.server_port = 8443;
    v.packets_c2s = 3;
    v.packets_s2c = 1;
    v.duration_ns = 2'000'000;
    const Values f = extract(v);
    const std::set<std::string> filled = {
        "l4proto",   "server_port", "client_port_is_ephemeral", "packets_c2s",   "packets_s2c",
        "bytes_c2s", "bytes_s2c",   "log_duration_us",          "shape_packets", "shape_payload_packets_c2s",
        "shape_payload_packets_s2c", "messages"};
    const auto& names = features::feature_names();
    for (std::size_t i = 0; i < names.size(); ++i) {
        if (filled.count(names[i]))
            EXPECT_FALSE(std::isnan(f.v[i])) << names[i];
        else
            EXPECT_TRUE(std::isnan(f.v[i])) << names[i] << " = " << f.v[i];
    }
    EXPECT_EQ(f.value("server_port"), 8443);
    EXPECT_EQ(f.value("packets_c2s"), 3);
    EXPECT_FLOAT_EQ(f.value("log_duration_us"), log1p_f(2000));
    EXPECT_EQ(f.value("messages"), 0);
    EXPECT_EQ(f.value("shape_packets"), 0);
}

TEST(FlowFeatures, OldProjectFlowTreatsTheHeadAsTheClientMessage) {
    const Bytes head = text(kRequest);
    FlowView v;
    v.l4proto = 6;
    v.client_port = 80;  // not ephemeral
    v.server_port = 8080;
    v.packets_c2s = 4;
    v.bytes_c2s = head.size();
    v.head = head;
    const Values f = extract(v);
    EXPECT_EQ(f.value("client_port_is_ephemeral"), 0);
    EXPECT_EQ(f.value("bytes_ratio_c2s"), 1);
    EXPECT_EQ(f.value("http_req"), 1);
    EXPECT_EQ(f.value("http_header_count"), 4);
    EXPECT_EQ(f.value("c2s_byte0"), 'G');
    EXPECT_EQ(f.value("c2s_byte3"), ' ');
    EXPECT_TRUE(f.nan("s2c_byte0"));
    EXPECT_TRUE(f.nan("http_resp"));
    EXPECT_TRUE(f.nan("tls_sh"));
    EXPECT_EQ(f.value("tls_ch"), 0);
    EXPECT_EQ(f.value("messages"), 0);
    EXPECT_TRUE(f.nan("msg0_signed_len"));
    EXPECT_TRUE(f.nan("pkt0_signed_len"));
    EXPECT_TRUE(f.nan("ttl_c2s"));
    EXPECT_EQ(f.value("first_msg_printable_ratio_c2s"), 1);
    EXPECT_TRUE(f.nan("first_msg_entropy_s2c"));
}

TEST(FlowFeatures, ShortOutputBufferGetsOnlyWhatFits) {
    TestFlow t;
    t.packet(false, kAck, text(kRequest));
    std::vector<float> out(20, -7.0f);
    features::extract(t.view(), std::span<float>(out).first(10));
    EXPECT_EQ(out[0], 6);
    for (std::size_t i = 10; i < out.size(); ++i) EXPECT_EQ(out[i], -7.0f);
    features::extract(t.view(), std::span<float>());  // nothing to write: nothing written
}

TEST(FlowFeatures, ViewOfCopiesTheRecord) {
    flow::FlowRecord r;
    r.key.l4proto = 17;
    r.key.client_port = 1234;
    r.key.server_port = 53;
    r.first_ns = 1'000;
    r.last_ns = 5'000'000;
    r.packets_c2s = 2;
    r.bytes_s2c = 99;
    r.head = {1, 2, 3};
    r.shape.resize(2);
    const FlowView v = features::view_of(r);
    EXPECT_EQ(v.l4proto, 17);
    EXPECT_EQ(v.client_port, 1234);
    EXPECT_EQ(v.server_port, 53);
    EXPECT_EQ(v.duration_ns, 4'999'000);
    EXPECT_EQ(v.packets_c2s, 2u);
    EXPECT_EQ(v.bytes_s2c, 99u);
    EXPECT_EQ(v.head.data(), r.head.data());
    EXPECT_EQ(v.head.size(), 3u);
    EXPECT_EQ(v.shape.size(), 2u);
}

TEST(FlowFeatures, RandomHeadsAndShapesAreSafe) {
    // Random and mutated heads and shapes (untrusted project rows): no crash, no read past the
    // bytes (run under ASan in the sanitizer build), every value finite or NaN.
    std::mt19937 rng(1414);
    const Bytes seeds[] = {records(22, client_hello_message()), records(22, server_hello_message()),
                           text(kRequest), text("HTTP/1.1 200 OK\r\nServer: x\r\n\r\n")};
    std::vector<float> out(features::feature_count() + 8);
    for (int i = 0; i < 2000; ++i) {
        Bytes head;
        if (rng() % 3 == 0) {
            head.resize(rng() % 900);
            for (auto& b : head) b = static_cast<std::uint8_t>(rng());
        } else {
            head = seeds[rng() % 4];
            append(head, seeds[rng() % 4]);
            const int flips = static_cast<int>(rng() % 6);
            for (int k = 0; k < flips && !head.empty(); ++k)
                head[rng() % head.size()] = static_cast<std::uint8_t>(rng());
            head.resize(rng() % (head.size() + 1));
        }
        std::vector<flow::PacketShape> shape(rng() % 40);
        for (auto& p : shape) {
            p.from_server = rng() % 2;
            p.tcp_flags = static_cast<std::uint8_t>(rng());
            p.payload_len = static_cast<std::uint16_t>(rng() % 4 == 0 ? 0 : rng() % 1600);
            p.stream_len = static_cast<std::uint16_t>(rng() % 3 == 0 ? rng() : p.payload_len);
            p.tcp_window = static_cast<std::uint16_t>(rng());
            p.ttl = static_cast<std::uint8_t>(rng());
            p.gap_us = static_cast<std::uint32_t>(rng());
        }
        FlowView v;
        v.l4proto = rng() % 2 ? 6 : 17;
        v.client_port = static_cast<std::uint16_t>(rng());
        v.server_port = static_cast<std::uint16_t>(rng());
        v.packets_c2s = rng();
        v.bytes_s2c = std::uint64_t{rng()} << 20;
        v.duration_ns = static_cast<std::int64_t>(rng()) - (1ll << 31);
        v.head = head;
        v.shape = shape;
        std::fill(out.begin(), out.end(), -9.0f);
        features::extract(v, std::span<float>(out).first(features::feature_count()));
        for (std::size_t k = 0; k < features::feature_count(); ++k)
            ASSERT_TRUE(std::isfinite(out[k]) || std::isnan(out[k])) << features::feature_names()[k];
        for (std::size_t k = features::feature_count(); k < out.size(); ++k) ASSERT_EQ(out[k], -9.0f);
    }
}

}  // namespace
