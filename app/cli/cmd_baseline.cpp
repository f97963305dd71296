// flowcnn baseline: k-NN, logistic regression, name-only and (with --all) the CNN, trained on a
// dataset's train split and scored on its validation split, with and without the server names.
#include <chrono>
#include <cstdio>
#include <fstream>
#include <functional>
#include <optional>

#include "app/cli/args.h"
#include "app/cli/baseline_hook.h"
#include "app/cli/command.h"
#include "engine/baseline/balance.h"
#include "engine/baseline/baseline.h"
#include "engine/baseline/folds.h"
#include "engine/baseline/leave_out.h"
#include "engine/baseline/masking.h"
#include "engine/baseline/name_rules.h"
#include "engine/baseline/run_baselines.h"
#include "engine/common/error.h"
#include "engine/export/idx.h"
#include "engine/store/project.h"

namespace flowcnn::cli {

CnnScorer& cnn_scorer() {
    static CnnScorer scorer;
    return scorer;
}

namespace {

// clang-format off
const char* kUsage =
    "usage: flowcnn baseline PROJECT DATASET [--knn K] [--metric hamming|l1] [--logreg] [--gbt] [--name-only]\n"
    "                        [--mask-names] [--all] [--cnn] [--fill repeat|zero] [--split val|test]\n"
    "                        [--model 1..5] [--epochs N] [--balance] [--name-rules] [--seed N] [--threads N]\n"
    "                        [--lr-schedule constant|cosine] [--weight-decay X] [--label-smoothing X]\n"
    "                        [--folds K] [--payload-bytes N] [--max-per-capture N] [--shuffle-labels]\n"
    "                        [--rounds N] [--max-depth N] [--csv FILE]\n"
    "       flowcnn baseline PROJECT DATASET --hold-out-classes K [--hold-out-rounds R] [--threshold X]\n"
    "                        [--knn K | --gbt] [--split val|test] [--payload-bytes N]\n"
    "       flowcnn baseline --idx IMAGES LABELS [--val-fraction F] [--dedup] [model options]\n"
    "\n"
    "Trains simple baselines on the train split of DATASET (a name or id) and scores them on its\n"
    "validation split (the same flows the CNN is scored on), then prints one table: model, whether\n"
    "the server names were masked, accuracy, macro-F1, seconds and the F1 of every class.\n"
    "Without a model option, all three baselines run.\n"
    "  --knn K             k-nearest neighbours on the 784 bytes (K = 1 is the usual baseline)\n"
    "  --metric M          k-NN distance: hamming (bytes that differ, default) or l1\n"
    "  --logreg            multinomial logistic regression on bytes/255 (Adam, L2 1e-4, 10 epochs)\n"
    "  --gbt               gradient-boosted trees (XGBoost) over flow features: packet sizes,\n"
    "                      directions and gaps, TLS hello lists, HTTP header order, TCP window, TTL\n"
    "  --rounds N, --max-depth N   the trees' boosting rounds (200) and depth (6)\n"

