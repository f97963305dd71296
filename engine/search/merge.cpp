#include "engine/search/merge.h"

#include <filesystem>
#include <set>

#include "engine/common/error.h"
#include "engine/model/json.h"
#include "engine/search/grid.h"
#include "engine/search/leaderboard.h"
#include "engine/store/project.h"

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

std::vector<std::string> dataset_classes(store::Database& db, const std::string& schema,
                                         std::int64_t dataset_id) {
    auto q = db.prepare("SELECT label FROM " + schema +
                        ".dataset_classes WHERE dataset_id = ? ORDER BY class_index");
    q.bind(1, dataset_id);
    std::vector<std::string> out;
    while (q.step()) out.push_back(q.text(0));
    return out;
}

struct SourceSearch {
    std::int64_t id = 0;
    std::int64_t dataset_id = 0;
    std::string name, mode, selection, grid_json, params_json, created_at;
};

// Sets status and best run of a target search from its trials; keeps only the best run's model.
void finish(store::Database& db, MergedSearch& m) {
    auto board = leaderboard(db, m.search_id);
    std::optional<std::int64_t> best;
    if (!board.rows.empty() && board.rows[0].rank == 1) best = board.rows[0].run_id;
    std::set<std::string> finished_keys;
    m.trials_finished = 0;
    for (auto& r : board.rows) {
        if (r.status == "complete" || r.status == "pruned" || r.status == "failed") {
            ++m.trials_finished;
            if (r.rung == 0) finished_keys.insert(r.key);
        }
    }
    std::string status = board.status;
    Grid grid;
    try {
        auto q = db.prepare("SELECT grid_json FROM searches WHERE id = ?");
        q.bind(1, m.search_id);
        q.step();
        grid = Grid::from_json(q.text(0));
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
    auto up = db.prepare("UPDATE searches SET status = ?, best_run_id = ? WHERE id = ?");
    up.bind(1, status);
    if (best)
        up.bind(2, *best);
    else
        up.bind_null(2);
    up.bind(3, m.search_id).run();
    auto del = db.prepare(
        "DELETE FROM models WHERE run_id IN (SELECT id FROM runs WHERE search_id = ?) AND run_id "
        "IS NOT ?");
    del.bind(1, m.search_id);
    if (best)
        del.bind(2, *best);
    else
        del.bind_null(2);
    del.run();
    m.status = status;
    m.best_run_id = best;
}

}  // namespace

