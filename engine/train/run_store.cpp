#include "engine/train/run_store.h"

#include <algorithm>
#include <chrono>
#include <functional>
#include <cmath>
#include <limits>
#include <optional>

#include "engine/common/error.h"
#include "engine/dataset/dataset_loader.h"
#include "engine/eval/evaluate.h"
#include "engine/features/flow_features.h"
#include "engine/model/classifier.h"
#include "engine/model/json.h"
#include "engine/store/project.h"

namespace flowcnn::train {
namespace {

using store::Database;

// `hparams_json`: a CNN's HyperParams::to_json(), or knn_hparams_json().
std::int64_t create_run(Database& db, std::int64_t dataset_id, const std::string& hparams_json,
                        const TrainOptions& o, const ProjectRunOptions& ro) {
    auto q = db.prepare(
        "INSERT INTO runs(dataset_id, search_id, trial_key, rung, name, hparams_json, train_json, "
        "status, started_at) VALUES(?,?,?,?,?,?,?,'running',?)");
    q.bind(1, dataset_id).bind(2, ro.search_id);
    if (ro.trial_key.empty()) q.bind_null(3);
    else q.bind(3, ro.trial_key);
    q.bind(4, ro.rung);
    if (ro.name.empty()) q.bind_null(5);
    else q.bind(5, ro.name);
    q.bind(6, hparams_json).bind(7, o.to_json()).bind(8, store::utc_now_iso());
    q.run();
    return db.last_insert_id();
}

void mark_failed(Database& db, std::int64_t run_id, const std::string& error) {
    try {
        auto q = db.prepare("UPDATE runs SET status='failed', error=?, finished_at=? WHERE id=?");
        q.bind(1, error).bind(2, store::utc_now_iso()).bind(3, run_id);
        q.run();
    } catch (...) {
        // The original error matters more than a failure to record it.
    }
}

dataset::ImageSet load(Database& db, std::int64_t dataset_id, const char* split) {
    return dataset::load_split(db, dataset_id, split);
}

}  // namespace

// The model file records how the images were made: the dataset's fill mode, and the captures'
// direction when all of the dataset's flows come from captures with one direction.
TrainOptions with_dataset_preprocessing(Database& db, std::int64_t dataset_id, TrainOptions o) {
    const auto pre = dataset::dataset_preprocessing(db, dataset_id);
    o.fill = pre.fill;
    o.payload_bytes = static_cast<int>(pre.payload_bytes);
    o.blank_session_fields = pre.blank_session_fields;
    auto d = db.prepare(
        "SELECT DISTINCT c.direction FROM captures c WHERE c.id IN (SELECT f.capture_id FROM "
        "dataset_flows df JOIN flows f ON f.id = df.flow_id WHERE df.dataset_id = ?) LIMIT 2");
    d.bind(1, dataset_id);
    std::vector<std::string> dirs;
    while (d.step()) dirs.push_back(d.text(0));
    if (dirs.size() == 1) flow::parse_direction(dirs[0], o.direction);
    return o;
}

namespace {

// Runs (or continues) training for an existing runs row and records everything.
ProjectRunResult run_training(Database& db, std::int64_t run_id, const dataset::ImageSet& train,
                              const dataset::ImageSet* val, const model::HyperParams& h,
                              const TrainOptions& o, const TrainCallbacks& user,
                              const CancelToken* cancel, const ProjectRunOptions& ro,
                              const Checkpoint* resume, double seconds_before) {
    ProjectRunResult out;
    out.run_id = run_id;
    std::vector<std::pair<std::int64_t, double>> pending_losses;
    std::optional<EpochMetrics> pending_epoch;

    auto write_epoch = [&](const Checkpoint* ck) {
        if (!pending_epoch) return;
        const EpochMetrics& e = *pending_epoch;
        store::Transaction tx(db);
        auto ep = db.prepare(
            "INSERT OR REPLACE INTO epochs(run_id, epoch, train_loss, train_acc, val_loss, val_acc, "
            "images_per_s, seconds) VALUES(?,?,?,?,?,?,?,?)");
        ep.bind(1, run_id).bind(2, e.epoch).bind(3, e.train_loss).bind(4, e.train_acc);
        if (e.has_val) ep.bind(5, e.val_loss).bind(6, e.val_acc);
        else ep.bind_null(5).bind_null(6);
        ep.bind(7, e.images_per_s).bind(8, e.seconds);
        ep.run();
        auto bl = db.prepare("INSERT OR REPLACE INTO batch_losses(run_id, step, loss) VALUES(?,?,?)");
        for (auto& [step, loss] : pending_losses) {
            bl.bind(1, run_id).bind(2, step).bind(3, std::isfinite(loss) ? loss : 1e30);
            bl.run();
        }
        auto up = db.prepare(
            "UPDATE runs SET epochs_done=?, train_acc=?, train_loss=?, val_acc=?, val_loss=? WHERE id=?");
        up.bind(1, e.epoch).bind(2, e.train_acc).bind(3, e.train_loss);
        if (e.has_val) up.bind(4, e.val_acc).bind(5, e.val_loss);
        else up.bind_null(4).bind_null(5);
        up.bind(6, run_id);
        up.run();
        if (ck) {
            auto c = db.prepare("INSERT OR REPLACE INTO checkpoints(run_id, epoch, data) VALUES(?,?,?)");
            c.bind(1, run_id).bind(2, ck->epoch).bind_blob(3, ck->data);
            c.run();
        }
        tx.commit();
        pending_losses.clear();
        pending_epoch.reset();
    };

    TrainCallbacks cb;
    cb.progress = user.progress;
    cb.on_batch = [&](const BatchMetrics& b) {
        pending_losses.emplace_back(b.step, b.loss);
        if (user.on_batch) user.on_batch(b);
    };
    cb.on_epoch = [&](const EpochMetrics& e) {
        pending_epoch = e;
        if (!ro.checkpoints) write_epoch(nullptr);
        if (user.on_epoch) user.on_epoch(e);
    };
    if (ro.checkpoints || user.on_checkpoint) {
        cb.on_checkpoint = [&](const Checkpoint& ck) {
            if (ro.checkpoints) write_epoch(&ck);
            if (user.on_checkpoint) user.on_checkpoint(ck);
        };
    }

    out.result = train_model(train, val, h, o, cb, cancel, resume);
    if (o.name_rules && !out.result.cancelled && !out.result.model_file.empty()) {
        // The rules come from the train split only, like the weights.
        if (train.names.size() != train.size())
            throw ConfigError("name rules need the training flows' server names (a project dataset)");
        auto mf = model::decode_model_file(out.result.model_file);
        mf.info.name_rules = baseline::NameRules::fit(train.names, train.labels, mf.info.classes.size());
        out.result.model_file = model::encode_model_file(mf.info, mf.weights);
        out.name_rules = mf.info.name_rules.size();
    }
    const TrainResult& r = out.result;
    const double seconds = seconds_before + r.seconds;
    if (r.cancelled) {
        auto q = db.prepare("UPDATE runs SET status='cancelled', seconds=?, finished_at=? WHERE id=?");
        q.bind(1, seconds).bind(2, store::utc_now_iso()).bind(3, run_id);
        q.run();
        out.status = "cancelled";
        return out;
    }
    if (ro.save_model) {
        auto q = db.prepare("INSERT INTO models(run_id, name, created_at, data) VALUES(?,?,?,?)");
        q.bind(1, run_id)
            .bind(2, ro.name.empty() ? "run " + std::to_string(run_id) : ro.name)
            .bind(3, store::utc_now_iso())
            .bind_blob(4, r.model_file);
        q.run();
        out.model_id = db.last_insert_id();
    }
    if (ro.evaluate) {
        model::Classifier clf(r.model_file, o.threads);
        if (val && val->size() > 0)
            out.evaluation_ids.push_back(eval::store_evaluation(db, run_id, eval::evaluate(clf, *val, "val", cancel)));
        out.evaluation_ids.push_back(eval::store_evaluation(db, run_id, eval::evaluate(clf, train, "train", cancel)));
    }
    // The run's summary metrics are those of its model (the best epoch when validating).
    const EpochMetrics& b = r.best_metrics;
    auto q = db.prepare(
        "UPDATE runs SET status='complete', finished_at=?, seconds=?, epochs_done=?, train_acc=?, "
        "train_loss=?, val_acc=?, val_loss=?, error=NULL WHERE id=?");
    q.bind(1, store::utc_now_iso()).bind(2, seconds).bind(3, static_cast<int>(r.epochs.size()));
    q.bind(4, b.train_acc).bind(5, b.train_loss);
    if (b.has_val) q.bind(6, b.val_acc).bind(7, b.val_loss);
    else q.bind_null(6).bind_null(7);
    q.bind(8, run_id);
    q.run();
    out.status = "complete";
    return out;
}

}  // namespace

ProjectRunResult train_in_project(Database& db, std::int64_t dataset_id,
                                  const dataset::ImageSet& train, const dataset::ImageSet* val,
                                  const model::HyperParams& hparams, const TrainOptions& options,
                                  const TrainCallbacks& callbacks, const CancelToken* cancel,
                                  const ProjectRunOptions& run_options) {
    options.validate();
    hparams.validate();
    const TrainOptions o = with_dataset_preprocessing(db, dataset_id, options);
    const std::int64_t run_id = create_run(db, dataset_id, hparams.to_json(), o, run_options);
    try {
        return run_training(db, run_id, train, val, hparams, o, callbacks, cancel, run_options,
                            nullptr, 0);
    } catch (const std::exception& e) {
        mark_failed(db, run_id, e.what());
        throw;
    }
}

ProjectRunResult train_in_project(Database& db, std::int64_t dataset_id,
                                  const model::HyperParams& hparams, const TrainOptions& options,
                                  const TrainCallbacks& callbacks, const CancelToken* cancel,
                                  const ProjectRunOptions& run_options) {
    options.validate();
    hparams.validate();
    dataset::ImageSet train = load(db, dataset_id, "train");
    if (train.size() == 0)
        throw ConfigError("dataset " + std::to_string(dataset_id) + " has no training images");
    dataset::ImageSet val = load(db, dataset_id, "val");
    return train_in_project(db, dataset_id, train, val.size() ? &val : nullptr, hparams, options,
                            callbacks, cancel, run_options);
}

ProjectRunResult train_in_project(const std::string& project_path, std::int64_t dataset_id,
                                  const model::HyperParams& hparams, const TrainOptions& options,
                                  const TrainCallbacks& callbacks, const CancelToken* cancel,
                                  const ProjectRunOptions& run_options) {
    auto project = store::Project::open(project_path);
    return train_in_project(project.db(), dataset_id, hparams, options, callbacks, cancel, run_options);
}

ProjectRunResult resume_in_project(Database& db, std::int64_t run_id, const TrainCallbacks& callbacks,
                                   const CancelToken* cancel, int epochs_override) {
    auto q = db.prepare(
        "SELECT dataset_id, hparams_json, train_json, status, COALESCE(seconds, 0), name, search_id, "
        "trial_key, rung FROM runs WHERE id=?");
    q.bind(1, run_id);
    if (!q.step()) throw ConfigError("no run " + std::to_string(run_id));
    const std::int64_t dataset_id = q.int64(0);
    if (model::KnnParams knn; parse_knn_hparams(q.text(1), knn))
        throw ConfigError("run " + std::to_string(run_id) +
                          " is a k-NN model: it has nothing to resume (build it again)");
    if (gbt::GbtParams g; parse_gbt_hparams(q.text(1), g))
        throw ConfigError("run " + std::to_string(run_id) +
                          " is a gradient-boosted trees model: it has nothing to resume (build it again)");
    const auto hparams = model::HyperParams::from_json(q.text(1));
    auto options = TrainOptions::from_json(q.text(2));
    const std::string status = q.text(3);
    const double seconds = q.real(4);
    ProjectRunOptions ro;
    if (!q.is_null(5)) ro.name = q.text(5);
    if (!q.is_null(6)) ro.search_id = q.int64(6);
    if (!q.is_null(7)) ro.trial_key = q.text(7);
    ro.rung = static_cast<int>(q.int64(8));
    q.reset();
    if (status == "complete")
        throw ConfigError("run " + std::to_string(run_id) + " is already complete");
    if (epochs_override > 0) options.epochs = epochs_override;

    Checkpoint ck;
    {
        auto c = db.prepare("SELECT epoch, data FROM checkpoints WHERE run_id=?");
        c.bind(1, run_id);
        if (c.step()) {
            ck.epoch = static_cast<int>(c.int64(0));
            ck.data = c.blob(1);
        }
    }
    {
        // Forget anything recorded after the checkpoint (nothing, normally: epochs and checkpoints
        // are written in one transaction).
        auto d = db.prepare("DELETE FROM epochs WHERE run_id=? AND epoch>?");
        d.bind(1, run_id).bind(2, ck.epoch);
        d.run();
        auto u = db.prepare(
            "UPDATE runs SET status='running', error=NULL, finished_at=NULL, train_json=? WHERE id=?");
        u.bind(1, options.to_json()).bind(2, run_id);
        u.run();
    }
    try {
        dataset::ImageSet train = load(db, dataset_id, "train");
        if (train.size() == 0)
            throw ConfigError("dataset " + std::to_string(dataset_id) + " has no training images");
        dataset::ImageSet val = load(db, dataset_id, "val");
        return run_training(db, run_id, train, val.size() ? &val : nullptr, hparams, options, callbacks,
                            cancel, ro, ck.data.empty() ? nullptr : &ck, seconds);
    } catch (const std::exception& e) {
        mark_failed(db, run_id, e.what());
        throw;
    }
}

namespace {
constexpr const char* kRunCols =
    "SELECT r.id, r.dataset_id, r.search_id, r.name, r.hparams_json, r.train_json, r.status, "
    "r.started_at, r.finished_at, r.epochs_done, r.train_acc, r.val_acc, r.train_loss, r.val_loss, "
    "r.seconds, r.error, (SELECT MAX(m.id) FROM models m WHERE m.run_id = r.id) FROM runs r ";

RunSummary read_run(store::Statement& q) {
    RunSummary s;
    s.id = q.int64(0);
    s.dataset_id = q.int64(1);
    if (!q.is_null(2)) s.search_id = q.int64(2);
    if (!q.is_null(3)) s.name = q.text(3);
    s.hparams_json = q.text(4);
    if (parse_knn_hparams(s.hparams_json, s.knn)) {
        s.kind = model::ModelKind::Knn;
    } else if (parse_gbt_hparams(s.hparams_json, s.gbt)) {
        s.kind = model::ModelKind::Gbt;
    } else {
        try {
            s.hparams = model::HyperParams::from_json(s.hparams_json);
        } catch (const FormatError&) {
            // Keep listing the run with default hyper-parameters; the text is in hparams_json.
        }
    }
    s.train_json = q.text(5);
    s.status = q.text(6);
    s.started_at = q.text(7);
    if (!q.is_null(8)) s.finished_at = q.text(8);
    s.epochs_done = static_cast<int>(q.int64(9));
    auto opt = [&](int c) { return q.is_null(c) ? std::optional<double>() : q.real(c); };
    s.train_acc = opt(10);
    s.val_acc = opt(11);
    s.train_loss = opt(12);
    s.val_loss = opt(13);
    s.seconds = opt(14);
    if (!q.is_null(15)) s.error = q.text(15);
    if (!q.is_null(16)) s.model_id = q.int64(16);
    return s;
}
}  // namespace

std::string knn_hparams_json(const model::KnnParams& p) {
    model::Json j = model::Json::object();
    j["model"] = "knn";
    j["k"] = p.k;
    j["distance"] = std::string(baseline::distance_name(p.distance));
    return j.dump();
}

bool parse_knn_hparams(std::string_view json, model::KnnParams& out) {
    try {
        const auto j = model::Json::parse(json);
        if (!j.is_object() || j.get("model", std::string_view()) != "knn") return false;
        model::KnnParams p;
        p.k = static_cast<int>(std::clamp<std::int64_t>(j.get_int("k", 1), 1, 1000));
        if (!baseline::parse_distance(j.get("distance", std::string_view("hamming")), p.distance)) return false;
        out = p;
        return true;
    } catch (const FormatError&) {
        return false;
    }
}

std::vector<std::int64_t> run_train_flow_ids(Database& db, std::int64_t run_id) {
    return load(db, get_run(db, run_id).dataset_id, "train").flow_ids;
}

std::string describe_run_model(const RunSummary& r) {
    model::ModelInfo info;
    info.kind = r.kind;
    info.hparams = r.hparams;
    info.knn = r.knn;
    if (r.kind == model::ModelKind::Gbt) info.gbt_json = gbt::gbt_params_to_json(r.gbt);
    return model::describe_model(info);
}

namespace {

// A model built at once rather than trained over epochs (k-NN, gradient-boosted trees) as a run:
// the run row, then `build` (which returns the model's weights and may complete `info`, e.g. with
// its calibration), the model file, its evaluations on the val and train splits and one epoch row
// with their accuracies. Cancelled: the run says so; failed: the run keeps the error.
ProjectRunResult record_built_model(Database& db, std::int64_t dataset_id, const std::string& hparams_json,
                                    const TrainOptions& o, const ProjectRunOptions& ro, model::ModelInfo info,
                                    const dataset::ImageSet& train, const dataset::ImageSet& val,
                                    const std::function<std::vector<std::uint8_t>(model::ModelInfo&)>& build,
                                    const CancelToken* cancel) {
    const auto start = std::chrono::steady_clock::now();
    info.classes = train.classes;
    info.preprocessing = o.preprocessing();
    info.train_json = o.to_json();
    info.created_at = store::utc_now_iso();
    if (o.name_rules) {
        if (train.names.size() != train.size())
            throw ConfigError("name rules need the training flows' server names (a project dataset)");
        info.name_rules = baseline::NameRules::fit(train.names, train.labels, info.classes.size());
    }
    ProjectRunResult out;
    out.run_id = create_run(db, dataset_id, hparams_json, o, ro);
    info.name = ro.name.empty() ? "run " + std::to_string(out.run_id) : ro.name;
    try {
        out.name_rules = info.name_rules.size();
        const auto weights = build(info);
        out.result.model_file = model::encode_model_file(info, weights);
        model::Classifier clf(out.result.model_file, o.threads);
        std::optional<eval::EvaluationResult> val_eval;
        if (val.size() > 0) val_eval = eval::evaluate(clf, val, "val", cancel);
        const auto train_eval = eval::evaluate(clf, train, "train", cancel);
        const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();

        EpochMetrics& e = out.result.best_metrics;
        e.epoch = 1;
        e.train_acc = train_eval.metrics.accuracy;
        e.has_val = val_eval.has_value();
        if (val_eval) e.val_acc = val_eval->metrics.accuracy;
        e.seconds = seconds;
        out.result.epochs = {e};
        out.result.best_epoch = 1;
        out.result.final_metrics = e;
        out.result.seconds = seconds;

        if (ro.save_model) {
            auto m = db.prepare("INSERT INTO models(run_id, name, created_at, data) VALUES(?,?,?,?)");
            m.bind(1, out.run_id).bind(2, info.name).bind(3, store::utc_now_iso()).bind_blob(4, out.result.model_file);
            m.run();
            out.model_id = db.last_insert_id();
        }
        if (ro.evaluate) {
            if (val_eval) out.evaluation_ids.push_back(eval::store_evaluation(db, out.run_id, *val_eval));
            out.evaluation_ids.push_back(eval::store_evaluation(db, out.run_id, train_eval));
        }
        store::Transaction tx(db);
        auto ep = db.prepare(
            "INSERT OR REPLACE INTO epochs(run_id, epoch, train_acc, val_acc, seconds) VALUES(?,1,?,?,?)");
        ep.bind(1, out.run_id).bind(2, e.train_acc);
        if (e.has_val) ep.bind(3, e.val_acc);
        else ep.bind_null(3);
        ep.bind(4, seconds);
        ep.run();
        auto up = db.prepare(
            "UPDATE runs SET status='complete', finished_at=?, seconds=?, epochs_done=1, train_acc=?, "
            "val_acc=?, error=NULL WHERE id=?");
        up.bind(1, store::utc_now_iso()).bind(2, seconds).bind(3, e.train_acc);
        if (e.has_val) up.bind(4, e.val_acc);
        else up.bind_null(4);
        up.bind(5, out.run_id);
        up.run();
        tx.commit();
    } catch (const CancelledError&) {
        auto c = db.prepare("UPDATE runs SET status='cancelled', finished_at=? WHERE id=?");
        c.bind(1, store::utc_now_iso()).bind(2, out.run_id);
        c.run();
        out.status = "cancelled";
        out.result.cancelled = true;
        return out;
    } catch (const std::exception& e) {
        mark_failed(db, out.run_id, e.what());
        throw;
    }
    out.status = "complete";
    return out;
}

TrainOptions built_model_options(Database& db, std::int64_t dataset_id, int threads, bool name_rules) {
    TrainOptions o;
    o.threads = threads;
    o.name_rules = name_rules;
    return with_dataset_preprocessing(db, dataset_id, o);
}

}  // namespace

ProjectRunResult knn_in_project(Database& db, std::int64_t dataset_id, const KnnRunOptions& options,
                                const CancelToken* cancel, const ProjectRunOptions& ro) {
    if (options.params.k < 1 || options.params.k > 1000) throw ConfigError("k-NN: k must be 1 to 1000");
    dataset::ImageSet train = load(db, dataset_id, "train");
    if (train.size() == 0) throw ConfigError("dataset " + std::to_string(dataset_id) + " has no training images");
    if (train.classes.size() < 2) throw ConfigError("a model needs at least 2 classes in the train split");
    const std::uint64_t model_bytes = train.size() * (flow::kImageBytes + 4);
    if (model_bytes > options.max_model_bytes)
        throw ConfigError("a k-NN model of " + std::to_string(train.size()) + " training flows would take " +
                          std::to_string(model_bytes / 1'000'000) + " MB, more than the " +
                          std::to_string(options.max_model_bytes / 1'000'000) +
                          " MB a project stores per model: make a dataset with fewer training flows "
                          "(dataset create --per-class or --max-per-capture)");
    dataset::ImageSet val = load(db, dataset_id, "val");
    model::ModelInfo info;
    info.kind = model::ModelKind::Knn;
    info.knn = options.params;
    return record_built_model(db, dataset_id, knn_hparams_json(options.params),
                              built_model_options(db, dataset_id, options.threads, options.name_rules), ro,
                              std::move(info), train, val,
                              [&](model::ModelInfo&) { return model::encode_knn_images(train); }, cancel);
}

ProjectRunResult gbt_in_project(Database& db, std::int64_t dataset_id, const GbtRunOptions& options,
                                const ProgressFn& progress, const CancelToken* cancel, const ProjectRunOptions& ro) {
    gbt::validate(options.params);
    dataset::ImageSet train = load(db, dataset_id, "train");
    if (train.size() == 0) throw ConfigError("dataset " + std::to_string(dataset_id) + " has no training flows");
    if (train.classes.size() < 2) throw ConfigError("a model needs at least 2 classes in the train split");
    dataset::ImageSet val = load(db, dataset_id, "val");
    model::ModelInfo info;
    info.kind = model::ModelKind::Gbt;
    info.gbt_json = gbt::gbt_params_to_json(options.params);
    info.feature_version = features::kFeatureVersion;
    info.feature_count = static_cast<int>(features::feature_count());
    auto params = options.params;
    params.threads = options.threads;
    return record_built_model(
        db, dataset_id, gbt_hparams_json(options.params),
        built_model_options(db, dataset_id, options.threads, options.name_rules), ro, std::move(info), train, val,
        [&](model::ModelInfo& mi) {
            auto trees = gbt::GbtModel::fit(train.features.data(), train.size(), train.feature_stride,
                                            train.labels.data(), train.classes.size(), params, progress, cancel);
            mi.unknown_json = unknown::to_json(gbt::calibrate(trees, val));
            return trees.save();
        },
        cancel);
}

std::string gbt_hparams_json(const gbt::GbtParams& p) {
    auto j = model::Json::parse(gbt::gbt_params_to_json(p));
    j["model"] = "gbt";
    return j.dump();
}

bool parse_gbt_hparams(std::string_view json, gbt::GbtParams& out) {
    try {
        const auto j = model::Json::parse(json);
        if (!j.is_object() || j.get("model", std::string_view()) != "gbt") return false;
        out = gbt::gbt_params_from_json(std::string(json));
        return true;
    } catch (const FormatError&) {
        return false;
    }
}

std::vector<RunSummary> list_runs(Database& db, std::optional<std::int64_t> dataset_id) {
    auto q = db.prepare(std::string(kRunCols) +
                        (dataset_id ? "WHERE r.dataset_id = ? ORDER BY r.id DESC" : "ORDER BY r.id DESC"));
    if (dataset_id) q.bind(1, *dataset_id);
    std::vector<RunSummary> out;
    while (q.step()) out.push_back(read_run(q));
    return out;
}

RunSummary get_run(Database& db, std::int64_t run_id) {
    auto q = db.prepare(std::string(kRunCols) + "WHERE r.id = ?");
    q.bind(1, run_id);
    if (!q.step()) throw ConfigError("no run " + std::to_string(run_id));
    return read_run(q);
}

std::vector<EpochMetrics> run_epochs(Database& db, std::int64_t run_id) {
    auto q = db.prepare(
        "SELECT epoch, train_loss, train_acc, val_loss, val_acc, images_per_s, seconds FROM epochs "
        "WHERE run_id = ? ORDER BY epoch");
    q.bind(1, run_id);
    std::vector<EpochMetrics> out;
    while (q.step()) {
        EpochMetrics e;
        e.epoch = static_cast<int>(q.int64(0));
        // No loss (a k-NN run's epoch): NaN, which plots leave out instead of drawing a 0.
        e.train_loss = q.is_null(1) ? std::numeric_limits<double>::quiet_NaN() : q.real(1);
        e.train_acc = q.is_null(2) ? 0 : q.real(2);
        e.has_val = !q.is_null(4);
        e.val_loss = q.is_null(3) ? std::numeric_limits<double>::quiet_NaN() : q.real(3);
        e.val_acc = q.is_null(4) ? 0 : q.real(4);
        e.images_per_s = q.is_null(5) ? 0 : q.real(5);
        e.seconds = q.is_null(6) ? 0 : q.real(6);
        out.push_back(e);
    }
    return out;
}

std::vector<std::pair<std::int64_t, double>> run_batch_losses(Database& db, std::int64_t run_id) {
    auto q = db.prepare("SELECT step, loss FROM batch_losses WHERE run_id = ? ORDER BY step");
    q.bind(1, run_id);
    std::vector<std::pair<std::int64_t, double>> out;
    while (q.step()) out.emplace_back(q.int64(0), q.real(1));
    return out;
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

}  // namespace flowcnn::train
