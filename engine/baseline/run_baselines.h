#pragma once
// The image-free part of `flowcnn baseline` as one call, for the workbench's baselines view: k-NN,
// logistic regression, name only and the majority class, trained on a dataset's train split and
// scored on another split, plain and (optionally) with the server names masked.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "engine/baseline/baseline.h"
#include "engine/common/progress.h"
#include "engine/dataset/image_set.h"
#include "engine/flow/flow.h"
#include "engine/gbt/gbt.h"
#include "engine/store/database.h"

namespace flowcnn::baseline {

struct BaselineRunOptions {
    bool knn = true;
    KnnOptions knn_options;        // k = 1, Hamming by default
    bool logreg = true;
    LogRegOptions logreg_options;
    bool gbt = false;              // gradient-boosted trees over the flow features (engine/gbt)
    gbt::GbtParams gbt_options;
    bool name_only = true;         // also adds the majority-class row
    bool masked = true;            // every image model again with the names blanked
    std::optional<flow::FillMode> fill;  // default: the dataset's fill
    std::string split = "val";     // the split scored: val or test
    // > 0: cross-validation by capture file over all the dataset's flows instead (folds.h); `split`
    // is then unused.
    int folds = 0;
    std::uint64_t fold_seed = 1;
};

struct BaselineRun {
    std::vector<std::string> classes;
    std::size_t train = 0, scored = 0;  // flows
    std::size_t scored_copies_in_train = 0;  // scored images with an identical copy in train
    flow::FillMode fill = flow::FillMode::Repeat;
    int folds = 0;               // > 0: cross-validated; `scored` is every flow, `train` 0
    std::size_t captures = 0;    // cross-validated: capture files in the dataset
    std::vector<std::string> single_capture_classes;  // cross-validated: never learnable
    std::vector<ResultRow> rows;
};

// Appends the rows of the image-free baselines that `options` asks for (k-NN, logistic regression,
// and, unmasked and with `names_db`, name only and the majority class), trained on `train` and
// scored on `test`. Shared by run_baselines and `flowcnn baseline` (which adds the CNN row).
void score_image_baselines(const dataset::ImageSet& train, const dataset::ImageSet& test, bool masked,
                           const BaselineRunOptions& options, store::Database* names_db,
                           std::vector<ResultRow>& rows, const ProgressFn& progress = {},
                           const CancelToken* cancel = nullptr);

// The index of each row's largest value (ties: the lower index), n rows of c values.
std::vector<std::int32_t> argmax_rows(const std::vector<float>& values, std::size_t c);

// Throws ConfigError for an unknown dataset, a bad split name or an empty train or scored split;
// CancelledError when `cancel` is set.
BaselineRun run_baselines(store::Database& db, std::int64_t dataset_id, const BaselineRunOptions& options,
                          const ProgressFn& progress = {}, const CancelToken* cancel = nullptr);

}  // namespace flowcnn::baseline
