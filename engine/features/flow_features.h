#pragma once
// Features of a flow that describe how its application talks rather than which session it was
// (issue 14): the flow's shape (sizes, directions and gaps of its first packets, FS-Net / FlowPic
// style) and the structure of its first messages (TLS record and handshake types and lengths,
// cipher-suite and extension lists, ALPN; HTTP method, version and header order; TCP window and
// TTL), plus the first bytes of the first message in each direction (nPrint style). Nothing here
// copies a value that identifies one session: no TLS random, session id or ticket bytes, no
// cookies, dates or server names (the server name is the name rules' job).
//
// The vector has a fixed length and order (feature_names()); a value that does not apply or was
// not seen is NaN, which the gradient-boosted trees treat as missing. kFeatureVersion changes
// whenever a feature's meaning or position changes: a model records it, and a model built with
// another version is refused rather than fed shifted columns. Plain C++, no allocation per call
// beyond the caller's buffer; every read of the bytes is bounded (they come from captures).
#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "engine/flow/flow.h"

namespace flowcnn::features {

constexpr int kFeatureVersion = 1;

// What the extractor reads of a flow: its stored record or, in a project, the flows row.
struct FlowView {
    std::uint8_t l4proto = 0;
    std::uint16_t client_port = 0, server_port = 0;
    std::uint64_t packets_c2s = 0, packets_s2c = 0;
    std::uint64_t bytes_c2s = 0, bytes_s2c = 0;  // transport payload bytes per direction
    std::int64_t duration_ns = 0;                // last - first packet
    // The payload stream's first bytes (FlowRecord::head: both directions interleaved in capture
    // order, retransmissions dropped). With `shape`, each packet's stream_len cuts it into the
    // packets' payloads; consecutive payloads of one direction form one message.
    std::span<const std::uint8_t> head;
    std::span<const flow::PacketShape> shape;    // empty for flows stored before shapes were kept
};

FlowView view_of(const flow::FlowRecord& r);

// The number of features and their names (stable snake_case, e.g. "pkt3_signed_len").
std::size_t feature_count();
const std::vector<std::string>& feature_names();

// Writes feature_count() values to `out` (NaN where a feature does not apply).
void extract(const FlowView& flow, std::span<float> out);

}  // namespace flowcnn::features
