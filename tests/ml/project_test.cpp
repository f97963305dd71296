// The model engine inside a project: generated ten-application captures -> import -> dataset ->
// training run (cancelled, then resumed from its checkpoint) -> stored model, epochs, batch
// losses, evaluations and predictions -> classification of a capture into the project and files.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "engine/classify/classify.h"
#include "engine/common/error.h"
#include "engine/dataset/dataset_loader.h"
#include "engine/dataset/split.h"
#include "engine/eval/evaluate.h"
#include "engine/explain/saliency.h"
#include "engine/generator/traffic_generator.h"
#include "engine/model/classifier.h"
#include "engine/common/json.h"
#include "engine/store/importer.h"
#include "engine/store/project.h"
#include "engine/store/evaluations.h"
#include "engine/train/run_store.h"

using namespace flowcnn;
namespace fs = std::filesystem;

namespace {

std::int64_t count(store::Database& db, const std::string& sql, std::int64_t id) {
    auto q = db.prepare(sql);
    q.bind(1, id);
    EXPECT_TRUE(q.step());
    return q.int64(0);
}

// Generated captures of the ten applications in `dir`/caps, imported into a new project with a
// 70/30 dataset "apps".
struct GeneratedProject {
    std::vector<generator::GeneratedFile> files;
    store::Project project;
    dataset::MakeDatasetResult ds;
};
GeneratedProject generated_project(const fs::path& dir, int flows_per_app, int flows_per_file, std::uint64_t seed,
                                   flow::FillMode fill) {
    fs::remove_all(dir);
    fs::create_directories(dir);
    generator::GeneratorOptions g;
    g.flows_per_app = flows_per_app;
    g.flows_per_file = flows_per_file;
    g.seed = seed;
    auto files = generator::generate_dataset((dir / "caps").string(), g);
    auto project = store::Project::create((dir / "p.flowcnn").string());
    store::import_folder(project, (dir / "caps").string(), store::ImportOptions{});
    dataset::SplitOptions so;
    so.by_counts = false;
    so.train_fraction = 0.7;
    so.val_fraction = 0.3;
    so.fill = fill;
    auto ds = dataset::make_dataset(project, "apps", so);
    return {std::move(files), std::move(project), std::move(ds)};
}

}  // namespace

