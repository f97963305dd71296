#pragma once
// Loads one split of a stored dataset as plain images for the model engine (the hand-off between
// the store and LibTorch). Images are filled from each flow's stored head with the dataset's fill
// mode (datasets.fill_mode), so a dataset always yields the bytes it was built from.
#include <cstdint>
#include <string_view>

#include "engine/dataset/image_set.h"
#include "engine/store/database.h"

namespace flowcnn::dataset {

// Returns the flows of `split` ("train", "val" or "test") of dataset `dataset_id`, ordered by flow
// id, with `classes` = the dataset's class names by class index (dataset_classes) and `labels` =
// each flow's class index. An empty split yields an empty set with the classes filled in.
// Throws ConfigError when the dataset does not exist or `split` is not train/val/test.
dataset::ImageSet load_split(store::Database& db, std::int64_t dataset_id, std::string_view split);

}  // namespace flowcnn::dataset
