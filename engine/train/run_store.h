#pragma once
// Training runs inside a project file (torch-free API). A run is a `runs` row; every epoch writes
// its `epochs` row, sampled `batch_losses` and the latest `checkpoints` blob in one short
// transaction (the GUI reads the same file). At the end the model goes into `models`, evaluations
// of the val and train splits into `evaluations` + `predictions`, and the status becomes complete,
// cancelled or failed. A run that was killed mid-way (status still 'running' or 'cancelled') can
// be resumed from its last checkpoint.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "engine/common/progress.h"
#include "engine/dataset/image_set.h"
#include "engine/gbt/gbt.h"
#include "engine/hparams/hparams.h"
#include "engine/model/model_file.h"
#include "engine/store/database.h"
#include "engine/store/runs.h"
#include "engine/train/trainer.h"

namespace flowcnn::train {

struct ProjectRunOptions {
    std::string name;                        // runs.name (free text)
    std::optional<std::int64_t> search_id;   // set by the grid search
    std::string trial_key;                   // runs.trial_key (grid search)
    int rung = 0;                            // runs.rung (successive halving)
    bool save_model = true;                  // write a models row at the end
    bool evaluate = true;                    // write evaluations (val, train) at the end
    bool checkpoints = true;                 // write the checkpoint blob after every epoch
};

// `options` with the preprocessing that the model file must record for a dataset: its fill mode,
// its payload bytes, and the captures' direction when all its flows share one.
TrainOptions with_dataset_preprocessing(store::Database& db, std::int64_t dataset_id, TrainOptions options);

struct ProjectRunResult {
    std::int64_t run_id = 0;
    std::optional<std::int64_t> model_id;
    std::vector<std::int64_t> evaluation_ids;  // val first (when present), then train
    std::string status;                        // complete | cancelled
    TrainResult result;
    std::size_t name_rules = 0;                // server-name rules put into the model (name_rules)
};

// Loads the train and val splits of the dataset (dataset::load_split) and trains. On an exception
// the run is marked 'failed' with the error text, and the exception propagates.
ProjectRunResult train_in_project(store::Database& db, std::int64_t dataset_id,
                                  const model::HyperParams& hparams, const TrainOptions& options,
                                  const TrainCallbacks& callbacks = {},
                                  const CancelToken* cancel = nullptr,
                                  const ProjectRunOptions& run_options = {});
// The same with splits already loaded (the grid search loads them once for many trials).
ProjectRunResult train_in_project(store::Database& db, std::int64_t dataset_id,
                                  const dataset::ImageSet& train, const dataset::ImageSet* val,
                                  const model::HyperParams& hparams, const TrainOptions& options,
                                  const TrainCallbacks& callbacks = {},
                                  const CancelToken* cancel = nullptr,
                                  const ProjectRunOptions& run_options = {});
// Opens the project file (read-write) and calls the above.
ProjectRunResult train_in_project(const std::string& project_path, std::int64_t dataset_id,
                                  const model::HyperParams& hparams, const TrainOptions& options,
                                  const TrainCallbacks& callbacks = {},
                                  const CancelToken* cancel = nullptr,
                                  const ProjectRunOptions& run_options = {});

// Continues run `run_id` from its last checkpoint (or from the start when it has none), with the
// hyper-parameters and options stored in the run. `epochs_override` > 0 changes the epoch budget.
// Throws ConfigError when the run does not exist or is already complete.
ProjectRunResult resume_in_project(store::Database& db, std::int64_t run_id,
                                   const TrainCallbacks& callbacks = {},
                                   const CancelToken* cancel = nullptr, int epochs_override = 0);

// A k-nearest-neighbours model as a run: its model file keeps the dataset's train split (images
// and labels; with the dataset's preprocessing, and the server-name rules of the train split when
// `name_rules`), and it is evaluated on the val and train splits like a CNN run. The run's
// hparams_json is knn_hparams_json(params); it has one epoch row (the accuracies, no losses).
// Nothing is trained, so there is nothing to resume: a run cut short stays 'running'/'failed'.
struct KnnRunOptions {
    model::KnnParams params;
    bool name_rules = false;
    int threads = 0;  // 0 = all cores
    // Larger models are refused before anything is written (SQLite keeps at most 1 GB per value;
    // 900 MB is ~1.1 million training flows).
    std::uint64_t max_model_bytes = 900'000'000;
};
ProjectRunResult knn_in_project(store::Database& db, std::int64_t dataset_id, const KnnRunOptions& options,
                                const CancelToken* cancel = nullptr, const ProjectRunOptions& run_options = {});
// {"model":"knn","k":1,"distance":"hamming"}; parse returns false for a CNN's hyper-parameters.
std::string knn_hparams_json(const model::KnnParams& p);
bool parse_knn_hparams(std::string_view json, model::KnnParams& out);

// Gradient-boosted trees over the flow features (engine/gbt) as a run, like a k-NN run: one
// epoch row, the val and train evaluations, a stored model calibrated on the val split when it has
// flows (gbt::calibrate: the temperature). hparams_json is gbt_hparams_json(params).
struct GbtRunOptions {
    gbt::GbtParams params;
    bool name_rules = false;
    int threads = 0;
};
ProjectRunResult gbt_in_project(store::Database& db, std::int64_t dataset_id, const GbtRunOptions& options,
                                const ProgressFn& progress = {}, const CancelToken* cancel = nullptr,
                                const ProjectRunOptions& run_options = {});
// {"model":"gbt","rounds":..}; parse returns false for other runs' hyper-parameters.
std::string gbt_hparams_json(const gbt::GbtParams& p);
bool parse_gbt_hparams(std::string_view json, gbt::GbtParams& out);

// The project flow ids of the run's train split, in the order a k-NN model of that run keeps its
// images (load_split's). Throws ConfigError when there is no such run.
std::vector<std::int64_t> run_train_flow_ids(store::Database& db, std::int64_t run_id);

// A CNN run's hyper-parameters, parsed from its hparams_json; defaults when the text is not a
// CNN's (the run is still listed, the text stays in hparams_json).
model::HyperParams run_hparams(const store::RunSummary& r);

// An epoch as the epochs table keeps it (no validation: NULL val columns), and the runs row's
// summary of the epoch whose weights a run keeps (shared by training runs and grid-search trials).
store::StoredEpoch stored_epoch(const EpochMetrics& e);
store::RunMetrics run_metrics(const EpochMetrics& e, int epochs_done);

// "CNN <hyper-parameter key>" or "1-NN hamming".
std::string describe_run_model(const store::RunSummary& r);

// Epochs of a run as training reports them; a loss that was not recorded (a k-NN run has none) is
// NaN. (The rows themselves: store::run_epochs.)
std::vector<EpochMetrics> run_epochs(store::Database& db, std::int64_t run_id);

}  // namespace flowcnn::train
