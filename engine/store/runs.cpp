#include "engine/store/runs.h"

#include <cmath>

#include "engine/common/error.h"
#include "engine/common/json.h"
#include "engine/store/project.h"

namespace flowcnn::store {
namespace {

std::optional<double> opt_real(const Statement& q, int c) {
    return q.is_null(c) ? std::nullopt : std::optional<double>(q.real(c));
}
std::string opt_text(const Statement& q, int c) { return q.is_null(c) ? std::string() : q.text(c); }
// Empty text is stored as NULL (names, trial keys, errors).
Statement& bind_text_or_null(Statement& q, int i, std::string_view v) {
    return v.empty() ? q.bind_null(i) : q.bind(i, v);
}

// Schema names come from code ("main", "src"), never from users: safe to splice into SQL.
std::string run_columns(std::string_view schema = "main") {
    const std::string s(schema);
    return "SELECT r.id, r.dataset_id, r.search_id, r.trial_key, r.rung, r.name, r.hparams_json, "
           "r.train_json, r.status, r.started_at, r.finished_at, r.epochs_done, r.train_acc, r.val_acc, "
           "r.train_loss, r.val_loss, r.seconds, r.error, "
           "(SELECT MAX(m.id) FROM " + s + ".models m WHERE m.run_id = r.id) FROM " + s + ".runs r ";
}

RunSummary read_run(const Statement& q) {
    RunSummary s;
    s.id = q.int64(0);
    s.dataset_id = q.int64(1);
    if (!q.is_null(2)) s.search_id = q.int64(2);
    s.trial_key = opt_text(q, 3);
    s.rung = static_cast<int>(q.int64(4));
    s.name = opt_text(q, 5);
    s.hparams_json = q.text(6);
    s.kind = run_model_kind(s.hparams_json);
    s.train_json = q.text(7);
    s.status = q.text(8);
    s.started_at = q.text(9);
    s.finished_at = opt_text(q, 10);
    s.epochs_done = static_cast<int>(q.int64(11));
    s.train_acc = opt_real(q, 12);
    s.val_acc = opt_real(q, 13);
    s.train_loss = opt_real(q, 14);
    s.val_loss = opt_real(q, 15);
    s.seconds = opt_real(q, 16);
    s.error = opt_text(q, 17);
    if (!q.is_null(18)) s.model_id = q.int64(18);
    return s;
}

std::vector<RunSummary> read_runs(Statement& q) {
    std::vector<RunSummary> out;
    while (q.step()) out.push_back(read_run(q));
    return out;
}

}  // namespace

model::ModelKind run_model_kind(std::string_view hparams_json) {
    try {
        const auto j = model::Json::parse(hparams_json);
        if (!j.is_object()) return model::ModelKind::Cnn;
        const std::string kind = j.get("model", std::string_view());
        if (kind == "knn") return model::ModelKind::Knn;
        if (kind == "gbt") return model::ModelKind::Gbt;
    } catch (const FormatError&) {
        // Listed as a CNN run; the text stays in hparams_json.
    }
    return model::ModelKind::Cnn;
}

std::vector<RunSummary> list_runs(Database& db, std::optional<std::int64_t> dataset_id) {
    auto q = db.prepare(run_columns() +
                        (dataset_id ? "WHERE r.dataset_id = ? ORDER BY r.id DESC" : "ORDER BY r.id DESC"));
    if (dataset_id) q.bind(1, *dataset_id);
    return read_runs(q);
}

std::vector<RunSummary> search_runs(Database& db, std::int64_t search_id, std::string_view schema) {
    auto q = db.prepare(run_columns(schema) + "WHERE r.search_id = ? ORDER BY r.id");
    q.bind(1, search_id);
    return read_runs(q);
}

bool finished_status(std::string_view s) { return s == "complete" || s == "pruned" || s == "failed"; }

std::optional<RunSummary> find_run(Database& db, std::int64_t run_id) {
    auto q = db.prepare(run_columns() + "WHERE r.id = ?");
    q.bind(1, run_id);
    if (!q.step()) return std::nullopt;
    return read_run(q);
}

RunSummary get_run(Database& db, std::int64_t run_id) {
    auto r = find_run(db, run_id);
    if (!r) throw ConfigError("no run " + std::to_string(run_id));
    return std::move(*r);
}

std::int64_t insert_run(Database& db, const NewRun& run) {
    auto q = db.prepare(
        "INSERT INTO runs(dataset_id, search_id, trial_key, rung, name, hparams_json, train_json, "
        "status, started_at) VALUES(?,?,?,?,?,?,?,'running',?)");
    q.bind(1, run.dataset_id).bind(2, run.search_id);
    bind_text_or_null(q, 3, run.trial_key);
    q.bind(4, run.rung);
    bind_text_or_null(q, 5, run.name);
    q.bind(6, run.hparams_json).bind(7, run.train_json).bind(8, utc_now_iso());
    q.run();
    return db.last_insert_id();
}

void set_run_progress(Database& db, std::int64_t run_id, const RunMetrics& m, std::optional<double> seconds) {
    auto q = db.prepare(std::string("UPDATE runs SET epochs_done=?, train_acc=?, train_loss=?, val_acc=?, val_loss=?") +
                        (seconds ? ", seconds=? WHERE id=?" : " WHERE id=?"));
    q.bind(1, m.epochs_done).bind(2, m.train_acc).bind(3, m.train_loss).bind(4, m.val_acc).bind(5, m.val_loss);
    if (seconds) q.bind(6, *seconds).bind(7, run_id);
    else q.bind(6, run_id);
    q.run();
}

void finish_run(Database& db, std::int64_t run_id, std::string_view status, const RunMetrics& m,
                std::optional<double> seconds, std::string_view error) {
    auto q = db.prepare(
        "UPDATE runs SET status=?, finished_at=?, epochs_done=?, train_acc=?, train_loss=?, val_acc=?, "
        "val_loss=?, seconds=?, error=? WHERE id=?");
    q.bind(1, status).bind(2, utc_now_iso()).bind(3, m.epochs_done);
    q.bind(4, m.train_acc).bind(5, m.train_loss).bind(6, m.val_acc).bind(7, m.val_loss).bind(8, seconds);
    bind_text_or_null(q, 9, error);
    q.bind(10, run_id);
    q.run();
    // A complete run cannot be resumed: its checkpoint (weights and optimizer state, tens of MB)
    // has done its job; the model stays in `models`.
    if (status == "complete") db.prepare("DELETE FROM checkpoints WHERE run_id = ?").bind(1, run_id).run();
}

std::int64_t drop_finished_checkpoints(Database& db) {
    db.exec("DELETE FROM checkpoints WHERE run_id IN (SELECT id FROM runs WHERE status = 'complete')");
    return db.changes();
}

void set_run_cancelled(Database& db, std::int64_t run_id, std::optional<double> seconds) {
    auto q = db.prepare("UPDATE runs SET status='cancelled', seconds=?, finished_at=? WHERE id=?");
    q.bind(1, seconds).bind(2, utc_now_iso()).bind(3, run_id);
    q.run();
}

void set_run_failed(Database& db, std::int64_t run_id, std::string_view error) noexcept {
    try {
        auto q = db.prepare("UPDATE runs SET status='failed', error=?, finished_at=? WHERE id=?");
        q.bind(1, error).bind(2, utc_now_iso()).bind(3, run_id);
        q.run();
    } catch (...) {
    }
}

void set_run_status(Database& db, std::int64_t run_id, std::string_view status) {
    db.prepare("UPDATE runs SET status=? WHERE id=?").bind(1, status).bind(2, run_id).run();
}

void restart_run(Database& db, std::int64_t run_id, std::string_view train_json) {
    auto q = db.prepare("UPDATE runs SET status='running', error=NULL, finished_at=NULL, train_json=? WHERE id=?");
    q.bind(1, train_json).bind(2, run_id);
    q.run();
}

void delete_run(Database& db, std::int64_t run_id) {
    db.prepare("DELETE FROM epochs WHERE run_id = ?").bind(1, run_id).run();
    db.prepare("DELETE FROM runs WHERE id = ?").bind(1, run_id).run();
}

void delete_unfinished_trials(Database& db, std::int64_t search_id) {
    db.prepare("DELETE FROM runs WHERE search_id = ? AND status IN ('running','cancelled')").bind(1, search_id).run();
}

std::vector<StoredEpoch> run_epochs(Database& db, std::int64_t run_id) {
    auto q = db.prepare(
        "SELECT epoch, train_loss, train_acc, val_loss, val_acc, images_per_s, seconds FROM epochs "
        "WHERE run_id = ? ORDER BY epoch");
    q.bind(1, run_id);
    std::vector<StoredEpoch> out;
    while (q.step()) {
        StoredEpoch e;
        e.epoch = static_cast<int>(q.int64(0));
        e.train_loss = opt_real(q, 1);
        e.train_acc = opt_real(q, 2);
        e.val_loss = opt_real(q, 3);
        e.val_acc = opt_real(q, 4);
        e.images_per_s = opt_real(q, 5);
        e.seconds = opt_real(q, 6);
        out.push_back(e);
    }
    return out;
}

void put_epoch(Database& db, std::int64_t run_id, const StoredEpoch& e) {
    auto q = db.prepare(
        "INSERT OR REPLACE INTO epochs(run_id, epoch, train_loss, train_acc, val_loss, val_acc, "
        "images_per_s, seconds) VALUES(?,?,?,?,?,?,?,?)");
    q.bind(1, run_id).bind(2, e.epoch).bind(3, e.train_loss).bind(4, e.train_acc).bind(5, e.val_loss);
    q.bind(6, e.val_acc).bind(7, e.images_per_s).bind(8, e.seconds);
    q.run();
}

void delete_epochs_after(Database& db, std::int64_t run_id, int epoch) {
    db.prepare("DELETE FROM epochs WHERE run_id=? AND epoch>?").bind(1, run_id).bind(2, epoch).run();
}

std::vector<std::pair<std::int64_t, double>> run_batch_losses(Database& db, std::int64_t run_id) {
    auto q = db.prepare("SELECT step, loss FROM batch_losses WHERE run_id = ? ORDER BY step");
    q.bind(1, run_id);
    std::vector<std::pair<std::int64_t, double>> out;
    while (q.step()) out.emplace_back(q.int64(0), q.real(1));
    return out;
}

void put_batch_losses(Database& db, std::int64_t run_id, std::span<const std::pair<std::int64_t, double>> losses) {
    auto q = db.prepare("INSERT OR REPLACE INTO batch_losses(run_id, step, loss) VALUES(?,?,?)");
    for (const auto& [step, loss] : losses) {
        // loss is NOT NULL and SQLite stores a NaN as NULL: a diverged batch is kept as huge.
        q.bind(1, run_id).bind(2, step).bind(3, std::isfinite(loss) ? loss : 1e30);
        q.run();
    }
}

std::optional<StoredCheckpoint> run_checkpoint(Database& db, std::int64_t run_id) {
    auto q = db.prepare("SELECT epoch, data FROM checkpoints WHERE run_id=?");
    q.bind(1, run_id);
    if (!q.step()) return std::nullopt;
    return StoredCheckpoint{static_cast<int>(q.int64(0)), q.blob(1)};
}

void put_checkpoint(Database& db, std::int64_t run_id, int epoch, std::span<const std::uint8_t> data) {
    auto q = db.prepare("INSERT OR REPLACE INTO checkpoints(run_id, epoch, data) VALUES(?,?,?)");
    q.bind(1, run_id).bind(2, epoch).bind_blob(3, data);
    q.run();
}

std::int64_t insert_model(Database& db, std::int64_t run_id, std::string_view name,
                          std::span<const std::uint8_t> data) {
    auto q = db.prepare("INSERT INTO models(run_id, name, created_at, data) VALUES(?,?,?,?)");
    q.bind(1, run_id).bind(2, name).bind(3, utc_now_iso()).bind_blob(4, data);
    q.run();
    return db.last_insert_id();
}

std::vector<std::uint8_t> run_model_bytes(Database& db, std::int64_t run_id) {
    auto q = db.prepare("SELECT data FROM models WHERE run_id = ? ORDER BY id DESC LIMIT 1");
    q.bind(1, run_id);
    if (!q.step()) throw ConfigError("run " + std::to_string(run_id) + " has no saved model");
    return q.blob(0);
}

std::vector<std::uint8_t> model_bytes(Database& db, std::int64_t model_id) {
    auto q = db.prepare("SELECT data FROM models WHERE id = ?");
    q.bind(1, model_id);
    if (!q.step()) throw ConfigError("no model " + std::to_string(model_id));
    return q.blob(0);
}

std::optional<std::int64_t> latest_model_id(Database& db) {
    auto q = db.prepare("SELECT MAX(id) FROM models");
    if (!q.step() || q.is_null(0)) return std::nullopt;
    return q.int64(0);
}

void delete_search_models(Database& db, std::int64_t search_id, std::optional<std::int64_t> keep_run) {
    auto q = db.prepare(
        "DELETE FROM models WHERE run_id IN (SELECT id FROM runs WHERE search_id = ?) AND run_id IS NOT ?");
    q.bind(1, search_id).bind(2, keep_run);
    q.run();
}

std::vector<ModelListing> list_models(Database& db) {
    auto st = db.prepare(
        "SELECT m.id, m.name, m.created_at, COALESCE(r.hparams_json, '') FROM models m "
        "LEFT JOIN runs r ON r.id = m.run_id ORDER BY m.id DESC");
    std::vector<ModelListing> out;
    while (st.step()) out.push_back({st.int64(0), st.text(1), st.text(2), st.text(3)});
    return out;
}

}  // namespace flowcnn::store