    "  --hold-out-classes K  leave-classes-out instead of the table: K classes held out of training\n"
    "                      per round (--hold-out-rounds R, default 5, seeded); 1-NN (--knn) and the\n"
    "                      trees (--gbt; both by default) are asked about the known classes' flows of\n"
    "                      the split and every flow of the held-out classes: AUROC unseen vs known and,\n"
    "                      at --threshold X (0.5), the share of unseen flows rejected, known flows kept\n"
    "  --shuffle-labels    sanity control: train every model on the train flows' labels shuffled\n"
    "                      (seeded); the scores must fall to chance\n"
    "  --name-only         predicts from the flow's TLS SNI / HTTP Host alone (most frequent training\n"
    "                      class of the name, else of its last two labels, else the majority class)\n"
    "  --mask-names        also train and score every image model with the SNI/Host bytes (and\n"
    "                      their registered domain) blanked in each flow's head before the fill\n"
    "  --all               1-NN, logistic regression, name-only and the CNN (the paper's Model 5,\n"
    "                      trained on the train split only), each plain and with masked names\n"
    "  --cnn               the CNN row alone (with --mask-names also masked)\n"
    "  --fill repeat|zero  rebuild the images with this fill (default: the dataset's)\n"
    "  --payload-bytes N   rebuild the images from the first N payload bytes (default: the dataset's)\n"
    "  --max-per-capture N train every model on at most N flows of a class per capture file\n"
    "  --split val|test    the split to score (default val)\n"
    "  --model N           the CNN: the paper's Model N (default 5)\n"
    "  --epochs N          CNN epochs (default 10)\n"
    "  --lr-schedule S, --weight-decay X, --label-smoothing X\n"
    "                      the CNN's training options, as in `flowcnn train`\n"
    "  --balance           train the CNN with the small classes oversampled (random copies of their\n"
    "                      images up to the mean class size), and weight the trees' classes to equal\n"
    "                      sums: for long-tailed data\n"
    "  --name-rules        also score each image model (k-NN, logistic regression, CNN) combined with\n"
    "                      server-name rules: a flow whose SNI/Host (or its last two labels) carried\n"
    "                      one class in >= 90% of at least 2 training flows gets that class, every other\n"
    "                      flow the model's (train --name-rules)\n"
    "  --folds K           cross-validation by capture file instead of one split: the dataset's flows\n"
    "                      (all splits) are cut into K folds of whole captures; each fold is scored by\n"
    "                      models trained on the other K-1, and the pooled predictions are scored once,\n"
    "                      so every flow counts and none was seen with its capture (no --split)\n"
    "  --folds-of S,...    cross-validate only these splits' flows (e.g. train,val: choose there,\n"
    "                      then score the choice once on the test captures)\n"
    "  --seed N            seed of the CNN and the logistic regression (default 1)\n"
    "  --threads N         CPU threads (default 0 = all cores)\n"
    "  --csv FILE          also write the table as CSV\n"
    "With --idx, the images and labels of an IDX pair (e.g. USTC-TFC2016) are split per class at\n"
    "random (seed --seed) into train and validation (--val-fraction, default 0.2); --dedup first\n"
    "keeps one copy of each distinct image. There are no names to mask or to predict from.\n"
    "Macro-F1 is the mean F1 over the classes present in the scored split (a class without scored\n"
    "flows has no F1 to average); the CSV also gives macro_f1_all, the mean over the classes that\n"
    "are present or predicted (scikit-learn's default).";
// clang-format on

double seconds_since(std::chrono::steady_clock::time_point t0) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

// --hold-out-classes: leave-classes-out instead of the table (engine/baseline/leave_out.h).
int run_leave_out(const Args& a) {
    a.expect_positional(2, 2, "PROJECT DATASET");
    baseline::LeaveOutOptions o;
    o.held_out = static_cast<int>(a.get_int("hold-out-classes", 5, 1, 1000));
    o.rounds = static_cast<int>(a.get_int("hold-out-rounds", 5, 1, 1000));
    o.seed = static_cast<std::uint64_t>(a.get_int("seed", 1, 0, 9007199254740991LL));
    o.threshold = a.get_double("threshold", 0.5, 0.0, 1.0);
    const bool only_knn = a.has("knn") && !a.flag("gbt"), only_gbt = a.flag("gbt") && !a.has("knn");
    o.knn = !only_gbt;
    o.gbt = !only_knn;
    o.knn_options.k = static_cast<int>(a.get_int("knn", 1, 1, 1000));
    if (auto m = a.get("metric"); m && !baseline::parse_distance(*m, o.knn_options.distance))
        throw ConfigError("--metric: expected hamming or l1, got '" + *m + "'");
    o.knn_options.threads = o.gbt_options.threads = static_cast<int>(a.get_int("threads", 0, 0, 1024));
    o.gbt_options.rounds = static_cast<int>(a.get_int("rounds", o.gbt_options.rounds, 1, 100000));
    o.gbt_options.max_depth = static_cast<int>(a.get_int("max-depth", o.gbt_options.max_depth, 1, 32));
    o.gbt_options.balance = a.flag("balance");
    o.gbt_options.seed = o.seed;
    const std::string split = a.get_or("split", "val");
    if (split != "val" && split != "test") throw ConfigError("--split: expected val or test, got '" + split + "'");
    auto project = store::Project::open(a.positional()[0], true);
    const auto ds = project.resolve_dataset(a.positional()[1]);
    auto& db = project.db();
    flow::FillMode fill = baseline::dataset_fill(db, ds);
    if (auto f = a.get("fill"); f && !flow::parse_fill_mode(*f, fill))
        throw ConfigError("--fill: expected repeat or zero, got '" + *f + "'");
    const std::size_t payload_bytes = static_cast<std::size_t>(a.get_int("payload-bytes", 0, 1, 784));
    auto load = [&](const char* s) { return baseline::load_split_with(db, ds, s, fill, false, nullptr, payload_bytes); };
    const auto train = load("train"), val = load("val"), scored = load(split.c_str());
    std::vector<std::int64_t> captures;
    const auto all = baseline::load_dataset_with(db, ds, fill, false, captures, nullptr, payload_bytes);
    CancelToken token;
    CancelOnSigint sigint(token);
    const auto rows = baseline::leave_classes_out(train, val, scored, all, o, &token);
    std::printf("dataset %lld: %zu classes; known flows scored from the %s split, unseen flows from every split "
                "(fill %s%s)\n%s",
                static_cast<long long>(ds), train.classes.size(), split.c_str(),
                std::string(flow::fill_mode_name(fill)).c_str(),
                payload_bytes ? (", first " + std::to_string(payload_bytes) + " payload bytes").c_str() : "",
                baseline::format_leave_out(rows, o).c_str());
    return 0;
}

// What `flowcnn baseline` (without --hold-out-classes) was asked for.
struct BaselineRequest {
    bool idx = false, cnn = false, mask = false, balance = false, name_rules = false, shuffle_labels = false;
    std::string split;
    std::uint64_t seed = 1;
    baseline::BaselineRunOptions bo;  // which image-free baselines, shared with the workbench
    CnnBaselineOptions co;
    int folds = 0;
    std::size_t max_per_capture = 0, payload_bytes = 0;
    std::vector<std::string> folds_of;  // --folds-of: the splits cross-validated (empty: all)
};

// The models asked for: --all, --cnn and the baselines' own options (k-NN, trees).
void read_models(const Args& a, BaselineRequest& r) {
    const bool idx = r.idx;
    const bool all = a.flag("all");
    r.cnn = a.flag("cnn") || all;
    bool knn = a.has("knn") || all, logreg = a.flag("logreg") || all,
         name_only = (a.flag("name-only") || all) && !idx;
    const bool gbt = (a.flag("gbt") || all) && !idx;
    if (a.flag("gbt") && idx) throw ConfigError("--gbt reads flow features: it needs a project (IDX files hold images)");
    if (!knn && !logreg && !name_only && !r.cnn && !gbt) {
        knn = logreg = true;
        name_only = !idx;
    }
    if (idx && (a.flag("name-only") || a.flag("mask-names")))
        throw ConfigError("--name-only and --mask-names need a project (IDX files carry no names)");
    r.mask = (a.flag("mask-names") || all) && !idx;
    baseline::KnnOptions ko;
    ko.k = static_cast<int>(a.get_int("knn", 1, 1, 1000));
    if (auto m = a.get("metric"); m && !baseline::parse_distance(*m, ko.distance))
        throw ConfigError("--metric: expected hamming or l1, got '" + *m + "'");
    ko.threads = static_cast<int>(a.get_int("threads", 0, 0, 1024));
    r.split = a.get_or("split", "val");
    if (r.split != "val" && r.split != "test")
        throw ConfigError("--split: expected val or test, got '" + r.split + "'");
    r.seed = static_cast<std::uint64_t>(a.get_int("seed", 1, 0, 9007199254740991LL));
    auto& bo = r.bo;
    bo.knn = knn;
    bo.knn_options = ko;
    bo.logreg = logreg;
    bo.logreg_options.seed = r.seed;
    bo.name_only = name_only;
    bo.gbt = gbt;
    bo.gbt_options.rounds = static_cast<int>(a.get_int("rounds", bo.gbt_options.rounds, 1, 100000));
    bo.gbt_options.max_depth = static_cast<int>(a.get_int("max-depth", bo.gbt_options.max_depth, 1, 32));
    bo.gbt_options.seed = r.seed;
    bo.gbt_options.balance = a.flag("balance");
    bo.gbt_options.threads = ko.threads;
}

// What the models train on and how they are scored: --folds, --max-per-capture, --payload-bytes.
void read_training_set(const Args& a, BaselineRequest& r) {
    const bool idx = r.idx;
    r.shuffle_labels = a.flag("shuffle-labels");
    r.co.epochs = static_cast<int>(a.get_int("epochs", 10, 1, 100000));
    r.co.model = static_cast<int>(a.get_int("model", 5, 1, 5));
    r.balance = a.flag("balance");
    r.name_rules = a.flag("name-rules");
    if (r.name_rules && idx)
        throw ConfigError("--name-rules needs a project's server names (IDX files carry none)");
    r.folds = a.has("folds") ? static_cast<int>(a.get_int("folds", 5, 2, 100)) : 0;
    if (r.folds > 0 && idx)
        throw ConfigError("--folds splits by capture file: it needs a project, not IDX files");
    if (r.folds > 0 && a.has("split"))
        throw ConfigError("--folds scores every flow once: it takes no --split");
    r.max_per_capture = static_cast<std::size_t>(a.get_int("max-per-capture", 0, 0, 1000000000));
    if (r.max_per_capture > 0 && idx) throw ConfigError("--max-per-capture needs a project's capture files");
    r.payload_bytes = static_cast<std::size_t>(a.get_int("payload-bytes", 0, 1, 784));
    if (r.payload_bytes > 0 && idx) throw ConfigError("--payload-bytes needs a project's flows (IDX images are made)");
    if (auto of = a.get("folds-of"))
        for (const auto& part : cli::split(*of, ',')) {
            if (part.empty()) continue;
            if (part != "train" && part != "val" && part != "test")
                throw ConfigError("--folds-of: expected train, val and/or test, got '" + part + "'");
            r.folds_of.push_back(part);
        }
}

// The CNN's training options, as in `flowcnn train`.
void read_cnn(const Args& a, BaselineRequest& r) {
    r.co.seed = r.seed;
    r.co.threads = r.bo.knn_options.threads;
    if (auto v = a.get("lr-schedule")) {
        if (*v != "constant" && *v != "cosine")
            throw ConfigError("--lr-schedule: expected constant or cosine, got '" + *v + "'");
        r.co.cosine_lr = *v == "cosine";
    }
    r.co.weight_decay = a.get_double("weight-decay", 0.0, 0.0, 1.0);
    r.co.label_smoothing = a.get_double("label-smoothing", 0.0, 0.0, 0.99);
    if (r.cnn && !cnn_scorer())
        throw ConfigError("--all and --cnn need the CNN: this flowcnn was built without LibTorch");
}

// The checks run in this order, so that the first error reported stays the same.
BaselineRequest read_request(const Args& a) {
    BaselineRequest r;
    r.idx = a.has("idx");
    if (r.idx)
        a.expect_positional(1, 1, "--idx IMAGES LABELS");
    else
        a.expect_positional(2, 2, "PROJECT DATASET");
    read_models(a, r);
    read_training_set(a, r);
    read_cnn(a, r);
    return r;
}

// Where the flows come from: a project's dataset, or an IDX pair split here.
struct BaselineSource {
    std::optional<store::Project> project;
    std::int64_t ds = 0;
    flow::FillMode fill = flow::FillMode::Repeat;
    dataset::ImageSet idx_train, idx_test;
};

void split_idx(const Args& a, const BaselineRequest& r, BaselineSource& s) {
    auto set = exporter::read_idx(*a.get("idx"), a.positional()[0]);
    std::size_t dropped = 0;
    if (a.flag("dedup")) set = baseline::drop_duplicate_images(set, &dropped);
    baseline::stratified_split(set, a.get_double("val-fraction", 0.2, 0.0, 0.99), r.seed, s.idx_train, s.idx_test);
    std::printf("%s: %zu images, %zu classes%s; stratified split (seed %llu): %zu train / %zu val\n",
                a.get("idx")->c_str(), set.size() + dropped, set.classes.size(),
                a.flag("dedup") ? (", " + std::to_string(dropped) + " duplicate images dropped").c_str() : "",
                static_cast<unsigned long long>(r.seed), s.idx_train.size(), s.idx_test.size());
    std::printf("val images with an identical copy in train: %zu\n", baseline::images_also_in(s.idx_test, s.idx_train));
}

void open_source(const Args& a, const BaselineRequest& r, BaselineSource& s) {
    if (r.idx) {
        split_idx(a, r, s);
        return;
    }
    s.project.emplace(store::Project::open(a.positional()[0], true));
    s.ds = s.project->resolve_dataset(a.positional()[1]);
    s.fill = baseline::dataset_fill(s.project->db(), s.ds);
    if (auto f = a.get("fill"); f && !flow::parse_fill_mode(*f, s.fill))
        throw ConfigError("--fill: expected repeat or zero, got '" + *f + "'");
}

// One round: every asked model trained on `train` and scored on `test`; with --name-rules each
// image model again with the train flows' server-name rules in front of it.
class BaselineRound {
public:
    BaselineRound(const BaselineRequest& r, BaselineSource& s, ProgressPrinter& printer, CancelToken& token)
        : r_(r), s_(s), printer_(printer), token_(token) {}

