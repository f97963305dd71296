#pragma once
// Saliency of a flow's payload image for a trained model: which bytes the prediction rests on
// (torch-free API; LibTorch stays inside the .cpp). Both methods explain the model's predicted
// class and return 784 non-negative floats (row-major 28x28, one per payload byte) scaled so that
// the largest is 1 (all zeros when nothing changes the prediction).
//   gradient:  |d score(predicted class) / d input byte|, the input scaled to [0,1] as in training
//              (score = the logit, before softmax);
//   occlusion: a blank (zero) patch slides over the image; each byte gets the mean drop in the
//              predicted class's probability over the patch positions that cover it (drops below
//              zero count as zero).
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace flowcnn::explain {

// A k-NN model's own explanation: the training flows its answer rests on. The `k` training images
// of the model file nearest to `image`, nearest first, with their labels and distances (the
// model's distance: bytes that differ, or L1), and their project flow ids when
// `train_flow_ids` lists the run's train split in the model's order (load_split's; else 0).
// Throws ConfigError for a CNN model file.
struct NearestFlow {
    std::int64_t flow_id = 0;
    std::string label;
    std::uint32_t distance = 0;
};
std::vector<NearestFlow> nearest_training_flows(std::span<const std::uint8_t> model_file,
                                                std::span<const std::uint8_t> image, int k,
                                                const std::vector<std::int64_t>& train_flow_ids = {});

enum class Method { Gradient, Occlusion };
std::string_view method_name(Method m);              // "gradient", "occlusion"
bool parse_method(std::string_view s, Method& out);

struct OcclusionOptions {
    int patch = 4;   // side of the square patch, 1..28
    int stride = 1;  // step between patch positions, 1..28
};

struct Saliency {
    Method method = Method::Gradient;
    std::vector<float> map;         // 784 values in [0,1]
    int predicted = 0;              // the explained class index
    std::string predicted_label;
    float confidence = 0;           // its softmax probability on the unchanged image
    std::vector<float> probabilities;  // softmax over the classes on the unchanged image
};

// `model_file` is a model file's bytes (engine/model/model_file.h); `image` 784 bytes as the
// model's preprocessing made them. Throws FormatError for a bad model file, ConfigError for an
// image that is not 784 bytes or bad occlusion options.
Saliency gradient_saliency(std::span<const std::uint8_t> model_file, std::span<const std::uint8_t> image);
Saliency occlusion_saliency(std::span<const std::uint8_t> model_file, std::span<const std::uint8_t> image,
                            const OcclusionOptions& options = {});
Saliency saliency(std::span<const std::uint8_t> model_file, std::span<const std::uint8_t> image, Method method);

struct SalientByte {
    int offset = 0;        // 0..783
    std::uint8_t value = 0;
    float saliency = 0;
};
// The `n` most salient bytes, highest first (ties: lower offset first).
std::vector<SalientByte> top_bytes(const std::vector<float>& map, std::span<const std::uint8_t> image,
                                   std::size_t n);

// A grayscale picture for a PNG: the image and the saliency map side by side, each scaled from
// 28x28 by `scale`, with a `gap`-pixel white separator; saliency 1 is white. Width and height
// are returned through the out parameters.
std::vector<std::uint8_t> overlay_gray(std::span<const std::uint8_t> image, const std::vector<float>& map,
                                       int scale, int gap, int& width, int& height);

}  // namespace flowcnn::explain
