#include "engine/search/merge.h"

#include <filesystem>
#include <set>

#include "engine/common/error.h"
#include "engine/common/json.h"
#include "engine/search/grid.h"
#include "engine/search/leaderboard.h"
#include "engine/store/datasets.h"
#include "engine/store/project.h"
#include "engine/store/runs.h"
#include "engine/store/searches.h"

namespace flowcnn::search {
namespace {

// The name without a trailing " (shard i/N)".
std::string base_name(const std::string& name) {
    const auto p = name.rfind(" (shard ");
    if (p != std::string::npos && !name.empty() && name.back() == ')') return name.substr(0, p);
    return name;
}

// params_json without its "shard" member, as a stable string.
std::string unsharded(const std::string& params_json) {
    auto j = model::Json::parse(params_json);
    if (j.is_object()) j.as_object().erase("shard");
    return j.dump();
}

// Sets status and best run of a target search from its trials; keeps only the best run's model.
void finish(store::Database& db, MergedSearch& m) {
    auto board = leaderboard(db, m.search_id);
    std::optional<std::int64_t> best;
    if (!board.rows.empty() && board.rows[0].rank == 1) best = board.rows[0].run_id;
    std::set<std::string> finished_keys;
    m.trials_finished = 0;
    for (auto& r : board.rows) {
        if (store::finished_status(r.status)) {
            ++m.trials_finished;
            if (r.rung == 0) finished_keys.insert(r.key);
        }
    }
    std::string status = board.status;
    Grid grid;
    try {
        grid = Grid::from_json(store::get_search(db, m.search_id).grid_json);
        m.grid_size = grid.size();
    } catch (const Error&) {
        m.grid_size = 0;
    }
    if (board.mode == "exhaustive" && m.grid_size) {
        bool all = true;
        for (const auto& h : grid.enumerate())
            if (!finished_keys.count(h.key())) {
                all = false;
                break;
            }
        status = all ? "complete" : "cancelled";
    }
    store::set_search_status(db, m.search_id, status, best);
    store::delete_search_models(db, m.search_id, best);
    m.status = status;
    m.best_run_id = best;
}

// The dataset of source search `s` in the target: by name, with the same classes.
std::int64_t target_dataset(store::Project& target, const std::string& target_path, const std::string& source,
                            const store::StoredSearch& s) {
    auto& db = target.db();
    const auto src_name = store::dataset_name(db, s.dataset_id, "src");
    if (!src_name)
        throw FormatError("search " + std::to_string(s.id) + " of '" + source + "' refers to a missing dataset");
    const std::string& ds_name = *src_name;
    auto target_ds = target.find_dataset(ds_name);
    if (!target_ds)
        throw ConfigError("dataset '" + ds_name + "' of '" + source + "' is not in '" + target_path +
                          "' (shards must be copies of the target project)");
    if (store::dataset_class_labels(db, *target_ds) != store::dataset_class_labels(db, s.dataset_id, "src"))
        throw ConfigError("dataset '" + ds_name + "' has other classes in '" + source + "' than in '" + target_path +
                          "'");
    return *target_ds;
}

// The target search with the same identity as source search `s`, or a new one.
MergedSearch target_search(store::Database& db, const store::StoredSearch& s, std::int64_t target_ds) {
    const std::string params = unsharded(s.params_json);
    const std::string name = base_name(s.name);
    MergedSearch m;
    m.name = name;
    for (const auto& like : store::searches_like(db, target_ds, s.mode, s.selection, s.grid_json)) {
        if (unsharded(like.params_json) == params) {
            m.search_id = like.id;
            break;
        }
    }
    if (m.search_id) {
        store::rename_search(db, m.search_id, name, params);
        return m;
    }
    store::StoredSearch row = s;
    row.dataset_id = target_ds;
    row.name = name;
    row.params_json = params;
    row.status = "cancelled";
    m.search_id = store::insert_search(db, row);
    m.created = true;
    return m;
}

// Copies the source's finished trials that the target has not finished.
void copy_trials(store::Database& db, const store::StoredSearch& s, std::int64_t target_ds, MergedSearch& m) {
    std::set<std::pair<std::string, std::int64_t>> have;
    for (const auto& r : store::search_runs(db, m.search_id))
        if (store::finished_status(r.status)) have.insert({r.trial_key, r.rung});
    for (const auto& r : store::search_runs(db, s.id, "src")) {
        if (!store::finished_status(r.status) || have.count({r.trial_key, r.rung})) {
            ++m.runs_skipped;
            continue;
        }
        store::delete_unfinished_trial(db, m.search_id, r.trial_key, r.rung);
        store::copy_trial(db, "src", r.id, target_ds, m.search_id);
        have.insert({r.trial_key, r.rung});
        ++m.runs_added;
    }
}

// Several shards merge into one target search: one report row per target search.
void add_to_report(MergeReport& report, const MergedSearch& m) {
    bool merged = false;
    for (auto& r : report.searches) {
        if (r.search_id == m.search_id) {
            r.runs_added += m.runs_added;
            r.runs_skipped += m.runs_skipped;
            r.trials_finished = m.trials_finished;
            r.status = m.status;
            r.best_run_id = m.best_run_id;
            merged = true;
        }
    }
    if (!merged) report.searches.push_back(m);
}

void merge_source(store::Project& target, const std::string& target_path, const std::string& source,
                  MergeReport& report) {
    auto& db = target.db();
    // Validates the source (a project of a known schema version) before attaching it.
    store::Project::open(source, true);
    const store::AttachedDatabase attached(db, source, "src");

    const std::vector<store::StoredSearch> searches = store::stored_searches(db, "src");
    for (const auto& s : searches) {
        const std::int64_t target_ds = target_dataset(target, target_path, source, s);
        store::Transaction tx(db);
        MergedSearch m = target_search(db, s, target_ds);
        copy_trials(db, s, target_ds, m);
        finish(db, m);
        tx.commit();
        add_to_report(report, m);
    }
}

}  // namespace

MergeReport merge_projects(const std::string& target_path, const std::vector<std::string>& sources,
                           const ProgressFn& progress) {
    namespace fs = std::filesystem;
    auto target = store::Project::open(target_path);
    MergeReport report;
    std::size_t done = 0;
    for (const auto& source : sources) {
        std::error_code ec;
        if (fs::equivalent(source, target_path, ec))
            throw ConfigError("cannot merge project '" + source + "' into itself");
        merge_source(target, target_path, source, report);
        ++done;
        if (progress) {
            Progress p;
            p.stage = "merge";
            p.done = done;
            p.total = sources.size();
            p.message = source;
            progress(p);
        }
    }
    return report;
}

}  // namespace flowcnn::search
