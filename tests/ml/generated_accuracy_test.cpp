// Accuracy of the paper's Model 5 on the generated ten-application data set, at a size that runs
// in about a minute on two cores: 300 train / 100 validation flows per application, Adam 1e-3,
// batch 64, 4 epochs, fixed seeds. The paper-sized check (1000/300) is
// ProjectRun.PaperSizedGeneratedDataset in project_test.cpp (FLOWCNN_SLOW_TESTS=1).
// The run learns server-name rules too (train --name-rules): the CNN's own accuracy is the epochs'
// validation metric and an evaluation without names; the stored evaluation is Model 5 + rules.
#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>

#include "engine/dataset/dataset_loader.h"
#include "engine/dataset/split.h"
#include "engine/eval/evaluate.h"
#include "engine/generator/traffic_generator.h"
#include "engine/hparams/hparams.h"
#include "engine/store/importer.h"
#include "engine/store/project.h"
#include "engine/store/evaluations.h"
#include "engine/train/run_store.h"

using namespace flowcnn;
namespace fs = std::filesystem;

TEST(GeneratedAccuracy, Model5SmallSplit) {
    fs::path dir = fs::path(testing::TempDir()) / "flowcnn-ml-accuracy";
    fs::remove_all(dir);
    fs::create_directories(dir);
    generator::GeneratorOptions g;
    g.flows_per_app = 400;
    g.seed = 1;
    generator::generate_dataset((dir / "caps").string(), g);
    auto project = store::Project::create((dir / "p.flowcnn").string());
    store::import_folder(project, (dir / "caps").string(), store::ImportOptions{});
    dataset::SplitOptions so;
    so.train_count = 300;
    so.val_count = 100;
    so.seed = 1;
    auto ds = dataset::make_dataset(project, "small", so);
    ASSERT_EQ(ds.classes.size(), 10u);
    ASSERT_EQ(ds.train, 3000);
    ASSERT_EQ(ds.val, 1000);

    train::TrainOptions o;
    o.epochs = 4;
    o.batch = 64;
    o.lr = 1e-3;
    o.seed = 1;
    o.threads = 0;
    o.name_rules = true;
    auto run = train::train_in_project(project.db(), ds.dataset_id, model::paper_model(5), o);
    auto summary = store::get_run(project.db(), run.run_id);
    ASSERT_TRUE(summary.val_acc);
    auto epochs = train::run_epochs(project.db(), run.run_id);
    ASSERT_EQ(epochs.size(), 4u);
    for (const auto& e : epochs)
        std::printf("epoch %d: train acc %.4f, val acc %.4f\n", e.epoch, e.train_acc, e.val_acc);

    // A guard at what the generated data supports today (see the README's generator section), not
    // the goal of 0.99: with 300 flows per class and 4 epochs Model 5 measured 0.942 here.
    EXPECT_GE(*summary.val_acc, 0.93) << "Model 5 validation accuracy on the generated data set";

    // The CNN alone: the validation split without server names, so no rule applies.
    auto val = dataset::load_split(project.db(), ds.dataset_id, "val");
    ASSERT_EQ(val.size(), 1000u);
    val.names.clear();
    auto cnn = eval::evaluate(run.result.model_file, val, "val");
    EXPECT_EQ(cnn.decided_by_name_rules, 0u);
    EXPECT_NEAR(cnn.metrics.accuracy, *summary.val_acc, 1e-9);
    // Every application is learnt, not just the easy ones (chance is 0.1; Zum, the hardest, 0.74).
    for (const auto& c : cnn.metrics.per_class) EXPECT_GE(c.recall, 0.65) << c.label;

    // Model 5 with the train split's server-name rules: the 99% (measured 0.994 here; the
    // rules decide the flows whose bytes differ from another application's only in the name).
    ASSERT_GT(run.name_rules, 0u);
    ASSERT_FALSE(run.evaluation_ids.empty());
    auto hybrid = store::get_evaluation(project.db(), run.evaluation_ids[0]);
    EXPECT_EQ(hybrid.split, "val");
    std::printf("CNN alone %.4f, with %zu server-name rules %.4f\n", cnn.metrics.accuracy,
                run.name_rules, hybrid.accuracy);
    EXPECT_GE(hybrid.accuracy, 0.99) << "Model 5 + server-name rules on the generated data set";
}