    bool quiet = false;  // per-round notes are printed for the first round only

    void operator()(const dataset::ImageSet& train_in, const dataset::ImageSet& test, bool masked,
                    std::vector<baseline::ResultRow>& out) {
        const dataset::ImageSet capped = cap_per_capture(train_in);
        const dataset::ImageSet& kept = capped.size() ? capped : train_in;
        // --shuffle-labels: a sanity control; trained on shuffled labels every model must fall to chance.
        dataset::ImageSet shuffled;
        if (r_.shuffle_labels) shuffled = baseline::shuffle_labels(kept, r_.seed);
        const dataset::ImageSet& train = r_.shuffle_labels ? shuffled : kept;
        const std::size_t first = out.size();
        baseline::score_image_baselines(train, test, masked, r_.bo, r_.idx ? nullptr : &s_.project->db(), out,
                                        printer_.fn(), &token_);
        if (r_.cnn) score_cnn(train, test, masked, out);
        if (r_.name_rules) add_name_rules(train, test, masked, first, out);
    }

private:
    // --max-per-capture: the training flows of each class limited per capture file (empty: not asked).
    dataset::ImageSet cap_per_capture(const dataset::ImageSet& train_in) const {
        dataset::ImageSet capped;
        if (r_.max_per_capture == 0) return capped;
        std::size_t dropped = 0;
        capped = baseline::cap_per_capture(train_in, baseline::capture_ids(s_.project->db(), train_in.flow_ids),
                                           r_.max_per_capture, r_.seed, &dropped);
        if (!quiet)
            std::printf("training flows limited to %zu per class and capture: %zu left out\n", r_.max_per_capture,
                        dropped);
        return capped;
    }

