#pragma once
// The paper's payload image: 784 bytes, one grayscale pixel per byte, row-major 28x28.
#include <array>
#include <cstdint>
#include <span>

#include "engine/flow/flow.h"

namespace flowcnn::image {

using PayloadImage = std::array<std::uint8_t, flow::kImageBytes>;

// Fills 784 bytes from a flow's head: the head repeated from its first byte (Repeat) or followed by
// zeros (Zero). An empty head gives all zeros (such flows have no image; callers skip them).
PayloadImage make_image(std::span<const std::uint8_t> head, flow::FillMode fill) noexcept;
// The same from the head's first `payload_bytes` bytes only (a dataset's or model's preprocessing).
inline PayloadImage make_image(std::span<const std::uint8_t> head, flow::FillMode fill,
                               std::size_t payload_bytes) noexcept {
    return make_image(head.first(head.size() < payload_bytes ? head.size() : payload_bytes), fill);
}

}  // namespace flowcnn::image
