#include "engine/generator/traffic_generator.h"

#include <algorithm>
#include <array>
#include <cstdio>
#include <filesystem>
#include <span>
#include <system_error>

#include "engine/capture/pcap_writer.h"
#include "engine/common/error.h"
#include "engine/generator/app_specs.h"
#include "engine/generator/content.h"
#include "engine/generator/wire.h"

namespace flowcnn::generator {
namespace {

using namespace detail;

constexpr std::int64_t kUs = 1000;
constexpr std::int64_t kMs = 1'000'000;
constexpr std::int64_t kSec = 1'000'000'000;
// Monday 4 March 2019 09:00 UTC: the generated captures are dated around the paper's collection.
constexpr std::int64_t kEpoch = 1551690000LL * kSec;
// Flows to shared analytics/CDN hosts, per application: the same bytes whichever application's
// capture they are in, so they cap accuracy at about 1 - 0.9 * kThirdPartyShare.
constexpr double kThirdPartyShare = 0.002;
constexpr double kMainHostShare = 0.3;  // flows to the application's main host before the weighted pick
constexpr double kIpv6Share = 0.12;
constexpr double kVlanShare = 0.08;
constexpr double kRetransmitShare = 0.04;
constexpr double kRstShare = 0.1;

namespace tcpf {
constexpr std::uint8_t kFin = 0x01, kSyn = 0x02, kRst = 0x04, kPsh = 0x08, kAck = 0x10;
}

using Mac = std::array<std::uint8_t, 6>;
using Ip = std::array<std::uint8_t, 16>;  // IPv4 in the first 4 bytes

struct Frame {
    std::int64_t ts = 0;
    std::uint64_t order = 0;  // generation order: ties in time keep it
    Bytes data;
};

struct Side {
    Mac mac{};
    Ip ip{};
    std::uint16_t port = 0;
    std::uint32_t seq = 0;  // next sequence number to send
    std::uint16_t ip_id = 0;
    std::uint8_t ttl = 64;
    std::uint16_t window = 0;
    std::uint32_t ts_base = 0;  // TCP timestamp clock origin
};

// Writes the frames of one TCP connection into `out`, as seen by a capture on the client.
class TcpConnection {
public:
    TcpConnection(std::vector<Frame>& out, std::uint64_t& order, Rand& r, bool v6, std::uint16_t vlan, Side client,
                  Side server, bool windows_client, std::int64_t rtt)
        : out_(out), order_(order), r_(r), v6_(v6), vlan_(vlan), c_(client), s_(server),
          windows_(windows_client), rtt_(rtt) {
        flow_label_ = static_cast<std::uint32_t>(r_.next() & 0xfffff);
        timestamps_ = !windows_;
        const int mss = v6_ ? 1440 : 1460;
        payload_max_ = static_cast<std::size_t>(mss - (timestamps_ ? 12 : 0));
        server_gap_ = static_cast<std::int64_t>(r_.range(15, 250)) * kUs / 2;  // per full segment
    }

    std::int64_t handshake(std::int64_t t) {
        emit(true, tcpf::kSyn, c_.seq, 0, {}, t, true);
        c_.seq += 1;
        t += rtt_;
        emit(false, tcpf::kSyn | tcpf::kAck, s_.seq, c_.seq, {}, t, true);
        s_.seq += 1;
        t += r_.range(20, 80) * kUs;
        emit(true, tcpf::kAck, c_.seq, s_.seq, {}, t);
        return t;
    }