    void score_cnn(const dataset::ImageSet& train, const dataset::ImageSet& test, bool masked,
                   std::vector<baseline::ResultRow>& out) {
        auto t0 = std::chrono::steady_clock::now();
        std::size_t copies = 0;
        auto pred = r_.balance ? cnn_scorer()(baseline::oversample_to_mean(train, r_.seed, &copies), test, r_.co,
                                              printer_.fn(), &token_)
                               : cnn_scorer()(train, test, r_.co, printer_.fn(), &token_);
        if (r_.balance && !quiet)
            std::printf("balanced CNN training set: %zu copies of small-class images added\n", copies);
        const std::string model = "CNN model " + std::to_string(r_.co.model) + ", " + std::to_string(r_.co.epochs) +
                                  " epochs" + (r_.balance ? ", balanced" : "");
        auto sc = baseline::score(test.labels, pred, train.classes.size());
        out.push_back({model, masked, std::move(sc), seconds_since(t0), std::move(pred)});
    }

    // The splits were loaded with their flows' names (dataset::load_split).
    void add_name_rules(const dataset::ImageSet& train, const dataset::ImageSet& test, bool masked,
                        std::size_t first, std::vector<baseline::ResultRow>& out) const {
        const auto n_classes = train.classes.size();
        const auto rules = baseline::NameRules::fit(train.names, train.labels, n_classes);
        const std::size_t end = out.size();
        for (std::size_t r = first; r < end; ++r) {
            if (!out[r].image_model || out[r].predicted.size() != test.size()) continue;
            std::vector<char> by_rule;
            auto hybrid = rules.apply(test.names, out[r].predicted, &by_rule);
            if (r == first && !quiet) {
                std::size_t decided = 0;
                for (char b : by_rule) decided += b != 0;
                std::printf("name rules: %zu from the train flows; they decide %zu of %zu scored flows\n",
                            rules.size(), decided, test.size());
            }
            auto sc = baseline::score(test.labels, hybrid, n_classes);
            out.push_back({out[r].model + " + name rules", masked, std::move(sc), out[r].seconds, std::move(hybrid)});
        }
    }