TEST(ProjectRun, GeneratedAppsTrainResumeEvaluateClassify) {
    fs::path dir = fs::path(testing::TempDir()) / "flowcnn-ml-project";
    auto gp = generated_project(dir, 100, 50, 3, flow::FillMode::Repeat);
    auto& files = gp.files;
    auto& project = gp.project;
    auto& ds = gp.ds;
    ASSERT_FALSE(files.empty());
    ASSERT_EQ(ds.classes.size(), 10u);
    auto& db = project.db();

    // A run cancelled after its first epoch ...
    train::TrainOptions o;
    o.epochs = 5;
    o.batch = 16;
    o.threads = 2;
    o.seed = 1;
    o.batch_loss_every = 5;
    CancelToken token;
    train::TrainCallbacks cb;
    cb.on_epoch = [&](const train::EpochMetrics&) { token.cancel(); };
    auto first = train::train_in_project(db, ds.dataset_id, model::paper_model(5), o, cb, &token);
    EXPECT_EQ(first.status, "cancelled");
    EXPECT_EQ(store::get_run(db, first.run_id).status, "cancelled");
    EXPECT_EQ(train::run_epochs(db, first.run_id).size(), 1u);
    EXPECT_EQ(count(db, "SELECT epoch FROM checkpoints WHERE run_id=?", first.run_id), 1);
    EXPECT_FALSE(first.model_id);

    // ... continues from its checkpoint to the end.
    std::vector<int> resumed_epochs;
    train::TrainCallbacks cb2;
    cb2.on_epoch = [&](const train::EpochMetrics& e) { resumed_epochs.push_back(e.epoch); };
    auto run = train::resume_in_project(db, first.run_id, cb2);
    EXPECT_EQ(run.run_id, first.run_id);
    EXPECT_EQ(run.status, "complete");
    EXPECT_EQ(resumed_epochs, (std::vector<int>{2, 3, 4, 5}));
    auto summary = store::get_run(db, run.run_id);
    EXPECT_EQ(summary.status, "complete");
    EXPECT_EQ(summary.epochs_done, 5);
    ASSERT_TRUE(summary.val_acc);
    // 70 flows per class and 5 epochs: far from the paper's 1000 per class, but clearly learning
    // (chance is 0.1). The paper-sized check is PaperSizedGeneratedDataset below.
    EXPECT_GE(*summary.val_acc, 0.3) << "val accuracy on the small generated data set";
    auto epochs = train::run_epochs(db, run.run_id);
    EXPECT_LT(epochs.back().train_loss, epochs.front().train_loss);
    ASSERT_TRUE(summary.model_id);
    EXPECT_EQ(epochs.size(), 5u);
    EXPECT_GE(store::run_batch_losses(db, run.run_id).size(), 5u);
    EXPECT_THROW(train::resume_in_project(db, run.run_id), ConfigError);
    ASSERT_EQ(store::list_runs(db).size(), 1u);

    // The model file records the dataset's preprocessing.
    auto bytes = store::run_model_bytes(db, run.run_id);
    model::Classifier clf(bytes, 2);
    EXPECT_EQ(clf.info().classes, ds.classes);
    EXPECT_EQ(clf.info().preprocessing.fill, flow::FillMode::Repeat);
    EXPECT_EQ(clf.info().preprocessing.direction, flow::Direction::Both);

    // Evaluations of val and train, with one prediction per flow.
    ASSERT_EQ(run.evaluation_ids.size(), 2u);
    auto ev = store::get_evaluation(db, run.evaluation_ids[0]);
    EXPECT_EQ(ev.split, "val");
    EXPECT_NEAR(ev.accuracy, *summary.val_acc, 1e-9);
    EXPECT_EQ(count(db, "SELECT COUNT(*) FROM predictions WHERE evaluation_id=?", ev.id), ds.val);
    auto wrong = eval::misclassified(db, ev.id);
    EXPECT_EQ(static_cast<std::int64_t>(wrong.size()), ev.metrics.total - ev.metrics.correct);
    EXPECT_EQ(store::list_evaluations(db, run.run_id).size(), 2u);

    // Classifying a capture of one application: into the project and to files.
    const auto& file = files.back();
    auto pc = classify::classify_into_project(project, clf, summary.model_id, file.path,
                                              classify::ClassifyOptions{});
    ASSERT_FALSE(pc.result.flows.empty());
    EXPECT_GT(pc.result.counts[file.label], static_cast<std::int64_t>(pc.result.flows.size() / 10))
        << file.label;  // better than chance
    EXPECT_EQ(count(db, "SELECT COUNT(*) FROM classified_flows WHERE classification_id=?", pc.classification_id),
              static_cast<std::int64_t>(pc.result.flows.size()));
    for (auto& f : pc.result.flows) {
        ASSERT_EQ(f.top3.size(), 3u);
        EXPECT_GE(f.top3[0].second, f.top3[1].second);
        EXPECT_EQ(f.label == classify::kUnknownLabel, f.confidence < 0.5f);
    }
    auto direct = classify::classify_capture(clf, file.path, classify::ClassifyOptions{});
    EXPECT_EQ(direct.flows.size(), pc.result.flows.size());
    EXPECT_EQ(direct.counts, pc.result.counts);
    classify::ClassifyOptions strict;
    strict.threshold = 1.0;
    auto all_unknown = classify::classify_capture(clf, file.path, strict);
    EXPECT_GE(all_unknown.counts[classify::kUnknownLabel], 1);
    classify::write_csv(direct, (dir / "out.csv").string());
    classify::write_json(direct, clf.info(), 0.5, (dir / "out.json").string());
    std::ifstream js(dir / "out.json");
    std::string text((std::istreambuf_iterator<char>(js)), std::istreambuf_iterator<char>());
    auto j = model::Json::parse(text);
    EXPECT_EQ(j.at("flows").size(), direct.flows.size());
    std::ifstream csv(dir / "out.csv");
    std::size_t lines = 0;
    for (std::string line; std::getline(csv, line);) ++lines;
    EXPECT_EQ(lines, direct.flows.size() + 1);

    // With server-name rules: the model file carries rules learnt from the train split, the
    // evaluations and classification apply them (the generated apps' flows carry their SNI/Host).
    train::TrainOptions ro = o;
    ro.epochs = 1;
    ro.name_rules = true;
    auto hybrid = train::train_in_project(db, ds.dataset_id, model::paper_model(5), ro);
    ASSERT_EQ(hybrid.status, "complete");
    EXPECT_GT(hybrid.name_rules, 0u);
    model::Classifier hclf(store::run_model_bytes(db, hybrid.run_id), 2);
    EXPECT_EQ(hclf.info().name_rules.size(), hybrid.name_rules);
    EXPECT_TRUE(train::TrainOptions::from_json(hclf.info().train_json).name_rules);
    auto val = dataset::load_split(db, ds.dataset_id, "val");
    ASSERT_EQ(val.names.size(), val.size());
    auto hev = eval::evaluate(hclf, val, "val");
    EXPECT_GT(hev.decided_by_name_rules, 0u);
    auto hc = classify::classify_capture(hclf, file.path, classify::ClassifyOptions{});
    std::size_t by_rule = 0;
    for (auto& f : hc.flows) {
        if (!f.by_name_rule) continue;
        ++by_rule;
        const auto* rule = hclf.info().name_rules.match(flow::server_name(f.record.sni, f.record.http_host));
        ASSERT_NE(rule, nullptr);
        EXPECT_EQ(f.predicted_index, rule->class_index);
    }
    EXPECT_GT(by_rule, 0u);
}

