#pragma once
// The model file: one self-contained file per trained model.
//   "FLOWCNN-MODEL\n" (14 bytes) | u32 LE format version | u64 LE metadata length | metadata (JSON)
//   | u64 LE weights length | weights (torch::save of the network) | u32 LE CRC-32 of all before
// The metadata carries the hyper-parameters, class names, preprocessing (784 bytes, fill mode,
// direction), the training options and seed, and metrics. Torch-free.
// A k-nearest-neighbours model (format version 2; CNN files are still written as version 1, so
// older readers keep reading them) has "kind":"knn" and "knn":{"k","distance"} in its metadata,
// and its "weights" are its training images: u64 LE count | count * 784 pixels | count * i32 LE
// class indices.
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "engine/baseline/baseline.h"
#include "engine/baseline/name_rules.h"
#include "engine/dataset/image_set.h"
#include "engine/flow/flow.h"
#include "engine/hparams/hparams.h"
#include "engine/common/model_kind.h"

namespace flowcnn::model {

constexpr std::string_view kModelMagic = "FLOWCNN-MODEL\n";
constexpr std::uint32_t kModelFormatVersion = 3;  // the newest this build reads and writes

struct KnnParams {
    int k = 1;
    baseline::Distance distance = baseline::Distance::Hamming;
};

struct Preprocessing {
    int image_bytes = static_cast<int>(flow::kImageBytes);
    flow::FillMode fill = flow::FillMode::Repeat;
    flow::Direction direction = flow::Direction::Both;
    // Payload bytes of a flow kept before the fill (1..784; dataset create --payload-bytes).
    int payload_bytes = static_cast<int>(flow::kImageBytes);
    // Session fields zeroed before the fill (dataset create --blank-session-fields).
    bool blank_session_fields = false;
};

struct ModelInfo {
    ModelKind kind = ModelKind::Cnn;
    HyperParams hparams;  // CNN only
    KnnParams knn;        // k-NN only
    std::vector<std::string> classes;  // index = output unit
    Preprocessing preprocessing;
    std::string name;             // free text, e.g. "run 12"
    std::string created_at;       // ISO 8601 UTC
    std::string train_json = "{}";    // train::TrainOptions::to_json() of the run
    std::uint64_t seed = 0;
    std::string metrics_json = "{}";  // e.g. {"best_epoch":..,"val_acc":..,"train_acc":..}
    std::string torch_version;        // LibTorch that wrote the weights
    // Server-name rules applied on top of the CNN (train --name-rules); empty: the CNN alone.
    baseline::NameRules name_rules;
    // Gradient-boosted trees: their hyper-parameters as trained (engine/gbt: gbt_params_to_json)
    // and the feature set's version (features::kFeatureVersion) and width they were trained on.
    std::string gbt_json = "{}";
    int feature_version = 0;
    int feature_count = 0;
    // How "unknown" is decided (engine/model/unknown.h): the calibration temperature, the
    // out-of-distribution statistics and the threshold chosen on validation captures; "{}": none.
    std::string unknown_json = "{}";
};

struct ModelFile {
    ModelInfo info;
    std::vector<std::uint8_t> weights;  // torch::save of the network; a k-NN model's images
};

// The format version a model is written with: 3 for gradient-boosted trees, 2 for a k-NN model,
// 1 for a CNN (so that older readers keep reading CNN files and refuse the others by version).
std::uint32_t model_format_version(const ModelInfo& info);

// "CNN model 5 ..." or "1-NN hamming": what a model is, for listings.
std::string describe_model(const ModelInfo& info);

// A k-NN model's images (labels index info.classes) and back. decode throws FormatError for a
// block that is truncated, has trailing bytes, no images or a label outside `classes`.
std::vector<std::uint8_t> encode_knn_images(const dataset::ImageSet& train);
dataset::ImageSet decode_knn_images(std::span<const std::uint8_t> weights,
                                    const std::vector<std::string>& classes);

std::vector<std::uint8_t> encode_model_file(const ModelInfo& info,
                                            std::span<const std::uint8_t> weights);
// Throws FormatError ("not a FlowCNN model file", "truncated", "newer format version N",
// "checksum mismatch", bad metadata).
ModelFile decode_model_file(std::span<const std::uint8_t> bytes);

// Whole-file helpers. read throws IoError (and FormatError for a non-model file).
std::vector<std::uint8_t> read_file_bytes(const std::string& path);
ModelFile read_model_file(const std::string& path);
void write_model_file(const std::string& path, std::span<const std::uint8_t> bytes);

// Metadata as JSON text and back (the metadata block of the file).
std::string model_info_to_json(const ModelInfo& info);
ModelInfo model_info_from_json(std::string_view json);

}  // namespace flowcnn::model