    // Sends one application message; returns the time of its last segment (or of the ACK that
    // follows it when `ack_at_end`).
    std::int64_t send(bool from_client, const Bytes& data, std::int64_t t, bool retransmit_one) {
        Side& a = from_client ? c_ : s_;
        const Side& b = from_client ? s_ : c_;
        const std::size_t n = (data.size() + payload_max_ - 1) / payload_max_;
        const std::size_t again = retransmit_one ? static_cast<std::size_t>(r_.range(0, static_cast<int>(n) - 1)) : n;
        std::int64_t last = t;
        std::size_t window = 10;  // initial congestion window, segments
        for (std::size_t i = 0, off = 0; i < n; ++i) {
            const std::size_t len = std::min(payload_max_, data.size() - off);
            std::span<const std::uint8_t> seg(data.data() + off, len);
            const std::uint32_t seq = a.seq;
            std::uint8_t flags = tcpf::kAck;
            if (i + 1 == n) flags |= tcpf::kPsh;
            emit(from_client, flags, seq, b.seq, seg, t);
            a.seq += static_cast<std::uint32_t>(len);
            off += len;
            last = t;
            // The receiver acknowledges every second segment (delayed ACK).
            if (i % 2 == 1 && i + 1 < n) emit(!from_client, tcpf::kAck, b.seq, a.seq, {}, ack_time(from_client, t));
            if (i == again) {
                // Lost on the way (or its ACK was): sent again after the retransmission timeout.
                std::int64_t rto = std::max<std::int64_t>(200 * kMs, 2 * rtt_) + r_.range(0, 30) * kMs;
                t += rto;
                emit(from_client, tcpf::kAck | tcpf::kPsh, seq, b.seq, seg, t);
                last = t;
            }
            if (i + 1 == window && i + 1 < n) {  // slow start: wait for the window's ACKs
                t += rtt_;
                window *= 2;
            }
            t += from_client ? r_.range(10, 40) * kUs : server_gap_ + r_.range(0, 20) * kUs;
        }
        return last;
    }

    // A pure ACK of everything received, from the side that did not send the last message.
    std::int64_t ack(bool from_client, std::int64_t t) {
        const Side& a = from_client ? c_ : s_;
        const Side& b = from_client ? s_ : c_;
        emit(from_client, tcpf::kAck, a.seq, b.seq, {}, t);
        return t;
    }
    std::int64_t ack_time(bool data_from_client, std::int64_t t) {
        return data_from_client ? t + rtt_ : t + r_.range(15, 60) * kUs;
    }

    // FIN/FIN/ACK from the closing side, or a RST from the client.
    std::int64_t teardown(std::int64_t t, bool rst, bool client_closes) {
        if (rst) {
            emit(true, tcpf::kRst | tcpf::kAck, c_.seq, s_.seq, {}, t);
            return t;
        }
        bool fc = client_closes;
        Side& a = fc ? c_ : s_;
        Side& b = fc ? s_ : c_;
        emit(fc, tcpf::kFin | tcpf::kAck, a.seq, b.seq, {}, t);
        a.seq += 1;
        t += fc ? rtt_ : r_.range(20, 200) * kUs;
        emit(!fc, tcpf::kFin | tcpf::kAck, b.seq, a.seq, {}, t);
        b.seq += 1;
        t += fc ? r_.range(20, 80) * kUs : rtt_;
        emit(fc, tcpf::kAck, a.seq, b.seq, {}, t);
        return t;
    }

