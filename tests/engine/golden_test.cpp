// Golden tests in the nDPI style: every capture in tests/golden (*.pcap, *.pcapng, *.cap) goes
// through extract_flows with the default options; the flows are printed as stable text and compared
// with <capture>.expected. A missing expected file is a failure. FLOWCNN_UPDATE_GOLDEN=1 rewrites
// the expected files; FLOWCNN_WRITE_GOLDEN_CAPTURES=1 regenerates the synthetic captures themselves
// (deterministic; they are committed, so this is only needed when adding a scenario).
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <sstream>
#include <string>
#include <vector>

#include "engine/capture/capture_reader.h"
#include "engine/capture/pcap_writer.h"
#include "engine/common/sha1.h"
#include "engine/image/payload_image.h"
#include "engine/pipeline/extract.h"
#include "tests/engine/pcapng_builder.h"

namespace {

using namespace flowcnn;
namespace fs = std::filesystem;
using Bytes = std::vector<std::uint8_t>;

const fs::path kGoldenDir = FLOWCNN_GOLDEN_DIR;

// ---- text rendering (locale-free: integers through std::to_string, no floating point) ----

std::string endpoint(const packet::IpAddress& ip, std::uint16_t port) {
    return ip.version == 6 ? "[" + ip.to_string() + "]:" + std::to_string(port)
                           : ip.to_string() + ":" + std::to_string(port);
}

std::string render_flow(const flow::FlowRecord& r, flow::FillMode fill) {
    std::ostringstream s;
    s << "flow " << r.index << " " << (r.key.l4proto == packet::kProtoTcp ? "tcp" : "udp") << " "
      << endpoint(r.key.client, r.key.client_port) << " > " << endpoint(r.key.server, r.key.server_port)
      << " vlan " << r.key.vlan << " | c2s " << r.packets_c2s << " pkts " << r.bytes_c2s << " B | s2c "
      << r.packets_s2c << " pkts " << r.bytes_s2c << " B | first " << r.first_ns << " last " << r.last_ns
      << " | payload " << r.payload_bytes << " head " << r.head.size() << " | end "
      << flow::end_reason_name(r.end) << " | sni " << (r.sni.empty() ? "-" : r.sni) << " | host "
      << (r.http_host.empty() ? "-" : r.http_host) << " | image ";
    if (r.has_image()) {
        auto img = image::make_image(r.head, fill);
        s << sha1_hex(img);
    } else {
        s << "-";
    }
    return s.str();
}

std::string render_capture(const fs::path& path, const flow::FlowOptions& opt) {
    auto reader = capture::open_capture(path.string());
    std::vector<flow::FlowRecord> flows;
    auto st = pipeline::extract_flows(*reader, opt, [&](flow::FlowRecord&& r) { flows.push_back(std::move(r)); });
    std::sort(flows.begin(), flows.end(), [](const auto& a, const auto& b) { return a.index < b.index; });
    std::ostringstream s;
    s << "# " << path.filename().string() << " format " << capture::format_name(st.format) << " linktype "
      << st.linktype << " direction " << flow::direction_name(opt.direction) << " fill "
      << flow::fill_mode_name(opt.fill) << " drop_retransmissions " << opt.drop_tcp_retransmissions << "\n";
    s << "# frames " << st.frames << " packets " << st.packets << " non_packet " << st.non_packet_frames
      << " flows " << st.flows << " with_image " << st.flows_with_image << " error "
      << (st.error.empty() ? "-" : st.error) << "\n";
    s << "# skipped";
    for (std::size_t i = 0; i < packet::kSkipReasonCount; ++i)
        s << " " << packet::skip_reason_name(static_cast<packet::SkipReason>(i)) << "=" << st.skipped.by_reason[i];
    s << "\n";
    for (const auto& f : flows) s << render_flow(f, opt.fill) << "\n";
    return s.str();
}

std::vector<fs::path> golden_captures() {
    std::vector<fs::path> out;
    if (!fs::exists(kGoldenDir)) return out;
    for (const auto& e : fs::directory_iterator(kGoldenDir)) {
        const auto ext = e.path().extension().string();
        if (ext == ".pcap" || ext == ".pcapng" || ext == ".cap") out.push_back(e.path());
    }
    std::sort(out.begin(), out.end());
    return out;
}

std::string read_file(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

// Configurations: the default one for every capture, plus client-only / raw for one capture each.
struct Config {
    const char* suffix;
    flow::FlowOptions opt;
};
std::vector<Config> configs_for(const fs::path& capture) {
    std::vector<Config> c{{"", {}}};
    if (capture.filename() == "tcp_mix.pcap") {
        flow::FlowOptions raw;
        raw.drop_tcp_retransmissions = false;
        raw.fill = flow::FillMode::Zero;
        c.push_back({".raw", raw});
        flow::FlowOptions client;
        client.direction = flow::Direction::ClientToServer;
        c.push_back({".client", client});
    }
    return c;
}

TEST(Golden, CapturesMatchExpectedText) {
    const auto captures = golden_captures();
    ASSERT_FALSE(captures.empty()) << "no captures in " << kGoldenDir;
    const bool update = std::getenv("FLOWCNN_UPDATE_GOLDEN") != nullptr;
    for (const auto& cap : captures) {
        for (const auto& cfg : configs_for(cap)) {
            const fs::path expected_path = cap.string() + cfg.suffix + ".expected";
            const std::string got = render_capture(cap, cfg.opt);
            if (update) {
                std::ofstream(expected_path, std::ios::binary) << got;
                continue;
            }
            if (!fs::exists(expected_path)) {
                ADD_FAILURE() << "missing " << expected_path << " (run with FLOWCNN_UPDATE_GOLDEN=1)\n" << got;
                continue;
            }
            EXPECT_EQ(read_file(expected_path), got) << "golden mismatch for " << expected_path.filename()
                                                     << " (FLOWCNN_UPDATE_GOLDEN=1 rewrites it)";
        }
    }
}

// ---- synthetic captures ----

void put16(Bytes& b, std::size_t v) {
    b.push_back(static_cast<std::uint8_t>(v >> 8));
    b.push_back(static_cast<std::uint8_t>(v));
}
void put32(Bytes& b, std::uint32_t v) {
    put16(b, v >> 16);
    put16(b, v & 0xffff);
}

struct Host {
    bool v6 = false;
    std::uint8_t addr[16] = {};
    Bytes mac;
};
Host v4host(std::uint8_t a, std::uint8_t b, std::uint8_t c, std::uint8_t d) {
    Host h;
    h.addr[0] = a;
    h.addr[1] = b;
    h.addr[2] = c;
    h.addr[3] = d;
    h.mac = {0x02, 0, a, b, c, d};
    return h;
}
Host v6host(std::uint16_t last) {
    Host h;
    h.v6 = true;
    h.addr[0] = 0x20;
    h.addr[1] = 0x01;
    h.addr[2] = 0x0d;
    h.addr[3] = 0xb8;
    h.addr[14] = static_cast<std::uint8_t>(last >> 8);
    h.addr[15] = static_cast<std::uint8_t>(last);
    h.mac = {0x02, 0x66, 0, 0, static_cast<std::uint8_t>(last >> 8), static_cast<std::uint8_t>(last)};
    return h;
}

// Ethernet (optional 802.1Q) + IPv4/IPv6 + TCP/UDP; checksums are left zero (not validated).
Bytes frame(const Host& src, const Host& dst, std::uint16_t sport, std::uint16_t dport, bool tcp,
            std::uint8_t flags, std::uint32_t seq, std::uint32_t ack, const Bytes& payload, std::uint16_t vlan = 0,
            std::size_t eth_trailer = 0) {
    Bytes l4;
    put16(l4, sport);
    put16(l4, dport);
    if (tcp) {
        put32(l4, seq);
        put32(l4, ack);
        l4.push_back(5 << 4);
        l4.push_back(flags);
        put16(l4, 65535);
        put16(l4, 0);
        put16(l4, 0);
    } else {
        put16(l4, 8 + payload.size());
        put16(l4, 0);
    }
    l4.insert(l4.end(), payload.begin(), payload.end());
    Bytes f = dst.mac;
    f.insert(f.end(), src.mac.begin(), src.mac.end());
    if (vlan) {
        put16(f, 0x8100);
        put16(f, vlan);
    }
    const std::uint8_t proto = tcp ? 6 : 17;
    if (!src.v6) {
        put16(f, 0x0800);
        f.push_back(0x45);
        f.push_back(0);
        put16(f, 20 + l4.size());
        put16(f, 0x1234);
        put16(f, 0x4000);
        f.push_back(64);
        f.push_back(proto);
        put16(f, 0);
        f.insert(f.end(), src.addr, src.addr + 4);
        f.insert(f.end(), dst.addr, dst.addr + 4);
    } else {
        put16(f, 0x86dd);
        put32(f, 0x60000000u);
        put16(f, l4.size());
        f.push_back(proto);
        f.push_back(64);
        f.insert(f.end(), src.addr, src.addr + 16);
        f.insert(f.end(), dst.addr, dst.addr + 16);
    }
    f.insert(f.end(), l4.begin(), l4.end());
    f.insert(f.end(), eth_trailer, 0xEE);
    return f;
}

Bytes text(const std::string& s) { return Bytes(s.begin(), s.end()); }

Bytes client_hello(const std::string& name, std::size_t pad) {
    Bytes body;
    put16(body, 0x0303);
    for (int i = 0; i < 32; ++i) body.push_back(static_cast<std::uint8_t>(i * 7));
    body.push_back(0);
    put16(body, 4);
    put16(body, 0x1301);
    put16(body, 0xc02f);
    body.push_back(1);
    body.push_back(0);
    Bytes ext;
    put16(ext, 0x0000);
    put16(ext, name.size() + 5);
    put16(ext, name.size() + 3);
    ext.push_back(0);
    put16(ext, name.size());
    ext.insert(ext.end(), name.begin(), name.end());
    put16(ext, 0x0015);
    put16(ext, pad);
    ext.insert(ext.end(), pad, 0);
    put16(body, ext.size());
    body.insert(body.end(), ext.begin(), ext.end());
    Bytes out = {22, 3, 1};
    put16(out, body.size() + 4);
    out.push_back(1);
    out.push_back(0);
    put16(out, body.size());
    out.insert(out.end(), body.begin(), body.end());
    return out;
}

Bytes pattern(std::size_t n, std::uint8_t seed) {
    Bytes b(n);
    for (std::size_t i = 0; i < n; ++i) b[i] = static_cast<std::uint8_t>(seed + i * 13);
    return b;
}

// A TCP conversation writer that keeps sequence numbers.
struct Conv {
    capture::PcapWriter& w;
    Host c, s;
    std::uint16_t cport, sport;
    std::uint16_t vlan = 0;
    std::uint32_t cseq = 1000, sseq = 70000;
    std::int64_t t = 0;

    void pkt(bool c2s, std::uint8_t flags, const Bytes& payload = {}, std::int64_t dt = 1'000'000) {
        t += dt;
        const Bytes f = c2s ? frame(c, s, cport, sport, true, flags, cseq, sseq, payload, vlan)
                            : frame(s, c, sport, cport, true, flags, sseq, cseq, payload, vlan);
        w.write(t, f);
        std::uint32_t adv = static_cast<std::uint32_t>(payload.size()) + ((flags & 0x03) ? 1u : 0u);
        (c2s ? cseq : sseq) += adv;
    }
    void handshake() {
        pkt(true, 0x02);
        pkt(false, 0x12);
        pkt(true, 0x10);
    }
    void fin_close() {
        pkt(true, 0x11);
        pkt(false, 0x11);
        pkt(true, 0x10);
    }
};

constexpr std::int64_t kT0 = 1'700'000'000LL * 1'000'000'000LL;

void write_tcp_mix(const fs::path& p) {
    capture::PcapWriter w(p.string());
    const Host cl = v4host(192, 168, 1, 10), web = v4host(93, 184, 216, 34);
    // 1: HTTP GET with Host, response, FIN/FIN and the final ACK.
    Conv a{w, cl, web, 50001, 80};
    a.t = kT0;
    a.handshake();
    a.pkt(true, 0x18, text("GET /index.html HTTP/1.1\r\nHost: www.example.com\r\nAccept: */*\r\n\r\n"));
    a.pkt(false, 0x18, text("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello"));
    a.fin_close();
    // 2: a long transfer with a retransmission, an overlapping segment and an out-of-order pair.
    Conv b{w, cl, web, 50002, 8080};
    b.t = kT0 + 100'000'000;
    b.handshake();
    b.pkt(true, 0x18, text("POST /upload HTTP/1.1\r\nHost: upload.example.com\r\nContent-Length: 1200\r\n\r\n"));
    const Bytes body = pattern(1200, 3);
    const std::uint32_t start = b.cseq;
    b.pkt(true, 0x10, Bytes(body.begin(), body.begin() + 500));
    b.cseq = start;  // retransmit the 500 bytes
    b.pkt(true, 0x10, Bytes(body.begin(), body.begin() + 500));
    b.cseq = start + 400;  // overlap: 100 old + 200 new
    b.pkt(true, 0x10, Bytes(body.begin() + 400, body.begin() + 800));
    b.cseq = start + 1000;  // out of order: the last 200 first
    b.pkt(true, 0x10, Bytes(body.begin() + 1000, body.end()));
    b.cseq = start + 800;
    b.pkt(true, 0x10, Bytes(body.begin() + 800, body.begin() + 1000));
    b.cseq = start + 1200;
    b.pkt(false, 0x18, text("HTTP/1.1 201 Created\r\n\r\n"));
    b.pkt(false, 0x14);  // RST from the server
    b.pkt(true, 0x10, {}, 500'000);  // a late ACK joins the closed flow
    // 3: connection refused (SYN, RST) and the SYN retried with the same ISN, then a new port reuse.
    Conv c{w, cl, web, 50003, 25};
    c.t = kT0 + 200'000'000;
    c.pkt(true, 0x02);
    c.pkt(false, 0x14);
    c.cseq = 1000;
    c.pkt(true, 0x02, {}, 1'000'000'000);
    c.pkt(false, 0x14);
    c.cseq = 555555;  // a new connection on the same tuple
    c.pkt(true, 0x02, {}, 1'000'000'000);
    c.pkt(false, 0x12);
    c.pkt(true, 0x10);
    c.pkt(false, 0x18, text("220 mail.example ESMTP\r\n"));
    // 4: Ethernet trailer padding on a tiny segment must not count as payload.
    w.write(kT0 + 300'000'000, frame(cl, web, 50004, 7, true, 0x18, 1, 1, text("hi"), 0, 10));
    w.close();
}

void write_tls_vlan(const fs::path& p) {
    capture::PcapWriter w(p.string(), 1, true);  // nanosecond timestamps
    const Host cl = v4host(10, 20, 0, 5), srv = v4host(142, 250, 1, 1);
    // TLS on VLAN 100: ClientHello in one segment.
    Conv a{w, cl, srv, 40001, 443};
    a.vlan = 100;
    a.t = kT0;
    a.handshake();
    a.pkt(true, 0x18, client_hello("video.example.net", 120));
    a.pkt(false, 0x18, pattern(1400, 9));
    a.pkt(false, 0x18, pattern(600, 77));
    a.fin_close();
    // The same endpoints on VLAN 200: a different flow. ClientHello split over two segments.
    Conv b{w, cl, srv, 40001, 443};
    b.vlan = 200;
    b.t = kT0 + 50'000'000;
    b.handshake();
    const Bytes ch = client_hello("split.example.org", 900);
    b.pkt(true, 0x10, Bytes(ch.begin(), ch.begin() + 300));
    b.pkt(true, 0x18, Bytes(ch.begin() + 300, ch.end()));
    b.pkt(false, 0x18, pattern(100, 1));
    // no teardown: ends with the capture
    w.close();
}

void write_ipv6_udp(const fs::path& p) {
    capture::PcapWriter w(p.string());
    const Host c6 = v6host(0x10), s6 = v6host(0x443);
    Conv a{w, c6, s6, 51000, 443};
    a.t = kT0;
    // A stray server packet before the handshake: the SYN still names the client.
    a.pkt(false, 0x10, text("stray"));
    a.handshake();
    a.pkt(true, 0x18, client_hello("ipv6.example.com", 0));
    a.pkt(false, 0x18, pattern(300, 5));
    a.fin_close();
    // UDP DNS over IPv4: query and answer, then the same tuple again after the idle timeout.
    const Host cl = v4host(192, 168, 1, 10), dns = v4host(9, 9, 9, 9);
    Bytes q = {0x12, 0x34, 1, 0, 0, 1, 0, 0, 0, 0, 0, 0, 3, 'w', 'w', 'w', 7, 'e', 'x', 'a', 'm', 'p', 'l', 'e', 3, 'c',
               'o', 'm', 0, 0, 1, 0, 1};
    Bytes r = q;
    r[2] = 0x81;
    r[3] = 0x80;
    w.write(kT0 + 10'000'000, frame(cl, dns, 53000, 53, false, 0, 0, 0, q));
    w.write(kT0 + 30'000'000, frame(dns, cl, 53, 53000, false, 0, 0, 0, r));
    w.write(kT0 + 200'000'000'000, frame(cl, dns, 53000, 53, false, 0, 0, 0, q));
    // Frames that are skipped, one per reason we can build: ARP, ICMP, truncated IP and TCP.
    Bytes arp = {0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 2, 0, 1, 2, 3, 4, 0x08, 0x06};
    arp.resize(42, 0);
    w.write(kT0 + 200'000'000'001, arp);
    Bytes icmp = frame(cl, dns, 0, 0, false, 0, 0, 0, pattern(8, 0));
    icmp[14 + 9] = 1;  // protocol ICMP
    w.write(kT0 + 200'000'000'002, icmp);
    Bytes trunc_ip = frame(cl, dns, 1, 2, false, 0, 0, 0, {});
    trunc_ip.resize(14 + 10);
    w.write(kT0 + 200'000'000'003, trunc_ip);
    Bytes trunc_tcp = frame(cl, dns, 1, 2, true, 0x10, 0, 0, {});
    trunc_tcp.resize(14 + 20 + 8);
    w.write(kT0 + 200'000'000'004, trunc_tcp);
    w.close();
}

// The same conversation writer for frames that go to a pcapng interface: `emit` gets the time (ns)
// and the Ethernet frame.
struct NgConv {
    std::function<void(std::int64_t, const Bytes&)> emit;
    Host c, s;
    std::uint16_t cport, sport;
    std::uint32_t cseq = 1000, sseq = 70000;
    std::int64_t t = 0;

    void pkt(bool c2s, std::uint8_t flags, const Bytes& payload = {}, std::int64_t dt = 1'000'000) {
        t += dt;
        emit(t, c2s ? frame(c, s, cport, sport, true, flags, cseq, sseq, payload)
                    : frame(s, c, sport, cport, true, flags, sseq, cseq, payload));
        std::uint32_t adv = static_cast<std::uint32_t>(payload.size()) + ((flags & 0x03) ? 1u : 0u);
        (c2s ? cseq : sseq) += adv;
    }
    void handshake() {
        pkt(true, 0x02);
        pkt(false, 0x12);
        pkt(true, 0x10);
    }
    void fin_close() {
        pkt(true, 0x11);
        pkt(false, 0x11);
        pkt(true, 0x10);
    }
};

// A pcapng whose interfaces have different link types (libpcap 1.10 stopped at the first change):
// section 1 (little-endian) has Ethernet in microseconds and raw IPv4 (LINKTYPE_RAW) in
// nanoseconds; section 2 (big-endian) has raw IPv4 in 2^-20 s and Ethernet in milliseconds after an
// if_tsoffset; name resolution, statistics and custom blocks in between are skipped.
void write_mixed_linktypes(const fs::path& p) {
    testutil::PcapngBuilder b;
    auto strip_eth = [](const Bytes& f) { return Bytes(f.begin() + 14, f.end()); };
    const Host cl = v4host(192, 168, 7, 2), web = v4host(198, 51, 100, 80), dns = v4host(192, 0, 2, 53);
    const Host tls = v4host(203, 0, 113, 9);

    b.section(false).interface(1).interface(101, 65535, 9);
    auto eth_us = [&](std::int64_t t, const Bytes& f) { b.packet(0, static_cast<std::uint64_t>(t / 1000), f); };
    auto raw_ns = [&](std::int64_t t, const Bytes& f) { b.packet(1, static_cast<std::uint64_t>(t), strip_eth(f)); };
    // HTTP over Ethernet, with a DNS exchange over raw IP in the middle of it.
    NgConv a{eth_us, cl, web, 50100, 80};
    a.t = kT0;
    a.handshake();
    Bytes q = {0xab, 0xcd, 1, 0, 0, 1, 0, 0, 0, 0, 0, 0, 5, 'm', 'i', 'x', 'e', 'd', 7, 'e', 'x', 'a', 'm', 'p', 'l', 'e',
               3, 'c', 'o', 'm', 0, 0, 1, 0, 1};
    Bytes r = q;
    r[2] = 0x81;
    r[3] = 0x80;
    raw_ns(a.t + 100'001, frame(cl, dns, 53001, 53, false, 0, 0, 0, q));
    raw_ns(a.t + 300'003, frame(dns, cl, 53, 53001, false, 0, 0, 0, r));
    b.block(4, Bytes{0, 0, 0, 0});  // name resolution block (no records)
    a.pkt(true, 0x18, text("GET /mixed HTTP/1.1\r\nHost: mixed.example.com\r\n\r\n"));
    a.pkt(false, 0x18, text("HTTP/1.1 200 OK\r\nContent-Length: 4\r\n\r\nmix!"));
    a.fin_close();
    // TLS over raw IP: ClientHello, two server records, no teardown in this section.
    NgConv h{raw_ns, cl, tls, 50101, 443};
    h.t = kT0 + 20'000'000;
    h.handshake();
    h.pkt(true, 0x18, client_hello("raw.example.net", 40), 1'234'567);
    h.pkt(false, 0x18, pattern(900, 21));
    h.pkt(false, 0x18, pattern(300, 42));
    Bytes isb;  // interface statistics block for interface 1
    b.u32(isb, 1);
    b.u64(isb, static_cast<std::uint64_t>(kT0));
    b.block(5, isb);

    b.section(true).interface(101, 65535, 0x80 | 20).interface(1, 262144, 3, 1'700'000'000);
    auto raw_bin = [&](std::int64_t t, const Bytes& f) {
        const std::uint64_t sec = static_cast<std::uint64_t>(t / 1'000'000'000);
        const std::uint64_t frac = static_cast<std::uint64_t>(t % 1'000'000'000) * (1u << 20) / 1'000'000'000;
        b.packet(0, (sec << 20) | frac, strip_eth(f));
    };
    auto eth_ms = [&](std::int64_t t, const Bytes& f) {
        b.packet(1, static_cast<std::uint64_t>((t - 1'700'000'000LL * 1'000'000'000) / 1'000'000), f);
    };
    // A POST over raw IP, then IPv6 UDP over Ethernet.
    NgConv c{raw_bin, cl, web, 50102, 8080};
    c.t = kT0 + 60'000'000;
    c.handshake();
    c.pkt(true, 0x18, text("POST /up HTTP/1.1\r\nHost: up.example.com\r\nContent-Length: 6\r\n\r\nhello!"));
    c.pkt(false, 0x18, text("HTTP/1.1 204 No Content\r\n\r\n"));
    c.fin_close();
    b.block(0x00000BAD, text("custom block: skipped"));
    const Host c6 = v6host(0x21), s6 = v6host(0x35);
    eth_ms(kT0 + 80'000'000, frame(c6, s6, 40000, 4433, false, 0, 0, 0, pattern(120, 5)));
    eth_ms(kT0 + 95'000'000, frame(s6, c6, 4433, 40000, false, 0, 0, 0, pattern(700, 6)));
    eth_ms(kT0 + 99'000'000, frame(c6, s6, 40000, 4433, false, 0, 0, 0, pattern(40, 7)));
    std::ofstream(p, std::ios::binary)
        .write(reinterpret_cast<const char*>(b.bytes().data()), static_cast<std::streamsize>(b.size()));
}

TEST(Golden, RegenerateCaptures) {
    if (!std::getenv("FLOWCNN_WRITE_GOLDEN_CAPTURES"))
        GTEST_SKIP() << "set FLOWCNN_WRITE_GOLDEN_CAPTURES=1 to rewrite the synthetic captures in " << kGoldenDir;
    fs::create_directories(kGoldenDir);
    write_tcp_mix(kGoldenDir / "tcp_mix.pcap");
    write_tls_vlan(kGoldenDir / "tls_vlan.pcap");
    write_ipv6_udp(kGoldenDir / "ipv6_udp.pcap");
    write_mixed_linktypes(kGoldenDir / "mixed_linktypes.pcapng");
}

}  // namespace
