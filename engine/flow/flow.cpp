#include "engine/flow/flow.h"

#include <algorithm>

namespace flowcnn::flow {

std::string_view direction_name(Direction d) {
    switch (d) {
        case Direction::Both: return "both";
        case Direction::ClientToServer: return "client";
        case Direction::ServerToClient: return "server";
    }
    return "both";
}

std::string_view fill_mode_name(FillMode f) {
    switch (f) {
        case FillMode::Repeat: return "repeat";
        case FillMode::Zero: return "zero";
    }
    return "repeat";
}

bool parse_direction(std::string_view s, Direction& out) {
    if (s == "both") {
        out = Direction::Both;
    } else if (s == "client" || s == "c2s") {
        out = Direction::ClientToServer;
    } else if (s == "server" || s == "s2c") {
        out = Direction::ServerToClient;
    } else {
        return false;
    }
    return true;
}

bool parse_fill_mode(std::string_view s, FillMode& out) {
    if (s == "repeat") {
        out = FillMode::Repeat;
    } else if (s == "zero") {
        out = FillMode::Zero;
    } else {
        return false;
    }
    return true;
}

std::string_view end_reason_name(EndReason r) {
    switch (r) {
        case EndReason::Fin: return "fin";
        case EndReason::Rst: return "rst";
        case EndReason::IdleTimeout: return "idle_timeout";
        case EndReason::ActiveTimeout: return "active_timeout";
        case EndReason::EndOfCapture: return "end_of_capture";
    }
    return "end_of_capture";
}

void encode_shape(std::span<const PacketShape> shape, std::vector<std::uint8_t>& out) {
    out.clear();
    const std::size_t n = std::min(shape.size(), kShapePackets);
    out.reserve(n * kPacketShapeBytes);
    auto put16 = [&](std::uint16_t v) {
        out.push_back(static_cast<std::uint8_t>(v));
        out.push_back(static_cast<std::uint8_t>(v >> 8));
    };
    for (std::size_t i = 0; i < n; ++i) {
        const auto& p = shape[i];
        out.push_back(p.from_server ? 1 : 0);
        out.push_back(p.tcp_flags);
        put16(p.payload_len);
        put16(p.stream_len);
        put16(p.tcp_window);
        out.push_back(p.ttl);
        out.push_back(0);
        put16(static_cast<std::uint16_t>(p.gap_us));
        put16(static_cast<std::uint16_t>(p.gap_us >> 16));
    }
}

std::vector<PacketShape> decode_shape(std::span<const std::uint8_t> bytes) {
    std::vector<PacketShape> out;
    const std::size_t n = std::min(bytes.size() / kPacketShapeBytes, kShapePackets);
    out.reserve(n);
    for (std::size_t i = 0; i < n; ++i) {
        const std::uint8_t* b = bytes.data() + i * kPacketShapeBytes;
        auto get16 = [&](std::size_t at) { return static_cast<std::uint16_t>(b[at] | (b[at + 1] << 8)); };
        PacketShape p;
        p.from_server = (b[0] & 1) != 0;
        p.tcp_flags = b[1];
        p.payload_len = get16(2);
        p.stream_len = get16(4);
        p.tcp_window = get16(6);
        p.ttl = b[8];
        p.gap_us = static_cast<std::uint32_t>(get16(10)) | (static_cast<std::uint32_t>(get16(12)) << 16);
        out.push_back(p);
    }
    return out;
}

}  // namespace flowcnn::flow
