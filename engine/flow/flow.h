#pragma once
// Bidirectional flows ("flow with packet", the paper's unit): records and assembly options.
#include <array>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "engine/packet/packet.h"

namespace flowcnn::flow {

constexpr std::size_t kImageBytes = 784;  // 28 x 28, the paper's (and MNIST's) input size
constexpr int kImageSide = 28;

enum class Direction : std::uint8_t { Both, ClientToServer, ServerToClient };
enum class FillMode : std::uint8_t { Repeat, Zero };  // Repeat: the paper; Zero: USTC-TK2016
std::string_view direction_name(Direction d);          // "both", "client", "server"
std::string_view fill_mode_name(FillMode f);           // "repeat", "zero"
bool parse_direction(std::string_view s, Direction& out);
bool parse_fill_mode(std::string_view s, FillMode& out);

struct FlowOptions {
    double idle_timeout_s = 120.0;
    double active_timeout_s = 1800.0;
    Direction direction = Direction::Both;
    FillMode fill = FillMode::Repeat;
    bool drop_tcp_retransmissions = true;  // TCP bytes already seen are not added twice
};

enum class EndReason : std::uint8_t { Fin, Rst, IdleTimeout, ActiveTimeout, EndOfCapture };
std::string_view end_reason_name(EndReason r);

// Endpoints as the flow saw them: client is the initiator (first packet, or the SYN sender).
struct FlowKey {
    std::uint8_t l4proto = 0;
    std::uint16_t vlan = 0;
    packet::IpAddress client, server;
    std::uint16_t client_port = 0, server_port = 0;
};

// One packet of a flow's first packets, as the flow-shape features see it (FS-Net / FlowPic style:
// sizes, directions and gaps; TCP flags, window and TTL for the protocol-structure features).
constexpr std::size_t kShapePackets = 32;  // packets kept per flow (all packets, payload or not)
struct PacketShape {
    bool from_server = false;        // server -> client
    std::uint8_t tcp_flags = 0;
    std::uint16_t payload_len = 0;   // transport payload bytes captured (saturated at 65535)
    std::uint16_t stream_len = 0;    // of them, bytes appended to the payload stream (FlowRecord::head
                                     // and payload_bytes: retransmitted or unwanted bytes are not)
    std::uint16_t tcp_window = 0;    // raw window field; 0 for UDP
    std::uint8_t ttl = 0;            // IPv4 TTL / IPv6 hop limit
    std::uint32_t gap_us = 0;        // since the flow's previous packet (0 for the first), saturated
    bool operator==(const PacketShape&) const = default;
};
constexpr std::size_t kPacketShapeBytes = 14;  // encoded size, see encode_shape
// Little-endian, kPacketShapeBytes per packet: dir u8 | flags u8 | payload u16 | stream u16 |
// window u16 | ttl u8 | 0 u8 | gap u32. decode ignores a trailing partial record and any record
// past kShapePackets (bytes from a project file are untrusted).
// encode_shape replaces `out` (a buffer the caller reuses: the importer encodes every flow).
void encode_shape(std::span<const PacketShape> shape, std::vector<std::uint8_t>& out);
std::vector<PacketShape> decode_shape(std::span<const std::uint8_t> bytes);

struct FlowRecord {
    std::uint64_t index = 0;  // order of the flow's first packet within its capture, from 0
    FlowKey key;
    std::int64_t first_ns = 0, last_ns = 0;
    std::uint64_t packets_c2s = 0, packets_s2c = 0;
    std::uint64_t bytes_c2s = 0, bytes_s2c = 0;  // transport payload bytes per direction
    std::uint64_t payload_bytes = 0;             // payload bytes counted toward the image stream
    // The first up to 784 payload bytes in the chosen direction(s), before any fill.
    std::vector<std::uint8_t> head;
    std::vector<PacketShape> shape;  // the first up to kShapePackets packets, in capture order
    std::string sni;        // TLS ClientHello server_name, if seen
    std::string http_host;  // HTTP Host header, if seen
    EndReason end = EndReason::EndOfCapture;

    bool has_image() const { return !head.empty(); }
};

// A flow's server name as the workbench uses it (name rules, the name-only baseline, tables): the
// TLS SNI, else the HTTP Host. (dataset_loader.cpp's SQL says the same: COALESCE(NULLIF(sni, ''), ...).)
inline const std::string& server_name(const std::string& sni, const std::string& http_host) {
    return sni.empty() ? http_host : sni;
}

}  // namespace flowcnn::flow
