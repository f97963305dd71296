#pragma once
// Cross-validation by capture file: every capture's flows land in one of K folds, and each fold is
// scored by models trained on the other K-1. Pooled over the folds, every flow of the dataset is
// scored once by a model that never saw its capture, so a by-capture measurement rests on all the
// flows instead of one small test split (on nDPI's captures a 20% test split holds ~120 flows and
// a third of the classes).
#include <cstdint>
#include <string_view>
#include <vector>

#include "engine/baseline/masking.h"
#include "engine/dataset/image_set.h"
#include "engine/flow/flow.h"
#include "engine/store/database.h"

namespace flowcnn::baseline {

// Every flow of a dataset (its train, val and test splits, in that order), images rebuilt with
// `fill` and names masked as load_split_with does, with the capture id of each flow in `captures`.
// `payload_bytes` as in load_split_with (0: the dataset's).
dataset::ImageSet load_dataset_with(store::Database& db, std::int64_t dataset_id, flow::FillMode fill, bool mask,
                                    std::vector<std::int64_t>& captures, MaskStats* stats = nullptr,
                                    std::size_t payload_bytes = 0);

// The capture id of each flow. Throws ConfigError for an id that is not in the flows table.
std::vector<std::int64_t> capture_ids(store::Database& db, const std::vector<std::int64_t>& flow_ids);

// At most `max_per_capture` images of each (capture, class), a seeded choice within each group
// that keeps the set's order (dataset create --max-per-capture, for a training set). `captures`
// gives each image's capture. `dropped` (optional) gets the number left out.
dataset::ImageSet cap_per_capture(const dataset::ImageSet& set, const std::vector<std::int64_t>& captures,
                                  std::size_t max_per_capture, std::uint64_t seed, std::size_t* dropped = nullptr);

// Fold (0..k-1) of every image, whole captures to one fold: captures are shuffled with `seed`,
// then, largest first, each goes to the fold with the fewest images so far (ties: the lower fold).
// Throws ConfigError for k < 2 or fewer distinct captures than k.
std::vector<int> capture_folds(const std::vector<std::int64_t>& captures, int k,
                               std::uint64_t seed);

// The images whose fold is (in_fold) or is not (!in_fold) `fold`, in order; names and flow ids
// follow when the set has them.
dataset::ImageSet fold_subset(const dataset::ImageSet& set, const std::vector<int>& folds, int fold,
                              bool in_fold);

}  // namespace flowcnn::baseline