// A k-NN model as a run: stored like a CNN run (run row, one epoch, model, val and train
// evaluations), listed as "1-NN hamming", refused by resume, used by classify with its name rules,
// and explained by occlusion (not by gradients).
TEST(ProjectRun, KnnModelIsARunLikeACnn) {
    auto gp = generated_project(fs::path(testing::TempDir()) / "flowcnn-ml-knn", 30, 30, 5, flow::FillMode::Zero);
    auto& files = gp.files;
    auto& project = gp.project;
    auto& ds = gp.ds;
    ASSERT_FALSE(files.empty());
    auto& db = project.db();

    train::KnnRunOptions ko;
    ko.name_rules = true;
    ko.threads = 2;
    train::ProjectRunOptions ro;
    ro.name = "nearest";
    auto r = train::knn_in_project(db, ds.dataset_id, ko, nullptr, ro);
    ASSERT_EQ(r.status, "complete");
    ASSERT_TRUE(r.model_id);
    ASSERT_EQ(r.evaluation_ids.size(), 2u);
    EXPECT_GT(r.name_rules, 0u);
    auto run = store::get_run(db, r.run_id);
    EXPECT_EQ(run.kind, model::ModelKind::Knn);
    EXPECT_EQ(train::describe_run_model(run), "1-NN hamming");
    EXPECT_EQ(run.status, "complete");
    EXPECT_EQ(run.epochs_done, 1);
    ASSERT_TRUE(run.val_acc && run.train_acc);
    // Every training flow is its own nearest neighbour; a name rule may still overrule one.
    EXPECT_GE(*run.train_acc, 0.95);
    EXPECT_GT(*run.val_acc, 0.5);           // ten generated apps: chance is 0.1
    EXPECT_EQ(train::run_epochs(db, r.run_id).size(), 1u);
    auto ev = store::get_evaluation(db, r.evaluation_ids[0]);
    EXPECT_EQ(ev.split, "val");
    EXPECT_NEAR(ev.accuracy, *run.val_acc, 1e-9);
    EXPECT_EQ(count(db, "SELECT COUNT(*) FROM predictions WHERE evaluation_id=?", ev.id), ds.val);
    try {
        train::resume_in_project(db, r.run_id);
        FAIL() << "a k-NN run was resumed";
    } catch (const ConfigError& e) {
        EXPECT_NE(std::string(e.what()).find("k-NN"), std::string::npos) << e.what();
    }

    // The model file: the dataset's preprocessing, its train split, the rules.
    model::Classifier clf(store::run_model_bytes(db, r.run_id), 2);
    EXPECT_EQ(clf.info().kind, model::ModelKind::Knn);
    EXPECT_EQ(clf.info().preprocessing.fill, flow::FillMode::Zero);
    EXPECT_EQ(clf.info().name_rules.size(), r.name_rules);
    EXPECT_EQ(clf.info().name, "nearest");
    auto val = dataset::load_split(db, ds.dataset_id, "val");
    EXPECT_NEAR(eval::evaluate(clf, val, "val").metrics.accuracy, *run.val_acc, 1e-9);

    // Classifying a capture with it, into the project.
    const auto& file = files.back();
    auto pc = classify::classify_into_project(project, clf, r.model_id, file.path, classify::ClassifyOptions{});
    ASSERT_FALSE(pc.result.flows.empty());
    EXPECT_GT(pc.result.counts[file.label], static_cast<std::int64_t>(pc.result.flows.size() / 2)) << file.label;

    // Explanations: occlusion works for any model; gradients need a CNN.
    const auto bytes = store::run_model_bytes(db, r.run_id);
    std::span<const std::uint8_t> image(val.image(0), flow::kImageBytes);
    auto occ = explain::saliency(bytes, image, explain::Method::Occlusion);
    EXPECT_EQ(occ.map.size(), flow::kImageBytes);
    EXPECT_EQ(occ.predicted_label, clf.info().classes[static_cast<std::size_t>(clf.predict(val.image(0), 1)[0].index)]);
    EXPECT_THROW(explain::saliency(bytes, image, explain::Method::Gradient), ConfigError);
    // Its own explanation: the nearest training flows, with project flow ids in the split's order.
    auto train_split = dataset::load_split(db, ds.dataset_id, "train");
    std::span<const std::uint8_t> own(train_split.image(3), flow::kImageBytes);
    auto nearest = explain::nearest_training_flows(bytes, own, 2, train_split.flow_ids);
    ASSERT_EQ(nearest.size(), 2u);
    EXPECT_EQ(nearest[0].distance, 0u);  // a training flow is its own nearest
    EXPECT_EQ(nearest[0].label, ds.classes[static_cast<std::size_t>(train_split.labels[3])]);
    EXPECT_GE(nearest[1].distance, nearest[0].distance);
    bool found = false;
    for (std::size_t i = 0; i < train_split.size(); ++i)
        found = found || (train_split.flow_ids[i] == nearest[0].flow_id &&
                          std::equal(own.begin(), own.end(), train_split.image(i)));
    EXPECT_TRUE(found) << "flow " << nearest[0].flow_id;
    EXPECT_EQ(explain::nearest_training_flows(bytes, own, 1)[0].flow_id, 0);  // ids unknown

    // A model too large to store is refused before any row is written, with what to do.
    train::KnnRunOptions huge = ko;
    huge.max_model_bytes = 1000;
    try {
        train::knn_in_project(db, ds.dataset_id, huge);
        FAIL() << "an oversized k-NN model was built";
    } catch (const ConfigError& e) {
        EXPECT_NE(std::string(e.what()).find("fewer training flows"), std::string::npos) << e.what();
    }

    // Listed with the other runs.
    auto runs = store::list_runs(db);
    ASSERT_EQ(runs.size(), 1u);
    EXPECT_EQ(runs[0].hparams_json, train::knn_hparams_json(ko.params));
}