    std::int64_t rtt() const { return rtt_; }
    std::uint64_t packets() const { return packets_; }

private:
    void emit(bool from_client, std::uint8_t flags, std::uint32_t seq, std::uint32_t ack,
              std::span<const std::uint8_t> payload, std::int64_t ts, bool syn_options = false) {
        Side& a = from_client ? c_ : s_;
        const Side& b = from_client ? s_ : c_;
        Bytes opts;
        if (syn_options) {
            if (windows_) {  // MSS, NOP, WS, NOP, NOP, SACK_PERM
                const std::uint8_t o[] = {2, 4, 0, 0, 1, 3, 3, 8, 1, 1, 4, 2};
                opts.assign(std::begin(o), std::end(o));
            } else {  // MSS, SACK_PERM, TS, NOP, WS
                const std::uint8_t o[] = {2, 4, 0, 0, 4, 2, 8, 10, 0, 0, 0, 0, 0, 0, 0, 0, 1, 3, 3, 7};
                opts.assign(std::begin(o), std::end(o));
            }
            set16(opts, 2, v6_ ? 1440 : 1460);
            if (!windows_) {
                auto tsv = a.ts_base + static_cast<std::uint32_t>(ts / kMs);
                opts[8] = static_cast<std::uint8_t>(tsv >> 24);
                opts[9] = static_cast<std::uint8_t>(tsv >> 16);
                opts[10] = static_cast<std::uint8_t>(tsv >> 8);
                opts[11] = static_cast<std::uint8_t>(tsv);
                if (!from_client) {
                    auto ecr = b.ts_base + static_cast<std::uint32_t>((ts - rtt_) / kMs);
                    for (int i = 0; i < 4; ++i) opts[12 + i] = static_cast<std::uint8_t>(ecr >> (24 - 8 * i));
                }
            }
        } else if (timestamps_) {
            put8(opts, 1);
            put8(opts, 1);
            put8(opts, 8);
            put8(opts, 10);
            put32(opts, a.ts_base + static_cast<std::uint32_t>(ts / kMs));
            put32(opts, b.ts_base + static_cast<std::uint32_t>((ts - rtt_ / 2) / kMs));
        }
        const std::size_t tcp_len = 20 + opts.size() + payload.size();
        Bytes f;
        f.reserve(18 + 40 + tcp_len + 4);
        f.insert(f.end(), b.mac.begin(), b.mac.end());
        f.insert(f.end(), a.mac.begin(), a.mac.end());
        if (vlan_) {
            put16(f, 0x8100);
            put16(f, vlan_);
        }
        put16(f, v6_ ? 0x86dd : 0x0800);
        std::uint32_t pseudo = 0;
        if (v6_) {
            put32(f, 0x60000000u | flow_label_);
            put16(f, static_cast<unsigned>(tcp_len));
            put8(f, 6);
            put8(f, a.ttl);
            f.insert(f.end(), a.ip.begin(), a.ip.end());
            f.insert(f.end(), b.ip.begin(), b.ip.end());
            pseudo = sum16(a.ip.data(), 16, pseudo);
            pseudo = sum16(b.ip.data(), 16, pseudo);
            pseudo += static_cast<std::uint32_t>(tcp_len >> 16) + static_cast<std::uint32_t>(tcp_len & 0xffff);
            pseudo += 6;
        } else {
            const std::size_t ip_at = f.size();
            put8(f, 0x45);
            put8(f, 0);
            put16(f, static_cast<unsigned>(20 + tcp_len));
            put16(f, a.ip_id++);
            put16(f, 0x4000);  // don't fragment
            put8(f, a.ttl);
            put8(f, 6);
            put16(f, 0);
            f.insert(f.end(), a.ip.begin(), a.ip.begin() + 4);
            f.insert(f.end(), b.ip.begin(), b.ip.begin() + 4);
            set16(f, ip_at + 10, fold16(sum16(f.data() + ip_at, 20)));
            pseudo = sum16(a.ip.data(), 4, pseudo);
            pseudo = sum16(b.ip.data(), 4, pseudo);
            pseudo += 6 + static_cast<std::uint32_t>(tcp_len);
        }
        const std::size_t tcp_at = f.size();
        put16(f, a.port);
        put16(f, b.port);
        put32(f, seq);
        put32(f, (flags & tcpf::kAck) ? ack : 0);
        put8(f, static_cast<unsigned>(((20 + opts.size()) / 4) << 4));
        put8(f, flags);
        put16(f, a.window);
        put16(f, 0);
        put16(f, 0);
        put_bytes(f, opts);
        f.insert(f.end(), payload.begin(), payload.end());
        set16(f, tcp_at + 16, fold16(sum16(f.data() + tcp_at, tcp_len, pseudo)));
        // Frames arriving from the network are padded to the 60-byte Ethernet minimum; the host's
        // own outgoing frames are captured before padding.
        if (!from_client && f.size() < 60) f.resize(60, 0);
        out_.push_back({ts, order_++, std::move(f)});
        ++packets_;
    }

