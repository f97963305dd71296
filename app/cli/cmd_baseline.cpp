// flowcnn baseline: k-NN, logistic regression, name-only and (with --all) the CNN, trained on a
// dataset's train split and scored on its validation split, with and without the server names.
#include <chrono>
#include <cstdio>
#include <fstream>
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

int run_baseline(const std::vector<std::string>& argv) {
    Args a(argv,
           {"knn", "metric", "fill", "split", "model", "epochs", "seed", "threads", "csv", "idx",
            "val-fraction", "lr-schedule", "weight-decay", "label-smoothing", "folds", "folds-of", "payload-bytes", "max-per-capture",
            "rounds", "max-depth", "hold-out-classes", "hold-out-rounds", "threshold"},
           {"logreg", "name-only", "mask-names", "all", "dedup", "cnn", "balance", "name-rules", "gbt", "shuffle-labels"});
    if (a.has("hold-out-classes")) return run_leave_out(a);
    const bool idx = a.has("idx");
    if (idx)
        a.expect_positional(1, 1, "--idx IMAGES LABELS");
    else
        a.expect_positional(2, 2, "PROJECT DATASET");
    const bool all = a.flag("all");
    const bool cnn = a.flag("cnn") || all;
    bool knn = a.has("knn") || all, logreg = a.flag("logreg") || all,
         name_only = (a.flag("name-only") || all) && !idx;
    const bool gbt = (a.flag("gbt") || all) && !idx;
    if (a.flag("gbt") && idx) throw ConfigError("--gbt reads flow features: it needs a project (IDX files hold images)");
    if (!knn && !logreg && !name_only && !cnn && !gbt) {
        knn = logreg = true;
        name_only = !idx;
    }
    if (idx && (a.flag("name-only") || a.flag("mask-names")))
        throw ConfigError("--name-only and --mask-names need a project (IDX files carry no names)");
    const bool mask = (a.flag("mask-names") || all) && !idx;
    baseline::KnnOptions ko;
    ko.k = static_cast<int>(a.get_int("knn", 1, 1, 1000));
    if (auto m = a.get("metric"); m && !baseline::parse_distance(*m, ko.distance))
        throw ConfigError("--metric: expected hamming or l1, got '" + *m + "'");
    ko.threads = static_cast<int>(a.get_int("threads", 0, 0, 1024));
    const std::string split = a.get_or("split", "val");
    if (split != "val" && split != "test")
        throw ConfigError("--split: expected val or test, got '" + split + "'");
    const auto seed = static_cast<std::uint64_t>(a.get_int("seed", 1, 0, 9007199254740991LL));
    baseline::BaselineRunOptions bo;  // which image-free baselines, shared with the workbench
    bo.knn = knn;
    bo.knn_options = ko;
    bo.logreg = logreg;
    bo.logreg_options.seed = seed;
    bo.name_only = name_only;
    bo.gbt = gbt;
    bo.gbt_options.rounds = static_cast<int>(a.get_int("rounds", bo.gbt_options.rounds, 1, 100000));
    bo.gbt_options.max_depth = static_cast<int>(a.get_int("max-depth", bo.gbt_options.max_depth, 1, 32));
    bo.gbt_options.seed = seed;
    bo.gbt_options.balance = a.flag("balance");
    bo.gbt_options.threads = ko.threads;
    const bool shuffle_labels = a.flag("shuffle-labels");
    CnnBaselineOptions co;
    co.epochs = static_cast<int>(a.get_int("epochs", 10, 1, 100000));
    co.model = static_cast<int>(a.get_int("model", 5, 1, 5));
    const bool balance = a.flag("balance");
    const bool name_rules = a.flag("name-rules");
    if (name_rules && idx)
        throw ConfigError("--name-rules needs a project's server names (IDX files carry none)");
    const int folds = a.has("folds") ? static_cast<int>(a.get_int("folds", 5, 2, 100)) : 0;
    if (folds > 0 && idx)
        throw ConfigError("--folds splits by capture file: it needs a project, not IDX files");
    if (folds > 0 && a.has("split"))
        throw ConfigError("--folds scores every flow once: it takes no --split");
    const std::size_t max_per_capture = static_cast<std::size_t>(a.get_int("max-per-capture", 0, 0, 1000000000));
    if (max_per_capture > 0 && idx) throw ConfigError("--max-per-capture needs a project's capture files");
    const std::size_t payload_bytes = static_cast<std::size_t>(a.get_int("payload-bytes", 0, 1, 784));
    if (payload_bytes > 0 && idx) throw ConfigError("--payload-bytes needs a project's flows (IDX images are made)");
    std::vector<std::string> folds_of;  // --folds-of: the splits cross-validated (empty: all)
    if (auto of = a.get("folds-of"))
        for (const auto& part : cli::split(*of, ',')) {
            if (part.empty()) continue;
            if (part != "train" && part != "val" && part != "test")
                throw ConfigError("--folds-of: expected train, val and/or test, got '" + part + "'");
            folds_of.push_back(part);
        }
    bool quiet_rounds = false;  // per-round notes are printed for the first round only
    co.seed = seed;
    co.threads = ko.threads;
    if (auto v = a.get("lr-schedule")) {
        if (*v != "constant" && *v != "cosine")
            throw ConfigError("--lr-schedule: expected constant or cosine, got '" + *v + "'");
        co.cosine_lr = *v == "cosine";
    }
    co.weight_decay = a.get_double("weight-decay", 0.0, 0.0, 1.0);
    co.label_smoothing = a.get_double("label-smoothing", 0.0, 0.0, 0.99);
    if (cnn && !cnn_scorer())
        throw ConfigError("--all and --cnn need the CNN: this flowcnn was built without LibTorch");

    std::optional<store::Project> project;
    std::int64_t ds = 0;
    flow::FillMode fill = flow::FillMode::Repeat;
    dataset::ImageSet idx_train, idx_test;
    if (idx) {
        auto set = exporter::read_idx(*a.get("idx"), a.positional()[0]);
        std::size_t dropped = 0;
        if (a.flag("dedup")) set = baseline::drop_duplicate_images(set, &dropped);
        baseline::stratified_split(set, a.get_double("val-fraction", 0.2, 0.0, 0.99), seed,
                                   idx_train, idx_test);
        std::printf(
            "%s: %zu images, %zu classes%s; stratified split (seed %llu): %zu train / %zu val\n",
            a.get("idx")->c_str(), set.size() + dropped, set.classes.size(),
            a.flag("dedup") ? (", " + std::to_string(dropped) + " duplicate images dropped").c_str()
                            : "",
            static_cast<unsigned long long>(seed), idx_train.size(), idx_test.size());
        std::printf("val images with an identical copy in train: %zu\n",
                    baseline::images_also_in(idx_test, idx_train));
    } else {
        project.emplace(store::Project::open(a.positional()[0], true));
        ds = project->resolve_dataset(a.positional()[1]);
        fill = baseline::dataset_fill(project->db(), ds);
        if (auto f = a.get("fill"); f && !flow::parse_fill_mode(*f, fill))
            throw ConfigError("--fill: expected repeat or zero, got '" + *f + "'");
    }

    CancelToken token;
    CancelOnSigint sigint(token);
    ProgressPrinter printer;
    std::vector<baseline::ResultRow> rows;
    std::vector<std::string> classes;

    // One round: every asked model trained on `train` and scored on `test`; with --name-rules each
    // image model again with the train flows' server-name rules in front of it.
    auto evaluate = [&](const dataset::ImageSet& train_in, const dataset::ImageSet& test, bool masked,
                        std::vector<baseline::ResultRow>& out) {
        // --max-per-capture: the training flows of each class limited per capture file.
        dataset::ImageSet capped;
        if (max_per_capture > 0) {
            std::size_t dropped = 0;
            capped = baseline::cap_per_capture(train_in, baseline::capture_ids(project->db(), train_in.flow_ids),
                                               max_per_capture, seed, &dropped);
            if (!quiet_rounds)
                std::printf("training flows limited to %zu per class and capture: %zu left out\n",
                            max_per_capture, dropped);
        }
        const dataset::ImageSet& kept = capped.size() ? capped : train_in;
        // --shuffle-labels: a sanity control; trained on shuffled labels every model must fall to chance.
        dataset::ImageSet shuffled;
        if (shuffle_labels) shuffled = baseline::shuffle_labels(kept, seed);
        const dataset::ImageSet& train = shuffle_labels ? shuffled : kept;
        const std::size_t first = out.size();
        const auto n_classes = train.classes.size();
        baseline::score_image_baselines(train, test, masked, bo, idx ? nullptr : &project->db(),
                                        out, printer.fn(), &token);
        if (cnn) {
            auto t0 = std::chrono::steady_clock::now();
            std::size_t copies = 0;
            auto pred = balance ? cnn_scorer()(baseline::oversample_to_mean(train, seed, &copies),
                                               test, co, printer.fn(), &token)
                                : cnn_scorer()(train, test, co, printer.fn(), &token);
            if (balance && !quiet_rounds)
                std::printf("balanced CNN training set: %zu copies of small-class images added\n",
                            copies);
            const std::string model = "CNN model " + std::to_string(co.model) + ", " +
                                      std::to_string(co.epochs) + " epochs" +
                                      (balance ? ", balanced" : "");
            auto sc = baseline::score(test.labels, pred, n_classes);
            out.push_back({model, masked, std::move(sc), seconds_since(t0), std::move(pred)});
        }
        if (!name_rules) return;
        // The splits were loaded with their flows' names (dataset::load_split).
        const auto rules = baseline::NameRules::fit(train.names, train.labels, n_classes);
        const std::size_t end = out.size();
        for (std::size_t r = first; r < end; ++r) {
            if (!out[r].image_model || out[r].predicted.size() != test.size()) continue;
            std::vector<char> by_rule;
            auto hybrid = rules.apply(test.names, out[r].predicted, &by_rule);
            if (r == first && !quiet_rounds) {
                std::size_t decided = 0;
                for (char b : by_rule) decided += b != 0;
                std::printf(
                    "name rules: %zu from the train flows; they decide %zu of %zu scored flows\n",
                    rules.size(), decided, test.size());
            }
            auto sc = baseline::score(test.labels, hybrid, n_classes);
            out.push_back({out[r].model + " + name rules", masked, std::move(sc), out[r].seconds,
                           std::move(hybrid)});
        }
    };

    for (bool masked : {false, true}) {
        if (masked && !mask) break;
        baseline::MaskStats train_stats, test_stats;
        dataset::ImageSet train, test;
        if (folds > 0) {
            // Cross-validation by capture: pooled predictions of K rounds, each scoring one fold.
            baseline::CrossValidationOptions cvo;
            cvo.folds = folds;
            cvo.seed = seed;
            cvo.fill = fill;
            cvo.payload_bytes = payload_bytes;
            cvo.masked = masked;
            if (!folds_of.empty()) cvo.splits = folds_of;
            auto cv = baseline::cross_validate(
                project->db(), ds, cvo, evaluate,
                [&](const baseline::FoldInfo& f) {
                    if (f.fold == 0) {
                        if (!masked) {
                            std::printf("dataset %lld: %zu classes, %zu flows from %zu captures, fill %s; %d folds "
                                        "by capture (seed %llu)\n",
                                        static_cast<long long>(ds), f.classes, f.flows, f.all_captures,
                                        std::string(flow::fill_mode_name(fill)).c_str(), folds,
                                        static_cast<unsigned long long>(seed));
                        }
                    } else {
                        quiet_rounds = true;
                    }
                    std::printf("fold %d: %zu captures, %zu train / %zu scored flows\n", f.fold + 1, f.captures,
                                f.train, f.scored);
                    std::fflush(stdout);
                },
                &token);
            quiet_rounds = false;
            if (!masked) {
                classes = cv.classes;
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
            for (auto& r : cv.rows) rows.push_back(std::move(r));
            printer.done();
            continue;
        }
        if (idx) {
            train = std::move(idx_train);
            test = std::move(idx_test);
            classes = train.classes;
        } else {
            auto& db = project->db();
            train = baseline::load_split_with(db, ds, "train", fill, masked, &train_stats, payload_bytes);
            test = baseline::load_split_with(db, ds, split, fill, masked, &test_stats, payload_bytes);
            if (train.size() == 0 || test.size() == 0)
                throw ConfigError("dataset " + a.positional()[1] + ": the train or " + split +
                                  " split is empty");
            if (!masked) {
                classes = train.classes;
                std::printf("dataset %lld: %zu classes, %zu train / %zu %s flows, fill %s\n",
                            static_cast<long long>(ds), classes.size(), train.size(), test.size(),
                            split.c_str(), std::string(flow::fill_mode_name(fill)).c_str());
                std::printf("%s images with an identical copy in train: %zu\n", split.c_str(),
                            baseline::images_also_in(test, train));
            } else {
                std::printf(
                    "masked names: train %zu of %zu flows (%zu with a name, %zu bytes), %s %zu of "
                    "%zu (%zu "
                    "with a name, %zu bytes)\n",
                    train_stats.masked, train_stats.flows, train_stats.with_name, train_stats.bytes,
                    split.c_str(), test_stats.masked, test_stats.flows, test_stats.with_name,
                    test_stats.bytes);
            }
        }
        std::fflush(stdout);
        evaluate(train, test, masked, rows);
        printer.done();
    }
    if (shuffle_labels)
        std::printf("\nsanity control: every model was trained on shuffled labels (seed %llu); a score above the "
                    "majority class's is an artefact of the measurement, not learning\n",
                    static_cast<unsigned long long>(seed));
    std::size_t present = 0;
    if (!rows.empty())
        for (auto n : rows.front().scores.support) present += n > 0;
    std::printf("\nmacro-F1 = mean F1 over the %zu of %zu classes with %s flows\n", present,
                classes.size(),
                idx         ? "held-out"
                : folds > 0 ? "scored"
                            : split.c_str());
    if (idx)
        std::printf("scored on the held-out images\n%s",
                    baseline::format_results(rows, classes).c_str());
    else {
        const std::string images =
            std::string(flow::fill_mode_name(fill)) + " fill" +
            (payload_bytes > 0 ? ", first " + std::to_string(payload_bytes) + " payload bytes" : "") +
            (max_per_capture > 0
                 ? "; trained on <= " + std::to_string(max_per_capture) + " flows per class and capture"
                 : "");
        if (folds > 0)
            std::printf("scored on every flow, each by the models of the fold that left its capture "
                        "out (%s)\n%s",
                        images.c_str(), baseline::format_results(rows, classes).c_str());
        else
            std::printf("scored on the %s split (%s)\n%s", split.c_str(), images.c_str(),
                        baseline::format_results(rows, classes).c_str());
    }
    if (auto path = a.get("csv")) {
        std::ofstream out(*path, std::ios::binary | std::ios::trunc);
        out << baseline::results_csv(rows, classes);
        if (!out) throw IoError("cannot write " + *path);
        std::printf("wrote %s\n", path->c_str());
    }
    return 0;
}

CommandRegistrar reg(
    {"baseline",
     "score k-NN, logistic regression and name-only baselines (and the CNN) on a dataset", kUsage,
     run_baseline});

}  // namespace
}  // namespace flowcnn::cli
