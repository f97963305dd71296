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
#include "engine/common/json.h"
#include "engine/store/datasets.h"
#include "engine/store/project.h"

namespace flowcnn::train {
namespace {

using store::Database;

// `hparams_json`: a CNN's HyperParams::to_json(), knn_hparams_json() or gbt_hparams_json().
std::int64_t create_run(Database& db, std::int64_t dataset_id, const std::string& hparams_json,
                        const TrainOptions& o, const ProjectRunOptions& ro) {
    return store::insert_run(db, {.dataset_id = dataset_id,
                                  .search_id = ro.search_id,
                                  .trial_key = ro.trial_key,
                                  .rung = ro.rung,
                                  .name = ro.name,
                                  .hparams_json = hparams_json,
                                  .train_json = o.to_json()});
}

dataset::ImageSet load(Database& db, std::int64_t dataset_id, const char* split) {
    return dataset::load_split(db, dataset_id, split);
}

std::optional<double> val_acc(const EpochMetrics& e) {
    return e.has_val ? std::optional<double>(e.val_acc) : std::nullopt;
}

}  // namespace

// The model file records how the images were made: the dataset's fill mode, and the captures'
// direction when all of the dataset's flows come from captures with one direction.
TrainOptions with_dataset_preprocessing(Database& db, std::int64_t dataset_id, TrainOptions o) {
    const auto pre = dataset::dataset_preprocessing(db, dataset_id);
    o.fill = pre.fill;
    o.payload_bytes = static_cast<int>(pre.payload_bytes);
    o.blank_session_fields = pre.blank_session_fields;
    const auto dirs = store::dataset_capture_directions(db, dataset_id, 2);
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
        store::put_epoch(db, run_id, stored_epoch(e));
        store::put_batch_losses(db, run_id, pending_losses);
        store::set_run_progress(db, run_id, run_metrics(e, e.epoch));
        if (ck) store::put_checkpoint(db, run_id, ck->epoch, ck->data);
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
        store::set_run_cancelled(db, run_id, seconds);
        out.status = "cancelled";
        return out;
    }
    if (ro.save_model) {
        out.model_id = store::insert_model(db, run_id, ro.name.empty() ? "run " + std::to_string(run_id) : ro.name,
                                           r.model_file);
    }
    if (ro.evaluate) {
        model::Classifier clf(r.model_file, o.threads);
        if (val && val->size() > 0)
            out.evaluation_ids.push_back(eval::store_evaluation(db, run_id, eval::evaluate(clf, *val, "val", cancel)));
        out.evaluation_ids.push_back(eval::store_evaluation(db, run_id, eval::evaluate(clf, train, "train", cancel)));
    }
    // The run's summary metrics are those of its model (the best epoch when validating).
    store::finish_run(db, run_id, "complete", run_metrics(r.best_metrics, static_cast<int>(r.epochs.size())),
                      seconds);
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
        store::set_run_failed(db, run_id, e.what());
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
    const store::RunSummary run = store::get_run(db, run_id);
    if (run.kind == model::ModelKind::Knn)
        throw ConfigError("run " + std::to_string(run_id) +
                          " is a k-NN model: it has nothing to resume (build it again)");
    if (run.kind == model::ModelKind::Gbt)
        throw ConfigError("run " + std::to_string(run_id) +
                          " is a gradient-boosted trees model: it has nothing to resume (build it again)");
    const std::int64_t dataset_id = run.dataset_id;
    const auto hparams = model::HyperParams::from_json(run.hparams_json);
    auto options = TrainOptions::from_json(run.train_json);
    const double seconds = run.seconds.value_or(0);
    ProjectRunOptions ro;
    ro.name = run.name;
    ro.search_id = run.search_id;
    ro.trial_key = run.trial_key;
    ro.rung = run.rung;
    if (run.status == "complete")
        throw ConfigError("run " + std::to_string(run_id) + " is already complete");
    if (epochs_override > 0) options.epochs = epochs_override;

