#pragma once
// A small learnable image set for the model-engine tests: each class has its own random 784-byte
// template; an image is its class template with a share of the bytes replaced by noise.
#include <cstdint>
#include <random>
#include <string>

#include "engine/dataset/image_set.h"

namespace flowcnn::test {

inline dataset::ImageSet synthetic_set(int classes, int per_class, std::uint64_t seed,
                                       double noise = 0.35, std::uint64_t template_seed = 42) {
    std::mt19937_64 trng(template_seed);
    std::vector<std::vector<std::uint8_t>> templates(static_cast<std::size_t>(classes));
    for (auto& t : templates) {
        t.resize(flow::kImageBytes);
        for (auto& b : t) b = static_cast<std::uint8_t>(trng() & 0xFF);
    }
    std::mt19937_64 rng(seed);
    std::uniform_real_distribution<double> u(0, 1);
    dataset::ImageSet s;
    for (int c = 0; c < classes; ++c) s.classes.push_back("app" + std::to_string(c));
    for (int i = 0; i < per_class; ++i)
        for (int c = 0; c < classes; ++c) {
            for (std::size_t k = 0; k < flow::kImageBytes; ++k) {
                std::uint8_t b = templates[static_cast<std::size_t>(c)][k];
                if (u(rng) < noise) b = static_cast<std::uint8_t>(rng() & 0xFF);
                s.pixels.push_back(b);
            }
            s.labels.push_back(c);
            s.flow_ids.push_back(static_cast<std::int64_t>(s.labels.size()));
        }
    return s;
}

}  // namespace flowcnn::test
