#pragma once
// Model-engine runs in a project file: the `runs`, `epochs`, `batch_losses`, `checkpoints` and
// `models` tables. The one place that speaks SQL for them; training (engine/train), the grid
// search (engine/search), the CLI and the GUI read and write runs through these functions.
// Torch-free: rows are plain data, hyper-parameters stay the JSON text they were stored as.
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "engine/common/model_kind.h"
#include "engine/store/database.h"

namespace flowcnn::store {

// A `runs` row as stored, with the id of the run's latest model.
struct RunSummary {
    std::int64_t id = 0;
    std::int64_t dataset_id = 0;
    std::optional<std::int64_t> search_id;  // set for grid-search trials
    std::string trial_key;                  // grid search: the hyper-parameters' key; else empty
    int rung = 0;                           // successive-halving rung
    std::string name;                       // empty when NULL
    model::ModelKind kind = model::ModelKind::Cnn;  // from hparams_json (run_model_kind)
    std::string hparams_json;
    std::string train_json;
    std::string status;  // running | complete | cancelled | failed | pruned
    std::string started_at, finished_at;
    int epochs_done = 0;
    std::optional<double> train_acc, val_acc, train_loss, val_loss, seconds;
    std::string error;                     // empty when NULL
    std::optional<std::int64_t> model_id;  // latest model of the run
};

// The kind of model a run's hyper-parameters describe: their "model" member ("knn", "gbt");
// anything else (a CNN's hyper-parameters have none) is a CNN.
model::ModelKind run_model_kind(std::string_view hparams_json);

// Runs of the project (of one dataset when given), newest first.
std::vector<RunSummary> list_runs(Database& db, std::optional<std::int64_t> dataset_id = std::nullopt);
// The trials of a grid search, by id; `schema` names an attached project ("src") when copying
// between files.
std::vector<RunSummary> search_runs(Database& db, std::int64_t search_id, std::string_view schema = "main");
// A trial that is never run again: complete, pruned or failed.
bool finished_status(std::string_view status);
std::optional<RunSummary> find_run(Database& db, std::int64_t run_id);
// Throws ConfigError when there is no such run.
RunSummary get_run(Database& db, std::int64_t run_id);

// --- writing a run ---

struct NewRun {
    std::int64_t dataset_id = 0;
    std::optional<std::int64_t> search_id;
    std::string trial_key;  // empty: NULL
    int rung = 0;
    std::string name;       // empty: NULL
    std::string hparams_json, train_json;
};
// Inserts the run with status 'running', started now. Returns its id.
std::int64_t insert_run(Database& db, const NewRun& run);

// A run's summary metrics (the runs row's copy of its kept epoch).
struct RunMetrics {
    int epochs_done = 0;
    std::optional<double> train_acc, train_loss, val_acc, val_loss;
};
// Live values while a run trains; `seconds` nullopt leaves the stored time as it is.
void set_run_progress(Database& db, std::int64_t run_id, const RunMetrics& m,
                      std::optional<double> seconds = std::nullopt);
// Sets the final status (complete, failed, cancelled), metrics, time and error (empty: NULL);
// finished now. A complete run's checkpoint is dropped (only resuming needs it).
void finish_run(Database& db, std::int64_t run_id, std::string_view status, const RunMetrics& m,
                std::optional<double> seconds, std::string_view error = {});
void set_run_cancelled(Database& db, std::int64_t run_id, std::optional<double> seconds);
// Never throws: the error that failed the run matters more than a failure to record it.
void set_run_failed(Database& db, std::int64_t run_id, std::string_view error) noexcept;
void set_run_status(Database& db, std::int64_t run_id, std::string_view status);
// Back to 'running' for a resume, with the options it now trains with.
void restart_run(Database& db, std::int64_t run_id, std::string_view train_json);
// The run with its epochs, as if it had never started.
void delete_run(Database& db, std::int64_t run_id);
// Trials of a search left 'running' or 'cancelled' (by a killed or cancelled call).
void delete_unfinished_trials(Database& db, std::int64_t search_id);

// --- epochs and batch losses ---

// An `epochs` row; a value that was not recorded (a k-NN run has no losses) is nullopt.
struct StoredEpoch {
    int epoch = 0;
    std::optional<double> train_loss, train_acc, val_loss, val_acc, images_per_s, seconds;
};
std::vector<StoredEpoch> run_epochs(Database& db, std::int64_t run_id);  // by epoch
void put_epoch(Database& db, std::int64_t run_id, const StoredEpoch& e);  // insert or replace
// Forgets the epochs after `epoch` (a resume from that epoch's checkpoint).
void delete_epochs_after(Database& db, std::int64_t run_id, int epoch);

// (step, loss) pairs, by step.
std::vector<std::pair<std::int64_t, double>> run_batch_losses(Database& db, std::int64_t run_id);
void put_batch_losses(Database& db, std::int64_t run_id,
                      std::span<const std::pair<std::int64_t, double>> losses);

// --- checkpoints (the latest one of a run) ---

struct StoredCheckpoint {
    int epoch = 0;
    std::vector<std::uint8_t> data;
};
std::optional<StoredCheckpoint> run_checkpoint(Database& db, std::int64_t run_id);
void put_checkpoint(Database& db, std::int64_t run_id, int epoch, std::span<const std::uint8_t> data);
// Drops the checkpoints complete runs still hold (projects from before finish_run dropped them).
// Returns how many.
std::int64_t drop_finished_checkpoints(Database& db);

// --- models ---

// Inserts a model file of the run, created now. Returns the model id.
std::int64_t insert_model(Database& db, std::int64_t run_id, std::string_view name,
                          std::span<const std::uint8_t> data);
// The latest model file of the run; throws ConfigError when the run has none.
std::vector<std::uint8_t> run_model_bytes(Database& db, std::int64_t run_id);
// Throws ConfigError when there is no such model.
std::vector<std::uint8_t> model_bytes(Database& db, std::int64_t model_id);
std::optional<std::int64_t> latest_model_id(Database& db);  // of all runs
// Deletes the models of a search's trials, but the one of `keep_run` when given.
void delete_search_models(Database& db, std::int64_t search_id,
                          std::optional<std::int64_t> keep_run = std::nullopt);

// A stored model as Classify > Classify a Capture offers it, newest first; `hparams_json` is its
// run's (empty when the run is gone).
struct ModelListing {
    std::int64_t id = 0;
    std::string name, created_at, hparams_json;
};
std::vector<ModelListing> list_models(Database& db);

}  // namespace flowcnn::store
