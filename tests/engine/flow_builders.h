#pragma once
// Hand-built flows for the feature and session-field tests: TLS records and handshake messages
// (a Chrome-like TLS 1.3 ClientHello, a ServerHello) and a flow assembled packet by packet, which
// owns the head and shape its FlowView points into.
#include <algorithm>
#include <cstdint>
#include <initializer_list>
#include <string>
#include <vector>

#include "engine/features/flow_features.h"

namespace flowcnn::test {

using features::FlowView;
using Bytes = std::vector<std::uint8_t>;

constexpr std::uint8_t kFin = 0x01, kSyn = 0x02, kPsh = 0x08, kAck = 0x10;

inline void put8(Bytes& b, std::size_t v) { b.push_back(static_cast<std::uint8_t>(v)); }
inline void put16(Bytes& b, std::size_t v) {
    b.push_back(static_cast<std::uint8_t>(v >> 8));
    b.push_back(static_cast<std::uint8_t>(v));
}
inline void put24(Bytes& b, std::size_t v) {
    put8(b, v >> 16);
    put16(b, v & 0xffff);
}
inline void append(Bytes& b, const Bytes& x) { b.insert(b.end(), x.begin(), x.end()); }
inline Bytes text(const std::string& s) { return Bytes(s.begin(), s.end()); }

inline Bytes extension(std::uint16_t type, const Bytes& data) {
    Bytes b;
    put16(b, type);
    put16(b, data.size());
    append(b, data);
    return b;
}
inline Bytes u16_list(std::initializer_list<std::uint16_t> values, int len_bytes = 2) {
    Bytes b;
    if (len_bytes == 2) put16(b, values.size() * 2);
    else put8(b, values.size() * 2);
    for (auto v : values) put16(b, v);
    return b;
}

// A handshake message: type, 24-bit length, body.
inline Bytes handshake(std::uint8_t type, const Bytes& body) {
    Bytes b{type};
    put24(b, body.size());
    append(b, body);
    return b;
}
// `payload` cut into records of at most `record_max` bytes.
inline Bytes records(std::uint8_t type, const Bytes& payload, std::size_t record_max = 16384, std::uint16_t version = 0x0301) {
    Bytes out;
    for (std::size_t off = 0; off < payload.size(); off += record_max) {
        const std::size_t n = std::min(record_max, payload.size() - off);
        put8(out, type);
        put16(out, version);
        put16(out, n);
        out.insert(out.end(), payload.begin() + static_cast<std::ptrdiff_t>(off),
                   payload.begin() + static_cast<std::ptrdiff_t>(off + n));
    }
    return out;
}

// The extensions of a Chrome-like TLS 1.3 ClientHello: GREASE first, SNI, groups, signature
// algorithms, ALPN h2 + http/1.1, supported_versions, key_share (GREASE + x25519) last.
inline Bytes chrome_like_extensions() {
    Bytes ext = extension(0x2a2a, {});
    const std::string name = "example.com";
    Bytes sni;
    put16(sni, name.size() + 3);
    put8(sni, 0);
    put16(sni, name.size());
    append(sni, text(name));
    append(ext, extension(0, sni));
    append(ext, extension(10, u16_list({0x3a3a, 0x001d, 0x0017})));
    append(ext, extension(13, u16_list({0x0403, 0x0804, 0x0401})));
    Bytes alpn;
    put16(alpn, 3 + 9);
    put8(alpn, 2);
    append(alpn, text("h2"));
    put8(alpn, 8);
    append(alpn, text("http/1.1"));
    append(ext, extension(16, alpn));
    append(ext, extension(43, u16_list({0x4a4a, 0x0304, 0x0303}, 1)));
    Bytes ks;
    put16(ks, (4 + 1) + (4 + 32));
    put16(ks, 0x3a3a);
    put16(ks, 1);
    put8(ks, 0);
    put16(ks, 0x001d);
    put16(ks, 32);
    ks.insert(ks.end(), 32, 0x77);
    append(ext, extension(51, ks));
    return ext;
}

// ClientHello handshake message (type 1, length, body) with the extensions above.
inline Bytes client_hello_message() {
    Bytes body;
    put16(body, 0x0303);
    body.insert(body.end(), 32, 0x11);  // random
    put8(body, 32);
    body.insert(body.end(), 32, 0x22);  // session id
    append(body, u16_list({0x1a1a, 0x1301, 0x1302, 0x1303, 0xc02b}));
    put8(body, 1);
    put8(body, 0);  // compression: null
    const Bytes ext = chrome_like_extensions();
    put16(body, ext.size());
    append(body, ext);
    return handshake(1, body);
}

inline Bytes server_hello_message() {
    Bytes body;
    put16(body, 0x0303);
    body.insert(body.end(), 32, 0x33);
    put8(body, 32);
    body.insert(body.end(), 32, 0x22);
    put16(body, 0x1301);
    put8(body, 0);
    Bytes ks;
    put16(ks, 0x001d);
    put16(ks, 32);
    ks.insert(ks.end(), 32, 0x44);
    Bytes ext = extension(51, ks);
    append(ext, extension(43, {0x03, 0x04}));
    put16(body, ext.size());
    append(body, ext);
    return handshake(2, body);
}

// A flow under construction; owns the bytes its FlowView points into.
struct TestFlow {
    std::uint8_t l4proto = 6;
    std::uint16_t client_port = 50000, server_port = 443;
    Bytes head;
    std::vector<flow::PacketShape> shape;
    std::uint64_t packets[2] = {0, 0}, bytes[2] = {0, 0};
    std::int64_t duration_ns = 0;

    void packet(bool from_server, std::uint8_t flags, const Bytes& payload, std::uint32_t gap_us = 0,
                std::uint16_t window = 0, std::uint8_t ttl = 64) {
        flow::PacketShape p;
        p.from_server = from_server;
        p.tcp_flags = flags;
        p.payload_len = static_cast<std::uint16_t>(payload.size());
        p.stream_len = p.payload_len;
        p.tcp_window = window;
        p.ttl = ttl;
        p.gap_us = gap_us;
        shape.push_back(p);
        const std::size_t take = std::min(payload.size(), flow::kImageBytes - head.size());
        head.insert(head.end(), payload.begin(), payload.begin() + static_cast<std::ptrdiff_t>(take));
        ++packets[from_server];
        bytes[from_server] += payload.size();
        duration_ns += std::int64_t{gap_us} * 1000;
    }
    FlowView view() const {
        FlowView v;
        v.l4proto = l4proto;
        v.client_port = client_port;
        v.server_port = server_port;
        v.packets_c2s = packets[0];
        v.packets_s2c = packets[1];
        v.bytes_c2s = bytes[0];
        v.bytes_s2c = bytes[1];
        v.duration_ns = duration_ns;
        v.head = head;
        v.shape = shape;
        return v;
    }
};

}  // namespace flowcnn::test
