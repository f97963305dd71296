// flowcnn train / train-idx / runs: training the paper's CNN on a project dataset or IDX files.
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <functional>
#include <limits>

#include "app/cli/args.h"
#include "app/cli/command.h"
#include "app/cli/ml/ml_common.h"
#include "engine/eval/evaluate.h"
#include "engine/export/idx.h"
#include "engine/model/classifier.h"
#include "engine/common/json.h"
#include "engine/model/model_file.h"
#include "engine/store/project.h"
#include "engine/store/evaluations.h"
#include "engine/train/run_store.h"

namespace flowcnn::cli::ml {
namespace {

std::string describe_gbt(const gbt::GbtParams& p) {
    model::ModelInfo info;
    info.kind = model::ModelKind::Gbt;
    info.gbt_json = gbt::gbt_params_to_json(p);
    return model::describe_model(info) + " over flow features";
}

const std::string kTrainUsage = std::string(
    "usage: flowcnn train PROJECT DATASET [options]\n"
    "       flowcnn train PROJECT --resume RUN [--epochs N]\n"
    "\n"
    "Trains a CNN of the paper's family on the train split of DATASET (name or id), validating on\n"
    "its val split after every epoch. Each epoch is recorded in the project (metrics, sampled batch\n"
    "losses, a checkpoint); at the end the model and its evaluations (val, train) are stored. A run\n"
    "stopped by Ctrl-C or killed continues with --resume.\n\n") +
    kModelOptionsHelp + kTrainOptionsHelp +
    "k-nearest neighbours instead of a CNN:\n"
    "  --knn K                 a K-NN model (K = 1: the nearest training flow decides): the model\n"
    "                          file keeps the train split's images; evaluated, compared and used by\n"
    "                          classify like a CNN run. With K = 1 the confidence falls as another\n"
    "                          class's nearest flow comes close (8 differing bytes: e^-1)\n"
    "  --distance D            hamming (bytes that differ; default) or l1 (sum of |a - b|)\n"
    "gradient-boosted trees over flow features instead of a CNN:\n"
    "  --gbt                   XGBoost trees over the flow's shape (sizes, directions and gaps of\n"
    "                          its first packets) and protocol fields (TLS hello lists, HTTP header\n"
    "                          order, TCP window, TTL); prediction cost does not grow with the train\n"
    "                          split; probabilities calibrated on the val split (a temperature)\n"
    "  --rounds N              boosting rounds (default 200)\n"
    "  --max-depth N           depth of each tree (default 6)\n"
    "  --eta X                 learning rate (default 0.1)\n"
    "  --balance               weight the classes to equal sums, n / (classes x n_class) per flow\n"
    "                          (default: every flow alike, which cross-validated better on nDPI)\n"
    "  --seed N                seed of the row and feature sampling (default 1)\n"
    "other:\n"
    "  --resume RUN            continue run RUN from its last checkpoint\n"
    "  --name NAME             name of the run\n"
    "  --save-model FILE       also write the model file to FILE\n"
    "  --name-rules            combine the model with server-name rules learnt from the train split: a\n"
    "                          flow whose TLS SNI / HTTP Host (or its last two labels) carried one\n"
    "                          class in >= 90% of at least 2 training flows gets that class; the\n"
    "                          rules go into the model file (evaluations and classify apply them)\n"
    "  --quiet                 no per-epoch lines";

void print_evaluations(store::Project& project, const train::ProjectRunResult& r) {
    if (r.name_rules) std::printf("%zu server-name rules learnt from the train split\n", r.name_rules);
    if (r.model_id) std::printf("model %lld stored in the project\n", static_cast<long long>(*r.model_id));
    for (auto id : r.evaluation_ids) {
        auto ev = store::get_evaluation(project.db(), id);
        std::printf("evaluation %lld (%s): accuracy %.4f, macro-F1 %.4f\n", static_cast<long long>(id),
                    ev.split.c_str(), ev.accuracy, ev.macro_f1);
    }
}

// The end of a k-NN or trees run: its line, its evaluations, the model file when asked for.
int report_built_run(store::Project& project, const Args& a, const train::ProjectRunResult& r,
                     const std::string& what) {
    if (r.status == "cancelled") {
        std::printf("run %lld cancelled\n", static_cast<long long>(r.run_id));
        return 130;
    }
    const auto& m = r.result.best_metrics;
    std::printf("run %lld complete: %s", static_cast<long long>(r.run_id), what.c_str());
    if (m.has_val) std::printf(", val acc %.4f", m.val_acc);
    std::printf(", train acc %.4f, %.1f s\n", m.train_acc, r.result.seconds);
    print_evaluations(project, r);
    if (auto f = a.get("save-model")) {
        model::write_model_file(*f, r.result.model_file);
        std::printf("model written to %s\n", f->c_str());
    }
    return 0;
}

// A model built at once (k-NN, trees): nothing to resume, the CNN's options refused (all but
// --threads and, for a family that samples, --seed), the project and dataset opened, the run
// built by `build` and reported.
struct BuiltFamily {
    const char* option;  // "--knn"
    const char* run;     // "a k-NN run"
    bool takes_seed;
};
using BuildRun = std::function<train::ProjectRunResult(store::Database&, std::int64_t dataset_id, const CancelToken*,
                                                       const train::ProjectRunOptions&)>;

int run_built_model(const Args& a, const BuiltFamily& family, const std::string& what, const BuildRun& build) {
    if (a.has("resume")) throw ConfigError(std::string(family.option) + ": " + family.run + " has nothing to resume");
    for (const char* o : {FLOWCNN_ML_MODEL_OPTIONS, FLOWCNN_ML_TRAIN_OPTIONS}) {
        const std::string_view name(o);
        if (a.has(o) && name != "threads" && !(family.takes_seed && name == "seed"))
            throw ConfigError(std::string("--") + o + " applies to a CNN, not to " + family.option);
    }
    a.expect_positional(2, 2, "PROJECT DATASET");
    auto project = store::Project::open(a.positional()[0]);
    CancelToken token;
    CancelOnSigint sigint(token);
    train::ProjectRunOptions ro;
    ro.name = a.get_or("name", "");
    const auto dataset_id = project.resolve_dataset(a.positional()[1]);
    return report_built_run(project, a, build(project.db(), dataset_id, &token, ro), what);
}

int run_train_gbt(const Args& a) {
    if (a.has("knn")) throw ConfigError("--gbt and --knn are two model families: choose one");
    train::GbtRunOptions go;
    go.params.rounds = static_cast<int>(a.get_int("rounds", go.params.rounds, 1, 100000));
    go.params.max_depth = static_cast<int>(a.get_int("max-depth", go.params.max_depth, 1, 32));
    go.params.eta = a.get_double("eta", go.params.eta, 1e-6, 1.0);
    go.params.balance = a.flag("balance");
    go.params.seed = static_cast<std::uint64_t>(a.get_int("seed", 1, 0, std::numeric_limits<long long>::max()));
    go.name_rules = a.flag("name-rules");
    go.threads = static_cast<int>(a.get_int("threads", 0, 0, 1024));
    return run_built_model(a, {"--gbt", "a trees run", true}, describe_gbt(go.params),
                           [&](store::Database& db, std::int64_t ds, const CancelToken* token,
                               const train::ProjectRunOptions& ro) { return train::gbt_in_project(db, ds, go, {}, token, ro); });
}

int run_train_knn(const Args& a) {
    train::KnnRunOptions ko;
    ko.params.k = static_cast<int>(a.get_int("knn", 1, 1, 1000));
    if (auto d = a.get("distance"); d && !baseline::parse_distance(*d, ko.params.distance))
        throw ConfigError("--distance: expected hamming or l1, got '" + *d + "'");
    ko.name_rules = a.flag("name-rules");
    ko.threads = static_cast<int>(a.get_int("threads", 0, 0, 1024));
    const std::string what = std::to_string(ko.params.k) + "-NN " +
                             std::string(baseline::distance_name(ko.params.distance)) + " over the train split";
    return run_built_model(a, {"--knn", "a k-NN run", false}, what,
                           [&](store::Database& db, std::int64_t ds, const CancelToken* token,
                               const train::ProjectRunOptions& ro) { return train::knn_in_project(db, ds, ko, token, ro); });
}

int run_train(const std::vector<std::string>& argv) {
    Args a(argv,
           {FLOWCNN_ML_MODEL_OPTIONS, FLOWCNN_ML_TRAIN_OPTIONS, "resume", "name", "save-model", "knn", "distance",
            "rounds", "max-depth", "eta"},
           {"quiet", "name-rules", "gbt", "balance"});
    const bool resume = a.has("resume");
    if (a.flag("gbt") || a.has("rounds") || a.has("max-depth") || a.has("eta") || a.flag("balance"))
        return run_train_gbt(a);
    if (a.has("knn") || a.has("distance")) return run_train_knn(a);
    if (resume && a.flag("name-rules"))
        throw ConfigError("--name-rules is chosen when a run starts (a resumed run keeps its choice)");
    a.expect_positional(resume ? 1 : 2, resume ? 1 : 2, resume ? "PROJECT" : "PROJECT DATASET");
    auto project = store::Project::open(a.positional()[0]);
    CancelToken token;
    CancelOnSigint sigint(token);
    const bool quiet = a.flag("quiet");
    int epochs_total = 0;
    train::TrainCallbacks cb;
    cb.on_epoch = [&](const train::EpochMetrics& e) {
        if (!quiet) print_epoch(e, epochs_total);
    };
    train::ProjectRunResult r;
    if (resume) {
        const auto run_id = parse_int("--resume", *a.get("resume"), 1, INT64_MAX);
        auto run = store::get_run(project.db(), run_id);
        int override_epochs = a.has("epochs") ? static_cast<int>(a.get_int("epochs", 1, 1, 100000)) : 0;
        epochs_total = override_epochs ? override_epochs : train::TrainOptions::from_json(run.train_json).epochs;
        std::printf("resuming run %lld (%s) after epoch %d\n", static_cast<long long>(run_id),
                    train::run_hparams(run).key().c_str(), run.epochs_done);
        r = train::resume_in_project(project.db(), run_id, cb, &token, override_epochs);
    } else {
        const auto dataset_id = project.resolve_dataset(a.positional()[1]);
        const auto h = hparams_from_args(a);
        auto o = train_options_from_args(a);
        o.name_rules = a.flag("name-rules");
        epochs_total = o.epochs;
        train::ProjectRunOptions ro;
        ro.name = a.get_or("name", "");
        if (!quiet)
            std::printf("training %s on dataset %lld (%s, lr %g, batch %d, seed %llu)\n", h.key().c_str(),
                        static_cast<long long>(dataset_id), std::string(train::optimizer_name(o.optimizer)).c_str(),
                        o.lr, o.batch, static_cast<unsigned long long>(o.seed));
        r = train::train_in_project(project.db(), dataset_id, h, o, cb, &token, ro);
    }
    const auto& res = r.result;
    if (r.status == "cancelled") {
        std::printf("run %lld cancelled after %zu epoch(s); continue with: flowcnn train %s --resume %lld\n",
                    static_cast<long long>(r.run_id), res.epochs.size(), a.positional()[0].c_str(),
                    static_cast<long long>(r.run_id));
        return 130;
    }
    std::printf("run %lld complete: %zu epoch(s)%s, best epoch %d", static_cast<long long>(r.run_id),
                res.epochs.size(), res.early_stopped ? " (early stop)" : "", res.best_epoch);
    if (res.best_metrics.has_val) std::printf(", val acc %.4f", res.best_metrics.val_acc);
    std::printf(", train acc %.4f, %.1f s\n", res.best_metrics.train_acc, res.seconds);
    print_evaluations(project, r);
    if (auto f = a.get("save-model")) {
        model::write_model_file(*f, res.model_file);
        std::printf("model written to %s\n", f->c_str());
    }
    return 0;
}

const std::string kTrainIdxUsage = std::string(
    "usage: flowcnn train-idx TRAIN_IMAGES TRAIN_LABELS [--val-images F --val-labels F] [options]\n"
    "\n"
    "Trains on IDX (MNIST-format) files, as ../shared/peers/torch_peer.py does, and prints one JSON\n"
    "line with throughput and accuracy in the peer's fields (train_img_per_s, train_acc, val_acc,\n"
    "infer_img_per_s). Used by scripts/bench_train.sh.\n\n") +
    kModelOptionsHelp + kTrainOptionsHelp +
    "other:\n"
    "  --save-model FILE       write the model file\n"
    "  --progress              per-epoch lines on stderr";

int run_train_idx(const std::vector<std::string>& argv) {
    Args a(argv, {FLOWCNN_ML_MODEL_OPTIONS, FLOWCNN_ML_TRAIN_OPTIONS, "val-images", "val-labels", "save-model"},
           {"progress"});
    a.expect_positional(2, 2, "TRAIN_IMAGES TRAIN_LABELS");
    auto train_set = exporter::read_idx(a.positional()[0], a.positional()[1]);
    std::optional<dataset::ImageSet> val;
    if (a.has("val-images") != a.has("val-labels"))
        throw ConfigError("--val-images and --val-labels go together");
    if (a.has("val-images")) val = exporter::read_idx(*a.get("val-images"), *a.get("val-labels"));
    // One class list for both (the larger: a class may be missing from one split).
    if (val && val->classes.size() > train_set.classes.size()) train_set.classes = val->classes;
    if (val) val->classes = train_set.classes;
    const auto h = hparams_from_args(a);
    auto o = train_options_from_args(a);
    if (!a.has("epochs")) o.epochs = 1;
    o.restore_best = false;  // like the peer: the model after the last epoch
    CancelToken token;
    CancelOnSigint sigint(token);
    train::TrainCallbacks cb;
    if (a.flag("progress"))
        cb.on_epoch = [&](const train::EpochMetrics& e) {
            std::fprintf(stderr, "epoch %d/%d  loss %.4f acc %.4f  %.0f img/s\n", e.epoch, o.epochs,
                         e.train_loss, e.train_acc, e.images_per_s);
        };
    // Training time as the peer measures it: the epochs only (no validation inside).
    auto t0 = std::chrono::steady_clock::now();
    auto r = train::train_model(train_set, nullptr, h, o, cb, &token);
    const double train_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    if (r.cancelled) throw CancelledError();
    double epoch_s = 0;
    for (auto& e : r.epochs) epoch_s += e.seconds;
    model::Classifier clf(r.model_file, o.threads);
    model::Json j = model::Json::object();
    j["peer"] = "flowcnn-libtorch";
    j["threads"] = o.threads;
    j["train_images"] = static_cast<std::int64_t>(train_set.size());
    j["epochs"] = o.epochs;
    j["batch"] = o.batch;
    j["train_s"] = std::round(epoch_s * 1000) / 1000;
    j["train_s_with_setup"] = std::round(train_s * 1000) / 1000;
    j["train_img_per_s"] =
        std::round(static_cast<double>(train_set.size()) * o.epochs / epoch_s * 10) / 10;
    auto ev_train = eval::evaluate(clf, train_set, "train");
    j["train_acc"] = std::round(ev_train.metrics.accuracy * 1e5) / 1e5;
    if (val) {
        auto ev = eval::evaluate(clf, *val, "val");
        j["val_acc"] = std::round(ev.metrics.accuracy * 1e5) / 1e5;
        j["val_macro_f1"] = std::round(ev.metrics.macro_f1 * 1e5) / 1e5;
        j["infer_img_per_s"] = std::round(ev.images_per_s * 10) / 10;
    }
    j["hparams"] = h.key();
    std::printf("%s\n", j.dump().c_str());
    if (auto f = a.get("save-model")) model::write_model_file(*f, r.model_file);
    return 0;
}

const char* kRunsUsage =
    "usage: flowcnn runs PROJECT [--dataset D] [--json]\n"
    "\n"
    "Lists the training runs of the project, newest first.";

std::string opt_num(const std::optional<double>& v, const char* fmt = "%.4f") {
    if (!v) return "-";
    char buf[32];
    std::snprintf(buf, sizeof buf, fmt, *v);
    return buf;
}

int run_runs(const std::vector<std::string>& argv) {
    Args a(argv, {"dataset"}, {"json"});
    a.expect_positional(1, 1, "PROJECT");
    auto project = store::Project::open(a.positional()[0], true);
    std::optional<std::int64_t> ds;
    if (auto d = a.get("dataset")) ds = project.resolve_dataset(*d);
    auto runs = store::list_runs(project.db(), ds);
    if (a.flag("json")) {
        model::Json arr = model::Json::array();
        for (auto& r : runs) {
            model::Json j = model::Json::object();
            j["id"] = r.id;
            j["dataset_id"] = r.dataset_id;
            if (r.search_id) j["search_id"] = *r.search_id;
            j["name"] = r.name;
            j["hparams"] = model::Json::parse(r.kind != model::ModelKind::Cnn ? r.hparams_json : train::run_hparams(r).to_json());
            j["train"] = model::Json::parse(r.train_json);
            j["status"] = r.status;
            j["epochs_done"] = r.epochs_done;
            if (r.train_acc) j["train_acc"] = *r.train_acc;
            if (r.val_acc) j["val_acc"] = *r.val_acc;
            if (r.seconds) j["seconds"] = *r.seconds;
            if (r.model_id) j["model_id"] = *r.model_id;
            if (!r.error.empty()) j["error"] = r.error;
            arr.push_back(std::move(j));
        }
        std::printf("%s\n", arr.dump().c_str());
        return 0;
    }
    std::printf("%5s %7s %-10s %6s %8s %8s %8s %6s  %s\n", "run", "dataset", "status", "epochs",
                "train", "val", "seconds", "model", "hyper-parameters");
    for (auto& r : runs)
        std::printf("%5lld %7lld %-10s %6d %8s %8s %8s %6s  %s%s%s\n", static_cast<long long>(r.id),
                    static_cast<long long>(r.dataset_id), r.status.c_str(), r.epochs_done,
                    opt_num(r.train_acc).c_str(), opt_num(r.val_acc).c_str(),
                    opt_num(r.seconds, "%.1f").c_str(),
                    r.model_id ? std::to_string(*r.model_id).c_str() : "-",
                    r.kind != model::ModelKind::Cnn ? train::describe_run_model(r).c_str() : train::run_hparams(r).key().c_str(),
                    r.name.empty() ? "" : ("  " + r.name).c_str(),
                    r.error.empty() ? "" : ("  error: " + r.error).c_str());
    if (runs.empty()) std::printf("(no runs)\n");
    return 0;
}

CommandRegistrar reg_train({"train", "train a CNN (or build a k-NN or trees model) on a project dataset; resume a run", kTrainUsage, run_train});
CommandRegistrar reg_train_idx({"train-idx", "train on IDX files and print throughput (benchmark)",
                                kTrainIdxUsage, run_train_idx});
CommandRegistrar reg_runs({"runs", "list the training runs of a project", kRunsUsage, run_runs});

}  // namespace
}  // namespace flowcnn::cli::ml
