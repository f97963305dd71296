#pragma once
// The leaderboard of a grid search, like the paper's Tables 4/5: one row per trial (run) with its
// rank, hyper-parameters, accuracies, epochs, time and state. Read from the project, so it can be
// re-read while the search runs (rows from engine/store/searches.h and runs.h, which also list the
// searches). Torch-free.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/hparams/hparams.h"
#include "engine/store/database.h"

namespace flowcnn::search {

struct LeaderboardRow {
    int rank = 0;  // 1 = best; 0 for trials without the selection accuracy (running, failed, ...)
    std::int64_t run_id = 0;
    std::string key;
    model::HyperParams hparams;
    int rung = 0;
    int epochs = 0;  // epochs trained (epochs_done)
    int budget = 0;  // epochs planned (train_json)
    std::optional<double> train_acc, val_acc, train_loss, val_loss;
    std::optional<double> seconds;
    std::string status;  // running | complete | pruned | failed | cancelled
    std::string error;
};

enum class Column {
    Rank,
    Run,
    ConvAct,
    FcAct,
    Kernel,
    Pool,
    Padding,
    Fc,
    Filters,
    Rung,
    TrainAcc,
    ValAcc,
    Epochs,
    Time,
    State
};
std::string_view column_name(Column c);  // "rank", "run", "conv", "fc_act", "kernel", "pool",
                                         // "padding", "fc", "filters", "rung", "train", "val",
                                         // "epochs", "time", "state"
std::optional<Column> parse_column(std::string_view s);  // also "train_acc", "val_acc", "status"

struct Leaderboard {
    std::int64_t search_id = 0;
    std::string name;
    std::int64_t dataset_id = 0;
    std::string mode;       // exhaustive | halving
    std::string selection;  // val | train
    std::string status;     // running | complete | cancelled
    std::string created_at;
    std::optional<std::int64_t> best_run_id;
    std::size_t grid_size = 0;
    std::vector<LeaderboardRow> rows;  // by rank (unranked rows last, by run id)
};

// Reads the search's trials and ranks them like the search does: higher rung first, then the
// selection accuracy, then the other accuracy, then run id. Throws ConfigError when there is no
// such search.
Leaderboard leaderboard(store::Database& db, std::int64_t search_id);

// Stable sort by a column. Ascending for rank, hyper-parameters, run and state; `descending`
// reverses. Rows without a value (e.g. no accuracy yet) always go last.
void sort_rows(std::vector<LeaderboardRow>& rows, Column by, bool descending = false);
// The natural direction of a column: accuracies and epochs best-first (descending), others
// ascending.
bool default_descending(Column c);

// A fixed-width text table (header line, one line per row), accuracies in percent.
std::string format_table(const Leaderboard& board, std::size_t max_rows = 0);
// CSV with a header row; accuracies as fractions (0..1), time in seconds.
std::string to_csv(const Leaderboard& board);

}  // namespace flowcnn::search