// The paper's setting on generated data: 1000 train / 300 val flows per application, Model 5
// alone (no name rules), with the workbench's zero fill and cosine schedule over 10 epochs
// (measured 99.00% with seed 1 and 99.03% with seed 2; the paper's repeat fill and constant rate
// stay near 98.4%: see the README's generator section). Slow on a small machine (minutes), so it
// runs only with FLOWCNN_SLOW_TESTS=1.
TEST(ProjectRun, PaperSizedGeneratedDataset) {
    if (!std::getenv("FLOWCNN_SLOW_TESTS")) GTEST_SKIP() << "set FLOWCNN_SLOW_TESTS=1 to run";
    fs::path dir = fs::path(testing::TempDir()) / "flowcnn-ml-paper";
    fs::remove_all(dir);
    fs::create_directories(dir);
    generator::GeneratorOptions g;
    generator::generate_dataset((dir / "caps").string(), g);
    auto project = store::Project::create((dir / "p.flowcnn").string());
    store::import_folder(project, (dir / "caps").string(), store::ImportOptions{});
    dataset::SplitOptions so;
    so.fill = flow::FillMode::Zero;
    auto ds = dataset::make_dataset(project, "paper", so);
    train::TrainOptions o;
    o.epochs = 10;
    o.lr_schedule = train::LrSchedule::Cosine;
    o.threads = 0;
    auto run = train::train_in_project(project.db(), ds.dataset_id, model::paper_model(5), o);
    auto summary = store::get_run(project.db(), run.run_id);
    ASSERT_TRUE(summary.val_acc);
    EXPECT_GE(*summary.val_acc, 0.99);
}