    Checkpoint ck;
    if (auto stored = store::run_checkpoint(db, run_id)) {
        ck.epoch = stored->epoch;
        ck.data = std::move(stored->data);
    }
    // Forget anything recorded after the checkpoint (nothing, normally: epochs and checkpoints
    // are written in one transaction).
    store::delete_epochs_after(db, run_id, ck.epoch);
    store::restart_run(db, run_id, options.to_json());
    try {
        dataset::ImageSet train = load(db, dataset_id, "train");
        if (train.size() == 0)
            throw ConfigError("dataset " + std::to_string(dataset_id) + " has no training images");
        dataset::ImageSet val = load(db, dataset_id, "val");
        return run_training(db, run_id, train, val.size() ? &val : nullptr, hparams, options, callbacks,
                            cancel, ro, ck.data.empty() ? nullptr : &ck, seconds);
    } catch (const std::exception& e) {
        store::set_run_failed(db, run_id, e.what());
        throw;
    }
}

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

store::StoredEpoch stored_epoch(const EpochMetrics& e) {
    store::StoredEpoch s;
    s.epoch = e.epoch;
    s.train_loss = e.train_loss;
    s.train_acc = e.train_acc;
    s.images_per_s = e.images_per_s;
    s.seconds = e.seconds;
    if (e.has_val) {
        s.val_loss = e.val_loss;
        s.val_acc = e.val_acc;
    }
    return s;
}

store::RunMetrics run_metrics(const EpochMetrics& e, int epochs_done) {
    store::RunMetrics m;
    m.epochs_done = epochs_done;
    m.train_acc = e.train_acc;
    m.train_loss = e.train_loss;
    if (e.has_val) {
        m.val_acc = e.val_acc;
        m.val_loss = e.val_loss;
    }
    return m;
}

std::vector<std::int64_t> run_train_flow_ids(Database& db, std::int64_t run_id) {
    return load(db, store::get_run(db, run_id).dataset_id, "train").flow_ids;
}

model::HyperParams run_hparams(const store::RunSummary& r) {
    if (r.kind == model::ModelKind::Cnn) {
        try {
            return model::HyperParams::from_json(r.hparams_json);
        } catch (const FormatError&) {
        }
    }
    return {};
}

std::string describe_run_model(const store::RunSummary& r) {
    model::ModelInfo info;
    info.kind = r.kind;
    if (r.kind == model::ModelKind::Cnn) info.hparams = run_hparams(r);
    // Unparsable parameters describe the kind's defaults, as a listing did before.
    if (r.kind == model::ModelKind::Knn) parse_knn_hparams(r.hparams_json, info.knn);
    if (r.kind == model::ModelKind::Gbt) {
        gbt::GbtParams g;
        parse_gbt_hparams(r.hparams_json, g);
        info.gbt_json = gbt::gbt_params_to_json(g);
    }
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
            out.model_id = store::insert_model(db, out.run_id, info.name, out.result.model_file);
        }
        if (ro.evaluate) {
            if (val_eval) out.evaluation_ids.push_back(eval::store_evaluation(db, out.run_id, *val_eval));
            out.evaluation_ids.push_back(eval::store_evaluation(db, out.run_id, train_eval));
        }
        store::Transaction tx(db);
        // Nothing was trained: no losses, no training speed.
        store::StoredEpoch epoch;
        epoch.epoch = 1;
        epoch.train_acc = e.train_acc;
        epoch.val_acc = val_acc(e);
        epoch.seconds = seconds;
        store::put_epoch(db, out.run_id, epoch);
        store::RunMetrics metrics;
        metrics.epochs_done = 1;
        metrics.train_acc = e.train_acc;
        metrics.val_acc = val_acc(e);
        store::finish_run(db, out.run_id, "complete", metrics, seconds);
        tx.commit();
    } catch (const CancelledError&) {
        store::set_run_cancelled(db, out.run_id, std::nullopt);
        out.status = "cancelled";
        out.result.cancelled = true;
        return out;
    } catch (const std::exception& e) {
        store::set_run_failed(db, out.run_id, e.what());
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

std::vector<EpochMetrics> run_epochs(Database& db, std::int64_t run_id) {
    // No loss (a k-NN run's epoch): NaN, which plots leave out instead of drawing a 0.
    constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
    std::vector<EpochMetrics> out;
    for (const auto& s : store::run_epochs(db, run_id)) {
        EpochMetrics e;
        e.epoch = s.epoch;
        e.train_loss = s.train_loss.value_or(kNaN);
        e.train_acc = s.train_acc.value_or(0);
        e.has_val = s.val_acc.has_value();
        e.val_loss = s.val_loss.value_or(kNaN);
        e.val_acc = s.val_acc.value_or(0);
        e.images_per_s = s.images_per_s.value_or(0);
        e.seconds = s.seconds.value_or(0);
        out.push_back(e);
    }
    return out;
}

}  // namespace flowcnn::train