MergeReport merge_projects(const std::string& target_path, const std::vector<std::string>& sources,
                           const ProgressFn& progress) {
    namespace fs = std::filesystem;
    auto target = store::Project::open(target_path);
    auto& db = target.db();
    MergeReport report;
    std::size_t done = 0;
    for (const auto& source : sources) {
        std::error_code ec;
        if (fs::equivalent(source, target_path, ec))
            throw ConfigError("cannot merge project '" + source + "' into itself");
        // Validates the source (a project of a known schema version) before attaching it.
        store::Project::open(source, true);
        db.prepare("ATTACH DATABASE ? AS src").bind(1, source).run();
        struct Detach {
            store::Database& db;
            ~Detach() {
                try {
                    db.exec("DETACH DATABASE src");
                } catch (...) {
                }
            }
        } detach{db};

        std::vector<SourceSearch> searches;
        {
            auto q = db.prepare(
                "SELECT id, dataset_id, name, mode, selection, grid_json, params_json, created_at "
                "FROM src.searches ORDER BY id");
            while (q.step())
                searches.push_back({q.int64(0), q.int64(1), q.text(2), q.text(3), q.text(4),
                                    q.text(5), q.text(6), q.text(7)});
        }
        for (const auto& s : searches) {
            // The dataset, by name, with the same classes.
            std::string ds_name;
            {
                auto q = db.prepare("SELECT name FROM src.datasets WHERE id = ?");
                q.bind(1, s.dataset_id);
                if (!q.step())
                    throw FormatError("search " + std::to_string(s.id) + " of '" + source +
                                      "' refers to a missing dataset");
                ds_name = q.text(0);
            }
            auto target_ds = target.find_dataset(ds_name);
            if (!target_ds)
                throw ConfigError("dataset '" + ds_name + "' of '" + source + "' is not in '" +
                                  target_path + "' (shards must be copies of the target project)");
            if (dataset_classes(db, "main", *target_ds) != dataset_classes(db, "src", s.dataset_id))
                throw ConfigError("dataset '" + ds_name + "' has other classes in '" + source +
                                  "' than in '" + target_path + "'");

            const std::string params = unsharded(s.params_json);
            const std::string name = base_name(s.name);
            store::Transaction tx(db);
            // The target search with the same identity, or a new one.
            MergedSearch m;
            m.name = name;
            {
                auto q = db.prepare(
                    "SELECT id, params_json FROM searches WHERE dataset_id = ? AND mode = ? AND "
                    "selection = ? AND grid_json = ? ORDER BY id");
                q.bind(1, *target_ds).bind(2, s.mode).bind(3, s.selection).bind(4, s.grid_json);
                while (q.step()) {
                    if (unsharded(q.text(1)) == params) {
                        m.search_id = q.int64(0);
                        break;
                    }
                }
            }
            if (m.search_id) {
                db.prepare("UPDATE searches SET name = ?, params_json = ? WHERE id = ?")
                    .bind(1, name)
                    .bind(2, params)
                    .bind(3, m.search_id)
                    .run();
            } else {
                db.prepare(
                      "INSERT INTO searches(dataset_id, name, mode, selection, grid_json, "
                      "params_json, "
                      "status, created_at) VALUES(?,?,?,?,?,?,'cancelled',?)")
                    .bind(1, *target_ds)
                    .bind(2, name)
                    .bind(3, s.mode)
                    .bind(4, s.selection)
                    .bind(5, s.grid_json)
                    .bind(6, params)
                    .bind(7, s.created_at)
                    .run();
                m.search_id = db.last_insert_id();
                m.created = true;
            }

            // Trials the target has finished.
            std::set<std::pair<std::string, std::int64_t>> have;
            {
                auto q = db.prepare(
                    "SELECT trial_key, rung FROM runs WHERE search_id = ? AND status IN "
                    "('complete','pruned','failed')");
                q.bind(1, m.search_id);
                while (q.step()) have.insert({q.text(0), q.int64(1)});
            }
            auto runs = db.prepare(
                "SELECT id, trial_key, rung, status FROM src.runs WHERE search_id = ? ORDER BY id");
            runs.bind(1, s.id);
            auto drop_unfinished = db.prepare(
                "DELETE FROM runs WHERE search_id = ? AND trial_key = ? AND rung = ? AND status "
                "NOT IN "
                "('complete','pruned','failed')");
            auto copy_run = db.prepare(
                "INSERT INTO runs(dataset_id, search_id, trial_key, rung, name, hparams_json, "
                "train_json, "
                "status, started_at, finished_at, epochs_done, train_acc, val_acc, train_loss, "
                "val_loss, "
                "seconds, error) SELECT ?, ?, trial_key, rung, name, hparams_json, train_json, "
                "status, "
                "started_at, finished_at, epochs_done, train_acc, val_acc, train_loss, val_loss, "
                "seconds, "
                "error FROM src.runs WHERE id = ?");
            auto copy_epochs = db.prepare(
                "INSERT INTO epochs(run_id, epoch, train_loss, train_acc, val_loss, val_acc, "
                "images_per_s, seconds) SELECT ?, epoch, train_loss, train_acc, val_loss, val_acc, "
                "images_per_s, seconds FROM src.epochs WHERE run_id = ?");
            auto copy_losses = db.prepare(
                "INSERT INTO batch_losses(run_id, step, loss) SELECT ?, step, loss FROM "
                "src.batch_losses WHERE run_id = ?");
            auto copy_models = db.prepare(
                "INSERT INTO models(run_id, name, created_at, data) SELECT ?, name, created_at, "
                "data "
                "FROM src.models WHERE run_id = ?");
            while (runs.step()) {
                const auto old_id = runs.int64(0);
                const std::string key = runs.text(1);
                const auto rung = runs.int64(2);
                const std::string status = runs.text(3);
                const bool finished =
                    status == "complete" || status == "pruned" || status == "failed";
                if (!finished || have.count({key, rung})) {
                    ++m.runs_skipped;
                    continue;
                }
                drop_unfinished.bind(1, m.search_id).bind(2, key).bind(3, rung).run();
                copy_run.bind(1, *target_ds).bind(2, m.search_id).bind(3, old_id).run();
                const auto new_id = db.last_insert_id();
                copy_epochs.bind(1, new_id).bind(2, old_id).run();
                copy_losses.bind(1, new_id).bind(2, old_id).run();
                copy_models.bind(1, new_id).bind(2, old_id).run();
                have.insert({key, rung});
                ++m.runs_added;
            }
            finish(db, m);
            tx.commit();

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
