#include "engine/image/payload_image.h"

#include <algorithm>
#include <cstring>

namespace flowcnn::image {

PayloadImage make_image(std::span<const std::uint8_t> head, flow::FillMode fill) noexcept {
    PayloadImage img{};
    const std::size_t n = std::min(head.size(), img.size());
    if (n == 0) return img;
    std::memcpy(img.data(), head.data(), n);
    if (fill == flow::FillMode::Zero || n == img.size()) return img;
    // Repeat from the first byte: copy the filled prefix onto the rest, doubling each time.
    std::size_t filled = n;
    while (filled < img.size()) {
        const std::size_t take = std::min(filled, img.size() - filled);
        std::memcpy(img.data() + filled, img.data(), take);
        filled += take;
    }
    return img;
}

}  // namespace flowcnn::image