    std::vector<Frame>& out_;
    std::uint64_t& order_;
    Rand& r_;
    bool v6_;
    std::uint16_t vlan_;
    Side c_, s_;
    bool windows_;
    std::int64_t rtt_;
    bool timestamps_ = false;
    std::size_t payload_max_ = 1460;
    std::int64_t server_gap_ = 0;
    std::uint32_t flow_label_ = 0;
    std::uint64_t packets_ = 0;
};

template <class T>
const T& pick_weighted(Rand& r, const std::vector<T>& v) {
    int total = 0;
    for (const auto& e : v) total += e.weight;
    int x = r.range(0, total - 1);
    for (const auto& e : v) {
        if (x < e.weight) return e;
        x -= e.weight;
    }
    return v.back();
}

// Server addresses: a handful per host name inside the application's prefix.
Ip server_ip(Rand& r, const AppSpec& app, const std::string& host, bool v6) {
    std::uint64_t h = fnv1a(host);
    Ip ip{};
    const auto k = static_cast<std::uint8_t>(r.range(0, 3));
    if (v6) {
        const std::uint8_t p[] = {0x24, 0x04, 0x68, 0x00};
        std::copy(std::begin(p), std::end(p), ip.begin());
        ip[4] = static_cast<std::uint8_t>(app.v6 >> 8);
        ip[5] = static_cast<std::uint8_t>(app.v6);
        ip[6] = 0x08;
        ip[7] = static_cast<std::uint8_t>(h & 0x0f);
        ip[14] = static_cast<std::uint8_t>((h >> 8) & 0xff);
        ip[15] = static_cast<std::uint8_t>(((h >> 16) & 0xf0) | k);
    } else {
        ip[0] = app.v4a;
        ip[1] = app.v4b;
        ip[2] = static_cast<std::uint8_t>((h >> 8) & 0xff);
        ip[3] = static_cast<std::uint8_t>(((h >> 16) & 0xf8) | (k + 1));
    }
    return ip;
}

struct FileContext {
    Mac client_mac{}, gateway_mac{};
    Ip client_v4{}, client_v6{};
    std::uint16_t next_port_windows = 0, next_port_linux = 0;
    std::uint16_t vlan = 0;
    Session session;
};

std::uint16_t ephemeral(std::uint16_t& next, Rand& r, std::uint16_t lo, std::uint16_t hi) {
    auto p = next;
    next = static_cast<std::uint16_t>(next + r.range(1, 4));
    if (next > hi || next < lo) next = lo;
    return p;
}

// One flow into `frames`; returns its packet count.
std::uint64_t make_flow(Rand& r, const AppSpec& app, FileContext& fc, bool variety, std::int64_t start,
                        std::vector<Frame>& frames, std::uint64_t& order) {
    const bool third_party = r.chance(kThirdPartyShare);
    const AppSpec& site = third_party ? shared_third_party() : app;
    const bool https = r.chance(app.https_share);
    const ClientSpec& client = clients()[static_cast<std::size_t>(r.pick(app.clients))];
    const auto& hosts = https || site.http_hosts.empty() ? site.tls_hosts : site.http_hosts;
    // The capture sessions drive each application's front page: its main host (listed first) opens
    // a good part of the flows; the others are picked by weight.
    const auto& name = r.chance(kMainHostShare) ? hosts.front().value : pick_weighted(r, hosts).value;
    const std::string host = expand(name, r, site, start);
    Conversation conv = https ? tls_conversation(r, site, client, host, start)
                              : http_conversation(r, site, client, host, start, fc.session);

    const bool v6 = variety && r.chance(kIpv6Share);
    const std::uint16_t vlan = variety && r.chance(kVlanShare) ? fc.vlan : 0;
    const bool windows = client.os == ClientOs::Windows;
    Side c, s;
    c.mac = fc.client_mac;
    s.mac = fc.gateway_mac;
    c.ip = v6 ? fc.client_v6 : fc.client_v4;
    s.ip = server_ip(r, site, host, v6);
    c.port = windows ? ephemeral(fc.next_port_windows, r, 49152, 65535)
                     : ephemeral(fc.next_port_linux, r, 32768, 60999);
    s.port = https ? 443 : 80;
    c.seq = static_cast<std::uint32_t>(r.next());
    s.seq = static_cast<std::uint32_t>(r.next());
    c.ip_id = static_cast<std::uint16_t>(r.next());
    s.ip_id = static_cast<std::uint16_t>(r.next());
    c.ttl = windows ? 128 : 64;
    s.ttl = static_cast<std::uint8_t>(64 - r.range(8, 20));
    if (app.name == "Bing") s.ttl = static_cast<std::uint8_t>(128 - r.range(8, 20));
    c.window = windows ? 0x0402 : static_cast<std::uint16_t>(r.range(300, 1500));
    s.window = static_cast<std::uint16_t>(r.range(200, 2000));
    c.ts_base = static_cast<std::uint32_t>(r.next());
    s.ts_base = static_cast<std::uint32_t>(r.next());
    const std::int64_t rtt = static_cast<std::int64_t>(r.range(site.rtt_lo_ms * 1000, site.rtt_hi_ms * 1000)) * kUs;

    TcpConnection tcp(frames, order, r, v6, vlan, c, s, windows, rtt);
    std::int64_t t = tcp.handshake(start);
    const bool retransmit = r.chance(kRetransmitShare);
    const std::size_t retransmit_msg = static_cast<std::size_t>(r.range(0, static_cast<int>(conv.messages.size()) - 1));
    for (std::size_t i = 0; i < conv.messages.size(); ++i) {
        const Message& m = conv.messages[i];
        // Server answers arrive one round trip after the request plus the server's own time.
        t += m.from_client ? m.delay_ns : rtt + m.delay_ns;
        std::int64_t last = tcp.send(m.from_client, m.data, t, retransmit && i == retransmit_msg);
        const bool next_is_reply = i + 1 < conv.messages.size() &&
                                   conv.messages[i + 1].from_client != m.from_client &&
                                   conv.messages[i + 1].delay_ns < 40 * kMs;
        if (!next_is_reply) {
            // Delayed ACK: nothing to piggyback on soon, so the receiver acknowledges on its own.
            std::int64_t at = m.from_client ? last + rtt : last + r.range(40, 200) * kUs;
            tcp.ack(!m.from_client, at);
        }
        t = last;
    }
    const bool rst = r.chance(kRstShare);
    const bool client_closes = r.chance(0.6);
    std::int64_t idle = static_cast<std::int64_t>(r.exponential(3000.0) * kMs);
    tcp.teardown(t + rtt + idle, rst, client_closes);
    return tcp.packets();
}

std::string lower(std::string s) {
    for (auto& ch : s)
        if (ch >= 'A' && ch <= 'Z') ch = static_cast<char>(ch - 'A' + 'a');
    return s;
}

const AppSpec* find_app(const std::string& name) {
    for (const auto& a : app_specs())
        if (lower(a.name) == lower(name)) return &a;
    return nullptr;
}

GeneratedFile write_file(const std::string& path, const AppSpec& app, int file_no, int flows,
                         const GeneratorOptions& options) {
    Rand r(splitmix64(options.seed ^ splitmix64(fnv1a(app.name) + 0x51ed270b2a0f7d1dULL *
                                                                      static_cast<std::uint64_t>(file_no + 1))));
    FileContext fc;
    const std::uint8_t ouis[][3] = {{0xd8, 0x50, 0xe6}, {0x3c, 0x7c, 0x3f}, {0xf4, 0x8c, 0x50}, {0x00, 0x1c, 0x42}};
    const auto& oui = ouis[r.range(0, 3)];
    fc.client_mac = {oui[0], oui[1], oui[2], static_cast<std::uint8_t>(r.next()), static_cast<std::uint8_t>(r.next()),
                     static_cast<std::uint8_t>(r.next())};
    fc.gateway_mac = {0x00, 0x26, 0x66, static_cast<std::uint8_t>(r.next()), static_cast<std::uint8_t>(r.next()),
                      static_cast<std::uint8_t>(r.next())};
    if (r.chance(0.5)) {
        fc.client_v4 = {192, 168, static_cast<std::uint8_t>(r.range(0, 3)), static_cast<std::uint8_t>(r.range(2, 250))};
    } else {
        fc.client_v4 = {10, static_cast<std::uint8_t>(r.range(0, 255)), static_cast<std::uint8_t>(r.range(0, 255)),
                        static_cast<std::uint8_t>(r.range(2, 250))};
    }
    fc.client_v6 = {0x20, 0x01, 0x02, 0xd8, static_cast<std::uint8_t>(r.range(0, 255)),
                    static_cast<std::uint8_t>(r.range(0, 255))};
    for (int i = 8; i < 16; ++i) fc.client_v6[static_cast<std::size_t>(i)] = static_cast<std::uint8_t>(r.next());
    fc.next_port_windows = static_cast<std::uint16_t>(r.range(49152, 60000));
    fc.next_port_linux = static_cast<std::uint16_t>(r.range(32768, 50000));
    const std::uint16_t vlans[] = {10, 20, 100, 301};
    fc.vlan = vlans[r.range(0, 3)];
    fc.session.seed = r.next();

    std::vector<Frame> frames;
    frames.reserve(static_cast<std::size_t>(flows) * 24);
    std::uint64_t order = 0;
    std::int64_t t = kEpoch + static_cast<std::int64_t>(fnv1a(app.name) % 5) * 86400 * kSec +
                     static_cast<std::int64_t>(file_no) * 3600 * kSec + r.range(0, 600) * kSec;
    fc.session.start_ns = t - r.range(3600, 30 * 86400) * kSec;  // cookies set on an earlier visit
    GeneratedFile out;
    out.path = path;
    out.label = app.name;
    for (int i = 0; i < flows; ++i) {
        t += static_cast<std::int64_t>(r.exponential(700.0) * kMs) + kMs;
        out.packets += make_flow(r, app, fc, options.vlan_and_ipv6_variety, t, frames, order);
        ++out.flows;
    }
    std::sort(frames.begin(), frames.end(), [](const Frame& a, const Frame& b) {
        return a.ts != b.ts ? a.ts < b.ts : a.order < b.order;
    });
    capture::PcapWriter w(path);
    for (const auto& f : frames) w.write(f.ts, f.data);
    w.close();
    return out;
}

AppProfile profile_of(const AppSpec& s) {
    AppProfile p;
    p.name = s.name;
    p.https_share = s.https_share;
    for (const auto& h : s.tls_hosts) p.tls_hosts.push_back(h.value);
    for (const auto& h : s.http_hosts) p.http_hosts.push_back(h.value);
    for (const auto& path : s.http_paths) p.http_paths.push_back(path.tmpl);
    p.server_headers = s.servers;
    for (int c : s.clients)
        if (std::find(p.tls_fingerprints.begin(), p.tls_fingerprints.end(), c) == p.tls_fingerprints.end())
            p.tls_fingerprints.push_back(c);
    p.server_net_v4[0] = s.v4a;
    p.server_net_v4[1] = s.v4b;
    p.server_net_v6 = s.v6;
    return p;
}

}  // namespace

std::vector<AppProfile> paper_apps() {
    std::vector<AppProfile> v;
    for (const auto& s : app_specs()) v.push_back(profile_of(s));
    return v;
}

std::vector<GeneratedFile> generate_dataset(const std::string& out_dir, const GeneratorOptions& options,
                                            const ProgressFn& progress, const CancelToken* cancel) {
    if (options.flows_per_app <= 0) throw ConfigError("flows per application must be positive");
    if (options.flows_per_file <= 0) throw ConfigError("flows per file must be positive");
    if (out_dir.empty()) throw ConfigError("no output folder given");
    std::vector<const AppSpec*> apps;
    if (options.apps.empty()) {
        for (const auto& a : app_specs()) apps.push_back(&a);
    } else {
        for (const auto& name : options.apps) {
            const AppSpec* a = find_app(name);
            if (!a) {
                std::string known;
                for (const auto& s : app_specs()) known += (known.empty() ? "" : ", ") + s.name;
                throw ConfigError("unknown application '" + name + "' (known: " + known + ")");
            }
            if (std::find(apps.begin(), apps.end(), a) == apps.end()) apps.push_back(a);
        }
    }
    const std::uint64_t total = static_cast<std::uint64_t>(apps.size()) * static_cast<std::uint64_t>(options.flows_per_app);
    std::uint64_t done = 0;
    std::vector<GeneratedFile> files;
    for (const AppSpec* app : apps) {
        const std::filesystem::path dir = std::filesystem::path(out_dir) / app->name;
        std::error_code ec;
        std::filesystem::create_directories(dir, ec);
        if (ec) throw IoError("cannot create folder '" + dir.string() + "': " + ec.message());
        const int nfiles = (options.flows_per_app + options.flows_per_file - 1) / options.flows_per_file;
        for (int f = 0; f < nfiles; ++f) {
            if (cancel && cancel->cancelled()) throw CancelledError();
            const int flows = std::min(options.flows_per_file, options.flows_per_app - f * options.flows_per_file);
            char name[64];
            std::snprintf(name, sizeof name, "-%03d.pcap", f + 1);
            const std::string path = (dir / (app->name + name)).string();
            files.push_back(write_file(path, *app, f, flows, options));
            done += static_cast<std::uint64_t>(flows);
            if (progress) progress({"generate", done, total, path});
        }
    }
    return files;
}

}  // namespace flowcnn::generator
