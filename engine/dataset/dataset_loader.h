#pragma once
// Loads one split of a stored dataset as plain images for the model engine (the hand-off between
// the store and LibTorch). Images are filled from each flow's stored head with the dataset's fill
// mode (datasets.fill_mode) after keeping the dataset's payload bytes, so a dataset always yields the
// bytes it was built from.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "engine/dataset/image_set.h"
#include "engine/store/database.h"

namespace flowcnn::dataset {

// How a dataset's images are made from the flows' stored heads: the fill mode (datasets.fill_mode)
// and the payload bytes kept before the fill (params_json "payload_bytes", 784 when absent).
struct Preprocessing {
    flow::FillMode fill = flow::FillMode::Repeat;
    std::size_t payload_bytes = flow::kImageBytes;
    bool blank_session_fields = false;  // params_json "blank_session_fields" (SplitOptions)
};
// Throws ConfigError for an unknown dataset, FormatError for a bad fill mode or payload_bytes.
Preprocessing dataset_preprocessing(store::Database& db, std::int64_t dataset_id);

// Returns the flows of `split` ("train", "val" or "test") of dataset `dataset_id`, ordered by flow
// id, with `classes` = the dataset's class names by class index (dataset_classes) and `labels` =
// each flow's class index. An empty split yields an empty set with the classes filled in.
// Throws ConfigError when the dataset does not exist or `split` is not train/val/test.
// With `with_features` each flow's features (engine/features: its shape, counts and head) fill
// set.features.
dataset::ImageSet load_split(store::Database& db, std::int64_t dataset_id, std::string_view split,
                             bool with_features = true);

// Every labelled flow with payload of a project (all captures), images made with `pre`, with
// its features, name and flow id; `classes` = the distinct labels in name order and `labels`
// their indices. `image_sha1` (optional) gets each flow's stored image hash, for dropping flows
// whose bytes also occur in another project. For scoring a model on captures from elsewhere.
dataset::ImageSet load_labelled_flows(store::Database& db, const Preprocessing& pre,
                                      std::vector<std::string>* image_sha1 = nullptr);
// The stored image hashes of every flow with payload (flows.image_sha1), sorted and unique.
std::vector<std::string> image_hashes(store::Database& db);

}  // namespace flowcnn::dataset
