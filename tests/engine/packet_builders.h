#pragma once
// Test helpers: build link/IP/transport headers and capture files byte by byte, in a temp dir.
#include <array>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <initializer_list>
#include <string>
#include <utility>
#include <vector>

namespace flowcnn::testutil {

using Bytes = std::vector<std::uint8_t>;
using Ip4 = std::array<std::uint8_t, 4>;
using Ip6 = std::array<std::uint8_t, 16>;

inline void be16(Bytes& b, std::uint32_t v) {
    b.push_back(static_cast<std::uint8_t>(v >> 8));
    b.push_back(static_cast<std::uint8_t>(v));
}
inline void be32(Bytes& b, std::uint32_t v) {
    be16(b, v >> 16);
    be16(b, v & 0xffff);
}
inline void le16(Bytes& b, std::uint32_t v) {
    b.push_back(static_cast<std::uint8_t>(v));
    b.push_back(static_cast<std::uint8_t>(v >> 8));
}
inline void le32(Bytes& b, std::uint32_t v) {
    le16(b, v & 0xffff);
    le16(b, v >> 16);
}
inline void le64(Bytes& b, std::uint64_t v) {
    le32(b, static_cast<std::uint32_t>(v));
    le32(b, static_cast<std::uint32_t>(v >> 32));
}
inline void append(Bytes& b, const Bytes& x) { b.insert(b.end(), x.begin(), x.end()); }
inline Bytes cat(std::initializer_list<Bytes> parts) {
    Bytes b;
    for (const auto& p : parts) append(b, p);
    return b;
}
inline Bytes text(const std::string& s) { return Bytes(s.begin(), s.end()); }

// TCP header (data offset `doff` words, options zero-filled) + payload.
inline Bytes tcp(std::uint16_t sport, std::uint16_t dport, std::uint32_t seq, std::uint8_t flags,
                 const Bytes& payload, int doff = 5) {
    Bytes b;
    be16(b, sport);
    be16(b, dport);
    be32(b, seq);
    be32(b, 0);  // ack
    b.push_back(static_cast<std::uint8_t>(doff << 4));
    b.push_back(flags);
    be16(b, 65535);  // window
    be32(b, 0);      // checksum, urgent
    for (int i = 5; i < doff; ++i) be32(b, 0x01010101);  // NOP options
    append(b, payload);
    return b;
}
// UDP header + payload; length_field < 0 means the correct length.
inline Bytes udp(std::uint16_t sport, std::uint16_t dport, const Bytes& payload, int length_field = -1) {
    Bytes b;
    be16(b, sport);
    be16(b, dport);
    be16(b, length_field < 0 ? static_cast<std::uint32_t>(8 + payload.size())
                             : static_cast<std::uint32_t>(length_field));
    be16(b, 0);
    append(b, payload);
    return b;
}
struct Ip4Opts {
    int ihl = 5;
    int total_length = -1;     // < 0: correct
    std::uint16_t frag = 0;    // flags + fragment offset field
};
inline Bytes ipv4(Ip4 src, Ip4 dst, std::uint8_t proto, const Bytes& l4, Ip4Opts o = {}) {
    Bytes b;
    b.push_back(static_cast<std::uint8_t>(0x40 | (o.ihl & 0x0f)));
    b.push_back(0);
    int hdr = (o.ihl >= 5 ? o.ihl : 5) * 4;
    be16(b, o.total_length < 0 ? static_cast<std::uint32_t>(hdr + l4.size())
                               : static_cast<std::uint32_t>(o.total_length));
    be16(b, 0x1234);
    be16(b, o.frag);
    b.push_back(64);
    b.push_back(proto);
    be16(b, 0);
    b.insert(b.end(), src.begin(), src.end());
    b.insert(b.end(), dst.begin(), dst.end());
    while (static_cast<int>(b.size()) < hdr) b.push_back(1);  // NOP options
    append(b, l4);
    return b;
}
// IPv6 header; `rest` is the extension headers + transport. payload_length < 0 means correct.
inline Bytes ipv6(Ip6 src, Ip6 dst, std::uint8_t next, const Bytes& rest, int payload_length = -1) {
    Bytes b;
    be32(b, 0x60000000);
    be16(b, payload_length < 0 ? static_cast<std::uint32_t>(rest.size())
                               : static_cast<std::uint32_t>(payload_length));
    b.push_back(next);
    b.push_back(64);
    b.insert(b.end(), src.begin(), src.end());
    b.insert(b.end(), dst.begin(), dst.end());
    append(b, rest);
    return b;
}
// A generic IPv6 extension header (hop-by-hop, routing, destination options, mobility) of
// (len8 + 1) * 8 bytes.
inline Bytes ext6(std::uint8_t next, std::uint8_t len8) {
    Bytes b{next, len8};
    b.resize((len8 + 1u) * 8u, 0);
    return b;
}
inline Bytes frag6(std::uint8_t next, std::uint16_t offset8, bool more) {
    Bytes b{next, 0};
    be16(b, static_cast<std::uint32_t>(offset8 << 3) | (more ? 1u : 0u));
    be32(b, 0xabcdef01);
    return b;
}
inline Bytes ah6(std::uint8_t next, std::uint8_t len4) {  // (len4 + 2) * 4 bytes
    Bytes b{next, len4};
    b.resize((len4 + 2u) * 4u, 0);
    return b;
}
// Ethernet header with optional VLAN tags (tpid, tci), outermost first.
inline Bytes eth(std::uint16_t type, const Bytes& l3,
                 std::vector<std::pair<std::uint16_t, std::uint16_t>> tags = {}) {
    Bytes b{0x00, 0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77, 0x88, 0x99, 0xaa, 0xbb};
    for (auto [tpid, tci] : tags) {
        be16(b, tpid);
        be16(b, tci);
    }
    be16(b, type);
    append(b, l3);
    return b;
}

inline const Ip4 kA4{10, 0, 0, 1}, kB4{192, 168, 1, 2};
inline const Ip6 kA6{0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1};
inline const Ip6 kB6{0xfe, 0x80, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2};

// A temp directory removed with its contents at the end of the test.
class TempDir {
public:
    TempDir() {
        std::string t = (std::filesystem::temp_directory_path() / "flowcnn-test-XXXXXX").string();
        if (::mkdtemp(t.data())) path_ = t;
    }
    ~TempDir() {
        std::error_code ec;
        if (!path_.empty()) std::filesystem::remove_all(path_, ec);
    }
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    std::string file(const std::string& name) const { return (path_ / name).string(); }

private:
    std::filesystem::path path_;
};

inline void write_file(const std::string& path, const Bytes& b) {
    std::ofstream f(path, std::ios::binary | std::ios::trunc);
    f.write(reinterpret_cast<const char*>(b.data()), static_cast<std::streamsize>(b.size()));
}

// Classic pcap, hand-written in either byte order (PcapWriter only writes little-endian).
struct PcapRecord {
    std::uint32_t sec = 0, frac = 0;
    Bytes data;
    std::int64_t caplen = -1, len = -1;  // < 0: data.size()
};
inline Bytes pcap_file(bool big_endian, bool nano, std::uint32_t linktype,
                       const std::vector<PcapRecord>& recs, std::uint32_t snaplen = 65535) {
    Bytes b;
    auto put32 = [&](std::uint32_t v) { big_endian ? be32(b, v) : le32(b, v); };
    auto put16 = [&](std::uint32_t v) { big_endian ? be16(b, v) : le16(b, v); };
    put32(nano ? 0xa1b23c4du : 0xa1b2c3d4u);
    put16(2);
    put16(4);
    put32(0);
    put32(0);
    put32(snaplen);
    put32(linktype);
    for (const auto& r : recs) {
        put32(r.sec);
        put32(r.frac);
        put32(static_cast<std::uint32_t>(r.caplen < 0 ? static_cast<std::int64_t>(r.data.size()) : r.caplen));
        put32(static_cast<std::uint32_t>(r.len < 0 ? static_cast<std::int64_t>(r.data.size()) : r.len));
        append(b, r.data);
    }
    return b;
}

// pcapng blocks (little-endian).
inline Bytes pcapng_block(std::uint32_t type, const Bytes& body, std::int64_t total_override = -1) {
    Bytes padded = body;
    while (padded.size() % 4) padded.push_back(0);
    auto total = static_cast<std::uint32_t>(total_override < 0 ? 12 + padded.size() : total_override);
    Bytes b;
    le32(b, type);
    le32(b, total);
    append(b, padded);
    le32(b, total);
    return b;
}
inline Bytes pcapng_shb() {
    Bytes body;
    le32(body, 0x1a2b3c4d);
    le16(body, 1);
    le16(body, 0);
    le64(body, ~0ull);  // section length unknown
    return pcapng_block(0x0a0d0d0a, body);
}
inline Bytes pcapng_idb(std::uint16_t linktype, std::uint32_t snaplen = 65535, int tsresol = -1) {
    Bytes body;
    le16(body, linktype);
    le16(body, 0);
    le32(body, snaplen);
    if (tsresol >= 0) {
        le16(body, 9);  // if_tsresol
        le16(body, 1);
        body.push_back(static_cast<std::uint8_t>(tsresol));
        body.push_back(0);
        body.push_back(0);
        body.push_back(0);
        le16(body, 0);  // opt_endofopt
        le16(body, 0);
    }
    return pcapng_block(1, body);
}
inline Bytes pcapng_epb(std::uint32_t iface, std::uint64_t ts_units, const Bytes& data) {
    Bytes body;
    le32(body, iface);
    le32(body, static_cast<std::uint32_t>(ts_units >> 32));
    le32(body, static_cast<std::uint32_t>(ts_units));
    le32(body, static_cast<std::uint32_t>(data.size()));
    le32(body, static_cast<std::uint32_t>(data.size()));
    append(body, data);
    return pcapng_block(6, body);
}

// Network Monitor 2.x file: 128-byte header, frames, frame table at the end.
struct NetmonFrame {
    std::uint64_t delta_us = 0;
    std::uint16_t media = 1;
    Bytes data;
    std::uint64_t utc_filetime = 0;  // 2.3 trailer
};
struct NetmonFile {
    Bytes bytes;
    std::vector<std::uint32_t> offsets;
    std::uint32_t table_offset = 0;
};
inline NetmonFile netmon_file(int minor, std::uint16_t mac_type, const std::vector<NetmonFrame>& frames) {
    NetmonFile nf;
    Bytes& b = nf.bytes;
    b = text("GMBU");
    b.push_back(static_cast<std::uint8_t>(minor));
    b.push_back(2);
    le16(b, mac_type);
    // SYSTEMTIME 2020-03-04 (Wednesday) 05:06:07.089
    for (std::uint32_t v : {2020u, 3u, 3u, 4u, 5u, 6u, 7u, 89u}) le16(b, v);
    std::size_t table_field = b.size();
    le32(b, 0);
    le32(b, 0);
    b.resize(128, 0);
    for (const auto& f : frames) {
        nf.offsets.push_back(static_cast<std::uint32_t>(b.size()));
        le64(b, f.delta_us);
        le32(b, static_cast<std::uint32_t>(f.data.size()));
        le32(b, static_cast<std::uint32_t>(f.data.size()));
        append(b, f.data);
        if (minor >= 1) le16(b, f.media);
        if (minor >= 2) le32(b, 0);
        if (minor >= 3) {
            le64(b, f.utc_filetime);
            b.push_back(0);
        }
    }
    nf.table_offset = static_cast<std::uint32_t>(b.size());
    for (auto o : nf.offsets) le32(b, o);
    Bytes t;
    le32(t, nf.table_offset);
    le32(t, static_cast<std::uint32_t>(nf.offsets.size() * 4));
    std::copy(t.begin(), t.end(), b.begin() + static_cast<std::ptrdiff_t>(table_field));
    return nf;
}

}  // namespace flowcnn::testutil
