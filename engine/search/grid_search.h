#pragma once
// Grid search over the paper's CNN family inside a project file (torch-free API).
//
// A search is a `searches` row; every trial is a `runs` row with search_id, trial_key (the
// hyper-parameters' key) and rung set. The calling thread is the only one that writes the project:
// it schedules trials onto worker threads (each training with its own intra-op thread count, so
// that workers x threads = cores), and writes each event in its own short transaction: the run row
// when a trial starts (status 'running'), one `epochs` row per epoch, and the final status and
// metrics when it ends ('complete', 'failed', 'cancelled', or later 'pruned' by successive
// halving). The train and val splits are loaded once and shared read-only by the workers.
//
// A search killed at any moment (or cancelled, or stopped by `limit`) resumes where it stopped:
// finished trials (complete, pruned, failed) are never run again; trials left 'running' or
// 'cancelled' are deleted and restarted from scratch. One process runs a search at a time: the
// runner is recorded in meta('search_owner:ID') = "HOST PID" and a resume while that process is
// alive is refused (ConfigError); a dead owner is taken over.
//
// Modes:
//  - exhaustive: every combination is trained for options.epochs epochs (rung 0).
//  - halving (successive halving): rung 0 trains every combination for min_epochs; each rung keeps
//    the best ceil(n/eta) by the selection metric and trains them from scratch with eta times the
//    budget (capped at max_epochs); the others of the rung are marked 'pruned'. The last rung is
//    the one trained with max_epochs or the one with a single survivor (which is then trained
//    with max_epochs).
// Selection: by validation accuracy (needs a non-empty val split) or by training accuracy (the
// paper's choice). A run's accuracies are those of the epoch whose weights the run keeps (the
// best epoch by val accuracy when there is validation data, else the last epoch). Ties are broken
// by the other accuracy, then by grid order. The best trial of the highest rung reached is the
// search's best run (searches.best_run_id); its model file is kept in `models` (one per search).
// Every trial uses the same seed (options.seed), so results are comparable and reproducible.
#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "engine/common/progress.h"
#include "engine/dataset/image_set.h"
#include "engine/hparams/hparams.h"
#include "engine/search/grid.h"
#include "engine/store/database.h"
#include "engine/train/trainer.h"

namespace flowcnn::search {

enum class Mode { Exhaustive, Halving };
enum class Selection { Val, Train };
std::string_view mode_name(Mode m);            // "exhaustive", "halving"
std::string_view selection_name(Selection s);  // "val", "train"
std::optional<Mode> parse_mode(std::string_view s);
std::optional<Selection> parse_selection(std::string_view s);

// A first rung that is too short ranks configurations by how fast they start rather than where
// they end (on the generated data set, 1 epoch pruned the 6-epoch winner; 2 epochs kept it).
struct HalvingParams {
    int min_epochs = 1;  // budget of rung 0
    int eta = 3;         // keep the top 1/eta of each rung; budgets grow by eta
    int max_epochs = 0;  // budget of the last rung; 0 = options.epochs of the search
};

// One rung of a successive-halving schedule.
struct Rung {
    int rung = 0;
    std::size_t trials = 0;  // configurations trained at this rung
    int epochs = 0;          // budget of each
};
// The schedule for `n` configurations (validates the parameters; throws ConfigError).
// Exhaustive: one rung of n trials with `epochs` epochs.
std::vector<Rung> plan_rungs(Mode mode, std::size_t n, int epochs, const HalvingParams& halving);

// Where trials are trained when not on local threads (e.g. other MPI ranks, see
// engine/distributed/mpi_search.h). The search still does all scheduling and all writes on the
// calling thread; it runs one worker thread per slot, which calls train() for each trial.
class TrialBackend {
  public:
    // Thrown by train() when the slot was lost (its process died or stopped answering): the
    // trial's run row is deleted, the trial goes back to the queue, and the slot is not used again.
    struct SlotLost : std::runtime_error {
        using std::runtime_error::runtime_error;
    };
    virtual ~TrialBackend() = default;
    virtual int slot_count() const = 0;  // trials trained in parallel
    // Called once on the calling thread before the first trial, with the loaded splits.
    virtual void prepare(const dataset::ImageSet& train, const dataset::ImageSet& val) = 0;
    // Trains one trial on `slot` (0..slot_count()-1), from that slot's worker thread; reports epochs
    // through callbacks.on_epoch. `want_model(result)` says whether the result's model file is
    // needed (a candidate best); when it returns false, result.model_file may stay empty. Training
    // errors throw (the trial fails); a lost slot throws SlotLost.
    virtual train::TrainResult train(int slot, const model::HyperParams& hparams,
                                     const train::TrainOptions& options,
                                     const train::TrainCallbacks& callbacks,
                                     const std::function<bool(const train::TrainResult&)>& want_model,
                                     const CancelToken* cancel) = 0;
};

// How the worker threads are set up; not part of the search's identity (may change on resume).
struct Execution {
    int workers = 1;              // trials trained in parallel (ignored with a backend: its slots)
    int threads_per_worker = 0;   // intra-op threads of each; 0 = max(1, cores / workers)
                                  // (with a backend: 0 = all cores of this machine)
    std::size_t limit = 0;        // start at most this many trials in this call; 0 = no limit
    bool save_best_model = true;  // keep the best trial's model file in `models`
    TrialBackend* backend = nullptr;  // not owned; null = train on local threads
};

struct SearchSpec {
    std::int64_t dataset_id = 0;
    std::string name;  // searches.name; empty: "search <date>"
    Grid grid = Grid::paper();
    Mode mode = Mode::Exhaustive;
    Selection selection = Selection::Val;
    train::TrainOptions options;  // per trial; options.epochs is the exhaustive budget
    HalvingParams halving;
    // A fixed share of the grid, for running one search on several machines: shard `shard` of
    // `shards` (0-based) trains the combinations whose grid index i has i % shards == shard, in
    // its own copy of the project; `merge_projects` (merge.h) folds the shards back into one
    // search. Exhaustive mode only (halving ranks the whole grid).
    int shard = 0;
    int shards = 1;

