#pragma once
// Grid searches in a project file: the `searches` table, and the searches' trials as `runs` rows
// (runs.h). The one place that speaks SQL for them; engine/search schedules, ranks and merges,
// the CLI and GUI list. Torch-free: the grid and the parameters stay the JSON they were stored as.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/store/database.h"

namespace flowcnn::store {

// A `searches` row.
struct StoredSearch {
    std::int64_t id = 0;
    std::int64_t dataset_id = 0;
    std::string name, mode, selection;  // mode: exhaustive | halving; selection: val | train
    std::string grid_json, params_json;
    std::string status;  // running | complete | cancelled
    std::string created_at;
    std::optional<std::int64_t> best_run_id;
};

// One line per search (for lists and pickers): the row with its best run's accuracies and counts.
struct SearchSummary {
    std::int64_t id = 0;
    std::int64_t dataset_id = 0;
    std::string name, mode, selection, status, created_at;
    std::optional<std::int64_t> best_run_id;
    std::optional<double> best_train_acc, best_val_acc;
    std::size_t trials = 0;    // runs recorded
    std::size_t finished = 0;  // complete, pruned or failed
};
// The project's searches by id.
std::vector<SearchSummary> list_searches(Database& db);

// Searches by id; `schema` names an attached project ("src") when copying between files.
std::vector<StoredSearch> stored_searches(Database& db, std::string_view schema = "main");
std::optional<StoredSearch> find_search(Database& db, std::int64_t search_id);
// Throws ConfigError ("no search with id N") when there is none.
StoredSearch get_search(Database& db, std::int64_t search_id);
// Searches that agree on dataset, mode, selection and grid (candidates for one merged search).
std::vector<StoredSearch> searches_like(Database& db, std::int64_t dataset_id, std::string_view mode,
                                        std::string_view selection, std::string_view grid_json);

// Inserts `s` (its id and best run ignored); an empty created_at is now. Returns the id.
std::int64_t insert_search(Database& db, const StoredSearch& s);
void set_search_status(Database& db, std::int64_t search_id, std::string_view status,
                       std::optional<std::int64_t> best_run_id);
void set_search_best_run(Database& db, std::int64_t search_id, std::int64_t run_id);
void rename_search(Database& db, std::int64_t search_id, std::string_view name, std::string_view params_json);
// A search that did not complete is 'running' again (a resume).
void reopen_search(Database& db, std::int64_t search_id);

// --- copying trials between project files (merging shards) ---

// Deletes the search's trial (key, rung) unless it finished (complete, pruned or failed).
void delete_unfinished_trial(Database& db, std::int64_t search_id, std::string_view trial_key, std::int64_t rung);
// Copies run `run_id` of the project attached as `schema`, with its epochs, batch losses and
// models, into search `search_id` on `dataset_id` of the main project. Returns the new run id.
std::int64_t copy_trial(Database& db, std::string_view schema, std::int64_t run_id, std::int64_t dataset_id,
                        std::int64_t search_id);

}  // namespace flowcnn::store
