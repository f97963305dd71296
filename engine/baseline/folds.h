#pragma once
// Cross-validation by capture file: every capture's flows land in one of K folds, and each fold is
// scored by models trained on the other K-1. Pooled over the folds, every flow of the dataset is
// scored once by a model that never saw its capture, so a by-capture measurement rests on all the
// flows instead of one small test split (on nDPI's captures a 20% test split holds ~120 flows and
// a third of the classes).
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/baseline/baseline.h"
#include "engine/common/progress.h"
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
                                    std::size_t payload_bytes = 0,
                                    const std::vector<std::string>& splits = {"train", "val", "test"});

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

// ---- the whole cross-validation ---------------------------------------------------------------

// One round: models trained on `train`, scored on `test`; appends one row per model, each with
// its predictions (ResultRow::predicted, one per test image). Every round must append the same
// models in the same order.
using RoundFn = std::function<void(const dataset::ImageSet& train, const dataset::ImageSet& test, bool masked,
                                   std::vector<ResultRow>& rows)>;

struct FoldInfo {
    int fold = 0;  // 0-based
    std::size_t captures = 0, train = 0, scored = 0;  // this fold's captures, its train and scored flows
    std::size_t classes = 0, flows = 0, all_captures = 0;  // the whole dataset
};

struct CrossValidation {
    std::vector<std::string> classes;
    std::size_t flows = 0, captures = 0;
    int folds = 0;
    std::vector<std::string> single_capture_classes;  // all flows from one capture: never learnable
    MaskStats mask_stats;                             // when masked
    std::vector<ResultRow> rows;  // pooled over the folds: scores of all flows, summed seconds
};

struct CrossValidationOptions {
    int folds = 5;
    std::uint64_t seed = 1;  // the fold assignment
    flow::FillMode fill = flow::FillMode::Repeat;
    std::size_t payload_bytes = 0;  // 0: the dataset's
    bool masked = false;
    // The dataset's splits whose flows are cross-validated (e.g. train and val, keeping the test
    // captures for a final score).
    std::vector<std::string> splits{"train", "val", "test"};
};

// Loads every flow of the dataset (load_dataset_with), cuts it into folds of whole captures
// (capture_folds), runs `round` once per fold and scores the pooled predictions. `on_fold` is
// called before each round. Throws ConfigError as capture_folds does, CancelledError when
// `cancel` is set between rounds.
CrossValidation cross_validate(store::Database& db, std::int64_t dataset_id, const CrossValidationOptions& options,
                               const RoundFn& round, const std::function<void(const FoldInfo&)>& on_fold = {},
                               const CancelToken* cancel = nullptr);

}  // namespace flowcnn::baseline
