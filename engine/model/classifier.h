#pragma once
// Inference with a model file (torch-free API): a CNN, or a k-nearest-neighbours model over its
// stored training images. Loading checks the file and builds the network;
// predictions run batched without gradients. One Classifier may be used from one thread at a time.
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "engine/dataset/image_set.h"
#include "engine/model/model_file.h"

namespace flowcnn::model {

struct Prediction {
    int index = 0;          // argmax class
    float confidence = 0;   // its softmax probability
};

class Classifier {
public:
    // Throws FormatError for a bad file or weights that do not fit the hyper-parameters.
    explicit Classifier(std::span<const std::uint8_t> model_file_bytes, int threads = 0);
    static Classifier from_file(const std::string& path, int threads = 0);
    ~Classifier();
    Classifier(Classifier&&) noexcept;
    Classifier& operator=(Classifier&&) noexcept;

    const ModelInfo& info() const;
    std::size_t num_classes() const;

    // `n` images of 784 bytes each, contiguous. Returns n * num_classes() softmax probabilities,
    // row-major. Runs in batches of `batch`.
    std::vector<float> predict_proba(const std::uint8_t* images, std::size_t n,
                                     std::size_t batch = 512) const;
    // A whole set: the images, and the features for a model that reads them (needs_features();
    // a set without them is refused with ConfigError).
    std::vector<float> predict_proba(const dataset::ImageSet& set) const {
        return predict_proba(set.pixels.data(), set.has_features() ? set.features.data() : nullptr, set.size());
    }
    // `n` images and, for a feature model, n rows of features::feature_count() floats (may be
    // null for a model that reads images only).
    std::vector<float> predict_proba(const std::uint8_t* images, const float* features, std::size_t n) const;
    bool needs_features() const;
    // Rows i..i+n of a set's probabilities (chunks of a long set).
    std::vector<float> predict_proba(const dataset::ImageSet& set, std::size_t i, std::size_t n) const {
        return predict_proba(set.image(i), set.has_features() ? set.feature_row(i) : nullptr, n);
    }
    std::vector<Prediction> predict(const std::uint8_t* images, std::size_t n) const;
    // Raw outputs (logits) for parity checks.
    std::vector<float> logits(const std::uint8_t* images, std::size_t n) const;

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace flowcnn::model
