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
    // Flow-shape and protocol-structure features (engine/features), `feature_stride` per image, for
    // the feature models; empty when not loaded (IDX sets, load_split without features).
    std::vector<float> features;
    std::size_t feature_stride = 0;

    std::size_t size() const { return labels.size(); }
    const std::uint8_t* image(std::size_t i) const { return pixels.data() + i * flow::kImageBytes; }
    bool has_features() const { return feature_stride > 0 && features.size() == size() * feature_stride; }
    const float* feature_row(std::size_t i) const { return features.data() + i * feature_stride; }
};

// Appends image `i` of `in` to `out` with its label, and its flow id and name when `in` has them
// (subsets, folds and resampled copies of a set).
inline void append_image(ImageSet& out, const ImageSet& in, std::size_t i) {
    out.pixels.insert(out.pixels.end(), in.image(i), in.image(i) + flow::kImageBytes);
    out.labels.push_back(in.labels[i]);
    if (!in.flow_ids.empty()) out.flow_ids.push_back(in.flow_ids[i]);
    if (!in.names.empty()) out.names.push_back(in.names[i]);
    if (in.has_features()) {
        out.feature_stride = in.feature_stride;
        out.features.insert(out.features.end(), in.feature_row(i), in.feature_row(i) + in.feature_stride);
    }
}

}  // namespace flowcnn::dataset
