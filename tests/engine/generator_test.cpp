// Traffic generator: layout, determinism, well-formed frames (lengths, checksums), TLS SNI and HTTP
// Host in every flow, and the Table 3 port shares. Captures are read back with libpcap directly.
#include <gtest/gtest.h>
#include <pcap/pcap.h>

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <set>
#include <string>
#include <tuple>
#include <vector>

#include <unistd.h>

#include "engine/capture/capture_reader.h"
#include "engine/common/error.h"
#include "engine/generator/traffic_generator.h"
#include "engine/pipeline/extract.h"

namespace fs = std::filesystem;
using namespace flowcnn;
using namespace flowcnn::generator;

namespace {

fs::path temp_dir(const std::string& name) {
    auto p = fs::temp_directory_path() / ("flowcnn-gen-" + name + "-" + std::to_string(::getpid()));
    fs::remove_all(p);
    fs::create_directories(p);
    return p;
}

std::vector<std::uint8_t> slurp(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

unsigned be16(const std::uint8_t* p) { return static_cast<unsigned>((p[0] << 8) | p[1]); }
std::uint32_t be32(const std::uint8_t* p) {
    return (std::uint32_t{p[0]} << 24) | (std::uint32_t{p[1]} << 16) | (std::uint32_t{p[2]} << 8) | p[3];
}

std::uint32_t sum16(const std::uint8_t* p, std::size_t n, std::uint32_t acc = 0) {
    std::size_t i = 0;
    for (; i + 1 < n; i += 2) acc += static_cast<std::uint32_t>((p[i] << 8) | p[i + 1]);
    if (i < n) acc += static_cast<std::uint32_t>(p[i] << 8);
    return acc;
}
std::uint16_t fold(std::uint32_t acc) {
    while (acc >> 16) acc = (acc & 0xffff) + (acc >> 16);
    return static_cast<std::uint16_t>(acc);
}

struct Segment {
    std::string client, server;  // "ip:port"
    bool from_client = false;
    std::uint8_t flags = 0;
    std::uint32_t seq = 0;
    std::vector<std::uint8_t> payload;
    std::uint16_t vlan = 0;
    bool v6 = false;
};

struct Stats {
    std::uint64_t frames = 0;
    std::vector<Segment> segments;
    std::int64_t last_ts_us = 0;
    bool monotonic = true;
};

std::string addr(const std::uint8_t* ip, int len, unsigned port) {
    std::string s;
    for (int i = 0; i < len; ++i) s += std::to_string(ip[i]) + (i + 1 < len ? "." : "");
    return s + ":" + std::to_string(port);
}

// Reads a generated capture and checks every frame: Ethernet (+802.1Q), IPv4/IPv6 lengths and
// checksums, TCP checksum. Returns the TCP segments.
Stats read_capture(const std::string& path) {
    Stats st;
    char err[PCAP_ERRBUF_SIZE];
    pcap_t* p = pcap_open_offline(path.c_str(), err);
    EXPECT_NE(p, nullptr) << err;
    if (!p) return st;
    EXPECT_EQ(pcap_datalink(p), DLT_EN10MB);
    pcap_pkthdr* h = nullptr;
    const u_char* d = nullptr;
    while (pcap_next_ex(p, &h, &d) == 1) {
        ++st.frames;
        std::int64_t ts = static_cast<std::int64_t>(h->ts.tv_sec) * 1000000 + h->ts.tv_usec;
        if (ts < st.last_ts_us) st.monotonic = false;
        st.last_ts_us = ts;
        EXPECT_EQ(h->caplen, h->len);
        std::size_t off = 12;
        Segment seg;
        unsigned type = be16(d + off);
        if (type == 0x8100) {
            seg.vlan = be16(d + off + 2) & 0x0fff;
            off += 4;
            type = be16(d + off);
        }
        off += 2;
        std::size_t tcp_len = 0;
        std::uint32_t pseudo = 0;
        const std::uint8_t* src = nullptr;
        const std::uint8_t* dst = nullptr;
        int alen = 4;
        if (type == 0x0800) {
            const std::uint8_t* ip = d + off;
            EXPECT_EQ(ip[0], 0x45);
            const unsigned total = be16(ip + 2);
            EXPECT_LE(off + total, h->caplen);
            EXPECT_EQ(fold(sum16(ip, 20)), 0xffff) << "IPv4 header checksum";
            EXPECT_EQ(ip[9], 6);
            tcp_len = total - 20;
            src = ip + 12;
            dst = ip + 16;
            pseudo = sum16(ip + 12, 8) + 6 + static_cast<std::uint32_t>(tcp_len);
            off += 20;
        } else {
            EXPECT_EQ(type, 0x86ddu);
            const std::uint8_t* ip = d + off;
            EXPECT_EQ(ip[0] >> 4, 6);
            tcp_len = be16(ip + 4);
            EXPECT_EQ(off + 40 + tcp_len, h->caplen);
            EXPECT_EQ(ip[6], 6);
            src = ip + 8;
            dst = ip + 24;
            alen = 16;
            seg.v6 = true;
            pseudo = sum16(ip + 8, 32) + 6 + static_cast<std::uint32_t>(tcp_len);
            off += 40;
        }
        const std::uint8_t* tcp = d + off;
        EXPECT_EQ(fold(sum16(tcp, tcp_len, pseudo)), 0xffff) << "TCP checksum";
        const unsigned sport = be16(tcp), dport = be16(tcp + 2);
        const std::size_t hl = static_cast<std::size_t>(tcp[12] >> 4) * 4;
        seg.flags = tcp[13];
        seg.seq = be32(tcp + 4);
        seg.payload.assign(tcp + hl, tcp + tcp_len);
        seg.from_client = dport == 443 || dport == 80;
        if (seg.from_client) {
            seg.client = addr(src, alen, sport);
            seg.server = addr(dst, alen, dport);
        } else {
            seg.client = addr(dst, alen, dport);
            seg.server = addr(src, alen, sport);
        }
        st.segments.push_back(std::move(seg));
    }
    pcap_close(p);
    return st;
}

struct Connection {
    bool syn = false, synack = false, closed = false;
    unsigned server_port = 0;
    std::vector<std::uint8_t> c2s;  // client payload in order, retransmissions dropped
    std::uint32_t next_c2s = 0;
    bool have_next = false;
};

std::map<std::string, Connection> connections(const Stats& st) {
    std::map<std::string, Connection> m;
    for (const auto& s : st.segments) {
        auto& c = m[s.client + ">" + s.server];
        c.server_port = static_cast<unsigned>(std::stoul(s.server.substr(s.server.rfind(':') + 1)));
        if (s.from_client && (s.flags & 0x02)) {
            c.syn = true;
            c.next_c2s = s.seq + 1;
            c.have_next = true;
        }
        if (!s.from_client && (s.flags & 0x12) == 0x12) c.synack = true;
        if (s.flags & 0x05) c.closed = true;
        if (s.from_client && !s.payload.empty() && c.have_next && s.seq == c.next_c2s) {
            c.c2s.insert(c.c2s.end(), s.payload.begin(), s.payload.end());
            c.next_c2s += static_cast<std::uint32_t>(s.payload.size());
        }
    }
    return m;
}

// The server_name of a TLS ClientHello at the start of `p`, or "" when there is none.
std::string sni_of(const std::vector<std::uint8_t>& p) {
    if (p.size() < 9 || p[0] != 0x16 || p[1] != 3 || p[5] != 1) return "";
    std::size_t rec_end = 5 + be16(&p[3]);
    if (rec_end > p.size()) return "";
    std::size_t i = 9 + 2 + 32;
    i += 1 + p[i];              // session id
    i += 2 + be16(&p[i]);       // cipher suites
    i += 1 + p[i];              // compression
    std::size_t ext_end = i + 2 + be16(&p[i]);
    if (ext_end != rec_end) return "";  // lengths must nest exactly
    i += 2;
    while (i + 4 <= ext_end) {
        unsigned type = be16(&p[i]), len = be16(&p[i + 2]);
        if (type == 0 && len > 5) return std::string(p.begin() + static_cast<std::ptrdiff_t>(i + 9),
                                                     p.begin() + static_cast<std::ptrdiff_t>(i + 9 + be16(&p[i + 7])));
        i += 4 + len;
    }
    return "";
}

std::string host_of(const std::vector<std::uint8_t>& p) {
    std::string s(p.begin(), p.end());
    if (s.rfind("GET ", 0) != 0 && s.rfind("POST ", 0) != 0) return "";
    auto head_end = s.find("\r\n\r\n");
    if (head_end == std::string::npos) return "";
    auto at = s.find("\r\nHost: ");
    if (at == std::string::npos || at > head_end) return "";
    at += 8;
    return s.substr(at, s.find("\r\n", at) - at);
}

}  // namespace

TEST(Generator, PaperAppsAreTableThree) {
    auto apps = paper_apps();
    ASSERT_EQ(apps.size(), 10u);
    const std::vector<std::pair<std::string, double>> table{
        {"Baidu", 0.611}, {"Bing", 0.278},  {"Daum", 0.685},  {"Google", 0.921},  {"Kakaotalk", 0.628},
        {"Nate", 0.272},  {"Naver", 0.934}, {"Yahoo", 0.997}, {"Youtube", 0.978}, {"Zum", 0.149}};
    for (std::size_t i = 0; i < table.size(); ++i) {
        EXPECT_EQ(apps[i].name, table[i].first);
        EXPECT_DOUBLE_EQ(apps[i].https_share, table[i].second);
        EXPECT_FALSE(apps[i].tls_hosts.empty());
        EXPECT_FALSE(apps[i].http_hosts.empty());
        EXPECT_FALSE(apps[i].server_headers.empty());
        EXPECT_FALSE(apps[i].tls_fingerprints.empty());
    }
    // Like the paper's captures of dedicated apps, each application has its own dominant client
    // (listed first); the other clients are shared.
    std::set<int> dominant;
    for (const auto& a : apps) dominant.insert(a.tls_fingerprints.front());
    EXPECT_EQ(dominant.size(), apps.size());
}

TEST(Generator, FolderPerClassLayout) {
    auto dir = temp_dir("layout");
    GeneratorOptions o;
    o.flows_per_app = 12;
    o.flows_per_file = 5;
    o.apps = {"naver", "Baidu"};
    std::vector<Progress> seen;
    auto files = generate_dataset(dir.string(), o, [&](const Progress& p) { seen.push_back(p); });
    ASSERT_EQ(files.size(), 6u);
    const std::vector<std::tuple<std::string, std::string, int>> want{
        {"Naver", "Naver/Naver-001.pcap", 5}, {"Naver", "Naver/Naver-002.pcap", 5}, {"Naver", "Naver/Naver-003.pcap", 2},
        {"Baidu", "Baidu/Baidu-001.pcap", 5}, {"Baidu", "Baidu/Baidu-002.pcap", 5}, {"Baidu", "Baidu/Baidu-003.pcap", 2}};
    for (std::size_t i = 0; i < want.size(); ++i) {
        EXPECT_EQ(files[i].label, std::get<0>(want[i]));
        EXPECT_EQ(fs::path(files[i].path), dir / std::get<1>(want[i]));
        EXPECT_EQ(files[i].flows, std::get<2>(want[i]));
        EXPECT_TRUE(fs::exists(files[i].path));
        Stats st = read_capture(files[i].path);
        EXPECT_EQ(st.frames, files[i].packets);
        EXPECT_TRUE(st.monotonic);
        auto conns = connections(st);
        EXPECT_EQ(conns.size(), static_cast<std::size_t>(files[i].flows));
        for (const auto& [key, c] : conns) {
            EXPECT_TRUE(c.syn && c.synack && c.closed) << key;
        }
    }
    ASSERT_EQ(seen.size(), 6u);
    EXPECT_EQ(seen.back().done, 24u);
    EXPECT_EQ(seen.back().total, 24u);
    EXPECT_EQ(seen.back().stage, "generate");
    fs::remove_all(dir);
}

TEST(Generator, DeterministicAndIndependentOfOrder) {
    auto a = temp_dir("det-a"), b = temp_dir("det-b"), c = temp_dir("det-c"), d = temp_dir("det-d");
    GeneratorOptions o;
    o.flows_per_app = 8;
    o.flows_per_file = 4;
    o.seed = 7;
    o.apps = {"Youtube", "Zum"};
    auto fa = generate_dataset(a.string(), o);
    auto fb = generate_dataset(b.string(), o);
    ASSERT_EQ(fa.size(), fb.size());
    for (std::size_t i = 0; i < fa.size(); ++i) EXPECT_EQ(slurp(fa[i].path), slurp(fb[i].path)) << fa[i].path;
    // Zum alone: the same bytes as when generated after Youtube.
    o.apps = {"Zum"};
    auto fc = generate_dataset(c.string(), o);
    ASSERT_EQ(fc.size(), 2u);
    EXPECT_EQ(slurp(fc[0].path), slurp(fa[2].path));
    EXPECT_EQ(slurp(fc[1].path), slurp(fa[3].path));
    // Another seed: other bytes.
    o.seed = 8;
    auto fd = generate_dataset(d.string(), o);
    EXPECT_NE(slurp(fd[0].path), slurp(fc[0].path));
    for (const auto& p : {a, b, c, d}) fs::remove_all(p);
}

TEST(Generator, EveryFlowNamesItsServer) {
    auto dir = temp_dir("names");
    GeneratorOptions o;
    o.flows_per_app = 20;
    o.flows_per_file = 20;
    auto files = generate_dataset(dir.string(), o);
    ASSERT_EQ(files.size(), 10u);
    std::set<std::string> snis, hosts;
    std::size_t tls = 0, http = 0, v6 = 0, vlan = 0;
    for (const auto& f : files) {
        Stats st = read_capture(f.path);
        for (const auto& s : st.segments) {
            v6 += s.v6 && (s.flags & 0x02) && s.from_client;
            vlan += s.vlan != 0 && (s.flags & 0x02) && s.from_client;
        }
        for (const auto& [key, c] : connections(st)) {
            ASSERT_FALSE(c.c2s.empty()) << f.path << " " << key;
            if (c.server_port == 443) {
                std::string sni = sni_of(c.c2s);
                EXPECT_FALSE(sni.empty()) << f.path << " " << key;
                snis.insert(sni);
                ++tls;
            } else {
                EXPECT_EQ(c.server_port, 80u);
                std::string host = host_of(c.c2s);
                EXPECT_FALSE(host.empty()) << f.path << " " << key;
                hosts.insert(host);
                ++http;
            }
        }
    }
    EXPECT_EQ(tls + http, 200u);
    EXPECT_GT(http, 20u);
    EXPECT_GT(snis.size(), 30u);  // many names, not one per application
    EXPECT_GT(hosts.size(), 10u);
    EXPECT_TRUE(snis.count("www.naver.com") || snis.count("search.naver.com"));
    EXPECT_GT(v6, 5u);   // about 12 %
    EXPECT_GT(vlan, 3u); // about 8 %
    EXPECT_LT(v6 + vlan, 80u);
    fs::remove_all(dir);
}

TEST(Generator, NoVarietyMeansPlainIpv4) {
    auto dir = temp_dir("plain");
    GeneratorOptions o;
    o.flows_per_app = 30;
    o.flows_per_file = 30;
    o.apps = {"Google"};
    o.vlan_and_ipv6_variety = false;
    auto files = generate_dataset(dir.string(), o);
    Stats st = read_capture(files.at(0).path);
    for (const auto& s : st.segments) {
        EXPECT_FALSE(s.v6);
        EXPECT_EQ(s.vlan, 0);
    }
    fs::remove_all(dir);
}

TEST(Generator, HttpsShareFollowsTableThree) {
    auto dir = temp_dir("share");
    GeneratorOptions o;
    o.flows_per_app = 1300;
    o.apps = {"Zum", "Naver", "Bing"};
    auto start = std::chrono::steady_clock::now();
    auto files = generate_dataset(dir.string(), o);
    auto secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    EXPECT_LT(secs, 20.0);  // 3900 flows; seconds in a release build
    std::map<std::string, std::pair<int, int>> count;  // label -> (443, all)
    for (const auto& f : files) {
        Stats st = read_capture(f.path);
        for (const auto& s : st.segments) {
            if (!(s.from_client && (s.flags & 0x12) == 0x02)) continue;
            auto& c = count[f.label];
            c.second++;
            if (s.server.ends_with(":443")) c.first++;
        }
    }
    const std::map<std::string, double> want{{"Zum", 0.149}, {"Naver", 0.934}, {"Bing", 0.278}};
    for (const auto& [label, share] : want) {
        ASSERT_EQ(count[label].second, 1300) << label;
        double got = static_cast<double>(count[label].first) / 1300.0;
        EXPECT_NEAR(got, share, 0.05) << label;
    }
    fs::remove_all(dir);
}

TEST(Generator, RejectsBadOptionsAndHonoursCancel) {
    auto dir = temp_dir("bad");
    GeneratorOptions o;
    o.apps = {"Altavista"};
    EXPECT_THROW(generate_dataset(dir.string(), o), ConfigError);
    o.apps = {};
    o.flows_per_app = 0;
    EXPECT_THROW(generate_dataset(dir.string(), o), ConfigError);
    o.flows_per_app = 10;
    o.flows_per_file = 0;
    EXPECT_THROW(generate_dataset(dir.string(), o), ConfigError);
    o.flows_per_file = 5;
    CancelToken cancel;
    cancel.cancel();
    EXPECT_THROW(generate_dataset(dir.string(), o, {}, &cancel), CancelledError);
    // Cancelled after the first file: that file stays, nothing else is written.
    CancelToken later;
    int calls = 0;
    EXPECT_THROW(generate_dataset(dir.string(), o,
                                  [&](const Progress&) {
                                      if (++calls == 1) later.cancel();
                                  },
                                  &later),
                 CancelledError);
    EXPECT_EQ(calls, 1);
    EXPECT_TRUE(fs::exists(dir / "Baidu" / "Baidu-001.pcap"));
    EXPECT_FALSE(fs::exists(dir / "Baidu" / "Baidu-002.pcap"));
    fs::remove_all(dir);
}

// The engine's own reader and flow table see every generated flow, with an image and a hint, and
// skip nothing; no two flows give the same image.
TEST(Generator, EngineExtractsEveryFlow) {
    auto dir = temp_dir("extract");
    GeneratorOptions o;
    o.flows_per_app = 15;
    o.flows_per_file = 15;
    auto files = generate_dataset(dir.string(), o);
    std::set<std::vector<std::uint8_t>> heads;
    std::map<std::string, int> per_label;
    for (const auto& f : files) {
        auto reader = capture::open_capture(f.path);
        flow::FlowOptions fo;
        int flows = 0;
        auto st = pipeline::extract_flows(*reader, fo, [&](flow::FlowRecord&& r) {
            ++flows;
            EXPECT_TRUE(r.has_image()) << f.path;
            EXPECT_LE(r.head.size(), flow::kImageBytes) << f.path;
            EXPECT_TRUE(r.end == flow::EndReason::Fin || r.end == flow::EndReason::Rst) << f.path;
            if (r.key.server_port == 443)
                EXPECT_FALSE(r.sni.empty()) << f.path;
            else
                EXPECT_FALSE(r.http_host.empty()) << f.path;
            heads.insert(r.head);
        });
        EXPECT_TRUE(st.error.empty()) << st.error;
        EXPECT_EQ(st.skipped.total(), 0u) << f.path;
        EXPECT_EQ(st.frames, f.packets);
        EXPECT_EQ(flows, f.flows);
        per_label[f.label] += flows;
    }
    EXPECT_EQ(per_label.size(), 10u);
    EXPECT_EQ(heads.size(), 150u);
    fs::remove_all(dir);
}

// One capture is one device session: the app's own client sends the same session headers (its
// User-Agent, cookie jar, SDK headers) on every port-80 request, and other clients do not send
// the app's SDK headers.
TEST(Generator, SessionStateRepeatsWithinACapture) {
    auto dir = temp_dir("session");
    GeneratorOptions o;
    o.flows_per_app = 300;
    o.flows_per_file = 300;
    o.apps = {"Kakaotalk"};
    auto files = generate_dataset(dir.string(), o);
    ASSERT_EQ(files.size(), 1u);
    auto header = [](const std::string& req, const std::string& name) {
        auto at = req.find("\r\n" + name + ": ");
        if (at == std::string::npos) return std::string();
        at += name.size() + 4;
        return req.substr(at, req.find("\r\n", at) - at);
    };
    std::set<std::string> sdk_ids, sdk_cookies;
    int sdk_requests = 0;
    for (const auto& [key, c] : connections(read_capture(files[0].path))) {
        if (c.server_port != 80) continue;
        std::string req(c.c2s.begin(), c.c2s.end());
        req = req.substr(0, req.find("\r\n\r\n"));
        const bool sdk = header(req, "User-Agent").starts_with("KT/");
        EXPECT_EQ(!header(req, "A").empty(), sdk) << req;
        if (!sdk) continue;
        ++sdk_requests;
        sdk_ids.insert(header(req, "C"));
        if (!header(req, "Cookie").empty()) sdk_cookies.insert(header(req, "Cookie"));
    }
    EXPECT_GT(sdk_requests, 50);
    EXPECT_EQ(sdk_ids.size(), 1u);
    EXPECT_LE(sdk_cookies.size(), 1u);
    fs::remove_all(dir);
}
