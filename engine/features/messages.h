#pragma once
// A flow's messages: runs of consecutive payload packets of one direction. The payload stream
// (FlowRecord::head) holds both directions in capture order, and each packet's stream_len says how
// many of its bytes went into it, so a message is one contiguous range of the head (cut where the
// head ends). Shared by the feature extractor and the session-field blanking.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <span>

#include "engine/flow/flow.h"

namespace flowcnn::features {

struct MessageRange {
    bool from_server = false;
    std::size_t begin = 0, end = 0;  // in the head; empty when the message lies past its end
    std::uint64_t payload_len = 0;   // the message's transport payload, also what the head lacks
};

// Calls fn(const MessageRange&) for each message, in order. Packets without payload (a bare ACK)
// do not end a message.
template <typename Fn>
void for_each_message(std::size_t head_size, std::span<const flow::PacketShape> shape, Fn&& fn) {
    MessageRange m;
    bool open = false;
    std::size_t offset = 0;
    for (const auto& p : shape) {
        const std::size_t at = std::min(offset, head_size);
        offset += p.stream_len;
        if (p.payload_len == 0) continue;
        if (!open || p.from_server != m.from_server) {
            if (open) fn(static_cast<const MessageRange&>(m));
            m = MessageRange{p.from_server, at, at, 0};
            open = true;
        }
        m.payload_len += p.payload_len;
        m.end = std::min(offset, head_size);
    }
    if (open) fn(static_cast<const MessageRange&>(m));
}

}  // namespace flowcnn::features