    const BaselineRequest& r_;
    BaselineSource& s_;
    ProgressPrinter& printer_;
    CancelToken& token_;
};

// The rows of every round and the classes they are scored over.
struct BaselineTable {
    std::vector<baseline::ResultRow> rows;
    std::vector<std::string> classes;
};

void print_fold(const BaselineRequest& r, const BaselineSource& s, bool masked, BaselineRound& round,
                const baseline::FoldInfo& f) {
    if (f.fold == 0) {
        if (!masked) {
            std::printf("dataset %lld: %zu classes, %zu flows from %zu captures, fill %s; %d folds "
                        "by capture (seed %llu)\n",
                        static_cast<long long>(s.ds), f.classes, f.flows, f.all_captures,
                        std::string(flow::fill_mode_name(s.fill)).c_str(), r.folds,
                        static_cast<unsigned long long>(r.seed));
        }
    } else {
        round.quiet = true;
    }
    std::printf("fold %d: %zu captures, %zu train / %zu scored flows\n", f.fold + 1, f.captures, f.train, f.scored);
    std::fflush(stdout);
}

// Cross-validation by capture: pooled predictions of K rounds, each scoring one fold.
void run_folds(const BaselineRequest& r, BaselineSource& s, bool masked, BaselineRound& round, CancelToken& token,
               BaselineTable& table) {
    baseline::CrossValidationOptions cvo;
    cvo.folds = r.folds;
    cvo.seed = r.seed;
    cvo.fill = s.fill;
    cvo.payload_bytes = r.payload_bytes;
    cvo.masked = masked;
    if (!r.folds_of.empty()) cvo.splits = r.folds_of;
    auto cv = baseline::cross_validate(
        s.project->db(), s.ds, cvo, std::ref(round),
        [&](const baseline::FoldInfo& f) { print_fold(r, s, masked, round, f); }, &token);
    round.quiet = false;
    if (!masked) {
        table.classes = cv.classes;
        if (!cv.single_capture_classes.empty()) {
            std::string names;
            for (const auto& c : cv.single_capture_classes) names += (names.empty() ? "" : ", ") + c;
            std::printf("%zu classes come from a single capture (no model can learn them for an unseen "
                        "capture): %s\n",
                        cv.single_capture_classes.size(), names.c_str());
        }
    } else {
        std::printf("masked names: %zu of %zu flows (%zu with a name, %zu bytes)\n", cv.mask_stats.masked,
                    cv.mask_stats.flows, cv.mask_stats.with_name, cv.mask_stats.bytes);
    }
    for (auto& row : cv.rows) table.rows.push_back(std::move(row));
}

// The dataset's train split and the scored split, with or without the names masked.
void load_splits(const Args& a, const BaselineRequest& r, BaselineSource& s, bool masked, dataset::ImageSet& train,
                 dataset::ImageSet& test, BaselineTable& table) {
    baseline::MaskStats train_stats, test_stats;
    auto& db = s.project->db();
    train = baseline::load_split_with(db, s.ds, "train", s.fill, masked, &train_stats, r.payload_bytes);
    test = baseline::load_split_with(db, s.ds, r.split, s.fill, masked, &test_stats, r.payload_bytes);
    if (train.size() == 0 || test.size() == 0)
        throw ConfigError("dataset " + a.positional()[1] + ": the train or " + r.split + " split is empty");
    if (!masked) {
        table.classes = train.classes;
        std::printf("dataset %lld: %zu classes, %zu train / %zu %s flows, fill %s\n", static_cast<long long>(s.ds),
                    table.classes.size(), train.size(), test.size(), r.split.c_str(),
                    std::string(flow::fill_mode_name(s.fill)).c_str());
        std::printf("%s images with an identical copy in train: %zu\n", r.split.c_str(),
                    baseline::images_also_in(test, train));
    } else {
        std::printf(
            "masked names: train %zu of %zu flows (%zu with a name, %zu bytes), %s %zu of "
            "%zu (%zu "
            "with a name, %zu bytes)\n",
            train_stats.masked, train_stats.flows, train_stats.with_name, train_stats.bytes, r.split.c_str(),
            test_stats.masked, test_stats.flows, test_stats.with_name, test_stats.bytes);
    }
}

// One round on the split (or the IDX pair), with or without the names masked.
void run_split(const Args& a, const BaselineRequest& r, BaselineSource& s, bool masked, BaselineRound& round,
               BaselineTable& table) {
    dataset::ImageSet train, test;
    if (r.idx) {
        train = std::move(s.idx_train);
        test = std::move(s.idx_test);
        table.classes = train.classes;
    } else {
        load_splits(a, r, s, masked, train, test, table);
    }
    std::fflush(stdout);
    round(train, test, masked, table.rows);
}

void print_table(const BaselineRequest& r, const BaselineSource& s, const BaselineTable& table) {
    const auto& rows = table.rows;
    const auto& classes = table.classes;
    if (r.shuffle_labels)
        std::printf("\nsanity control: every model was trained on shuffled labels (seed %llu); a score above the "
                    "majority class's is an artefact of the measurement, not learning\n",
                    static_cast<unsigned long long>(r.seed));
    std::size_t present = 0;
    if (!rows.empty())
        for (auto n : rows.front().scores.support) present += n > 0;
    std::printf("\nmacro-F1 = mean F1 over the %zu of %zu classes with %s flows\n", present, classes.size(),
                r.idx         ? "held-out"
                : r.folds > 0 ? "scored"
                              : r.split.c_str());
    if (r.idx) {
        std::printf("scored on the held-out images\n%s", baseline::format_results(rows, classes).c_str());
        return;
    }
    const std::string images =
        std::string(flow::fill_mode_name(s.fill)) + " fill" +
        (r.payload_bytes > 0 ? ", first " + std::to_string(r.payload_bytes) + " payload bytes" : "") +
        (r.max_per_capture > 0
             ? "; trained on <= " + std::to_string(r.max_per_capture) + " flows per class and capture"
             : "");
    if (r.folds > 0)
        std::printf("scored on every flow, each by the models of the fold that left its capture "
                    "out (%s)\n%s",
                    images.c_str(), baseline::format_results(rows, classes).c_str());
    else
        std::printf("scored on the %s split (%s)\n%s", r.split.c_str(), images.c_str(),
                    baseline::format_results(rows, classes).c_str());
}

void write_csv(const Args& a, const BaselineTable& table) {
    auto path = a.get("csv");
    if (!path) return;
    std::ofstream out(*path, std::ios::binary | std::ios::trunc);
    out << baseline::results_csv(table.rows, table.classes);
    if (!out) throw IoError("cannot write " + *path);
    std::printf("wrote %s\n", path->c_str());
}

int run_baseline(const std::vector<std::string>& argv) {
    Args a(argv,
           {"knn", "metric", "fill", "split", "model", "epochs", "seed", "threads", "csv", "idx",
            "val-fraction", "lr-schedule", "weight-decay", "label-smoothing", "folds", "folds-of", "payload-bytes", "max-per-capture",
            "rounds", "max-depth", "hold-out-classes", "hold-out-rounds", "threshold"},
           {"logreg", "name-only", "mask-names", "all", "dedup", "cnn", "balance", "name-rules", "gbt", "shuffle-labels"});
    if (a.has("hold-out-classes")) return run_leave_out(a);
    const BaselineRequest r = read_request(a);
    BaselineSource s;
    open_source(a, r, s);

    CancelToken token;
    CancelOnSigint sigint(token);
    ProgressPrinter printer;
    BaselineRound round(r, s, printer, token);
    BaselineTable table;
    for (bool masked : {false, true}) {
        if (masked && !r.mask) break;
        if (r.folds > 0)
            run_folds(r, s, masked, round, token, table);
        else
            run_split(a, r, s, masked, round, table);
        printer.done();
    }
    print_table(r, s, table);
    write_csv(a, table);
    return 0;
}

CommandRegistrar reg(
    {"baseline",
     "score k-NN, logistic regression and name-only baselines (and the CNN) on a dataset", kUsage,
     run_baseline});

}  // namespace
}  // namespace flowcnn::cli