    void validate() const;  // throws ConfigError
    // The grid indices this spec trains (all of them unless sharded), ascending.
    std::vector<std::size_t> grid_indices() const;
    // searches.params_json: {"options":{..},"halving":{..}} (+ "shard":{"index":i,"count":n}).
    std::string params_json() const;
};

// A trial as reported to callbacks.
struct Trial {
    std::int64_t run_id = 0;
    std::size_t index = 0;  // position in grid.enumerate()
    model::HyperParams hparams;
    std::string key;  // hparams.key()
    int rung = 0;
    int epochs = 0;      // budget
    std::string status;  // running | complete | failed | cancelled | pruned
    std::optional<double> train_acc, val_acc;
    double seconds = 0;
    std::string error;
};

// Where the search stands, after each finished trial.
struct SearchProgress {
    std::size_t finished = 0;  // trials finished (all calls, including earlier ones)
    std::size_t total = 0;     // trials planned (all rungs)
    int rung = 0;              // rung now running
    std::size_t rungs = 0;
    std::optional<std::int64_t> best_run_id;
    std::string best_key;
    double best_metric = 0;  // selection metric of the best run (0..1)
    int best_rung = 0;
    double elapsed_s = 0;     // wall time of this call
    double remaining_s = -1;  // estimate; -1 while unknown
};

// Called on the calling thread, one at a time.
struct SearchCallbacks {
    std::function<void(const Trial&)> on_trial_started;
    std::function<void(const Trial&, const train::EpochMetrics&)> on_trial_epoch;
    std::function<void(const Trial&, const SearchProgress&)> on_trial_finished;
    std::function<void(int rung, std::size_t kept, std::size_t pruned)> on_rung_finished;
    ProgressFn progress;  // stage "search", done/total in trials
};

struct SearchResult {
    std::int64_t search_id = 0;
    std::string status;               // complete | cancelled | stopped (by `limit`)
    std::size_t trials_run = 0;       // started in this call
    std::size_t trials_total = 0;     // planned (all rungs)
    std::size_t trials_finished = 0;  // finished so far (all calls)
    std::optional<std::int64_t> best_run_id;
    std::string best_key;
    double best_metric = 0;
    double seconds = 0;
};

// Creates the search and runs it. Throws ConfigError for a bad spec or a missing dataset,
// an empty train split, or selection 'val' with an empty val split.
SearchResult run_search(const std::string& project_path, const SearchSpec& spec,
                        const Execution& exec = {}, const SearchCallbacks& callbacks = {},
                        const CancelToken* cancel = nullptr);
// Continues a search that did not complete. Throws ConfigError when there is no such search;
// a complete search returns at once.
SearchResult resume_search(const std::string& project_path, std::int64_t search_id,
                           const Execution& exec = {}, const SearchCallbacks& callbacks = {},
                           const CancelToken* cancel = nullptr);

// The stored spec of a search (grid, mode, selection, options, halving, shard).
SearchSpec load_search_spec(const std::string& project_path, std::int64_t search_id);
SearchSpec read_search_spec(store::Database& db, std::int64_t search_id);

}  // namespace flowcnn::search
