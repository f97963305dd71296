#include "engine/store/searches.h"

#include "engine/common/error.h"
#include "engine/store/project.h"

namespace flowcnn::store {
namespace {

// Schema names come from code ("main", "src"), never from users: safe to splice into SQL.
std::string search_columns(std::string_view schema) {
    return "SELECT id, dataset_id, name, mode, selection, grid_json, params_json, status, created_at, "
           "best_run_id FROM " + std::string(schema) + ".searches ";
}

StoredSearch read_search(const Statement& q) {
    StoredSearch s;
    s.id = q.int64(0);
    s.dataset_id = q.int64(1);
    s.name = q.text(2);
    s.mode = q.text(3);
    s.selection = q.text(4);
    s.grid_json = q.text(5);
    s.params_json = q.text(6);
    s.status = q.text(7);
    s.created_at = q.text(8);
    if (!q.is_null(9)) s.best_run_id = q.int64(9);
    return s;
}

std::vector<StoredSearch> read_searches(Statement& q) {
    std::vector<StoredSearch> out;
    while (q.step()) out.push_back(read_search(q));
    return out;
}

}  // namespace

std::vector<SearchSummary> list_searches(Database& db) {
    auto q = db.prepare(
        "SELECT s.id, s.dataset_id, s.name, s.mode, s.selection, s.status, s.created_at, "
        "s.best_run_id, b.train_acc, b.val_acc, "
        "(SELECT count(*) FROM runs r WHERE r.search_id = s.id), "
        "(SELECT count(*) FROM runs r WHERE r.search_id = s.id AND r.status IN "
        "('complete','pruned','failed')) "
        "FROM searches s LEFT JOIN runs b ON b.id = s.best_run_id ORDER BY s.id");
    std::vector<SearchSummary> out;
    while (q.step()) {
        SearchSummary s;
        s.id = q.int64(0);
        s.dataset_id = q.int64(1);
        s.name = q.text(2);
        s.mode = q.text(3);
        s.selection = q.text(4);
        s.status = q.text(5);
        s.created_at = q.text(6);
        if (!q.is_null(7)) s.best_run_id = q.int64(7);
        if (!q.is_null(8)) s.best_train_acc = q.real(8);
        if (!q.is_null(9)) s.best_val_acc = q.real(9);
        s.trials = static_cast<std::size_t>(q.int64(10));
        s.finished = static_cast<std::size_t>(q.int64(11));
        out.push_back(std::move(s));
    }
    return out;
}

std::vector<StoredSearch> stored_searches(Database& db, std::string_view schema) {
    auto q = db.prepare(search_columns(schema) + "ORDER BY id");
    return read_searches(q);
}

std::optional<StoredSearch> find_search(Database& db, std::int64_t search_id) {
    auto q = db.prepare(search_columns("main") + "WHERE id = ?");
    q.bind(1, search_id);
    if (!q.step()) return std::nullopt;
    return read_search(q);
}

StoredSearch get_search(Database& db, std::int64_t search_id) {
    auto s = find_search(db, search_id);
    if (!s) throw ConfigError("no search with id " + std::to_string(search_id));
    return std::move(*s);
}

std::vector<StoredSearch> searches_like(Database& db, std::int64_t dataset_id, std::string_view mode,
                                        std::string_view selection, std::string_view grid_json) {
    auto q = db.prepare(search_columns("main") +
                        "WHERE dataset_id = ? AND mode = ? AND selection = ? AND grid_json = ? ORDER BY id");
    q.bind(1, dataset_id).bind(2, mode).bind(3, selection).bind(4, grid_json);
    return read_searches(q);
}

std::int64_t insert_search(Database& db, const StoredSearch& s) {
    db.prepare(
          "INSERT INTO searches(dataset_id, name, mode, selection, grid_json, params_json, status, created_at) "
          "VALUES(?,?,?,?,?,?,?,?)")
        .bind(1, s.dataset_id)
        .bind(2, s.name)
        .bind(3, s.mode)
        .bind(4, s.selection)
        .bind(5, s.grid_json)
        .bind(6, s.params_json)
        .bind(7, s.status)
        .bind(8, s.created_at.empty() ? utc_now_iso() : s.created_at)
        .run();
    return db.last_insert_id();
}

void set_search_status(Database& db, std::int64_t search_id, std::string_view status,
                       std::optional<std::int64_t> best_run_id) {
    db.prepare("UPDATE searches SET status = ?, best_run_id = ? WHERE id = ?")
        .bind(1, status)
        .bind(2, best_run_id)
        .bind(3, search_id)
        .run();
}

void set_search_best_run(Database& db, std::int64_t search_id, std::int64_t run_id) {
    db.prepare("UPDATE searches SET best_run_id = ? WHERE id = ?").bind(1, run_id).bind(2, search_id).run();
}

void rename_search(Database& db, std::int64_t search_id, std::string_view name, std::string_view params_json) {
    db.prepare("UPDATE searches SET name = ?, params_json = ? WHERE id = ?")
        .bind(1, name)
        .bind(2, params_json)
        .bind(3, search_id)
        .run();
}

void reopen_search(Database& db, std::int64_t search_id) {
    db.prepare("UPDATE searches SET status = 'running' WHERE id = ? AND status != 'complete'").bind(1, search_id).run();
}

void delete_unfinished_trial(Database& db, std::int64_t search_id, std::string_view trial_key, std::int64_t rung) {
    db.prepare(
          "DELETE FROM runs WHERE search_id = ? AND trial_key = ? AND rung = ? AND status NOT IN "
          "('complete','pruned','failed')")
        .bind(1, search_id)
        .bind(2, trial_key)
        .bind(3, rung)
        .run();
}

std::int64_t copy_trial(Database& db, std::string_view schema, std::int64_t run_id, std::int64_t dataset_id,
                        std::int64_t search_id) {
    const std::string from = std::string(schema) + ".";
    db.prepare(
          "INSERT INTO runs(dataset_id, search_id, trial_key, rung, name, hparams_json, train_json, status, "
          "started_at, finished_at, epochs_done, train_acc, val_acc, train_loss, val_loss, seconds, error) "
          "SELECT ?, ?, trial_key, rung, name, hparams_json, train_json, status, started_at, finished_at, "
          "epochs_done, train_acc, val_acc, train_loss, val_loss, seconds, error FROM " + from + "runs WHERE id = ?")
        .bind(1, dataset_id)
        .bind(2, search_id)
        .bind(3, run_id)
        .run();
    const auto new_id = db.last_insert_id();
    db.prepare(
          "INSERT INTO epochs(run_id, epoch, train_loss, train_acc, val_loss, val_acc, images_per_s, seconds) "
          "SELECT ?, epoch, train_loss, train_acc, val_loss, val_acc, images_per_s, seconds FROM " + from +
          "epochs WHERE run_id = ?")
        .bind(1, new_id)
        .bind(2, run_id)
        .run();
    db.prepare("INSERT INTO batch_losses(run_id, step, loss) SELECT ?, step, loss FROM " + from +
               "batch_losses WHERE run_id = ?")
        .bind(1, new_id)
        .bind(2, run_id)
        .run();
    db.prepare("INSERT INTO models(run_id, name, created_at, data) SELECT ?, name, created_at, data FROM " + from +
               "models WHERE run_id = ?")
        .bind(1, new_id)
        .bind(2, run_id)
        .run();
    return new_id;
}

}  // namespace flowcnn::store
