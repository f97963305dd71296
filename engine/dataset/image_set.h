#pragma once
// Plain image data for the model engine: one split of a dataset, or images read from IDX files.
// This is the hand-off between the store (flowcnn_core) and LibTorch (flowcnn_ml).
#include <cstdint>
#include <string>
#include <vector>

#include "engine/flow/flow.h"

namespace flowcnn::dataset {

struct ImageSet {
    std::vector<std::uint8_t> pixels;   // size() * 784 bytes, row-major 28x28 per image
    std::vector<std::int32_t> labels;   // class index per image (into `classes`)
    std::vector<std::int64_t> flow_ids; // project flow id per image; empty for IDX-sourced sets
    std::vector<std::string> classes;   // class names, index = class index
    // Server name per image (TLS SNI, else HTTP Host, else empty) for a model's name rules; empty
    // when not loaded (IDX sets, derived sets).
    std::vector<std::string> names;

    std::size_t size() const { return labels.size(); }
    const std::uint8_t* image(std::size_t i) const { return pixels.data() + i * flow::kImageBytes; }
};

}  // namespace flowcnn::dataset
