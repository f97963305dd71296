#pragma once
// Helpers for the store, import and dataset tests: hand-made flow records, projects filled through
// CaptureWriter, and small UDP captures written with capture::PcapWriter.
#include <cstdint>
#include <fstream>
#include <functional>
#include <iterator>
#include <string>
#include <vector>

#include "engine/capture/pcap_writer.h"
#include "engine/flow/flow.h"
#include "engine/store/importer.h"
#include "engine/store/project.h"
#include "tests/engine/packet_builders.h"

namespace flowcnn::testutil {

// A UDP flow 10.0.<i/250>.<i%250+1>:(1024+i) -> 192.168.1.2:server_port with `head` as payload.
inline flow::FlowRecord make_record(std::uint64_t index, std::uint16_t server_port, Bytes head,
                                    std::string sni = {}) {
    flow::FlowRecord r;
    r.index = index;
    r.key.l4proto = packet::kProtoUdp;
    packet::IpAddress::parse("10.0." + std::to_string(index / 250) + "." + std::to_string(index % 250 + 1),
                             r.key.client);
    packet::IpAddress::parse("192.168.1.2", r.key.server);
    r.key.client_port = static_cast<std::uint16_t>(1024 + index % 60000);
    r.key.server_port = server_port;
    r.first_ns = static_cast<std::int64_t>(index) * 1000;
    r.last_ns = r.first_ns + 500;
    r.packets_c2s = 1;
    r.bytes_c2s = head.size();
    r.payload_bytes = head.size();
    r.head = std::move(head);
    r.sni = std::move(sni);
    return r;
}

// Distinct payload of `n` bytes for flow `i` (label `tag` mixed in).
inline Bytes payload(std::uint64_t i, std::size_t n = 100, std::uint8_t tag = 0) {
    Bytes b(n);
    std::uint64_t x = i * 0x9e3779b97f4a7c15ULL + tag + 1;
    for (auto& v : b) {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        v = static_cast<std::uint8_t>(x);
    }
    return b;
}

// Adds a capture with the given records (through CaptureWriter, as an import would) and returns
// its id.
inline std::int64_t add_capture(store::Project& p, const std::string& name, const std::vector<flow::FlowRecord>& recs,
                                std::optional<std::string> label = {}) {
    store::ImportOptions opt;
    opt.label = std::move(label);
    store::CaptureWriter w(p, "/virtual/" + name, "pcap", 1, opt);
    for (auto& r : recs) w.add(r);
    pipeline::ExtractStats st;
    st.flows = recs.size();
    w.finish(st, "complete");
    return w.capture_id();
}

// Writes a pcap of `flows` one-packet UDP flows (Ethernet/IPv4) 10.0.x.y:(1024+i%60000) ->
// 192.168.1.2:port(i), payload payload_fn(i) (empty: a header-only packet).
inline void write_udp_capture(const std::string& path, std::size_t flows,
                              const std::function<Bytes(std::size_t)>& payload_fn,
                              const std::function<std::uint16_t(std::size_t)>& port_fn = {}) {
    capture::PcapWriter w(path);
    for (std::size_t i = 0; i < flows; ++i) {
        const Ip4 src{10, static_cast<std::uint8_t>(i >> 16), static_cast<std::uint8_t>(i >> 8),
                      static_cast<std::uint8_t>(i)};
        const auto port = port_fn ? port_fn(i) : std::uint16_t{53};
        const auto frame = eth(0x0800, ipv4(src, kB4, 17, udp(static_cast<std::uint16_t>(1024 + i % 60000), port,
                                                              payload_fn(i))));
        w.write(static_cast<std::int64_t>(i) * 1000000, frame);
    }
    w.close();
}

inline std::string read_all(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

}  // namespace flowcnn::testutil
